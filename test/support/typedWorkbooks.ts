import { Workbook } from "exceljs";

/** Workbooks typed as people type them (values only), for the lint suites. */

export type Row = (string | number | null)[];

/** A sheet as a person types it: values only, with number formats where given. */
export async function typedWorkbook(
  path: string,
  sheets: { name: string; rows: Row[]; formats?: Record<string, string> }[]
): Promise<void> {
  const workbook = new Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null) worksheet.getCell(r + 1, c + 1).value = value;
      })
    );
    for (const [address, format] of Object.entries(sheet.formats ?? {}))
      worksheet.getCell(address).numFmt = format;
  }
  await workbook.xlsx.writeFile(path);
}

/**
 * The framework's "Sample Completed OKR (Q4 2025)", typed as the document gives it: the overall
 * score in an objectives table (Objective, Score), the key results below with the document's
 * Target, Baseline, Actual and Score, percentages typed as percentages.
 */
const SAMPLE_OBJECTIVE = "Launch computer vision defect detection system in production";
export async function writeCompletedSample(path: string): Promise<void> {
  await typedWorkbook(path, [
    {
      name: "Q4 2025",
      rows: [
        ["Sample Completed OKR (Q4 2025)"],
        ["Period", "Q4 2025"],
        ["Status", "Completed"],
        [],
        ["Objective", "Score"],
        [SAMPLE_OBJECTIVE, 0.75],
        [],
        [],
        ["Key Result", "Target", "Baseline", "Actual", "Score", "Notes"],
        [`Objective: ${SAMPLE_OBJECTIVE}`],
        [
          "Achieve ≥ 95% defect detection accuracy",
          0.95,
          0.88,
          0.96,
          1.0,
          "Exceeded target through data augmentation and model architecture improvements",
        ],
        [
          "Process 500+ images per hour",
          500,
          100,
          425,
          0.81,
          "Optimized inference pipeline achieved 85% of stretch goal",
        ],
        [
          "Reduce false positive rate to < 5%",
          "< 5%",
          0.12,
          0.065,
          0.69,
          "Made significant progress but need additional precision tuning",
        ],
        [
          "Deploy to 3 production lines",
          3,
          0,
          1,
          0.33,
          "Integration delays and hardware procurement issues. Rollout rescheduled to Q1 2026",
        ],
      ],
      formats: { B11: "0%", C11: "0%", D11: "0%", C13: "0%", D13: "0.0%" },
    },
  ]);
}

/** A team's own sheet: KR, Owner, Target, Actual, Score, the score typed. */
export async function writeTeamSheet(path: string, score: number): Promise<void> {
  await typedWorkbook(path, [
    {
      name: "Team",
      rows: [
        ["Objective", "KR", "Owner", "Target", "Actual", "Score"],
        ["Grow adoption", "Reach 10,000 weekly active users", "Kim", 10000, 7500, score],
      ],
    },
  ]);
}
