/**
 * Native charts in .xlsx files. ExcelJS writes no charts (exceljs#141, open since 2016), and no
 * well-kept library adds them to a package another library wrote, so this module does: after
 * ExcelJS has written the workbook, it opens the package with JSZip (the zip library ExcelJS
 * itself uses) and adds, for each sheet with charts, a DrawingML drawing
 * (`xl/drawings/drawingN.xml`, one anchored frame per chart, its alt text in `xdr:cNvPr`), one
 * `xl/charts/chartN.xml` per chart whose series refer to the workbook's own cells (so the charts
 * follow the check-ins without the add-in), the relationships sheet → drawing → chart, the
 * sheet's `<drawing r:id>` and the content types. It works on bytes only, with no Node API, since
 * the web page writes the same files in a browser.
 */
import JSZip from "jszip";
import {
  cellAddress,
  type CellSpec,
  type ChartSeriesSpec,
  chartProblems,
  type ChartSpec,
  DEFAULT_DATE_FORMAT,
  isReferenceSeries,
  type SheetRange,
  sheetReference,
  type WorkbookSpec,
} from "../../sheets/spec";
import { fileText, workbookFromSpec } from "./workbook";

const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRelationships: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;

const RELATIONSHIP = {
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
} as const;

const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

/**
 * The worksheet children that CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) puts after `<drawing>`:
 * the drawing goes before the first of these, so that Excel does not report the file as damaged.
 * ExcelJS writes `tableParts` and `extLst` (data bars) on the sheets that have them.
 */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

/** Axis ids, shared by every chart group of a chart (a bar or column chart's overlaid lines too). */
const CATEGORY_AXIS = 500000001;
const VALUE_AXIS = 500000002;

/** A reference line is 2.25 pt wide, a data line 2.5 pt (EMU: 12,700 a point). */
const REFERENCE_LINE_WIDTH = 28575;
const DATA_LINE_WIDTH = 31750;

function hasCharts(spec: WorkbookSpec): boolean {
  return spec.sheets.some((sheet) => (sheet.charts?.length ?? 0) > 0);
}

/**
 * The spec as the bytes of an .xlsx file: ExcelJS's package, with the charts it cannot write
 * added. A spec without charts gives ExcelJS's bytes untouched. No I/O.
 */
export async function xlsxFromSpec(spec: WorkbookSpec): Promise<Uint8Array> {
  const written: ArrayBuffer | Uint8Array = await workbookFromSpec(spec).xlsx.writeBuffer();
  const bytes = written instanceof Uint8Array ? written : new Uint8Array(written);
  return hasCharts(spec) ? addCharts(bytes, spec) : bytes;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9A-Fa-f]+));/g, (_, name, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name as string] ?? "";
  });
}

/**
 * Refuses, before anything is written, the charts that cannot be drawn as the spec says: what
 * every host refuses (chartProblems), and what the file itself would hold wrongly here: a colour
 * that is not #RRGGBB, value axis bounds that are not numbers or not in order, a chart without
 * its alt text (title and description).
 */
function checkCharts(spec: WorkbookSpec): void {
  const problems = chartProblems(spec);
  for (const sheet of spec.sheets) {
    for (const chart of sheet.charts ?? []) {
      const chartName = `Chart "${chart.name}" on ${sheet.name}`;
      if (chart.title.trim() === "" || chart.description.trim() === "")
        problems.push(`${chartName}: it needs a title and a description, its alt text.`);
      for (const series of chart.series) {
        if (series.color !== undefined && !/^#[0-9A-Fa-f]{6}$/.test(series.color))
          problems.push(
            `${chartName}: series "${series.name}" has the colour ${series.color}, not #RRGGBB.`
          );
      }
      const { min, max } = chart.axes;
      if ([min, max].some((bound) => bound !== undefined && !Number.isFinite(bound)))
        problems.push(`${chartName}: its value axis runs from ${min} to ${max}, not numbers.`);
      else if (min !== undefined && max !== undefined && min >= max)
        problems.push(
          `${chartName}: its value axis minimum ${min} is not below its maximum ${max}.`
        );
    }
  }
  if (problems.length > 0) throw new Error(problems.join(" "));
}

// ---------------------------------------------------------------------------------------------
// The chart part: c:chartSpace (ECMA-376 Part 1, 21.2). Element order follows the schema's
// sequences; Excel refuses a chart whose children are out of order.

/** `Dashboard!$B$5:$B$9`, `'OKR Plan'!$B$5:$F$5` */
function rangeFormula(source: SheetRange): string {
  const { range } = source;
  return `${sheetReference(source.sheet)}!${cellAddress(range.startRow, range.startColumn, true)}:${cellAddress(range.endRow, range.endColumn, true)}`;
}

/**
 * Rich text, as a chart title (bold) or an axis title holds it; `rotated` for a vertical axis'
 * title. An empty text is no title, as in Excel.
 */
function titleXml(text: string, options: { bold?: boolean; rotated?: boolean } = {}): string {
  if (text === "") return "";
  const bodyPr = options.rotated ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  const bold = options.bold ? 1 : 0;
  return (
    `<c:title><c:tx><c:rich>${bodyPr}<a:lstStyle/>` +
    `<a:p><a:pPr><a:defRPr b="${bold}"/></a:pPr><a:r><a:rPr lang="en-US" b="${bold}"/>` +
    `<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

function numberFormatXml(format: string | undefined): string {
  return format === undefined
    ? `<c:numFmt formatCode="General" sourceLinked="1"/>`
    : `<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>`;
}

function fillXml(color: string | undefined): string {
  return color === undefined
    ? ""
    : `<a:solidFill><a:srgbClr val="${color.slice(1).toUpperCase()}"/></a:solidFill>`;
}

/** A series' own values beside its bars or points; a reference series carries none. */
function dataLabelsXml(chart: ChartSpec, position: "outEnd" | "t"): string {
  return (
    `<c:dLbls>${chart.axes.numberFormat === undefined ? "" : numberFormatXml(chart.axes.numberFormat)}` +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:dLblPos val="${position}"/><c:showLegendKey val="0"/><c:showVal val="1"/>` +
    `<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>` +
    `<c:showBubbleSize val="0"/></c:dLbls>`
  );
}

/**
 * How the category labels are referred to: text cells as strRef; cells that the spec fills with
 * numbers or dates only (a trend table's weeks) as numRef, with the first cell's number format
 * for the axis (LibreOffice shows a date as its serial unless the axis names a format).
 */
function categoriesOf(spec: WorkbookSpec, chart: ChartSpec): { xml: string; format?: string } {
  const { sheet, range } = chart.categories;
  const cells = new Map<string, CellSpec>();
  for (const cell of spec.sheets.find((candidate) => candidate.name === sheet)?.cells ?? [])
    cells.set(`${cell.row}:${cell.column}`, cell);
  const kinds = new Set<string | undefined>();
  for (let row = range.startRow; row <= range.endRow; row++)
    for (let column = range.startColumn; column <= range.endColumn; column++)
      kinds.add(cells.get(`${row}:${column}`)?.content.kind);
  const formula = `<c:f>${escapeXml(rangeFormula(chart.categories))}</c:f>`;
  const first = cells.get(`${range.startRow}:${range.startColumn}`);
  const styled = first?.style === undefined ? undefined : spec.styles[first.style]?.numberFormat;
  // Formulas count as numbers when the cells carry a number format (the trend's week-ending
  // dates are formulas of the period's start): as text, LibreOffice would label the axis with
  // date serials.
  const numeric = [...kinds].every(
    (kind) => kind === "number" || kind === "date" || (kind === "formula" && styled !== undefined)
  );
  if (first === undefined || !numeric)
    return { xml: `<c:cat><c:strRef>${formula}</c:strRef></c:cat>` };
  const format = styled ?? (first.content.kind === "date" ? DEFAULT_DATE_FORMAT : undefined);
  return { xml: `<c:cat><c:numRef>${formula}</c:numRef></c:cat>`, format };
}

function seriesXml(
  spec: WorkbookSpec,
  chart: ChartSpec,
  series: ChartSeriesSpec,
  index: number,
  drawnAs: "bar" | "line"
): string {
  const head =
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    // c:v is an escaped string (ST_Xstring), as a cell's text is; a title's a:t is plain text.
    `<c:tx><c:v>${escapeXml(fileText(series.name))}</c:v></c:tx>`;
  const reference = isReferenceSeries(chart, series);
  const labels = chart.dataLabels && !reference;
  const tail =
    categoriesOf(spec, chart).xml +
    `<c:val><c:numRef><c:f>${escapeXml(rangeFormula(series.values))}</c:f></c:numRef></c:val>`;
  if (drawnAs === "bar") {
    // A dashed bar is outlined with a dash, in its own colour when it has one.
    const outline = series.dashed
      ? `<a:ln w="${REFERENCE_LINE_WIDTH}">${fillXml(series.color)}<a:prstDash val="dash"/></a:ln>`
      : "";
    const shape = fillXml(series.color) + outline;
    const spPr = shape === "" ? "" : `<c:spPr>${shape}</c:spPr>`;
    return (
      head +
      spPr +
      `<c:invertIfNegative val="0"/>` +
      (labels ? dataLabelsXml(chart, "outEnd") : "") +
      tail +
      `</c:ser>`
    );
  }
  const line =
    `<a:ln w="${reference ? REFERENCE_LINE_WIDTH : DATA_LINE_WIDTH}" cap="rnd">` +
    fillXml(series.color) +
    (series.dashed ? `<a:prstDash val="dash"/>` : "") +
    `<a:round/></a:ln>`;
  // A line over columns or bars (a threshold) is marked by a wide dash at each category: over a
  // single category (a plan of one objective) a line has no length and would not show. Another
  // reference line (the ideal pace on a line chart) has no markers: it marks a level, not points.
  const overlay = series.kind === "line" && chart.kind !== "line";
  const marker = overlay
    ? `<c:marker><c:symbol val="dash"/><c:size val="${REFERENCE_MARKER_SIZE}"/>` +
      `<c:spPr>${fillXml(series.color)}<a:ln w="${REFERENCE_LINE_WIDTH}">${fillXml(series.color)}</a:ln></c:spPr></c:marker>`
    : reference
      ? `<c:marker><c:symbol val="none"/></c:marker>`
      : `<c:marker><c:symbol val="circle"/><c:size val="6"/></c:marker>`;
  return (
    head +
    `<c:spPr>${line}</c:spPr>` +
    marker +
    (labels ? dataLabelsXml(chart, "t") : "") +
    tail +
    `<c:smooth val="0"/></c:ser>`
  );
}

/** Points: a dash about as wide as a column, as the Excel host draws it. */
const REFERENCE_MARKER_SIZE = 20;

function axesXml(spec: WorkbookSpec, chart: ChartSpec): string {
  const horizontal = chart.kind === "bar";
  const { min, max } = chart.axes;
  // A horizontal bar chart lists its first category at the top, as the table above it does:
  // the category axis runs from the top down, and the value axis crosses it at its end.
  const categoryOrientation = horizontal ? "maxMin" : "minMax";
  const categoryAxis =
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/>` +
    `<c:scaling><c:orientation val="${categoryOrientation}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    titleXml(chart.axes.category, { rotated: horizontal }) +
    numberFormatXml(categoriesOf(spec, chart).format) +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="0"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>` +
    `</c:catAx>`;
  const valueAxis =
    `<c:valAx><c:axId val="${VALUE_AXIS}"/>` +
    `<c:scaling><c:orientation val="minMax"/>` +
    (max === undefined ? "" : `<c:max val="${max}"/>`) +
    (min === undefined ? "" : `<c:min val="${min}"/>`) +
    `</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/>` +
    `<c:majorGridlines/>` +
    titleXml(chart.axes.value, { rotated: !horizontal }) +
    numberFormatXml(chart.axes.numberFormat) +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/>` +
    `<c:crossBetween val="between"/></c:valAx>`;
  return categoryAxis + valueAxis;
}

/**
 * The chart part. A bar or column chart with line series is a combination: a barChart and a
 * lineChart in one plot area on the same two axes. The legend is shown when there is more than
 * one series to tell apart, below the plot.
 */
export function chartXml(spec: WorkbookSpec, chart: ChartSpec): string {
  const groups: string[] = [];
  const axisIds = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  const indexed = chart.series.map((series, index) => ({ series, index }));
  const lines =
    chart.kind === "line" ? indexed : indexed.filter(({ series }) => series.kind === "line");
  if (chart.kind !== "line") {
    const bars = indexed.filter(({ series }) => series.kind !== "line");
    if (bars.length > 0) {
      groups.push(
        `<c:barChart><c:barDir val="${chart.kind === "bar" ? "bar" : "col"}"/>` +
          `<c:grouping val="clustered"/><c:varyColors val="0"/>` +
          bars.map(({ series, index }) => seriesXml(spec, chart, series, index, "bar")).join("") +
          `<c:gapWidth val="80"/>${axisIds}</c:barChart>`
      );
    }
  }
  if (lines.length > 0) {
    groups.push(
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        lines.map(({ series, index }) => seriesXml(spec, chart, series, index, "line")).join("") +
        `<c:marker val="1"/>${axisIds}</c:lineChart>`
    );
  }
  const legend =
    chart.series.length > 1
      ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`
      : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(chart.title, { bold: true })}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${groups.join("")}${axesXml(spec, chart)}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

// ---------------------------------------------------------------------------------------------
// The drawing part: one two-cell anchor per chart, over the cells of its anchor.

/** `charts[i]` refers to its chart part through `relationshipIds[i]`. */
export function drawingXml(charts: ChartSpec[], relationshipIds: string[]): string {
  const anchors = charts.map((chart, index) => {
    const { anchor } = chart;
    const marker = (tag: string, column: number, row: number) =>
      `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff>` +
      `<xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    // The frame ends where the cell after the anchor's last one starts: it covers the anchor.
    return (
      `<xdr:twoCellAnchor>` +
      marker("from", anchor.startColumn, anchor.startRow) +
      marker("to", anchor.endColumn + 1, anchor.endRow + 1) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
      `<xdr:cNvPr id="${index + 2}" name="${escapeXml(chart.title)}" ` +
      `descr="${escapeXml(chart.description)}" title="${escapeXml(chart.title)}"/>` +
      `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr>` +
      `</xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.chart}">` +
      `<c:chart xmlns:c="${NS.chart}" r:id="${relationshipIds[index]}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    `${anchors.join("")}</xdr:wsDr>`
  );
}

// ---------------------------------------------------------------------------------------------
// The package: finding each sheet's part, adding relationships and content types.

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match ? unescapeXml(match[1] ?? match[2]) : undefined;
}

function relationshipsOf(xml: string): Relationship[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({
    id: attribute(tag, "Id") ?? "",
    type: attribute(tag, "Type") ?? "",
    target: attribute(tag, "Target") ?? "",
  }));
}

function relationshipXml({ id, type, target }: Relationship): string {
  return `<Relationship Id="${escapeXml(id)}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
}

function relationshipsXml(relationships: Relationship[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="${NS.packageRelationships}">` +
    relationships.map(relationshipXml).join("") +
    `</Relationships>`
  );
}

/** Added before the end, so that the others stay as written (a hyperlink's TargetMode too). */
function withRelationship(xml: string, relationship: Relationship, where: string): string {
  const end = xml.lastIndexOf("</Relationships>");
  if (end < 0) throw new Error(`${where}: no </Relationships>`);
  return xml.slice(0, end) + relationshipXml(relationship) + xml.slice(end);
}

/** The target of a relationship from `fromPart` to `toPart`, relative to the first's folder. */
function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared += 1;
  return [...from.slice(shared).map(() => ".."), ...to.slice(shared)].join("/");
}

/** The first `rIdN` not taken, continuing the part's own numbering. */
function nextRelationshipId(taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n += 1;
  return `rId${n}`;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels` */
function relationshipsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship's target, relative to the folder of the part that holds it, as a zip path. */
function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

const TAG =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/**
 * The worksheet with `<drawing r:id>` among its root's children where the schema wants it. The
 * children are found by depth, not by name alone: ExcelJS also writes an `extLst` inside a data
 * bar's rule, which is not the sheet's own. The scan starts after the rows, which are most of a
 * sheet and come before every child that follows a drawing; no `<` stands unescaped in text or
 * in an attribute, so the text `</sheetData>` can only be the rows' end tag.
 */
function withDrawing(sheetXml: string, relationshipId: string, where: string): string {
  const tags = new RegExp(TAG.source, "g");
  let root: RegExpExecArray | null;
  do root = tags.exec(sheetXml);
  while (root !== null && root[2] === undefined);
  if (root === null || !/^<(?:\w+:)?worksheet\b/.test(root[0]) || root[3])
    throw new Error(`${where}: not a worksheet`);
  const rowsEnd = sheetXml.lastIndexOf("</sheetData>");
  if (rowsEnd >= 0) tags.lastIndex = rowsEnd + "</sheetData>".length;
  let depth = 1;
  let insertAt = -1;
  for (let match = tags.exec(sheetXml); match !== null; match = tags.exec(sheetXml)) {
    const [, closing, name, selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      depth -= 1;
      if (depth === 0) {
        insertAt = match.index;
        break;
      }
      continue;
    }
    const local = name.slice(name.indexOf(":") + 1);
    if (depth === 1) {
      if (local === "drawing") throw new Error(`${where}: the sheet already has a drawing`);
      if (AFTER_DRAWING.has(local)) {
        insertAt = match.index;
        break;
      }
    }
    if (!selfClosing) depth += 1;
  }
  if (insertAt < 0) throw new Error(`${where}: the worksheet does not end`);
  // ExcelJS declares the r prefix on the root; a package from elsewhere may not.
  const declared = root[0].includes(`xmlns:r="${NS.relationships}"`);
  const element = `<drawing${declared ? "" : ` xmlns:r="${NS.relationships}"`} r:id="${relationshipId}"/>`;
  return sheetXml.slice(0, insertAt) + element + sheetXml.slice(insertAt);
}

function withOverrides(contentTypesXml: string, overrides: [string, string][]): string {
  const end = contentTypesXml.lastIndexOf("</Types>");
  if (end < 0) throw new Error("[Content_Types].xml: no </Types>");
  const added = overrides
    .map(([part, type]) => `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`)
    .join("");
  return contentTypesXml.slice(0, end) + added + contentTypesXml.slice(end);
}

async function partText(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`the package has no ${path}`);
  return file.async("string");
}

/** Each sheet's name → the path of its part, from the workbook and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbookPart = "xl/workbook.xml";
  const workbook = await partText(zip, workbookPart);
  const targets = new Map(
    relationshipsOf(await partText(zip, relationshipsPath(workbookPart))).map((relationship) => [
      relationship.id,
      resolvePart(workbookPart, relationship.target),
    ])
  );
  const parts = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(tag, "name");
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (name !== undefined && target !== undefined) parts.set(name, target);
  }
  return parts;
}

/** The first `prefixN.xml` (N from 1) that the package does not hold yet. */
function freePart(zip: JSZip, prefix: string, from: number): number {
  let n = from;
  while (zip.file(`${prefix}${n}.xml`)) n += 1;
  return n;
}

/**
 * The .xlsx package `xlsx` (as ExcelJS wrote it from `spec`) with the spec's charts added. Every
 * other part is kept as it was, compressed bytes included; the new parts carry the package's
 * own timestamp.
 */
export async function addCharts(
  xlsx: Uint8Array | ArrayBuffer,
  spec: WorkbookSpec
): Promise<Uint8Array> {
  checkCharts(spec);
  const zip = await JSZip.loadAsync(xlsx);
  const date = zip.file("xl/workbook.xml")?.date;
  const options = date ? { date } : {};
  const parts = await sheetParts(zip);
  const overrides: [string, string][] = [];
  let drawingNumber = 0;
  let chartNumber = 0;
  for (const sheet of spec.sheets) {
    const charts = sheet.charts ?? [];
    if (charts.length === 0) continue;
    const sheetPart = parts.get(sheet.name);
    if (sheetPart === undefined) throw new Error(`${sheet.name}: the package has no such sheet`);

    drawingNumber = freePart(zip, "xl/drawings/drawing", drawingNumber + 1);
    const drawingPart = `xl/drawings/drawing${drawingNumber}.xml`;
    const drawingRelationships: Relationship[] = [];
    for (const chart of charts) {
      chartNumber = freePart(zip, "xl/charts/chart", chartNumber + 1);
      const chartPart = `xl/charts/chart${chartNumber}.xml`;
      zip.file(chartPart, chartXml(spec, chart), options);
      overrides.push([chartPart, CONTENT_TYPE.chart]);
      drawingRelationships.push({
        id: `rId${drawingRelationships.length + 1}`,
        type: RELATIONSHIP.chart,
        target: relativeTarget(drawingPart, chartPart),
      });
    }
    zip.file(
      drawingPart,
      drawingXml(
        charts,
        drawingRelationships.map(({ id }) => id)
      ),
      options
    );
    zip.file(relationshipsPath(drawingPart), relationshipsXml(drawingRelationships), options);
    overrides.push([drawingPart, CONTENT_TYPE.drawing]);

    const sheetRelationshipsPart = relationshipsPath(sheetPart);
    const existing = zip.file(sheetRelationshipsPart)
      ? await partText(zip, sheetRelationshipsPart)
      : relationshipsXml([]);
    const id = nextRelationshipId(new Set(relationshipsOf(existing).map((r) => r.id)));
    const toDrawing = {
      id,
      type: RELATIONSHIP.drawing,
      target: relativeTarget(sheetPart, drawingPart),
    };
    zip.file(
      sheetRelationshipsPart,
      withRelationship(existing, toDrawing, sheetRelationshipsPart),
      options
    );
    zip.file(sheetPart, withDrawing(await partText(zip, sheetPart), id, sheet.name), options);
  }
  const contentTypesPart = "[Content_Types].xml";
  zip.file(
    contentTypesPart,
    withOverrides(await partText(zip, contentTypesPart), overrides),
    options
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
