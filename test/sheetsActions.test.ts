import {
  createSheetsActions,
  scriptRunServer,
  type CallServer,
  type ScriptRun,
} from "../src/taskpane/sheets/sheetsActions";

/*
 * The sidebar's actions without a browser: google.script.run promisified (each way Apps Script
 * answers, and a page opened outside it), and what the actions send and give back.
 */

/** A google.script.run that answers `name` with `answer` after a turn, as Apps Script does. */
function fakeRun(answer: { success?: unknown; failure?: unknown }, sent: unknown[]): ScriptRun {
  const runner = (success?: (value: unknown) => void, failure?: (error: unknown) => void) => {
    const run: ScriptRun = {
      withSuccessHandler: (handler) => runner(handler, failure),
      withFailureHandler: (handler) => runner(success, handler),
      readSnapshot: (request: unknown) => {
        sent.push(request);
        setTimeout(() =>
          "failure" in answer ? failure?.(answer.failure) : success?.(answer.success)
        );
      },
    };
    return run;
  };
  return runner();
}

describe("scriptRunServer", () => {
  test.each([
    [
      "a success gives its value",
      { success: { sheets: [], names: [] } },
      { sheets: [], names: [] },
    ],
    [
      "an Error's message is kept",
      { failure: new Error("Sheet locked.") },
      new Error("Sheet locked."),
    ],
    [
      "a plain object's message made an Error",
      { failure: { message: "Quota." } },
      new Error("Quota."),
    ],
    [
      "an empty failure says which call",
      { failure: "" },
      new Error("The spreadsheet did not finish readSnapshot."),
    ],
  ])("%s", async (_, answer, expected) => {
    const sent: unknown[] = [];
    const call = scriptRunServer(() => fakeRun(answer, sent));
    const result = call("readSnapshot", undefined);
    if (expected instanceof Error) await expect(result).rejects.toThrow(expected.message);
    else await expect(result).resolves.toEqual(expected);
    expect(sent).toEqual([undefined]);
  });

  test("outside Google Sheets (no google.script.run) it refuses with the reason", async () => {
    await expect(scriptRunServer(() => undefined)("readSnapshot", undefined)).rejects.toThrow(
      "This page is not open in Google Sheets: open it from the OKR Studio menu."
    );
  });

  test("a server function the script lacks is named", async () => {
    const call = scriptRunServer(() => fakeRun({ success: null }, []));
    await expect(call("recordCheckIn", {} as never)).rejects.toThrow(
      "The add-on's script has no recordCheckIn: update OKR Studio's script."
    );
  });
});

describe("createSheetsActions", () => {
  test("insert sends the spec, maps the result to the pane's and reports writing then done", async () => {
    const requests: unknown[] = [];
    const call = (async (name: string, request: unknown) => {
      requests.push([name, request]);
      return {
        sheets: { Scorecard: "Scorecard 2" },
        tables: { OkrKeyResults: "OkrKeyResults" },
        names: {},
        activeSheet: "Scorecard 2",
      };
    }) as CallServer;
    const steps: string[] = [];
    const spec = { sheets: [{ name: "Scorecard" }], names: [], styles: {} } as never;
    const result = await createSheetsActions(call).insertWorkbook(spec, (progress) =>
      steps.push(progress.step)
    );
    expect(requests).toEqual([["insertTemplate", { spec }]]);
    expect(steps).toEqual(["writing", "done"]);
    expect(result).toMatchObject({
      sheets: { Scorecard: "Scorecard 2" },
      activeSheet: "Scorecard 2",
    });
  });

  test("a check-in goes as the server's request", async () => {
    const requests: unknown[] = [];
    const call = (async (name: string, request: unknown) => {
      requests.push([name, request]);
      return { id: "c1", location: { sheet: "Check-ins", address: "A2:P2" }, row: 2 };
    }) as CallServer;
    const actions = createSheetsActions(call);
    const entry = {
      keyResultId: "O1.KR1",
      value: 55,
      date: 46000,
      confidence: null,
      author: "Ann",
      note: "",
      replaces: null,
    };
    await expect(actions.appendCheckIn!(entry)).resolves.toEqual({
      id: "c1",
      location: { sheet: "Check-ins", address: "A2:P2" },
      syncs: 1,
    });
    expect(requests).toEqual([["recordCheckIn", entry]]);
    expect(actions.capabilities).toMatchObject({ host: "sheets", check: { available: true } });
  });

  test("select calls selectCell with the finding's sheet and address, and passes its error on", async () => {
    const requests: unknown[] = [];
    let failure: Error | null = null;
    const call = (async (name: string, request: unknown) => {
      requests.push([name, request]);
      if (failure) throw failure;
      return request;
    }) as CallServer;
    const actions = createSheetsActions(call);
    await expect(actions.select({ sheet: "Scorecard", address: "K7" })).resolves.toBeUndefined();
    expect(requests).toEqual([["selectCell", { sheet: "Scorecard", address: "K7" }]]);
    failure = new Error('This spreadsheet has no sheet "Gone" any more: check the workbook again.');
    await expect(actions.select({ sheet: "Gone", address: "B2" })).rejects.toThrow(failure.message);
  });

  test("openHelp calls showHelp with the function's id, and passes its error on", async () => {
    const requests: unknown[] = [];
    let failure: Error | null = null;
    const call = (async (name: string, request: unknown) => {
      requests.push([name, request]);
      if (failure) throw failure;
      return { page: request, title: `OKR_${String(request)}` };
    }) as CallServer;
    const actions = createSheetsActions(call);
    await expect(actions.openHelp?.("PACE")).resolves.toBeUndefined();
    expect(requests).toEqual([["showHelp", "PACE"]]);
    failure = new Error("No HTML file named Help-pace was found.");
    await expect(actions.openHelp?.("PACE")).rejects.toThrow(failure.message);
  });
});
