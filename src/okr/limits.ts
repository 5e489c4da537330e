/**
 * What reading a workbook may cost, defined once: the CLI (`okr lint`), the library and the pane
 * refuse a file beyond these with a one-line reason instead of running out of memory. They are
 * set from what real OKR workbooks need: a 20,000-key-result plan written by OKR Studio is an
 * 18 MB file that unpacks to 233 MB (its largest part, the check-in log, 123 MB) and holds
 * 1.06 million cells, and it must still be checked; each limit leaves it room. Reading such a
 * workbook takes about 2.8 GB of memory (ExcelJS holds every cell as an object).
 */
export const READ_LIMITS = {
  /** The file itself, as stored. */
  fileBytes: 128 * 2 ** 20,
  /** Every part of the package, unpacked, together. */
  unpackedBytes: 768 * 2 ** 20,
  /** Any one part, unpacked (a sheet's XML, the shared strings). */
  partBytes: 384 * 2 ** 20,
  /** Parts in the package. */
  parts: 20_000,
  /** Cells written in the sheets, all sheets together (an empty cell with only a style counts). */
  cells: 1_500_000,
} as const;

export type ReadLimits = { -readonly [K in keyof typeof READ_LIMITS]: number };

/**
 * Merged ranges, data validations, column ranges and defined names are not data the check reads
 * (a merge's value is in its top-left cell), but ExcelJS makes an object of every cell or column
 * they cover: one merge of the whole grid is 17 billion. When, over all sheets, they would make
 * more objects than this, the heaviest sheets' are left out until the rest make no more, and the
 * defined names when theirs cover more than this.
 */
export const MERGED_CELLS_READ = 100_000;
