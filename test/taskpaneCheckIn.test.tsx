import { insertWorkbook } from "../src/hosts/excel";
import type { Plan } from "../src/okr/model";
import { summarize } from "../src/okr/summary";
import { buildWorkbook } from "../src/sheets/build";
import {
  checkDate,
  keyResultOptions,
  parseCheckInValue,
  parseLocaleNumber,
  recentCheckIns,
  recordedAt,
  rememberAuthor,
  rememberedAuthor,
  searchKeyResults,
  separatorsOf,
  serialFromIso,
  takesCorrections,
  valueKindOf,
  valueText,
  type KeyResultOption,
} from "../src/taskpane/checkIn/checkInForm";
import type { WorkbookRead } from "../src/taskpane/actions";
import { createExcelActions } from "../src/taskpane/excel/excelActions";
import { checkInTestPlan } from "./support/checkInTestPlan";
import { FakeExcel } from "./support/fakeExcel";

/**
 * The check-in form's rules (value per locale and type, date per period, search, the recent
 * check-ins a correction picks from) and the Excel action that records one, against the fake.
 */

// Its quarter is 2026-Q4: the one that holds 1 October 2026.
const PLAN: Plan = checkInTestPlan(new Date(2026, 9, 1));

describe("numbers as the user's locale writes them", () => {
  test.each`
    locale     | decimal | group
    ${"en-US"} | ${"."}  | ${","}
    ${"de-DE"} | ${","}  | ${"."}
    ${"fr-FR"} | ${","}  | ${"\u202f"}
  `("$locale: decimal $decimal", ({ locale, decimal, group }) => {
    expect(separatorsOf(locale)).toEqual({ decimal, group });
  });

  test.each`
    locale     | text              | value
    ${"en-US"} | ${"1,234.5"}      | ${1234.5}
    ${"en-US"} | ${"1234.5"}       | ${1234.5}
    ${"en-US"} | ${" -7 "}         | ${-7}
    ${"en-US"} | ${"\u22127.25"}   | ${-7.25}
    ${"en-US"} | ${"1.234,5"}      | ${null}
    ${"en-US"} | ${"12,34"}        | ${null}
    ${"en-US"} | ${"abc"}          | ${null}
    ${"en-US"} | ${""}             | ${null}
    ${"en-US"} | ${"1e5"}          | ${null}
    ${"de-DE"} | ${"1.234,5"}      | ${1234.5}
    ${"de-DE"} | ${"0,85"}         | ${0.85}
    ${"de-DE"} | ${"1,234.5"}      | ${null}
    ${"fr-FR"} | ${"1 234,5"}      | ${1234.5}
    ${"fr-FR"} | ${"1\u00a0234,5"} | ${1234.5}
    ${"fr-FR"} | ${"1\u202f234,5"} | ${1234.5}
  `("$locale reads $text as $value", ({ locale, text, value }) => {
    expect(parseLocaleNumber(text, locale)).toBe(value);
  });
});

describe("a value the key result can take", () => {
  test.each`
    kind         | locale     | input         | result
    ${"number"}  | ${"en-US"} | ${"55"}       | ${{ ok: true, value: 55 }}
    ${"number"}  | ${"de-DE"} | ${"55,5"}     | ${{ ok: true, value: 55.5 }}
    ${"number"}  | ${"en-US"} | ${"fifty"}    | ${{ ok: false, reason: '"fifty" is not a number. Type a number such as 1,234.5.' }}
    ${"number"}  | ${"de-DE"} | ${"fünfzig"}  | ${{ ok: false, reason: '"fünfzig" is not a number. Type a number such as 1.234,5.' }}
    ${"number"}  | ${"en-US"} | ${"  "}       | ${{ ok: false, reason: "Enter the new value." }}
    ${"percent"} | ${"en-US"} | ${"85"}       | ${{ ok: true, value: 0.85 }}
    ${"percent"} | ${"en-US"} | ${"85 %"}     | ${{ ok: true, value: 0.85 }}
    ${"percent"} | ${"de-DE"} | ${"12,5%"}    | ${{ ok: true, value: 0.125 }}
    ${"percent"} | ${"en-US"} | ${"lots"}     | ${{ ok: false, reason: '"lots" is not a percentage. Type a number such as 85 or 12.5.' }}
    ${"done"}    | ${"en-US"} | ${"done"}     | ${{ ok: true, value: true }}
    ${"done"}    | ${"en-US"} | ${"not done"} | ${{ ok: true, value: false }}
    ${"done"}    | ${"en-US"} | ${""}         | ${{ ok: false, reason: "Choose done or not done." }}
  `("$kind in $locale: $input", ({ kind, locale, input, result }) => {
    expect(parseCheckInValue(input, kind, locale)).toEqual(result);
  });

  test.each`
    type           | unit    | kind
    ${"increase"}  | ${null} | ${"number"}
    ${"decrease"}  | ${"$"}  | ${"number"}
    ${"increase"}  | ${"%"}  | ${"percent"}
    ${"milestone"} | ${null} | ${"done"}
  `("$type with unit $unit asks for a $kind", ({ type, unit, kind }) => {
    expect(valueKindOf({ type, unit })).toBe(kind);
  });
});

describe("the date's rules", () => {
  const period = { start: serialFromIso("2026-10-01")!, end: serialFromIso("2026-12-31")! };
  const today = serialFromIso("2026-11-30")!;
  test.each`
    iso             | periodGiven | result
    ${"2026-11-30"} | ${true}     | ${{ ok: true, value: today, note: null }}
    ${"2026-10-01"} | ${true}     | ${{ ok: true, value: period.start, note: null }}
    ${"2026-09-30"} | ${true}     | ${{ ok: false, reason: "2026-09-30 is before the period starts (2026-10-01)." }}
    ${"2026-12-01"} | ${true}     | ${{ ok: false, reason: "2026-12-01 is in the future; a check-in records what was measured, up to today." }}
    ${"2026-02-30"} | ${true}     | ${{ ok: false, reason: "Enter the date as a day (yyyy-mm-dd)." }}
    ${""}           | ${true}     | ${{ ok: false, reason: "Enter the date as a day (yyyy-mm-dd)." }}
    ${"2020-01-01"} | ${false}    | ${{ ok: true, value: serialFromIso("2020-01-01"), note: null }}
  `("$iso", ({ iso, periodGiven, result }) => {
    expect(checkDate(iso, periodGiven ? period : null, today)).toEqual(result);
  });

  test("after the period's end (final grading): allowed, with a note", () => {
    const ended = { start: serialFromIso("2026-07-01")!, end: serialFromIso("2026-09-30")! };
    expect(checkDate("2026-10-05", ended, serialFromIso("2026-11-30")!)).toEqual({
      ok: true,
      value: serialFromIso("2026-10-05"),
      note: "2026-10-05 is after the period ended (2026-09-30): recorded as a final grading.",
    });
  });

  test("serials agree with Excel's", () => {
    expect(serialFromIso("1970-01-01")).toBe(25569);
    expect(serialFromIso("2026-01-01")).toBe(46023);
  });
});

describe("searching the key results", () => {
  const options = keyResultOptions(PLAN, null);
  test.each`
    query                  | ids
    ${""}                  | ${["O1.KR1", "O1.KR2", "O1.KR3"]}
    ${"runbook"}           | ${["O1.KR3"]}
    ${"RUNBOOK"}           | ${["O1.KR3"]}
    ${"o1.kr2"}            | ${["O1.KR2"]}
    ${"delight"}           | ${["O1.KR1", "O1.KR2", "O1.KR3"]}
    ${"delight users"}     | ${["O1.KR1"]}
    ${"nothing like this"} | ${[]}
  `("$query", ({ query, ids }) => {
    expect(searchKeyResults(options, query).map((option) => option.id)).toEqual(ids);
  });
});

describe("a key result's value as the list and the form say it", () => {
  const option = (
    kind: KeyResultOption["kind"],
    unit: string | null,
    current: number | boolean | null
  ) => ({ ...keyResultOptions(PLAN, null)[0], kind, unit, current }) as KeyResultOption;
  test.each`
    kind         | unit         | current   | text
    ${"number"}  | ${null}      | ${1234.5} | ${"1,234.5"}
    ${"number"}  | ${"$"}       | ${1234.5} | ${"$1,234.5"}
    ${"number"}  | ${"€"}       | ${12}     | ${"€12"}
    ${"number"}  | ${"users"}   | ${10000}  | ${"10,000 users"}
    ${"percent"} | ${"%"}       | ${82.5}   | ${"82.5%"}
    ${"done"}    | ${null}      | ${true}   | ${"done"}
    ${"number"}  | ${"tickets"} | ${null}   | ${"no value yet"}
  `("$kind $unit $current → $text", ({ kind, unit, current, text }) => {
    expect(valueText(option(kind, unit, current), "en-US")).toBe(text);
  });
});

describe("where a recorded check-in is, and whether the log takes corrections", () => {
  const written = { sheet: "Check-ins", address: "A2:I2" };
  const readWith = (
    checkIns: { entry?: string; address: string }[],
    columns: Record<string, string> = {
      Date: "A",
      "Key Result": "B",
      Value: "C",
      Entry: "G",
      Replaces: "H",
    }
  ) =>
    ({
      facts: {
        checkIns: checkIns.map(({ entry, address }) => ({
          date: 46350,
          keyResultId: "O1.KR1",
          value: 1,
          confidence: null,
          comment: "",
          author: "Ann",
          entry,
          location: { sheet: "Check-ins", address },
        })),
        found: [
          {
            sheet: "Check-ins",
            table: "checkIns",
            headerRow: { sheet: "Check-ins", address: "A1" },
            columns,
          },
        ],
      },
    }) as unknown as WorkbookRead;
  test.each`
    case                                             | read                                                                            | where
    ${"no read yet: where it was written"}           | ${null}                                                                         | ${"A2:I2"}
    ${"the read finds it where it was written"}      | ${readWith([{ entry: "e-1", address: "B2" }])}                                  | ${"A2:I2"}
    ${"another pane moved it: the row it is in now"} | ${readWith([{ entry: "e-2", address: "B2" }, { entry: "e-1", address: "B3" }])} | ${"A3:I3"}
    ${"the read does not have it (yet): as written"} | ${readWith([{ entry: "e-2", address: "B2" }])}                                  | ${"A2:I2"}
    ${"row numbers of any length"}                   | ${readWith([{ entry: "e-1", address: "B10002" }])}                              | ${"A10002:I10002"}
  `("$case", ({ read, where }) => {
    expect(recordedAt(read, "e-1", written)).toEqual({ sheet: "Check-ins", address: where });
  });

  test("a log with Entry and Replaces takes corrections; an earlier OKR Studio's log does not", () => {
    expect(takesCorrections(readWith([]))).toBe(true);
    expect(
      takesCorrections(readWith([], { Date: "A", "Key Result": "B", Value: "C", Author: "F" }))
    ).toBe(false);
  });
});

describe("the remembered author", () => {
  test("kept in storage, and storage that throws is ignored", () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    expect(rememberedAuthor(storage)).toBe("");
    rememberAuthor(storage, "Ann");
    expect(rememberedAuthor(storage)).toBe("Ann");
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => rememberAuthor(blocked, "Ann")).not.toThrow();
    expect(rememberedAuthor(blocked)).toBe("");
    expect(rememberedAuthor(undefined)).toBe("");
  });
});

describe("recording a check-in in Excel (the recording fake)", () => {
  const everyVersion = (set: string) => set === "ExcelApi";

  async function workbook() {
    const fake = new FakeExcel();
    await insertWorkbook(fake.context, buildWorkbook(PLAN), { isSetSupported: everyVersion });
    let runs = 0;
    const actions = createExcelActions({
      run: (batch) => {
        runs++;
        return batch(fake.context);
      },
      isSetSupported: everyVersion,
    });
    return { fake, actions, runs: () => runs };
  }

  test("one row in the log's first empty row, three syncs; a correction names the row it replaces; a withdrawal has no value", async () => {
    const { fake, actions } = await workbook();
    const read = await actions.readPlan();
    expect(read.syncs).toBe(2);
    const options = keyResultOptions(read.facts.plan!, summarize(read.facts, { asOf: 46356 }));
    expect(
      options.map((option) => [option.id, option.kind, option.current, option.status])
    ).toEqual([
      ["O1.KR1", "number", 40, "Yellow"],
      ["O1.KR2", "percent", 30, "Red"],
      ["O1.KR3", "done", null, "Pending"],
    ]);

    const before = fake.syncs;
    const first = await actions.appendCheckIn!({
      keyResultId: "O1.KR1",
      value: 55,
      date: 46350,
      confidence: 0.7,
      author: "Ann",
      note: "Launch week",
      replaces: null,
    });
    expect(first.syncs).toBe(3);
    expect(fake.syncs - before).toBe(3);
    expect(first.location).toEqual({ sheet: "Check-ins", address: "A2:P2" });
    expect(first.id).toMatch(/^[a-z0-9]+-[a-z0-9]{6}$/);

    const correction = await actions.appendCheckIn!({
      keyResultId: "O1.KR1",
      value: 57,
      date: 46350,
      confidence: null,
      author: "Ann",
      note: "",
      replaces: first.id,
    });
    expect(correction.location).toEqual({ sheet: "Check-ins", address: "A3:P3" });
    // The reader leaves the replaced entry out: the list a correction picks from has the correction.
    const corrected = await actions.readPlan();
    expect(
      recentCheckIns(corrected, "O1.KR1").map((row) => [row.entry, row.value, row.replaced])
    ).toEqual([[correction.id, 57, false]]);

    const withdrawal = await actions.appendCheckIn!({
      keyResultId: "O1.KR1",
      value: null,
      date: 46356,
      confidence: null,
      author: "Ben",
      note: "Withdrawn",
      replaces: correction.id,
    });
    expect(withdrawal.location).toEqual({ sheet: "Check-ins", address: "A4:P4" });
    expect(recentCheckIns(await actions.readPlan(), "O1.KR1")).toEqual([]);

    // Nothing deleted: the three rows are in the log as written.
    const cells = (address: string) =>
      fake.context.workbook.worksheets.getItem("Check-ins").getRange(address);
    const range = cells("B2:H4").load("values");
    await fake.context.sync();
    expect(range.values).toEqual([
      ["O1.KR1", 55, 0.7, "Launch week", "Ann", first.id, ""],
      ["O1.KR1", 57, "", "", "Ann", correction.id, first.id],
      ["O1.KR1", "", "", "Withdrawn", "Ben", withdrawal.id, correction.id],
    ]);
  });

  test("an Excel without ExcelApi 1.4 refuses before any request", async () => {
    let runs = 0;
    const actions = createExcelActions({
      run: () => {
        runs++;
        return Promise.reject(new Error("no"));
      },
      isSetSupported: (set, version) => set === "ExcelApi" && version <= "1.3",
    });
    await expect(
      actions.appendCheckIn!({
        keyResultId: "O1.KR1",
        value: 1,
        date: 46350,
        confidence: null,
        author: "A",
        note: "",
        replaces: null,
      })
    ).rejects.toThrow(/Recording a check-in needs ExcelApi 1.4/);
    expect(runs).toBe(0);
  });
});
