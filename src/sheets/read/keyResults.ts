import type { KeyResult, KeyResultValue } from "../../okr/model";
import {
  KEY_RESULT_TYPES,
  type KeyResultType,
  keyResultTypeNamed,
  okrKindNamed,
} from "../../okr/scoring";
import { MILESTONE_GRADE, type OkrKind } from "../../okr/thresholds";
import {
  type Cell,
  doneOrNot,
  GROUP_LABEL,
  type Grid,
  headingOf,
  isBlank,
  isErrorValue,
  OBJECTIVE_ROW,
  STATUS_WITH_SCORE,
  textOf,
  withoutEmphasis,
} from "./cells";
import {
  agrees,
  holdsFractions,
  isPercentUnit,
  onUnitScale,
  parseMetric,
  percentPointsFromCell,
  type Quantity,
  readQuantity,
} from "./quantities";
import type {
  CellLocation,
  CheckIn,
  KeyResultField,
  KeyResultLocations,
  ReadProblem,
  RecordedValues,
} from "./result";
import { fieldReader, type Table } from "./tables";

/**
 * Reading the objective and key-result tables into drafts of the plan: ids as the sheet gives
 * them (the reader fills in the missing ones), each field's cell, and what the sheet records.
 */

export interface ObjectiveDraft {
  /** As the sheet gives it; null until generated. */
  id: string | null;
  title: string;
  owner: string | null;
  timeline: string | null;
  kind: OkrKind;
  recordedScore?: number;
  /** The error value the Score cell shows, if it shows one. */
  scoreError?: string;
  keyResults: KeyResultDraft[];
  row: CellLocation | null;
  fields: Record<string, CellLocation>;
}

export interface KeyResultDraft {
  id: string | null;
  keyResult: KeyResult;
  locations: KeyResultLocations;
  recorded: RecordedValues;
}

export class Reader {
  readonly problems: ReadProblem[] = [];
  readonly objectives: ObjectiveDraft[] = [];
  /** The log's counted check-ins, read before the key results (a Current showing an error). */
  checkIns: readonly CheckIn[] = [];
  private readonly objectiveById = new Map<string, ObjectiveDraft>();
  private readonly objectiveByTitle = new Map<string, ObjectiveDraft>();
  private readonly keyResultIds = new Map<string, CellLocation>();
  /** The objectives an objective table lists (the others come from key-result rows alone). */
  private readonly listed = new Set<ObjectiveDraft>();
  /** Each objective's first key result, counted in reading order over the key-result tables. */
  private readonly firstKeyResult = new Map<ObjectiveDraft, number>();

  problem(location: CellLocation | null, message: string): void {
    this.problems.push({ location, message });
  }

  private remember(objective: ObjectiveDraft): void {
    if (objective.id !== null && !this.objectiveById.has(objective.id)) {
      this.objectiveById.set(objective.id, objective);
    }
    const title = objective.title.toLowerCase();
    if (!this.objectiveByTitle.has(title)) this.objectiveByTitle.set(title, objective);
  }

  readObjectives(table: Table): void {
    const { grid, columns } = table;
    const at = fieldReader(table);
    const first = Math.min(...columns.values());
    for (const row of table.rows) {
      const id = textOf(at(row, "id"));
      const title = textOf(at(row, "title"));
      if (id === "" && title === "") continue;
      const fields: Record<string, CellLocation> = {};
      for (const [field, column] of columns) fields[field] = grid.location(row, column);
      const rowLocation = grid.location(row, first);
      if (id !== "" && this.objectiveById.has(id)) {
        this.problem(
          fields.id,
          `objective id ${id} appears twice: ${describeLocation(this.objectiveById.get(id)!.fields.id)} and ${describeLocation(fields.id)}`
        );
      }
      const kindText = textOf(at(row, "kind"));
      const kind = kindText === "" ? "aspirational" : okrKindNamed(kindText);
      if (kind === null) {
        this.problem(
          fields.kind,
          `kind "${kindText}" is not aspirational or committed; aspirational is used`
        );
      }
      const owner = textOf(at(row, "owner"));
      const timeline = textOf(at(row, "timeline"));
      const objective: ObjectiveDraft = {
        id: id === "" ? null : id,
        title,
        owner: owner === "" ? null : owner,
        timeline: timeline === "" ? null : timeline,
        kind: kind ?? "aspirational",
        keyResults: [],
        row: rowLocation,
        fields,
      };
      const scoreColumn = columns.get("score");
      if (scoreColumn !== undefined && grid.formula(row, scoreColumn) === null) {
        const score = at(row, "score");
        const typed = isBlank(score) ? null : readQuantity(score);
        if (typed !== null) objective.recordedScore = onUnitScale(typed);
      }
      if (scoreColumn !== undefined && isErrorValue(at(row, "score")))
        objective.scoreError = (at(row, "score") as string).trim();
      this.objectives.push(objective);
      this.listed.add(objective);
      this.remember(objective);
    }
  }

  /** The objective a key-result row belongs to, made when the sheet names a new one. */
  private objectiveFor(
    objectiveId: string,
    title: string,
    keyResultId: string,
    location: CellLocation,
    previous: ObjectiveDraft | null
  ): ObjectiveDraft {
    if (objectiveId !== "") {
      const byId = this.objectiveById.get(objectiveId);
      if (byId) return byId;
    }
    const byTitle = this.objectiveByTitle.get(title.toLowerCase());
    if (title !== "" && byTitle) return byTitle;
    if (title !== "") {
      const named = this.objectiveById.get(title);
      if (named) return named;
    }
    // "O3.KR2" belongs to objective O3 when the row names no objective.
    const prefix = /^(.+)\.KR\d+$/i.exec(keyResultId)?.[1] ?? "";
    if (title === "" && this.objectiveById.has(prefix)) return this.objectiveById.get(prefix)!;
    // A row that names nothing continues the objective of the row above.
    if (title === "" && prefix === "" && (previous ?? byTitle)) return (previous ?? byTitle)!;
    const givenId = [objectiveId, prefix].find((id) => id !== "" && !this.objectiveById.has(id));
    const objective: ObjectiveDraft = {
      id: givenId ?? null,
      title,
      owner: null,
      timeline: null,
      kind: "aspirational",
      keyResults: [],
      row: location,
      fields: title !== "" ? { title: location } : {},
    };
    this.objectives.push(objective);
    this.remember(objective);
    return objective;
  }

  readKeyResults(table: Table): void {
    const { grid, columns } = table;
    const at = fieldReader(table);
    const first = Math.min(...columns.values());
    // A person's sheet often names the objective once, above or beside its first key result.
    let previousObjective = "";
    let previousObjectiveLocation: CellLocation | null = null;
    if (table.headingRow !== undefined) {
      const title = OBJECTIVE_ROW.exec(
        withoutEmphasis(textOf(grid.value(table.headingRow, first)))
      );
      if (title) {
        previousObjective = title[1].trim();
        previousObjectiveLocation = grid.location(table.headingRow, first);
      }
    }
    let previousDraft: ObjectiveDraft | null = null;
    for (const row of table.rows) {
      const location = (field: string): CellLocation | null => {
        const column = columns.get(field);
        return column === undefined ? null : grid.location(row, column);
      };
      const idCell = at(row, "id");
      const textCell = at(row, "text");
      const objectiveCell = at(row, "objective");
      for (const [field, cell] of [
        ["id", idCell],
        ["text", textCell],
        ["objective", objectiveCell],
      ] as const) {
        if (isErrorValue(cell))
          this.problem(location(field), `${field} shows the error ${cell.trim()}`);
      }
      const id = isErrorValue(idCell) ? "" : textOf(idCell);
      const text = isErrorValue(textCell) ? "" : textOf(textCell);
      // "Objective: Grow usage" in the key-result column heads the key results below it; so does
      // "1 Finish the base cluster" with nothing else on its row, and "Generate 3 guides:" groups
      // the rows below it without being a key result itself.
      const bare = withoutEmphasis(text);
      const named = OBJECTIVE_ROW.exec(bare);
      const alone =
        id === "" &&
        isBlank(objectiveCell) &&
        [...columns].every(
          ([field, column]) => field === "text" || isBlank(grid.value(row, column))
        );
      const heading = alone
        ? headingOf(bare)
        : named &&
            id === "" &&
            isBlank(objectiveCell) &&
            ["baseline", "target", "current"].every((field) => isBlank(at(row, field)))
          ? named[1].trim()
          : null;
      if (heading !== null) {
        previousObjective = heading;
        previousObjectiveLocation = location("text");
        continue;
      }
      if (alone && bare !== "" && GROUP_LABEL.test(bare)) continue;
      let objectiveTitle = isErrorValue(objectiveCell) ? "" : textOf(objectiveCell);
      let objectiveLocation = location("objective");
      if (objectiveTitle !== "") {
        previousObjective = objectiveTitle;
        previousObjectiveLocation = objectiveLocation;
      } else {
        objectiveTitle = previousObjective;
        objectiveLocation = previousObjectiveLocation;
      }
      if (id === "" && text === "") {
        if (textOf(objectiveCell) === "" && this.hasTypedValue(grid, row, columns)) {
          this.problem(
            grid.location(row, first),
            "row has values but no key result or ID: it is not read"
          );
        }
        continue;
      }
      const objective = this.objectiveFor(
        textOf(at(row, "objectiveId")),
        objectiveTitle,
        id,
        objectiveLocation ?? grid.location(row, first),
        previousDraft
      );
      previousDraft = objective;
      const draft = this.readKeyResult(table, row, id, text, first);
      if (id !== "") {
        const seen = this.keyResultIds.get(id);
        if (seen) {
          this.problem(
            draft.locations.fields.id ?? draft.locations.row,
            `key result id ${id} appears twice: ${describeLocation(seen)} and ${describeLocation(draft.locations.fields.id ?? draft.locations.row)}`
          );
        } else {
          this.keyResultIds.set(id, draft.locations.fields.id ?? draft.locations.row);
        }
      }
      if (!this.firstKeyResult.has(objective))
        this.firstKeyResult.set(objective, this.firstKeyResult.size);
      objective.keyResults.push(draft);
    }
  }

  /**
   * An objective the objective table lacks (its row deleted, or never typed there) but key-result
   * rows name goes where the key results put it: before the first listed objective whose key
   * results come after its own, not after every listed one. Listed objectives keep the table's
   * order; a sheet with no objective table keeps the key results' order.
   */
  orderObjectives(): void {
    const unlisted = this.objectives.filter((objective) => !this.listed.has(objective));
    if (unlisted.length === 0 || unlisted.length === this.objectives.length) return;
    const ordered = this.objectives.filter((objective) => this.listed.has(objective));
    for (const objective of unlisted) {
      const first = this.firstKeyResult.get(objective) ?? Infinity;
      const before = ordered.findIndex(
        (other) => this.listed.has(other) && (this.firstKeyResult.get(other) ?? -1) > first
      );
      ordered.splice(before === -1 ? ordered.length : before, 0, objective);
    }
    this.objectives.splice(0, this.objectives.length, ...ordered);
  }

  /**
   * What Current shows after check-ins, read from the log when Current itself shows an error: the
   * mean of the latest day's values of the key result's counted check-ins (TRUE and the done
   * words count as 1, the not-done words as 0), as the builder's formula computes it. Null when
   * the key result has no counted check-in; a null value when it has some but none with a date
   * and a readable value.
   */
  private loggedCurrent(id: string): { day: string; value: number | null } | null {
    const key = id.toLowerCase();
    const own = this.checkIns.filter((checkIn) => checkIn.keyResultId.toLowerCase() === key);
    if (own.length === 0) return null;
    const dated = own.filter((checkIn) => checkIn.date !== null);
    if (dated.length === 0) return { day: "", value: null };
    const day = Math.max(...dated.map((checkIn) => checkIn.date as number));
    const values = dated
      .filter((checkIn) => checkIn.date === day)
      .map((checkIn) => loggedNumber(checkIn.value))
      .filter((value): value is number => value !== null);
    const date = new Date(Math.round((day - 25569) * 86400000)).toISOString().slice(0, 10);
    if (values.length === 0) return { day: date, value: null };
    return { day: date, value: values.reduce((sum, value) => sum + value, 0) / values.length };
  }

  private hasTypedValue(grid: Grid, row: number, columns: Map<string, number>): boolean {
    for (const column of columns.values()) {
      if (!isBlank(grid.value(row, column)) && grid.formula(row, column) === null) return true;
    }
    return false;
  }

  private readKeyResult(
    table: Table,
    row: number,
    id: string,
    text: string,
    first: number
  ): KeyResultDraft {
    const { grid, columns, studio } = table;
    const has = (field: string) => columns.has(field);
    const at = (field: string): Cell => {
      const column = columns.get(field);
      return column === undefined ? null : grid.value(row, column);
    };
    const fields: Partial<Record<KeyResultField, CellLocation>> = {};
    for (const [field, column] of columns) {
      if (field !== "objectiveId") fields[field as KeyResultField] = grid.location(row, column);
    }
    const locations: KeyResultLocations = { row: grid.location(row, first), fields };
    const where = (field: KeyResultField) => fields[field] ?? locations.row;

    // A field the sheet leaves out is read from the sentence; in OKR Studio's own table an empty
    // cell means the plan has no value there.
    const fromSentence = (field: string) => !has(field) || (!studio && isBlank(at(field)));
    const needsParse = ["type", "baseline", "target", "unit"].some(fromSentence) || !studio;
    const parsed = needsParse ? parseMetric(text) : null;

    const typeText = textOf(at("type"));
    let type: KeyResultType | null = typeText === "" ? null : keyResultTypeNamed(typeText);
    if (typeText !== "" && type === null) {
      this.problem(
        where("type"),
        `type "${typeText}" is not one of ${KEY_RESULT_TYPES.join(", ")}`
      );
    }
    const unitText = textOf(at("unit"));

    const number = (
      field: "baseline" | "target" | "current" | "planCurrent" | "weight",
      cell: Cell = at(field)
    ): Quantity | null => {
      const place = where(field === "planCurrent" ? "current" : field);
      if (isBlank(cell) || typeof cell === "boolean") return null;
      if (isErrorValue(cell)) {
        this.problem(place, `${field} shows the error ${cell.trim()}`);
        return null;
      }
      const quantity = readQuantity(cell);
      if (quantity === null) this.problem(place, `${field} is not a number: "${textOf(cell)}"`);
      return quantity;
    };
    const baselineCell = number("baseline");
    const targetCell = number("target");
    // Current shows the plan's own value until a check-in; a file no program has calculated
    // holds it only in the hidden Plan Current column.
    // Current showing an error (a column it reads deleted: Last Check-in, the log's Valid) is
    // read from what it would show: the plan's own value in Plan Current when the key result has
    // no check-in, else its latest day's logged value from the log, else nothing. The error is
    // told with what was read instead.
    const planCurrentHeld = !isBlank(at("planCurrent")) && !isErrorValue(at("planCurrent"));
    let currentRaw: Cell = at("current");
    let currentField: "current" | "planCurrent" = "current";
    if (isBlank(currentRaw)) {
      currentField = "planCurrent";
      currentRaw = at("planCurrent");
    } else if (isErrorValue(currentRaw)) {
      const shown = `current shows the error ${currentRaw.trim()}`;
      const logged = id === "" ? null : this.loggedCurrent(id);
      if (logged === null && planCurrentHeld) {
        this.problem(where("current"), `${shown}; the plan's own value in Plan Current is read`);
        currentField = "planCurrent";
        currentRaw = at("planCurrent");
      } else if (logged !== null && logged.value !== null) {
        this.problem(
          where("current"),
          `${shown}; the latest check-in's value (${logged.day}) in the Check-ins log is read`
        );
        currentRaw = logged.value;
      } else if (logged !== null) {
        this.problem(
          where("current"),
          `${shown}; the key result has check-ins but their latest value could not be read from the log, so current is left empty`
        );
        currentRaw = null;
      }
    }
    const currentWord = typeof currentRaw === "string" ? doneOrNot(currentRaw) : null;
    const currentCell =
      currentWord !== null || (type === "milestone" && (currentRaw === 0 || currentRaw === 1))
        ? null
        : number(currentField, currentRaw);

    let unit: string | null = unitText !== "" ? unitText : null;
    if (unit === null) unit = targetCell?.unit ?? baselineCell?.unit ?? currentCell?.unit ?? null;
    const sentenceAgrees =
      parsed !== null &&
      (targetCell === null ||
        parsed.target === null ||
        agrees(targetCell, parsed.target, unit ?? parsed.unit));
    if (unit === null && fromSentence("unit") && parsed !== null && sentenceAgrees)
      unit = parsed.unit;

    // Numbers the cells hold (not text such as "85%") are fractions in a percent column.
    const cellNumbers = [baselineCell, targetCell, currentCell]
      .filter((quantity): quantity is Quantity => quantity !== null && quantity.numeric)
      .map((quantity) => quantity.value);
    const fractions =
      isPercentUnit(unit) &&
      (studio ||
        holdsFractions(
          cellNumbers,
          parsed?.target ?? null,
          targetCell?.numeric ? targetCell.value : null
        ));
    const inPoints = (quantity: Quantity | null): number | null =>
      quantity === null
        ? null
        : quantity.numeric && fractions
          ? percentPointsFromCell(quantity.value)
          : quantity.value;

    let target = inPoints(targetCell);
    let baseline = inPoints(baselineCell);
    const parsedUsable = parsed !== null && sentenceAgrees;
    if (target === null && fromSentence("target") && parsed !== null) target = parsed.target;
    if (baseline === null && fromSentence("baseline") && parsedUsable) baseline = parsed.baseline;
    if (type === null && fromSentence("type")) {
      // A baseline and a target stated in the sheet say the direction ("< 5%" from 12% is a
      // reduction, not a ceiling), as the importer reads the framework's own sample.
      if (
        baselineCell !== null &&
        targetCell !== null &&
        baseline !== null &&
        target !== null &&
        baseline !== target &&
        parsed?.type !== "milestone"
      )
        type = target > baseline ? "increase" : "decrease";
      // A sentence that only names work reads as a milestone, unless the sheet gives a number to
      // reach other than done's 1 ("Onboard partners" with Target 12 counts partners).
      else if (
        parsedUsable &&
        parsed.type !== null &&
        !(parsed.type === "milestone" && targetCell !== null && target !== null && target !== 1)
      )
        type = parsed.type;
      else if (target !== null && target !== (baseline ?? 0)) {
        type = target > (baseline ?? 0) ? "increase" : "decrease";
      }
    }

    let current: KeyResultValue | null = null;
    if (typeof currentRaw === "boolean") current = currentRaw;
    else if (currentWord !== null) current = currentWord;
    // OKR Studio writes a milestone's done / not done as 1 / 0 (src/sheets/build.ts `currentValue`).
    else if (type === "milestone" && (currentRaw === 0 || currentRaw === 1))
      current = currentRaw === 1;
    else current = type === "milestone" ? (currentCell?.value ?? null) : inPoints(currentCell);

    let weight = 1;
    const weightCell = number("weight");
    if (weightCell !== null) {
      if (weightCell.value >= 0) weight = weightCell.value;
      else this.problem(where("weight"), `weight ${weightCell.value} is negative; 1 is used`);
    }

    const owner = textOf(at("owner"));
    const notesText = isErrorValue(at("notes")) ? "" : textOf(at("notes"));
    const keyResult: KeyResult = {
      id,
      text,
      type,
      baseline,
      target,
      unit,
      current,
      weight,
      owner: owner === "" || isErrorValue(owner) ? null : owner,
      // OKR Studio joins a key result's notes with "; " (src/sheets/build.ts).
      notes: notesText === "" ? [] : studio ? notesText.split("; ") : [notesText],
    };

    const recorded: RecordedValues = { formulas: {} };
    for (const field of ["score", "status", "progress"] as const) {
      const column = columns.get(field);
      if (column === undefined) continue;
      const formula = grid.formula(row, column);
      if (formula !== null) recorded.formulas[field] = formula;
      const shown = grid.value(row, column);
      if (isErrorValue(shown)) (recorded.errors ??= {})[field] = shown.trim();
    }
    if (has("score")) {
      const score = at("score");
      recorded.score = isBlank(score) ? null : typeof score === "boolean" ? textOf(score) : score;
      if (recorded.formulas.score === undefined && typeof score !== "boolean") {
        const typed = isBlank(score) ? null : readQuantity(score);
        if (typed !== null) keyResult.recordedScore = onUnitScale(typed);
      }
    }
    if (has("status")) {
      const status = at("status");
      recorded.status = isBlank(status) ? null : textOf(status);
      // "🟨 66%": a status with the score beside it, in a sheet with no score column of its own.
      const percent = has("score") ? null : STATUS_WITH_SCORE.exec(textOf(status));
      if (percent && recorded.formulas.status === undefined) {
        const value = Number(percent[1]) / 100;
        recorded.score = value;
        keyResult.recordedScore = value;
      }
    }
    if (has("progress")) {
      const progress = at("progress");
      const quantity = isBlank(progress) || isErrorValue(progress) ? null : readQuantity(progress);
      recorded.progress = quantity === null ? null : onUnitScale(quantity);
    }
    // A deliverable graded by hand: no number to reach in its cells or its sentence, and a typed
    // score from 0 to 1 (0.6 for a feature mostly shipped). It is a milestone, and its grade is its
    // value (partial credit, MILESTONE_GRADE), so the check scores it as the sheet does.
    const grade = keyResult.recordedScore;
    if (
      !studio &&
      grade !== undefined &&
      grade >= MILESTONE_GRADE.min &&
      grade <= MILESTONE_GRADE.max &&
      keyResult.type === null &&
      keyResult.target === null &&
      keyResult.baseline === null &&
      keyResult.current === null
    ) {
      keyResult.type = "milestone";
      keyResult.current = grade;
    }
    return { id: id === "" ? null : id, keyResult, locations, recorded };
  }
}

function describeLocation(location: CellLocation | undefined | null): string {
  return location ? `${location.sheet}!${location.address}` : "an unknown cell";
}

/** A logged value as the Current formula counts it: a number, TRUE or a done word 1, else 0. */
function loggedNumber(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string" || isErrorValue(value)) return null;
  const word = doneOrNot(value);
  if (word !== null) return word ? 1 : 0;
  return null;
}
