// Checks for manifest.xml: the Office XSDs (through xmllint-wasm, offline) plus the project's own
// rules that no schema expresses (resids resolve, the OKR namespace, the shared runtime, URLs the
// build serves). CommonJS on purpose: jest here runs CommonJS and cannot load .mjs, and the CLI
// (validate-manifest.mjs) imports this file just as well.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { DOMParser } = require("@xmldom/xmldom");

const DEFAULT_BASE_URL = "https://localhost:3000/";
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";
const NAMESPACE = "OKR";

/** Where the schemas live: OKR_MANIFEST_SCHEMAS if set, else the copy kept in this repository. */
function resolveSchemasDir(projectRoot, env = process.env) {
  if (env.OKR_MANIFEST_SCHEMAS) return path.resolve(env.OKR_MANIFEST_SCHEMAS);
  return path.resolve(projectRoot, "schemas/office-addin-manifest");
}

/** Every file under distDir as a posix path relative to it ("assets/icon-16.png"). */
function listServedFiles(distDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(path.relative(distDir, full).split(path.sep).join("/"));
    }
  };
  walk(distDir);
  return files.sort();
}

// ---------------------------------------------------------------------------------------------
// Reading the manifest. Elements are matched by local name whatever their prefix (bt:Url, Url);
// xmldom records each element's line (lineNumber) so problems can point at it.

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** The manifest as a DOM document, or its first well-formedness problem. */
function parseManifest(xmlText) {
  let problem;
  const parser = new DOMParser({
    // Stop at the first report, warnings included (to xmldom an unquoted attribute is only a
    // warning): whatever follows the first error in a broken file is noise.
    onError(level, message, { locator }) {
      problem = { line: locator?.lineNumber || null, message: `not well-formed XML: ${message}` };
      throw new Error(message);
    },
  });
  try {
    return { document: parser.parseFromString(xmlText, "text/xml") };
  } catch (error) {
    if (problem === undefined) throw error;
    return { problem };
  }
}

const findAll = (node, local) => [...node.getElementsByTagNameNS("*", local)];
const childrenNamed = (node, local) => [...node.children].filter((e) => e.localName === local);
const xsiType = (element) => element.getAttributeNS(XSI, "type");
const describe = (element) =>
  `<${element.localName}${xsiType(element) ? ` xsi:type="${xsiType(element)}"` : ""}${
    element.hasAttribute("resid") ? ` resid="${element.getAttribute("resid")}"` : ""
  }>`;

// ---------------------------------------------------------------------------------------------
// Schema validation.

// The schemas predate <Runtimes>; blank the block out (keeping newlines so xmllint's line numbers
// still match the original) and check it with checkSharedRuntime instead.
function withoutRuntimes(xmlText) {
  return xmlText.replace(/<((?:[\w.-]+:)?Runtimes)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\s*>)/g, (block) =>
    block.replace(/[^\n]/g, " ")
  );
}

function loadSchemas(schemasDir) {
  const main = path.join(schemasDir, MAIN_SCHEMA);
  if (!fs.existsSync(main)) {
    throw new Error(
      `manifest schemas not found: ${main} does not exist (set OKR_MANIFEST_SCHEMAS to the folder that holds ${MAIN_SCHEMA})`
    );
  }
  const imported = fs
    .readdirSync(schemasDir)
    .filter((name) => name.endsWith(".xsd") && name !== MAIN_SCHEMA)
    .map((name) => ({
      fileName: name,
      contents: fs.readFileSync(path.join(schemasDir, name), "utf8"),
    }));
  return {
    schema: { fileName: MAIN_SCHEMA, contents: fs.readFileSync(main, "utf8") },
    preload: imported,
  };
}

function cleanXmllintMessage(message) {
  return message
    .replace(/\{http[^}]*\}/g, "") // namespace URIs make every line unreadable
    .replace(/^(?:element [^:]+: )?Schemas validity error : /, "schema: ")
    .replace(/^parser error : /, "not well-formed XML: ")
    .trim();
}

// xmllint prints "file:LINE: message" and, for parser errors, two more lines quoting the source.
function problemsFromXmllintOutput(output, fileName) {
  const problems = [];
  for (const raw of output.split("\n")) {
    const match = /^(.*?):(\d+): (.*)$/.exec(raw);
    if (match && match[1] === fileName) {
      problems.push({ line: Number(match[2]), message: cleanXmllintMessage(match[3]) });
    }
  }
  return problems;
}

async function schemaProblems(xmlText, schemasDir) {
  const { validateXML } = require("xmllint-wasm");
  const fileName = "manifest.xml";
  const { schema, preload } = loadSchemas(schemasDir);
  try {
    const result = await validateXML({
      xml: [{ fileName, contents: withoutRuntimes(xmlText) }],
      schema,
      preload,
    });
    if (result.valid) return [];
    const problems = problemsFromXmllintOutput(result.rawOutput, fileName);
    return problems.length > 0
      ? problems
      : [{ line: null, message: `schema: ${result.rawOutput.trim()}` }];
  } catch (error) {
    // xmllint exits 1 on XML that is not well-formed; xmllint-wasm rejects with its stderr.
    const problems = problemsFromXmllintOutput(String(error.message), fileName);
    if (problems.length > 0) return problems;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Project rules.

const RESOURCE_KINDS = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "String",
  LongStrings: "String",
};

// Which resource list a resid must come from, by the element that carries it.
const RESID_KIND = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Runtime: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function collectResources(document, problems) {
  const resources = {
    Images: new Map(),
    Urls: new Map(),
    ShortStrings: new Map(),
    LongStrings: new Map(),
  };
  for (const resourcesElement of findAll(document, "Resources")) {
    for (const [kind, itemName] of Object.entries(RESOURCE_KINDS)) {
      for (const list of childrenNamed(resourcesElement, kind)) {
        for (const item of childrenNamed(list, itemName)) {
          const id = item.getAttribute("id");
          if (resources[kind].has(id)) {
            problems.push({
              line: item.lineNumber,
              message: `${kind} resource "${id}" is defined twice`,
            });
          }
          resources[kind].set(id, item);
        }
      }
    }
  }
  return resources;
}

function checkResids(document, resources, problems) {
  for (const element of findAll(document, "*")) {
    const resid = element.getAttribute("resid");
    if (resid === null) continue;
    const kind = RESID_KIND[element.localName];
    const kinds = kind ? [kind] : Object.keys(resources);
    if (kinds.some((k) => resources[k].has(resid))) continue;
    const elsewhere = Object.keys(resources).find((k) => resources[k].has(resid));
    problems.push({
      line: element.lineNumber,
      message: elsewhere
        ? `${describe(element)} names a ${elsewhere} resource; it needs one from ${kind}`
        : `${describe(element)} names no resource: "${resid}" is not an id in ${kind ?? "Resources"}`,
    });
  }
}

function customFunctionsExtensionPoints(document) {
  return findAll(document, "ExtensionPoint").filter((e) => xsiType(e) === "CustomFunctions");
}

function checkNamespace(document, resources, problems) {
  const extensionPoints = customFunctionsExtensionPoints(document);
  if (extensionPoints.length === 0) {
    problems.push({
      line: null,
      message: `no <ExtensionPoint xsi:type="CustomFunctions">: the ${NAMESPACE} functions would not load`,
    });
    return;
  }
  for (const extensionPoint of extensionPoints) {
    const [namespace] = childrenNamed(extensionPoint, "Namespace");
    if (!namespace) {
      problems.push({
        line: extensionPoint.lineNumber,
        message: `CustomFunctions has no <Namespace>; the functions need the namespace "${NAMESPACE}" (=${NAMESPACE}.SCORE)`,
      });
      continue;
    }
    if (namespace.getAttribute("resid") === null) {
      problems.push({
        line: namespace.lineNumber,
        message: `<Namespace> has no resid; it must name a ShortStrings resource whose value is "${NAMESPACE}"`,
      });
      continue;
    }
    // Point at the string resource: that is where the value is fixed.
    const resource = resources.ShortStrings.get(namespace.getAttribute("resid"));
    if (resource && resource.getAttribute("DefaultValue") !== NAMESPACE) {
      problems.push({
        line: resource.lineNumber,
        message: `custom functions namespace is "${resource.getAttribute("DefaultValue")}"; it must be "${NAMESPACE}" (=${NAMESPACE}.SCORE and the help pages depend on it)`,
      });
    }
  }
}

function versionAtLeast(version, minimum) {
  const [major, minor] = String(version).split(".").map(Number);
  const [minMajor, minMinor] = minimum.split(".").map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

function checkSharedRuntimeRequirement(document, problems) {
  const officeApp = childrenNamed(document, "OfficeApp")[0];
  const sets = officeApp
    ? childrenNamed(officeApp, "Requirements").flatMap((r) => childrenNamed(r, "Sets"))
    : [];
  for (const setsElement of sets) {
    for (const set of childrenNamed(setsElement, "Set")) {
      if (set.getAttribute("Name") !== "SharedRuntime") continue;
      const version =
        set.getAttribute("MinVersion") ?? setsElement.getAttribute("DefaultMinVersion") ?? "1.1";
      if (!versionAtLeast(version, "1.1")) {
        problems.push({
          line: set.lineNumber,
          message: `SharedRuntime requirement is ${version}; it must be at least 1.1`,
        });
      }
      return;
    }
  }
  problems.push({
    line: officeApp?.lineNumber ?? null,
    message:
      'missing requirement <Set Name="SharedRuntime" MinVersion="1.1"/> under <Requirements><Sets>: without it Office may load the add-in where the task pane and functions cannot share a runtime',
  });
}

function checkSharedRuntime(document, problems) {
  const hosts = findAll(document, "VersionOverrides").flatMap((vo) =>
    childrenNamed(vo, "Hosts").flatMap((hostsElement) => childrenNamed(hostsElement, "Host"))
  );
  for (const host of hosts) {
    const runtimesBlocks = childrenNamed(host, "Runtimes");
    if (runtimesBlocks.length === 0) {
      problems.push({
        line: host.lineNumber,
        message: `${describe(host)} has no <Runtimes>; the functions and the task pane need one shared runtime`,
      });
      continue;
    }
    if (host.children[0] !== runtimesBlocks[0]) {
      problems.push({
        line: runtimesBlocks[0].lineNumber,
        message: `<Runtimes> must be the first child of ${describe(host)}`,
      });
    }
    const runtimes = runtimesBlocks.flatMap((block) => childrenNamed(block, "Runtime"));
    if (runtimesBlocks.length > 1 || runtimes.length !== 1) {
      problems.push({
        line: runtimesBlocks[0].lineNumber,
        message: `shared runtime: expected exactly one <Runtime> in one <Runtimes>, found ${runtimes.length} in ${runtimesBlocks.length}`,
      });
    }
    const [runtime] = runtimes;
    if (!runtime) continue;
    if (runtime.getAttribute("lifetime") !== "long") {
      problems.push({
        line: runtime.lineNumber,
        message: `<Runtime> lifetime is "${runtime.getAttribute("lifetime") ?? "(missing, so short)"}"; it must be "long" so functions keep running while the task pane is closed`,
      });
    }
    const runtimeResid = runtime.getAttribute("resid");
    const users = [
      ...customFunctionsExtensionPoints(host).flatMap((ep) =>
        childrenNamed(ep, "Page").flatMap((page) =>
          childrenNamed(page, "SourceLocation").map((e) => ({
            element: e,
            role: "CustomFunctions <Page>",
          }))
        )
      ),
      ...findAll(host, "FunctionFile").map((e) => ({ element: e, role: "<FunctionFile>" })),
      ...findAll(host, "Action")
        .filter((action) => xsiType(action) === "ShowTaskpane")
        .flatMap((action) =>
          childrenNamed(action, "SourceLocation").map((e) => ({
            element: e,
            role: "ShowTaskpane <SourceLocation>",
          }))
        ),
    ];
    for (const { element, role } of users) {
      if (element.getAttribute("resid") !== runtimeResid) {
        problems.push({
          line: element.lineNumber,
          message: `shared runtime: ${role} uses resid "${element.getAttribute("resid")}" but <Runtime> uses "${runtimeResid}"; they must name the same task-pane page`,
        });
      }
    }
    for (const role of ["CustomFunctions <Page>", "<FunctionFile>"]) {
      if (!users.some((user) => user.role === role)) {
        problems.push({
          line: host.lineNumber,
          message: `shared runtime: ${describe(host)} has no ${role} to run in the shared runtime`,
        });
      }
    }
  }
}

function manifestUrls(document) {
  const urls = [];
  const officeApp = childrenNamed(document, "OfficeApp")[0];
  if (!officeApp) return urls;
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    for (const element of childrenNamed(officeApp, name))
      urls.push({ element, url: element.getAttribute("DefaultValue") });
  }
  for (const settings of childrenNamed(officeApp, "DefaultSettings")) {
    for (const element of childrenNamed(settings, "SourceLocation"))
      urls.push({ element, url: element.getAttribute("DefaultValue") });
  }
  for (const resourcesElement of findAll(document, "Resources")) {
    for (const kind of ["Images", "Urls"]) {
      for (const list of childrenNamed(resourcesElement, kind)) {
        for (const item of childrenNamed(list, RESOURCE_KINDS[kind])) {
          urls.push({ element: item, url: item.getAttribute("DefaultValue") });
          for (const override of childrenNamed(item, "Override"))
            urls.push({ element: override, url: override.getAttribute("Value") });
        }
      }
    }
  }
  return urls.filter(({ url }) => url !== null);
}

function checkUrls(document, { baseUrl, servedFiles }, problems) {
  const served = new Set(servedFiles);
  for (const { element, url } of manifestUrls(document)) {
    const id = element.getAttribute("id");
    const label = id ? `${element.localName} "${id}"` : element.localName;
    if (!url.startsWith(baseUrl)) {
      problems.push({
        line: element.lineNumber,
        message: `${label}: ${url} does not start with the base URL ${baseUrl}`,
      });
      continue;
    }
    const file = url.slice(baseUrl.length).replace(/[?#].*$/, "");
    if (!served.has(file)) {
      problems.push({
        line: element.lineNumber,
        message: `${label}: ${url} names "${file}", which the build does not serve`,
      });
    }
  }
}

/**
 * The project's own rules (everything except the XSDs). Synchronous and pure.
 * @returns {{line: number | null, message: string}[]}
 */
function checkManifestRules(xmlText, { servedFiles, baseUrl = DEFAULT_BASE_URL }) {
  const { document, problem } = parseManifest(xmlText);
  if (problem) return [problem];
  const problems = [];
  const resources = collectResources(document, problems);
  checkResids(document, resources, problems);
  checkNamespace(document, resources, problems);
  checkSharedRuntimeRequirement(document, problems);
  checkSharedRuntime(document, problems);
  checkUrls(document, { baseUrl, servedFiles }, problems);
  return problems;
}

/**
 * Schema validation plus the project's rules, problems sorted by line.
 * Throws only when it cannot check at all (schemas missing or unreadable).
 * @returns {Promise<{line: number | null, message: string}[]>}
 */
async function validateManifest(xmlText, { schemasDir, servedFiles, baseUrl = DEFAULT_BASE_URL }) {
  const fromSchema = await schemaProblems(xmlText, schemasDir);
  if (fromSchema.some((p) => p.message.startsWith("not well-formed XML"))) return fromSchema;
  const problems = [...fromSchema, ...checkManifestRules(xmlText, { servedFiles, baseUrl })];
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function formatProblem(fileName, problem) {
  return problem.line === null
    ? `${fileName}: ${problem.message}`
    : `${fileName}: line ${problem.line}: ${problem.message}`;
}

module.exports = {
  DEFAULT_BASE_URL,
  checkManifestRules,
  formatProblem,
  listServedFiles,
  resolveSchemasDir,
  validateManifest,
  withoutRuntimes,
};
