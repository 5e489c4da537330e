const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation, sources } = require("webpack");
const { contentSecurityPolicy } = require("./scripts/csp.cjs");

/** Where the add-in is served during development and sideloading; manifest.xml and @helpurl use it. */
const DEV_BASE_URL = "https://localhost:3000/";

/**
 * The base URL the built add-in will be served from: OKR_STUDIO_BASE_URL when set, else localhost.
 * Office requires HTTPS, and every URL is built by appending to it, so it must end with "/".
 */
function baseUrl() {
  const value = process.env.OKR_STUDIO_BASE_URL;
  if (value === undefined || value === "") {
    return DEV_BASE_URL;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`OKR_STUDIO_BASE_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `OKR_STUDIO_BASE_URL must be an https:// URL (Office requires HTTPS): "${value}"`
    );
  }
  if (!value.endsWith("/")) {
    throw new Error(`OKR_STUDIO_BASE_URL must end with "/": "${value}" (try "${value}/")`);
  }
  return value;
}

function withBaseUrl(text, base) {
  return text.split(DEV_BASE_URL).join(base);
}

/** Rewrites the help URLs in the generated functions.json (custom-functions-metadata-plugin emits it). */
class FunctionsJsonBaseUrlPlugin {
  constructor(base) {
    this.base = base;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FunctionsJsonBaseUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsJsonBaseUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (asset === undefined) {
            return; // the metadata plugin reported why as a compilation error
          }
          const json = withBaseUrl(asset.source.source().toString(), this.base);
          compilation.updateAsset("functions.json", new sources.RawSource(json));
        }
      );
    });
  }
}

/**
 * The manifest names functions.js (the custom functions' <Script>), so it keeps that stable URL:
 * a copy of the functions bundle, whose content-hashed name is what taskpane.html loads (with a
 * shared runtime the functions run in that page).
 */
class StableFunctionsScriptPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("StableFunctionsScriptPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minifying and the final content hashes, so the copy is the file the page loads.
        { name: "StableFunctionsScriptPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const entry = compilation.entrypoints.get("functions");
          const script = entry?.getEntrypointChunk().files;
          const file = script && [...script].find((name) => name.endsWith(".js"));
          if (file === undefined) {
            return; // the compilation's errors say why
          }
          compilation.emitAsset("functions.js", compilation.getAsset(file).source);
        }
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const base = baseUrl();

  return {
    context: __dirname,
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // The fallback runs first so the appended CustomFunctions.associate calls cannot throw.
      functions: ["./src/taskpane/customFunctionsFallback.ts", "./src/functions/functions.ts"],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Content-hashed, so a browser never keeps a stale script after an update; the pages and
      // files the manifest names (taskpane.html, help, functions.json, icons) keep their names.
      filename: "[name].[contenthash].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type errors are `npm run typecheck`'s job; ES modules let webpack tree-shake Fluent UI.
              transpileOnly: true,
              compilerOptions: { module: "es2020", sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        // Absolute: the plugin resolves its input against the working directory, not the context.
        input: path.resolve(__dirname, "src/functions/functions.ts"),
      }),
      new FunctionsJsonBaseUrlPlugin(base),
      new StableFunctionsScriptPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the custom functions run in the task-pane page.
        chunks: ["taskpane", "functions"],
        // Its <meta http-equiv="Content-Security-Policy">; the dev server's adds its live reload.
        templateParameters: {
          contentSecurityPolicy: contentSecurityPolicy("pane", {
            devServer: Boolean(env.WEBPACK_SERVE),
          }),
        },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => withBaseUrl(content.toString(), base),
          },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/help/*", to: "help/[name][ext]" },
        ],
      }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // What only the page outside Excel needs to read a chosen file (ExcelJS's browser build,
          // JSZip) stays in that one on-demand chunk, "xlsx", with the file reader
          // (src/taskpane/file/checkFile.ts), rather than in a vendor chunk of its own; elsewhere,
          // webpack's default (async chunks only). The reader and the rules shared with Excel's
          // check stay in the chunks webpack shares between them.
          defaultVendors: {
            test: /[\\/]node_modules[\\/]/i,
            chunks: (chunk) => !chunk.canBeInitial() && chunk.name !== "xlsx",
            idHint: "vendors",
            priority: -10,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: {
      // Fluent UI dominates the task-pane bundle; the add-in is loaded once per session. The
      // xlsx chunk (ExcelJS's browser build is 1 MB) loads only outside Excel, once a file is
      // chosen, so it alone may be larger.
      assetFilter: (asset) => asset.endsWith(".js") && !/^xlsx\./.test(asset),
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        // Only `webpack serve` needs certificates; a plain build never touches them. They are
        // generated where missing and never installed (`npm run dev-certs -- --install` does that).
        options: env.WEBPACK_SERVE
          ? await (await import("./scripts/dev-certs.mjs")).httpsServerOptions()
          : {},
      },
    },
  };
};
