/**
 * Counts which branch each run of a property reaches, so that a property test can show that its
 * generators reach the interesting cases (a real score rather than an error or pending) often
 * enough to test something. Record one branch per run inside the property; after `fc.assert`,
 * assert the shares with `expectShare`. With OKR_REACH_SUMMARY=1 in the environment, each
 * `expectShare` also prints every branch's share (for tuning generators; silent otherwise).
 */
export class Reach<Branch extends string = string> {
  private readonly counts = new Map<Branch, number>();
  private total = 0;
  private printed = false;

  /** Records one run that reached `branch`. */
  record(branch: Branch): void {
    this.total += 1;
    this.counts.set(branch, (this.counts.get(branch) ?? 0) + 1);
  }

  /** How many runs were recorded. */
  get runs(): number {
    return this.total;
  }

  /** The share of the runs, 0–1, that reached any of `branches` (0 before any run). */
  share(...branches: Branch[]): number {
    if (this.total === 0) return 0;
    const reached = branches.reduce((sum, branch) => sum + (this.counts.get(branch) ?? 0), 0);
    return reached / this.total;
  }

  /**
   * Expects at least `least` (0–1) of the runs to have reached any of `branches`; on failure the
   * message gives the share of every branch.
   */
  expectShare(least: number, ...branches: Branch[]): void {
    const share = this.share(...branches);
    if (process.env.OKR_REACH_SUMMARY === "1" && !this.printed) {
      this.printed = true;
      console.log(`${expect.getState().currentTestName}: ${this.summary()} (${this.total} runs)`);
    }
    const wanted = `at least ${percent(least)} of the runs`;
    expect({ [branches.join(" or ")]: share >= least ? wanted : this.summary() }).toEqual({
      [branches.join(" or ")]: wanted,
    });
  }

  /** Each branch with its share, most frequent first: `value 61.2%, error 30.1%, pending 8.7%`. */
  summary(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([branch, count]) => `${branch} ${percent(count / this.total)}`)
      .join(", ");
  }
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/**
 * The number of runs for a property: `runs`, scaled by OKR_PROPERTY_RUNS_SCALE (0–1) when set.
 * `npm run test:unit` sets it to run the properties quickly (a quarter of the runs, never fewer
 * than 100, or `runs` when that is fewer); `npm test` and CI run them in full. The shares that
 * `Reach` asserts hold at either count.
 */
export function propertyRuns(runs: number): number {
  const scale = Number(process.env.OKR_PROPERTY_RUNS_SCALE ?? "1");
  if (!(scale > 0 && scale < 1)) return runs;
  return Math.min(runs, Math.max(100, Math.ceil(runs * scale)));
}
