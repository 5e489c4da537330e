// Preloaded into the okr command by test/cliBin.test.ts (node --require this-file): a temporary
// file's fsync never finishes, so the test can interrupt the command while its temporary file is
// on disk. The command itself knows nothing of it: only this test process's fs/promises changes.
/* global require, setInterval */
const promises = require("node:fs/promises");

const open = promises.open;
promises.open = async function openStalled(path, ...rest) {
  const handle = await open.call(this, path, ...rest);
  if (String(path).endsWith(".tmp")) {
    // Pending for ever; the interval keeps the process alive until a signal ends it.
    handle.sync = () => new Promise(() => setInterval(() => undefined, 1000));
  }
  return handle;
};
