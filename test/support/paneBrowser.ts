import AxeBuilder from "@axe-core/playwright";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { Page } from "playwright-core";

/*
 * What the task pane's browser suites share: Debian's Chromium and how it is started here, a static
 * server for the built pane, and the accessibility check.
 */

export const CHROMIUM = "/usr/bin/chromium";
/** Headless, and no background traffic: this machine's network is closed. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Locally a missing chromium skips the suite (nothing to drive); in CI it must run, so it fails there.
// Decided when called, not at load: `npm run bench` loads this module outside jest.
export function describeInBrowser(name: string, suite: () => void): void {
  (fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip)(name, suite);
}

export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Waits until the page's transitions and finite animations have ended (two frames first, so that
 * a style change just made has started its transition). Fluent's buttons fade their colours over
 * 100 ms: axe measuring a button that was just enabled reads the colours half-way (#eeeeee on
 * #498eca, 3.01:1), which no one sees for longer than that.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    await Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined))
    );
  });
}

/**
 * Runs axe-core on the page once it has settled (WCAG 2.2 AA tags): no violation, or each one
 * named.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await settled(page);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  expect(
    violations.map(
      (violation) =>
        `${state}: ${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`
    )
  ).toEqual([]);
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves the files under `root` on 127.0.0.1 (a free port); nothing outside it. */
export function serve(root: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const file = path.join(
      root,
      decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)
    );
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
