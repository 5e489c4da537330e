/*
 * `npm run dev-server` on a machine where nothing may be installed: run as an unprivileged user
 * (nobody, when the tests run as root as CI does; else the current user) with a fresh HOME, it
 * generates a certificate, serves https://localhost:3000/ and says in one line how to trust the
 * certificate, and the system's trust store is the same before and after.
 * Also scripts/dev-certs.mjs where HOME cannot be written: the certificates go to a fallback folder.
 */
import { execFile, spawn, type ChildProcess } from "child_process";
import { createHash, X509Certificate } from "crypto";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { contentSecurityPolicy } from "../scripts/csp.cjs";

const REPO = path.join(__dirname, "..");
const PORT = 3000;
const TRUST_STORES = [
  "/etc/ssl/certs",
  "/usr/local/share/ca-certificates",
  "/usr/share/ca-certificates",
];
// The dev server compiles in 25-35 s on this project's 2-core machine when idle; under a parallel
// jest run it takes longer. Generous, but finite.
const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;
const INSTALL_HINT =
  'run "npm run dev-certs -- --install" (adds a root CA to your system\'s trust store)';

const isRoot = process.getuid?.() === 0;
const UNPRIVILEGED = "nobody";

interface Account {
  name: string;
  uid: number;
  gid: number;
}

function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: REPO, timeout: options.timeout ?? 60_000, env: options.env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

async function account(): Promise<Account> {
  if (!isRoot) {
    const info = os.userInfo();
    return { name: info.username, uid: info.uid, gid: info.gid };
  }
  const ids = await run("id", ["-u", UNPRIVILEGED]);
  const gids = await run("id", ["-g", UNPRIVILEGED]);
  if (ids.code !== 0 || gids.code !== 0) {
    throw new Error(`the tests run as root but there is no "${UNPRIVILEGED}" account to drop to`);
  }
  return { name: UNPRIVILEGED, uid: Number(ids.stdout), gid: Number(gids.stdout) };
}

/** A command line run as the account, with only the environment given (no npm_config_* from jest). */
function asAccount(user: Account, env: Record<string, string>, command: string[]): string[] {
  const clean = ["env", "-i", ...Object.entries(env).map(([key, value]) => `${key}=${value}`)];
  return isRoot ? ["runuser", "-u", user.name, "--", ...clean, ...command] : [...clean, ...command];
}

function freshDir(prefix: string, user: Account): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chownSync(dir, user.uid, user.gid);
  return dir;
}

/** Every entry under the trust-store folders: its path and a digest of its content or link target. */
function trustStoreDigest(): string[] {
  const entries: string[] = [];
  const walk = (entry: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(entry);
    } catch {
      entries.push(`${entry}\tabsent`);
      return;
    }
    if (stat.isSymbolicLink()) {
      entries.push(`${entry}\t-> ${fs.readlinkSync(entry)}`);
    } else if (stat.isDirectory()) {
      entries.push(`${entry}/`);
      for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name));
    } else {
      const digest = createHash("sha256").update(fs.readFileSync(entry)).digest("hex");
      entries.push(`${entry}\t${digest}`);
    }
  };
  TRUST_STORES.forEach(walk);
  return entries;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface Answer {
  status: number;
  body: string;
  fingerprint: string;
}

/** GET with TLS verification off (the certificate is not trusted, on purpose). */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { rejectUnauthorized: false, timeout: 30_000 }, (response) => {
      const fingerprint = (response.socket as import("tls").TLSSocket).getPeerCertificate()
        .fingerprint256;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          fingerprint,
        })
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`${url}: no answer in 30 s`)));
    request.on("error", reject);
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name); // the whole group: runuser, npm, sh, webpack
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([gone, late])) === "late") {
    signal("SIGKILL");
    await gone;
  }
  clearTimeout(timer);
  signal("SIGKILL"); // any straggler of the group that ignored SIGTERM
}

let user: Account;

beforeAll(async () => {
  user = await account();
  // The account must be able to read the checkout and its node_modules, and run node.
  const [command, ...args] = asAccount(user, { PATH: process.env.PATH ?? "/usr/bin:/bin" }, [
    "node",
    "-e",
    `const fs = require("fs");
     for (const f of ["package.json", "webpack.config.js", "src/taskpane/taskpane.html"]) fs.accessSync(f, fs.constants.R_OK);
     require.resolve("webpack-cli/package.json"); require.resolve("office-addin-dev-certs");
     fs.accessSync("node_modules/.bin/webpack", fs.constants.X_OK);`,
  ]);
  const check = await run(command, args);
  if (check.code !== 0) {
    throw new Error(
      `${user.name} cannot read ${REPO} and its node_modules (make the checkout readable by all): ${check.stderr}`
    );
  }
});

test(
  "npm run dev-server, unprivileged and with a fresh HOME, serves taskpane.html over HTTPS and leaves the trust store alone",
  async () => {
    if (await portAnswers(PORT)) {
      throw new Error(`port ${PORT} is in use by another program; stop it to run this test`);
    }
    const home = freshDir("okr-devserver-home-", user);
    const tmp = freshDir("okr-devserver-tmp-", user);
    const before = trustStoreDigest();
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      TMPDIR: tmp,
      LANG: "C.UTF-8",
    };
    const [command, ...args] = asAccount(user, env, ["npm", "run", "dev-server"]);
    const started = Date.now();
    const server = spawn(command, args, {
      cwd: REPO,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      // Ready when taskpane.html answers; the server exiting first is a failure with its output.
      let page: Answer | undefined;
      while (page === undefined) {
        if (exited(server)) {
          throw new Error(
            `the dev server exited (${server.exitCode ?? server.signalCode}):\n${output}`
          );
        }
        if (Date.now() - started > READY_TIMEOUT_MS) {
          throw new Error(
            `the dev server did not answer in ${READY_TIMEOUT_MS / 1000} s:\n${output}`
          );
        }
        page = await get(`https://localhost:${PORT}/taskpane.html`).catch(() => undefined);
        if (page === undefined) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      console.log(`dev server answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);

      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="container">');
      // The pane's Content-Security-Policy, with the live reload's connection to this server.
      expect(page.body).toContain(
        `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy("pane", { devServer: true })}" />`
      );
      // The page loads content-hashed bundles, and they are served.
      const bundles = [
        ...page.body.matchAll(/src="((?:taskpane|functions)\.[0-9a-f]{8,}\.js)"/g),
      ].map((match) => match[1]);
      expect(bundles).toHaveLength(2);
      for (const bundle of bundles) {
        expect((await get(`https://localhost:${PORT}/${bundle}`)).status).toBe(200);
      }
      // The manifest's stable URLs.
      for (const file of [
        "functions.js",
        "functions.json",
        "manifest.xml",
        "help/index.html",
        "assets/icon-32.png",
      ]) {
        expect({ file, status: (await get(`https://localhost:${PORT}/${file}`)).status }).toEqual({
          file,
          status: 200,
        });
      }

      // It serves the certificate it generated in the fresh HOME, and says how to trust it.
      const folder = path.join(home, ".office-addin-dev-certs");
      const certificate = new X509Certificate(fs.readFileSync(path.join(folder, "localhost.crt")));
      expect(page.fingerprint).toBe(certificate.fingerprint256);
      const hint = output.split("\n").filter((line) => line.includes(INSTALL_HINT));
      expect(hint).toEqual([
        `dev-certs: HTTPS certificate generated in ${folder} is not trusted yet. To trust it by hand, import ${folder}/ca.crt as a trusted root certificate authority in your browser (or system), or ${INSTALL_HINT}.`,
      ]);
      expect(output).not.toMatch(/sudo/);
    } finally {
      await stopGroup(server);
      fs.rmSync(home, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    expect(trustStoreDigest()).toEqual(before);
    expect(await portAnswers(PORT)).toBe(false);
  },
  READY_TIMEOUT_MS + 4 * STOP_TIMEOUT_MS + 60_000
);

test("npm run dev-certs where HOME cannot be written generates the certificates in a fallback folder", async () => {
  const tmp = freshDir("okr-devcerts-tmp-", user);
  // nobody's own HOME: a folder that does not exist under a root that cannot be written.
  const home = "/nonexistent";
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, TMPDIR: tmp };
  const before = trustStoreDigest();
  try {
    const [command, ...args] = asAccount(user, env, ["node", "scripts/dev-certs.mjs"]);
    const result = await run(command, args, { timeout: 60_000 });
    expect(result).toEqual({ code: 0, stdout: expect.any(String), stderr: "" });
    const line = result.stdout.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain(`${home}/.office-addin-dev-certs not writable`);
    expect(line).toContain(INSTALL_HINT);
    const folder = /(?:generated in|from) (\S+)/.exec(line)?.[1];
    // As nobody the project's .tmp is not writable either, so the system's temporary folder is
    // used; as a developer, the project's .tmp/dev-certs (ignored by git) comes first.
    const expected = isRoot
      ? [path.join(tmp, `okr-studio-dev-certs-${user.uid}`)]
      : [path.join(REPO, ".tmp", "dev-certs"), path.join(tmp, `okr-studio-dev-certs-${user.uid}`)];
    expect(expected).toContain(folder);
    for (const file of ["ca.crt", "localhost.crt", "localhost.key"]) {
      expect(fs.existsSync(path.join(folder!, file))).toBe(true);
    }
    // A second run finds and reuses them.
    const again = await run(command, args, { timeout: 60_000 });
    expect(again.stdout).toContain(`HTTPS certificate from ${folder}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  expect(trustStoreDigest()).toEqual(before);
}, 180_000);
