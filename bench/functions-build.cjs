// Builds dist/functions.js alone (what Excel runs) from the sources of any checkout, with this checkout's
// webpack, TypeScript loader and metadata plugin: the same entry, loader, output and minifier settings as
// webpack.config.js, without the task pane, the playground and the pages. `--baseline` uses it to build the
// functions of an older commit beside the current ones.
//
//   node bench/functions-build.cjs <checkout> <output folder>
const path = require("path");
const webpack = require("webpack");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** Builds `<root>/src/functions/functions.ts` into `<out>/functions.js` (and functions.json); resolves when written. */
function buildFunctions(root, out) {
  const config = {
    mode: "production",
    context: root,
    devtool: false,
    entry: { functions: "./src/functions/functions.ts" },
    output: { path: out, filename: "[name].js", clean: true, globalObject: "globalThis" },
    resolve: { extensions: [".ts", ".tsx", ".js"], modules: [path.join(root, "node_modules"), path.resolve(__dirname, "../node_modules")] },
    resolveLoader: { modules: [path.resolve(__dirname, "../node_modules")] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(root, "tsconfig.json") } },
        },
      ],
    },
    performance: { hints: false },
    optimization: { minimizeOptions: { javascript: { ecma: 2020, compress: { passes: 3 }, format: { comments: false } } } },
    plugins: [new CustomFunctionsMetadataPlugin({ output: "functions.json", input: path.join(root, "src/functions/functions.ts") })],
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(path.join(out, "functions.js"));
    });
  });
}

module.exports = { buildFunctions };

if (require.main === module) {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) {
    console.error("usage: node bench/functions-build.cjs <checkout> <output folder>");
    process.exit(2);
  }
  buildFunctions(path.resolve(root), path.resolve(out)).then(
    (file) => console.log(file),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
