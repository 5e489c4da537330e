import { insertWorkbook, readWorkbook } from "../src/hosts/excel";
import { buildWorkbook } from "../src/sheets/build";
import { FakeExcel, planWithKeyResults } from "../test/support/fakeExcel";

/**
 * The Office.js host through the recording fake: how many syncs, API calls and request bytes a
 * plan costs to insert, and to read back. Excel itself is not here, so these are the figures that
 * decide its speed (each sync is a round trip; Excel on the web refuses requests over 5 MB), not
 * timings.
 */

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

async function figuresFor(keyResults: number): Promise<{ name: string; value: string }[]> {
  const spec = buildWorkbook(planWithKeyResults(keyResults));
  const fake = new FakeExcel();
  const result = await insertWorkbook(fake.context, spec, { isSetSupported: () => true });
  const insertRequests = fake.requests.slice(0, fake.syncs);
  const insertCalls = fake.calls.length;
  const read = await readWorkbook(fake.context);
  const readRequests = fake.requests.slice(insertRequests.length);
  const label = `Excel insert, ${keyResults.toLocaleString("en-US")} key results`;
  const readLabel = `Excel read-back, ${keyResults.toLocaleString("en-US")} key results`;
  return [
    { name: `${label}: syncs`, value: String(result.syncs) },
    { name: `${label}: API calls`, value: insertCalls.toLocaleString("en-US") },
    {
      name: `${label}: largest request`,
      value: `${bytes(Math.max(...insertRequests.map((request) => request.bytes)))} (host estimate ${bytes(result.largestPayloadBytes)})`,
    },
    { name: `${readLabel}: syncs`, value: String(read.syncs) },
    {
      name: `${readLabel}: largest response`,
      value: bytes(Math.max(...readRequests.map((request) => request.responseBytes))),
    },
  ];
}

export async function runExcelBenchmarks(): Promise<{ name: string; value: string }[]> {
  return [...(await figuresFor(25)), ...(await figuresFor(2000))];
}
