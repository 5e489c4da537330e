import {
  DASHBOARD_HEADERS,
  DECISION_HEADERS,
  HEADER_SYNONYMS,
  KEY_RESULT_HEADERS,
  REPORT_HELPER_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  REVIEW_OBJECTIVE_HEADERS,
} from "../layout";
import type { TableKind } from "./result";

/** The headers of each table, with the spellings accepted for them. */

export interface FieldDefinition {
  field: string;
  /** The header OKR Studio writes for it (reported in `found[].columns`). */
  header: string;
  spellings: readonly string[];
}

function spellingsOf(header: string, extra: readonly string[] = []): string[] {
  return [...new Set([header, ...(HEADER_SYNONYMS[header] ?? []), ...extra])];
}

const KEY_RESULT_FIELDS: FieldDefinition[] = [
  { field: "id", header: "ID", spellings: spellingsOf("ID") },
  { field: "objectiveId", header: "Objective ID", spellings: ["Objective ID", "Obj ID"] },
  { field: "objective", header: "Objective", spellings: spellingsOf("Objective") },
  { field: "text", header: "Key Result", spellings: spellingsOf("Key Result") },
  { field: "type", header: "Type", spellings: spellingsOf("Type") },
  { field: "owner", header: "Owner", spellings: spellingsOf("Owner") },
  { field: "unit", header: "Unit", spellings: spellingsOf("Unit") },
  { field: "baseline", header: "Baseline", spellings: spellingsOf("Baseline") },
  { field: "target", header: "Target", spellings: spellingsOf("Target") },
  { field: "current", header: "Current", spellings: spellingsOf("Current") },
  { field: "planCurrent", header: "Plan Current", spellings: ["Plan Current"] },
  { field: "progress", header: "Progress", spellings: spellingsOf("Progress") },
  { field: "score", header: "Score", spellings: spellingsOf("Score") },
  { field: "status", header: "Status", spellings: spellingsOf("Status") },
  { field: "weight", header: "Weight", spellings: spellingsOf("Weight") },
  { field: "confidence", header: "Confidence", spellings: spellingsOf("Confidence") },
  { field: "lastCheckIn", header: "Last Check-in", spellings: spellingsOf("Last Check-in") },
  { field: "notes", header: "Notes", spellings: spellingsOf("Notes") },
];

const OBJECTIVE_FIELDS: FieldDefinition[] = [
  { field: "id", header: "ID", spellings: spellingsOf("ID", ["Objective ID"]) },
  { field: "title", header: "Objective", spellings: spellingsOf("Objective") },
  { field: "owner", header: "Owner", spellings: spellingsOf("Owner") },
  {
    field: "timeline",
    header: "Timeline",
    spellings: ["Timeline", "Timeframe", "Period", "Quarter"],
  },
  { field: "kind", header: "Kind", spellings: ["Kind", "Type", "Commitment"] },
  { field: "score", header: "Score", spellings: spellingsOf("Score") },
  { field: "status", header: "Status", spellings: spellingsOf("Status") },
];

export const CHECK_IN_FIELDS: FieldDefinition[] = [
  { field: "date", header: "Date", spellings: ["Date", "Check-in Date", "Check-In Date", "When"] },
  {
    field: "keyResult",
    header: "Key Result",
    spellings: spellingsOf("Key Result", ["KR ID", "Key Result ID", "ID"]),
  },
  { field: "value", header: "Value", spellings: ["Value", ...spellingsOf("Current")] },
  { field: "confidence", header: "Confidence", spellings: spellingsOf("Confidence") },
  { field: "comment", header: "Comment", spellings: ["Comment", "Comments", "Notes", "Note"] },
  { field: "author", header: "Author", spellings: ["Author", "By", "Who", "Owner"] },
  { field: "entry", header: "Entry", spellings: ["Entry", "Entry ID", "Check-in ID"] },
  { field: "replaces", header: "Replaces", spellings: ["Replaces", "Corrects"] },
];

export const FIELDS: Record<TableKind, FieldDefinition[]> = {
  keyResults: KEY_RESULT_FIELDS,
  objectives: OBJECTIVE_FIELDS,
  checkIns: CHECK_IN_FIELDS,
};

export const LOOKED_FOR: string[] = [
  `key results: a "Key Result" column (or ${HEADER_SYNONYMS["Key Result"].filter((s) => s !== "Key Result").join(", ")}) with at least one of Target, Baseline, Current or Score (or their synonyms)`,
  'objectives: an "Objective" column with Score or Owner, and no key-result column',
  "check-ins: Date, Key Result and Value columns",
];

/** Lower case, trimmed, single spaces, no trailing colon: how header and label cells compare. */
export function normalHeader(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/\s*:$/, "").toLowerCase();
}

export interface Spelling {
  kind: TableKind;
  field: string;
  /** 0 for OKR Studio's own header; a synonym ranks lower, so "Target" wins over "Goal". */
  rank: number;
}

export const SPELLINGS = new Map<string, Spelling[]>();
for (const kind of Object.keys(FIELDS) as TableKind[]) {
  const taken = new Set<string>();
  for (const definition of FIELDS[kind]) {
    definition.spellings.forEach((spelling, rank) => {
      const key = normalHeader(spelling);
      // Within a table a spelling names one field: the first that lists it.
      if (taken.has(key)) return;
      taken.add(key);
      const list = SPELLINGS.get(key) ?? [];
      list.push({ kind, field: definition.field, rank });
      SPELLINGS.set(key, list);
    });
  }
}

/** OKR Studio's report tables repeat key-result headers but are derived, not sources. */
export const REPORT_HEADERS = [
  DASHBOARD_HEADERS,
  [...DASHBOARD_HEADERS, ...REPORT_HELPER_HEADERS],
  REVIEW_OBJECTIVE_HEADERS,
  REVIEW_KEY_RESULT_HEADERS,
  [...REVIEW_KEY_RESULT_HEADERS, ...REPORT_HELPER_HEADERS],
  DECISION_HEADERS,
].map((headers) => headers.map(normalHeader).join("\u0000"));

export const STUDIO_KEY_RESULT_HEADERS = KEY_RESULT_HEADERS.map(normalHeader);

/** Longer header cells are sentences, not headers. */
export const MAX_HEADER_LENGTH = 60;
