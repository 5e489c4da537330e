import { File } from "node:buffer";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintFile } from "../src/cli/lint";
import { xlsxFromSpec } from "../src/hosts/xlsx/charts";
import { READ_LIMITS, type ReadLimits } from "../src/okr/limits";
import { instantiate, templateById } from "../src/okr/templates";
import { buildWorkbook } from "../src/sheets/build";
import type { ChosenFile } from "../src/taskpane/actions";
import { createBrowserActions } from "../src/taskpane/browserActions";
import { addressAt, cellContent, CONTENT_SHOWN } from "../src/taskpane/file/cellContent";
import { checkFile } from "../src/taskpane/file/checkFile";
import { fileCheckedText, refusalOf } from "../src/taskpane/file/fileCheckState";
import { snapshotFromGrid } from "../src/sheets/snapshot";
import { compoundFile, zip } from "./fixtures/lint/make";
import { planWithKeyResults } from "./support/fakeExcel";
import { hostileXlsx, okrTableAt } from "./support/hostileXlsx";
import { typedWorkbook, writeTeamSheet } from "./support/typedWorkbooks";

/*
 * The page's file check (issue 14): a file chosen in the page is read and checked with okr lint's
 * reader, limits and rules, so for every file, readable or not, the page says what `okr lint`
 * says: the same findings, or the same one-line reason. Each case is written to disk for lintFile
 * and handed to checkFile as a File of the same bytes (Node's File, as a browser gives it).
 */

const dir = mkdtempSync(join(tmpdir(), "okr-file-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AS_OF = 46_112; // 2026-03-31

/** The same bytes as a file on disk (for okr lint) and as a chosen File (for the page). */
function both(name: string, bytes: Uint8Array): { path: string; file: ChosenFile } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, file: new File([bytes], name) as unknown as ChosenFile };
}

async function refusal(file: ChosenFile, limits?: ReadLimits): Promise<string> {
  const error = await checkFile(file, { asOf: AS_OF }, limits).then(
    () => new Error("checked"),
    (rejected: Error) => rejected
  );
  expect(error.name).toBe("FileRefusal");
  return error.message;
}

const templateBytes = async (kr?: (plan: ReturnType<typeof instantiate>) => void) => {
  const plan = instantiate(templateById("revenue-growth")!);
  kr?.(plan);
  return xlsxFromSpec(buildWorkbook(plan));
};

describe("a file the page cannot check: okr lint's one-line reason, word for word", () => {
  const cases: [string, string, () => Promise<Uint8Array>][] = [
    ["an empty file", "empty.xlsx", async () => new Uint8Array(0)],
    [
      "a CSV saved as .xlsx",
      "export.xlsx",
      async () => Buffer.from("Key Result,Target\nGrow,10\n"),
    ],
    ["a PDF", "report.pdf", async () => Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")],
    [
      "an HTML page named .xlsx",
      "page.xlsx",
      async () => Buffer.from("<!doctype html><html><body>Not a workbook</body></html>"),
    ],
    ["unrecognised binary data", "noise.xlsx", async () => Uint8Array.from([0, 1, 2, 3, 255, 7])],
    [
      "a Word document",
      "letter.xlsx",
      async () =>
        zip([
          { name: "[Content_Types].xml", data: "<Types/>" },
          { name: "word/document.xml", data: "<document/>" },
        ]),
    ],
    ["an empty zip", "empty-zip.xlsx", async () => zip([])],
    [
      "a password-protected workbook",
      "locked.xlsx",
      async () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
    ],
    ["an Excel 97-2003 workbook", "old.xls", async () => compoundFile(["Workbook"])],
    [
      "a truncated download",
      "truncated.xlsx",
      async () => (await templateBytes()).subarray(0, 3000),
    ],
    [
      "a zip whose directory points past the end",
      "cut.xlsx",
      async () => {
        // The end of the directory kept, a block before it cut out.
        const bytes = await templateBytes();
        return Buffer.concat([bytes.subarray(0, 2000), bytes.subarray(6000)]);
      },
    ],
    [
      "a zip whose parts are damaged",
      "damaged.xlsx",
      async () => {
        const bytes = Buffer.from(await templateBytes());
        for (let at = 200; at < bytes.length - 4000; at += 7) bytes[at] ^= 0x5a;
        return bytes;
      },
    ],
  ];

  test.each(cases)("%s", async (_name, name, make) => {
    const { path, file } = both(name, await make());
    const lint = await lintFile(path, { asOf: AS_OF });
    expect(lint.error).toBeDefined();
    await expect(refusal(file)).resolves.toBe(lint.error);
  });

  test("the expected reasons, so a change of wording in one place shows here", async () => {
    const reasons: Record<string, string> = {};
    for (const [, name, make] of cases)
      reasons[name] = await refusal(both(name, await make()).file);
    expect(reasons).toMatchObject({
      "empty.xlsx": "the file is empty",
      "report.pdf": "not an .xlsx file (it is a PDF document)",
      "locked.xlsx":
        "it is password-protected (encrypted); save a copy without a password and check that",
      "old.xls":
        "not an .xlsx file (it is a legacy binary Office file, such as an Excel 97-2003 .xls: save it as .xlsx)",
      "truncated.xlsx": "the file is damaged or truncated (its zip directory is missing)",
      "cut.xlsx": "the file is damaged or truncated (its zip directory points past the end)",
    });
    expect(reasons["damaged.xlsx"]).toMatch(/^the file is damaged \(.+\)$/);
  });

  test.each([
    ["larger than the file limit", { fileBytes: 4096 }, ""],
    ["more parts than the limit", { parts: 3 }, ""],
    ["more cells than the limit", { cells: 50 }, "; --max-cells raises the limit"],
  ] as [string, Partial<ReadLimits>, string][])(
    "%s: the limit's reason (the CLI alone names its option)",
    async (_name, limit, option) => {
      const { path, file } = both("big.xlsx", await templateBytes());
      const lint = await lintFile(path, { asOf: AS_OF }, limit);
      const page = await refusal(file, { ...READ_LIMITS, ...limit });
      expect(page).toMatch(/: too large to check$/);
      expect(lint.error).toBe(`${page}${option}`);
    }
  );

  test("a file over the size limit is refused before it is read whole", async () => {
    const bytes = await templateBytes();
    let wholeReads = 0;
    const file = new File([bytes], "big.xlsx");
    const counting = {
      name: file.name,
      size: file.size,
      slice: (start: number, end: number) => file.slice(start, end),
      arrayBuffer: () => {
        wholeReads++;
        return file.arrayBuffer();
      },
    } as unknown as ChosenFile;
    await expect(refusal(counting, { ...READ_LIMITS, fileBytes: 4096 })).resolves.toMatch(
      /too large to check$/
    );
    expect(wholeReads).toBe(0);
  });

  test("a file the browser can no longer read (moved since it was chosen): said so", async () => {
    const gone = {
      name: "moved.xlsx",
      size: 10_000,
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error("NotReadableError")) }),
      arrayBuffer: () => Promise.reject(new Error("NotReadableError")),
    } as unknown as ChosenFile;
    await expect(refusal(gone)).resolves.toBe(
      "the file could not be read (it may have been moved, deleted or changed since it was chosen)"
    );
  });
});

describe("a readable file: the same findings as okr lint", () => {
  const faulty = join(dir, "faulty-source.xlsx");
  beforeAll(async () => {
    await writeTeamSheet(faulty, 0.9);
  });

  const cases: [string, () => Promise<Uint8Array>][] = [
    ["a template written by the xlsx host", () => templateBytes()],
    [
      "the xlsx host's workbook with a target equal to its baseline",
      () =>
        templateBytes((plan) => {
          const kr = plan.objectives[0].keyResults[0];
          kr.target = kr.baseline ?? 0;
        }),
    ],
    [
      "a 300-key-result plan from the xlsx host",
      () => xlsxFromSpec(buildWorkbook(planWithKeyResults(300))),
    ],
    ["a person's sheet with a typed score that is wrong", async () => readFileSync(faulty)],
    [
      "a hostile package: a merge of the whole grid and a name over it",
      async () =>
        hostileXlsx({
          sheets: [
            { name: "Sheet1", cells: okrTableAt(2, 1), merges: [[10, 0, 1_048_575, 16_383]] },
          ],
          names: [{ name: "Everything", reference: "Sheet1!$A$1:$XFD$1048576" }],
        }),
    ],
    [
      "no OKR table",
      async () => {
        const path = join(dir, "no-table.xlsx");
        await typedWorkbook(path, [
          {
            name: "Budget",
            rows: [
              ["Item", "Cost"],
              ["Chairs", 300],
            ],
          },
        ]);
        return readFileSync(path);
      },
    ],
  ];

  test.each(cases)("%s", async (name, make) => {
    const { path, file } = both(`${name.replace(/\W+/g, "-")}.xlsx`, await make());
    const lint = await lintFile(path, { asOf: AS_OF });
    expect(lint.error).toBeUndefined();
    const page = await checkFile(file, { asOf: AS_OF });
    expect(page.findings).toEqual(lint.findings);
    expect(page.read.file).toBe(file.name);
    expect(page.read.syncs).toBe(0);
  });

  test("the faulty ones have the findings they were made for", async () => {
    const wrongScore = await checkFile(both("wrong.xlsx", readFileSync(faulty)).file, {
      asOf: AS_OF,
    });
    expect(wrongScore.findings.find((finding) => finding.ruleId === "OKR010")?.location).toEqual({
      sheet: "Team",
      address: "F2",
    });
    const equal = await checkFile(
      both(
        "equal.xlsx",
        await templateBytes((plan) => {
          const kr = plan.objectives[0].keyResults[0];
          kr.target = kr.baseline ?? 0;
        })
      ).file,
      { asOf: AS_OF }
    );
    expect(equal.findings.map((finding) => finding.ruleId)).toContain("OKR005");
  });
});

describe("the browser's actions", () => {
  test("openFile is offered, and checks a file through the on-demand module", async () => {
    const actions = createBrowserActions();
    expect(actions.capabilities.openFile).toEqual({ available: true });
    expect(actions.capabilities.check.available).toBe(false);
    expect(actions.capabilities.repair?.available).toBe(false);
    const result = await actions.openFile!(both("team.xlsx", await templateBytes()).file, {
      asOf: AS_OF,
    });
    expect(result.planFound).toBe(true);
    await expect(actions.openFile!(both("r.pdf", Buffer.from("%PDF-1.4")).file)).rejects.toThrow(
      "not an .xlsx file (it is a PDF document)"
    );
  });
});

describe("cellContent: what a finding's cell holds, since the page cannot select it", () => {
  const snapshot = {
    sheets: [
      snapshotFromGrid(
        "Team",
        [
          ["Key result", "Score", "Done"],
          ["Reach 10,000 users", 0.9, true],
        ],
        { formulas: [[], [null, "=B9/C9", null]] }
      ),
    ],
  };
  test.each([
    ["A2", "Holds Reach 10,000 users"],
    ["B2", "Holds =B9/C9 (shows 0.9)"],
    ["$C$2", "Holds TRUE"],
    ["D9", "Empty"],
    ["A1:B2", null],
  ])("%s → %s", (address, content) => {
    expect(cellContent(snapshot, { sheet: "Team", address })).toBe(content);
  });

  test("a sheet the read does not have: nothing to say", () => {
    expect(cellContent(snapshot, { sheet: "Gone", address: "A1" })).toBeNull();
  });

  test(`text longer than ${CONTENT_SHOWN} characters is cut`, () => {
    const long = { sheets: [snapshotFromGrid("S", [["x".repeat(1000)]])] };
    const shown = cellContent(long, { sheet: "S", address: "A1" })!;
    expect(shown).toHaveLength(CONTENT_SHOWN);
    expect(shown.endsWith("…")).toBe(true);
  });

  test.each([
    ["A1", { row: 0, column: 0 }],
    ["XFD1048576", { row: 1_048_575, column: 16_383 }],
    ["aa10", { row: 9, column: 26 }],
    ["A0", null],
    ["Sheet1!A1", null],
  ])("addressAt(%s)", (address, at) => {
    expect(addressAt(address)).toEqual(at);
  });
});

describe("the file check's words", () => {
  test.each([
    [{ status: "done", findings: [], planFound: false }, "Checked plan.xlsx: no OKR table found."],
    [{ status: "done", findings: [], planFound: true }, "Checked plan.xlsx: no problems found."],
    [
      {
        status: "done",
        planFound: true,
        findings: [{ severity: "error" }, { severity: "warning" }, { severity: "warning" }],
      },
      "Checked plan.xlsx: 1 error, 2 warnings.",
    ],
    [{ status: "checking" }, ""],
  ] as [Parameters<typeof fileCheckedText>[1], string][])("%j", (check, text) => {
    expect(fileCheckedText("plan.xlsx", check)).toBe(text);
  });

  test("a refusal is its reason; anything else never shows an exception's text", () => {
    const refused = Object.assign(new Error("the file is empty"), { name: "FileRefusal" });
    expect(refusalOf(refused)).toBe("the file is empty");
    const chunk = Object.assign(new Error("Loading chunk xlsx failed.\n(error: …)"), {
      name: "ChunkLoadError",
    });
    expect(refusalOf(chunk)).toMatch(/^the page's checking code did not arrive/);
    expect(refusalOf(new TypeError("x is undefined"))).not.toMatch(/undefined/);
  });
});
