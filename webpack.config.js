const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { renderHelpPage } = require("./tools/help-page.cjs");
// manifest.xml and the functions' help links for the address in LEV_URL (see tools/deploy.cjs)
const { DeployPlugin, addressOrExit } = require("./tools/deploy.cjs");

/** Emits help.html, the function reference, from the functions.json the metadata plugin emitted. */
class HelpPagePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "HelpPagePlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const meta = compilation.getAsset("functions.json");
          if (!meta) return;
          const html = renderHelpPage(JSON.parse(meta.source.source().toString()));
          compilation.emitAsset("help.html", new compiler.webpack.sources.RawSource(html));
        },
      );
    });
  }
}

/** Certificates for https://localhost, generated without root (office-addin-dev-certs), reused when present. */
async function httpsOptions() {
  const certs = require("office-addin-dev-certs");
  const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
  const files = { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
  if (!Object.values(files).every((f) => fs.existsSync(f))) {
    await certs.generateCertificates(files.ca, files.cert, files.key, 30);
  }
  return { ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
}

/** The add-in's identity from manifest.xml, for the add-in part of the files the playground saves (src/playground/addin.ts). */
function addinIdentity() {
  const xml = fs.readFileSync(path.join(__dirname, "manifest.xml"), "utf8");
  const tag = (re) => re.exec(xml)?.[1];
  return {
    id: tag(/<Id>([^<]+)<\/Id>/),
    version: tag(/<Version>([^<]+)<\/Version>/),
    namespace: tag(/<bt:String id="Functions\.Namespace" DefaultValue="([^"]+)"/),
  };
}

/**
 * Emits chunks.json: the files of every named chunk group (the pane, the journal import's worker, its .xlsx and
 * HTML readers, each with the library chunks it loads), so that bench/size.cjs measures what each one costs.
 */
class ChunkFilesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ChunkFilesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ChunkFilesPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const groups = {};
        const add = (c) => {
          for (const g of c.namedChunkGroups ?? []) {
            if (!g[0] || g[0].startsWith("HtmlWebpackPlugin")) continue;
            groups[g[0]] = [...new Set(g[1].chunks.flatMap((ch) => [...ch.files].filter((f) => f.endsWith(".js"))))];
          }
        };
        add(compilation);
        for (const child of compilation.children) add(child);
        compilation.emitAsset("chunks.json", new compiler.webpack.sources.RawSource(JSON.stringify(groups, null, 2)));
      });
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const serving = Boolean(process.env.WEBPACK_SERVE);
  const address = addressOrExit({ production: !dev, serving });
  return {
    // Source maps for development only: the site and the package carry none (they would be most of its bytes).
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
      // The playground (HyperFormula, GPL-3.0) is its own entry and never part of what Excel loads.
      playground: "./src/playground/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // functions.js runs in Excel's JavaScript-only runtime too, where only globalThis/self exist.
      globalObject: "globalThis",
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
      ],
    },
    performance: { hints: false },
    optimization: {
      minimizeOptions: {
        javascript: { ecma: 2020, compress: { passes: 3 }, format: { comments: false } },
      },
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HelpPagePlugin(),
      new (require("webpack").DefinePlugin)({ __LEV_ADDIN__: JSON.stringify(addinIdentity()) }),
      new ChunkFilesPlugin(),
      new DeployPlugin(address),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // functions first: the shared runtime registers the custom functions before the pane's code.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        inject: "head",
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/playground/index.html",
        chunks: ["playground"],
        inject: "head",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
        ],
      }),
    ],
    devServer: {
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      hot: false,
      liveReload: false,
      client: false,
      server: serving ? { type: "https", options: await httpsOptions() } : undefined,
    },
  };
};
