import * as fs from "fs";
import type HtmlWebpackPlugin from "html-webpack-plugin";
import type * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, serve } from "./paneBrowser";

/*
 * The start of the browser suites that drive the built pane with a stand-in office.js
 * (taskpaneRepair, taskpaneCheckIn, taskpaneCoauthoring): the pane built with the stand-in as an
 * extra entry (and any test pages), served on 127.0.0.1, Debian's Chromium started; then each test
 * opens a page whose office.js is the stand-in and where every other request off the server is
 * refused, so nothing leaves the machine.
 */

const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, shared with the .mjs scripts
const { buildPane } = require("../../scripts/build-pane.cjs") as {
  buildPane: (
    outputPath: string,
    options?: { entry?: Record<string, string>; plugins?: HtmlWebpackPlugin[] }
  ) => Promise<unknown>;
};

export interface PaneServer {
  /** "http://127.0.0.1:<port>". */
  origin: string;
  browser: Browser;
  /** A page of the build, with the stand-in for office.js and errors collected. */
  open(options: {
    page: string;
    viewport: { width: number; height: number };
    colorScheme?: "light" | "dark";
    /** Script run before the page's own (a stand-in's settings: `window.okrStandInTheme = …`). */
    init?: string;
  }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Builds the pane with `standIn` (the name of its entry, one of `entry`) and whatever else
 * `entry` and `plugins` add, serves it and starts Chromium. `name` names the temporary folder.
 */
export async function startPane(
  name: string,
  {
    standIn,
    entry,
    plugins = [],
  }: { standIn: string; entry: Record<string, string>; plugins?: HtmlWebpackPlugin[] }
): Promise<PaneServer> {
  const outputPath = fs.mkdtempSync(path.join(os.tmpdir(), `okr-studio-${name}-e2e-`));
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    fs.rmSync(outputPath, { recursive: true, force: true });
  };
  try {
    await buildPane(outputPath, { entry, plugins });
    server = await serve(outputPath);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const file = fs
      .readdirSync(outputPath)
      .find((file) => file.startsWith(`${standIn}.`) && file.endsWith(".js"));
    if (file === undefined) throw new Error(`The build has no ${standIn} bundle.`);
    const script = fs.readFileSync(path.join(outputPath, file), "utf8");
    const started = browser;
    return {
      origin,
      browser: started,
      close,
      async open({ page: pagePath, viewport, colorScheme, init }) {
        const context = await started.newContext({ viewport, colorScheme });
        const errors: string[] = [];
        await context.route("**/*", async (route) => {
          const url = route.request().url();
          if (url.startsWith(`${origin}/`)) await route.continue();
          else if (url === OFFICE_JS_URL)
            await route.fulfill({ body: script, contentType: "text/javascript" });
          else await route.abort("blockedbyclient");
        });
        if (init !== undefined) await context.addInitScript(init);
        const page = await context.newPage();
        page.on("pageerror", (error) => errors.push(error.message));
        await page.goto(`${origin}/${pagePath}`);
        return { context, page, errors };
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
