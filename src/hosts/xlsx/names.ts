import JSZip from "jszip";
import { open } from "node:fs/promises";
import { constants } from "node:fs";
import { READ_LIMITS, type ReadLimits } from "../../okr/limits";
import { decodeXml } from "./admit";
import { fromFileFormula } from "./formulas";

/** A defined name as an .xlsx file holds it. */
export interface FileDefinedName {
  name: string;
  /** en-US, with its "=", as a person types it: "='OKR Plan'!$B$20", "=0.4". */
  formula: string;
  /** The sheet a sheet-local name belongs to; null for a name of the whole workbook. */
  sheet: string | null;
}

const WORKBOOK_PART = "xl/workbook.xml";
/** The largest workbook part read for its names: far past any real workbook's list of names. */
const MAX_WORKBOOK_PART = 64 * 2 ** 20;

/**
 * The defined names of an .xlsx file, read from its workbook part. A snapshot holds cells only,
 * and ExcelJS's own list keeps cell ranges alone (it drops "=0.4" and the layout mark's "=2"), so
 * the names are read from the XML. Null when the file cannot be read as a zip with a workbook part
 * of a sane size (readXlsx, run first, says why a file is unreadable).
 */
export async function readXlsxNames(
  path: string,
  limits: ReadLimits = READ_LIMITS
): Promise<FileDefinedName[] | null> {
  let bytes: Buffer;
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (!stats.isFile() || stats.size > limits.fileBytes) return null;
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (bytes.length > limits.fileBytes) return null;
    const zip = await JSZip.loadAsync(bytes);
    const part = zip.file(WORKBOOK_PART) ?? zip.file(`/${WORKBOOK_PART}`);
    if (part === null) return null;
    const xml = await part.async("string");
    if (xml.length > MAX_WORKBOOK_PART) return null;
    return definedNamesOf(xml);
  } catch {
    return null;
  }
}

/** The names a workbook part's <definedName> elements hold, with their sheets' names for scope. */
export function definedNamesOf(xml: string): FileDefinedName[] {
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)].map(
    ([, attributes]) => attribute(attributes, "name") ?? ""
  );
  const names: FileDefinedName[] = [];
  for (const [, attributes, text] of xml.matchAll(
    /<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName\s*>/g
  )) {
    const name = attribute(attributes, "name");
    if (name === null) continue;
    const local = attribute(attributes, "localSheetId");
    const sheet = local === null ? null : (sheets[Number(local)] ?? null);
    names.push({ name, formula: fromFileFormula(decodeXml(text).trim()), sheet });
  }
  return names;
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match === null ? null : decodeXml(match[1] ?? match[2]);
}
