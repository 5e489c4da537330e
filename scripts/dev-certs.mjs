// HTTPS certificates for the dev server (https://localhost:3000/), and `npm run dev-certs`.
//
// The dev server never installs anything: it uses office-addin-dev-certs' certificates where they
// are (~/.office-addin-dev-certs), generates a CA and a localhost certificate with the same
// library where there are none, and says in one line how to trust them when the system does not.
// Only `npm run dev-certs -- --install` adds the CA to the system's trust store (with sudo on
// Linux), through office-addin-dev-certs install.
//
//   npm run dev-certs                 ensure the certificates exist and say where and whether trusted
//   npm run dev-certs -- --install    office-addin-dev-certs install: adds a root CA to your
//                                     system's trust store
import { X509Certificate, createPrivateKey } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runOfficeTool } from "./office-tool.mjs";

const require = createRequire(import.meta.url);
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CA = defaults.caCertificateFileName; // ca.crt
const CERT = defaults.localhostCertificateFileName; // localhost.crt
const KEY = defaults.localhostKeyFileName; // localhost.key
const DAY_MS = 24 * 60 * 60 * 1000;
export const INSTALL_COMMAND = "npm run dev-certs -- --install";
// Where office-addin-dev-certs install puts the CA on Linux (its scripts/install_linux.sh).
const LINUX_TRUSTED_CA_FILES = [
  "/usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt",
  "/etc/ca-certificates/trust-source/anchors/office-addin-dev-certs-ca.crt",
];

/**
 * The folders tried in order: office-addin-dev-certs' own (~/.office-addin-dev-certs, so an
 * installed CA is found), then the project's .tmp, then the system's temporary folder (one per
 * user). os.homedir() and os.tmpdir() follow HOME and TMPDIR.
 */
export function certificateFolders() {
  const uid = typeof process.getuid === "function" ? process.getuid() : os.userInfo().username;
  return [
    path.join(os.homedir(), defaults.certificateDirectoryName),
    path.join(projectRoot, ".tmp", "dev-certs"),
    path.join(os.tmpdir(), `okr-studio-dev-certs-${uid}`),
  ];
}

const read = (file) => {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * Whether dir holds a CA, and a localhost certificate it signed that matches the key, names
 * localhost and is valid for at least another day.
 */
export function hasValidCertificates(dir) {
  const [ca, cert, key] = [CA, CERT, KEY].map((name) => read(path.join(dir, name)));
  if (!ca || !cert || !key) return false;
  try {
    const caCert = new X509Certificate(ca);
    const localhost = new X509Certificate(cert);
    const now = Date.now();
    return (
      localhost.verify(caCert.publicKey) &&
      localhost.checkPrivateKey(createPrivateKey(key)) &&
      localhost.checkHost("localhost") !== undefined &&
      Date.parse(localhost.validFrom) <= now &&
      Date.parse(localhost.validTo) > now + DAY_MS &&
      Date.parse(caCert.validTo) > now + DAY_MS
    );
  } catch {
    return false;
  }
}

/** Whether dir is (or could be made) a folder of this user's that this user can write to. */
function isWritableFolder(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.W_OK);
    // Not a folder someone else made in a shared temporary folder: the key goes in it.
    const stat = fs.lstatSync(dir);
    return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid());
  } catch {
    return false;
  }
}

/** Whether the system trusts the CA in dir (office-addin-dev-certs install put it there). */
export function isCaTrusted(dir) {
  const ca = read(path.join(dir, CA));
  if (!ca) return false;
  if (process.platform === "linux") {
    return LINUX_TRUSTED_CA_FILES.some((file) => read(file)?.equals(ca) === true);
  }
  // Windows and macOS: the library's own check, which knows only its default folder.
  if (path.resolve(dir) !== path.resolve(defaults.certificateDirectory)) return false;
  try {
    return devCerts.getCaCertificateStatus().status === devCerts.CertificateStatus.Installed;
  } catch {
    return false;
  }
}

async function generate(dir) {
  // generateCertificates writes nothing when ca.crt exists; the three files go together.
  for (const name of [CA, CERT, KEY]) fs.rmSync(path.join(dir, name), { force: true });
  const log = console.log;
  console.log = () => {}; // it announces the folder; ensureCertificates says more
  try {
    await devCerts.generateCertificates(
      path.join(dir, CA),
      path.join(dir, CERT),
      path.join(dir, KEY),
      defaults.daysUntilCertificateExpires,
      defaults.domain
    );
  } finally {
    console.log = log;
  }
  fs.chmodSync(path.join(dir, KEY), 0o600);
  if (!hasValidCertificates(dir)) {
    throw new Error(`the certificates generated in ${dir} do not check out`);
  }
}

/**
 * Certificates for https://localhost, generated where needed, never installed.
 * @returns {Promise<{dir: string, generated: boolean, trusted: boolean, skipped: {dir: string, reason: string}[]}>}
 */
export async function ensureCertificates(folders = certificateFolders()) {
  const skipped = [];
  for (const dir of folders) {
    if (hasValidCertificates(dir)) {
      return { dir, generated: false, trusted: isCaTrusted(dir), skipped };
    }
    if (!isWritableFolder(dir)) {
      skipped.push({ dir, reason: "not writable" });
      continue;
    }
    try {
      await generate(dir);
    } catch (error) {
      skipped.push({ dir, reason: `could not generate certificates: ${error.message}` });
      continue;
    }
    return { dir, generated: true, trusted: isCaTrusted(dir), skipped };
  }
  throw new Error(
    `no folder for the dev server's HTTPS certificates: ${skipped
      .map(({ dir, reason }) => `${dir} (${reason})`)
      .join("; ")}`
  );
}

/** The one line that says which certificate is used, and how to trust it when it is not. */
export function describeCertificates({ dir, generated, trusted, skipped }) {
  const where = `${generated ? "generated in" : "from"} ${dir}${
    skipped.length > 0 ? ` (${skipped.map((s) => `${s.dir} ${s.reason}`).join("; ")})` : ""
  }`;
  if (trusted) return `dev-certs: HTTPS certificate ${where}; its CA is trusted by this system.`;
  return `dev-certs: HTTPS certificate ${where} is not trusted yet. To trust it by hand, import ${path.join(
    dir,
    CA
  )} as a trusted root certificate authority in your browser (or system), or run "${INSTALL_COMMAND}" (adds a root CA to your system's trust store).`;
}

/** For webpack.config.js: key, certificate and CA for devServer.server.options; logs one line. */
export async function httpsServerOptions() {
  const result = await ensureCertificates();
  (result.trusted ? console.log : console.warn)(describeCertificates(result));
  return {
    ca: fs.readFileSync(path.join(result.dir, CA)),
    cert: fs.readFileSync(path.join(result.dir, CERT)),
    key: fs.readFileSync(path.join(result.dir, KEY)),
  };
}

const USAGE = `usage: npm run dev-certs [-- --install]
  (no option)  make sure the dev server's HTTPS certificates exist; say where, and whether trusted
  --install    office-addin-dev-certs install: adds a root CA to your system's trust store`;

async function installCa() {
  console.log(`> office-addin-dev-certs install (adds a root CA to your system's trust store)`);
  const code = await runOfficeTool("office-addin-dev-certs", ["install"]);
  if (code !== 0) {
    console.error(
      `dev-certs: the CA was not installed (see the error above; on Linux it needs sudo). The dev server still serves HTTPS; to trust its certificate by hand, import ${defaults.caCertificatePath} as a trusted root certificate authority in your browser (or system).`
    );
  }
  return code;
}

async function main(argv) {
  if (argv.length === 0) {
    const result = await ensureCertificates();
    console.log(describeCertificates(result));
    return 0;
  }
  if (argv.length === 1 && argv[0] === "--install") return installCa();
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    console.log(USAGE);
    return 0;
  }
  console.error(`unknown arguments: ${argv.join(" ")}\n${USAGE}`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`dev-certs: ${error.message}`);
      process.exit(1);
    }
  );
}
