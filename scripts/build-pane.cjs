// Builds the add-in with the project's webpack.config.js into a folder of the caller's: the browser
// suites, `npm run screenshots` and the bundle-size figures (test and `npm run bench`) all build
// the pane this way, so they load what `npm run build` ships. CommonJS, like the config, so both
// the TypeScript suites (require) and the .mjs scripts (createRequire) can load it.
const fs = require("fs");
const path = require("path");

/**
 * The project's folder: the nearest one above this file holding webpack.config.js (this file may
 * run from a bundle under .tmp, as `npm run bench` loads its TypeScript).
 */
function projectRoot() {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "webpack.config.js"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error("webpack.config.js not found above " + __dirname);
  }
}

/**
 * @param {string} outputPath where the files go (the caller makes and removes the folder)
 * @param {object} [options]
 * @param {"development" | "production"} [options.mode] development by default
 * @param {Record<string, string | string[]>} [options.entry] extra entries (test pages, stand-ins)
 * @param {object[]} [options.plugins] extra plugins (their pages)
 * @param {(config: import("webpack").Configuration) => import("webpack").Configuration} [options.configure]
 *   the last say over the configuration (the bare page replaces the entries)
 * @returns {Promise<import("webpack").StatsCompilation>} the build's stats (assets, chunks)
 */
async function buildPane(outputPath, options = {}) {
  const webpack = require("webpack");
  const makeConfig = require(path.join(projectRoot(), "webpack.config.js"));
  const mode = options.mode ?? "development";
  let config = await makeConfig({}, { mode });
  config.mode = mode;
  config.output = { ...config.output, path: outputPath };
  config.entry = { ...config.entry, ...(options.entry ?? {}) };
  config.plugins = [...(config.plugins ?? []), ...(options.plugins ?? [])];
  if (options.configure) config = options.configure(config);
  const compiler = webpack(config);
  const stats = await new Promise((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result)))
  );
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(stats.toString("errors-only"));
  return stats.toJson({ all: false, assets: true, chunks: true, entrypoints: true });
}

module.exports = { buildPane };
