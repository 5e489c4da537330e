import { Workbook, type Worksheet } from "exceljs";
import JSZip from "jszip";

/*
 * Two .xlsx files set side by side, for the page's "Make a workbook" against `okr new`: first as
 * ExcelJS reads them (sheet by sheet and cell by cell: value, formula and cached result, number
 * format and the rest of the style; merges, tables, validations, conditional formats; the defined
 * names), then part by part in the package (the charts ExcelJS does not read among them), leaving
 * out docProps/core.xml, whose created and modified times are the moment each was written.
 */

/** The package parts whose content is the time of writing. */
const TIMESTAMPED = new Set(["docProps/core.xml"]);
/**
 * ExcelJS gives each data bar a new random id (x14Id, a GUID) on every write, tying the rule to
 * its extension; equal files differ in it, so it is set aside as "{guid}".
 */
const GUID = /\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}/g;
const withoutGuids = (text: string) => text.replace(GUID, "{guid}");

function sheetFacts(sheet: Worksheet): Map<string, string> {
  const facts = new Map<string, string>();
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      facts.set(
        `${cell.address}`,
        JSON.stringify({ value: cell.value, numFmt: cell.numFmt, style: cell.style })
      );
    });
  });
  facts.set("(merges)", JSON.stringify(sheet.model.merges));
  facts.set(
    "(tables)",
    JSON.stringify(
      Object.values(
        (sheet as unknown as { tables: Record<string, { table: unknown }> }).tables
      ).map((table) => table.table)
    )
  );
  const more = sheet as unknown as {
    dataValidations: { model: unknown };
    conditionalFormattings: unknown;
  };
  facts.set("(validations)", JSON.stringify(more.dataValidations.model));
  facts.set("(conditional formats)", withoutGuids(JSON.stringify(more.conditionalFormattings)));
  facts.set("(columns)", JSON.stringify(sheet.columns?.map((column) => column.width) ?? []));
  facts.set("(views)", JSON.stringify(sheet.views));
  return facts;
}

async function read(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** How the two files differ, one line each ("Scorecard!B3: …"); empty when they hold the same. */
export async function workbookDifferences(
  page: Uint8Array,
  cli: Uint8Array,
  limit = 20
): Promise<string[]> {
  const differences: string[] = [];
  const [a, b] = await Promise.all([read(page), read(cli)]);
  const names = (workbook: Workbook) => workbook.worksheets.map((sheet) => sheet.name);
  if (JSON.stringify(names(a)) !== JSON.stringify(names(b)))
    differences.push(`sheets: ${names(a).join(", ")} | ${names(b).join(", ")}`);
  for (const sheet of a.worksheets) {
    const other = b.getWorksheet(sheet.name);
    if (other === undefined) continue;
    const [mine, theirs] = [sheetFacts(sheet), sheetFacts(other)];
    for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
      if (mine.get(key) !== theirs.get(key))
        differences.push(
          `${sheet.name}!${key}: ${mine.get(key) ?? "(none)"} | ${theirs.get(key) ?? "(none)"}`
        );
    }
  }
  const definedNames = (workbook: Workbook) => JSON.stringify(workbook.definedNames.model);
  if (definedNames(a) !== definedNames(b))
    differences.push(`defined names: ${definedNames(a)} | ${definedNames(b)}`);

  const [zipA, zipB] = await Promise.all([JSZip.loadAsync(page), JSZip.loadAsync(cli)]);
  const parts = (zip: JSZip) =>
    Object.keys(zip.files)
      .filter((name) => !zip.files[name].dir)
      .sort();
  if (JSON.stringify(parts(zipA)) !== JSON.stringify(parts(zipB)))
    differences.push(`parts: ${parts(zipA).join(", ")} | ${parts(zipB).join(", ")}`);
  for (const part of parts(zipA)) {
    if (TIMESTAMPED.has(part) || zipB.file(part) === null) continue;
    const [x, y] = await Promise.all([
      zipA.file(part)!.async("string"),
      zipB.file(part)!.async("string"),
    ]);
    if (withoutGuids(x) !== withoutGuids(y)) differences.push(`part ${part} differs`);
  }
  return differences.slice(0, limit);
}

/** The number of cells holding a value or a formula, over every sheet: what was compared. */
export async function filledCells(bytes: Uint8Array): Promise<number> {
  let count = 0;
  for (const sheet of (await read(bytes)).worksheets)
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, () => {
        count++;
      })
    );
  return count;
}
