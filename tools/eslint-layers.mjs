/**
 * The layers of src/, as a table of allowed imports, and the lint rule that holds the code to it.
 *
 * A file belongs to the layer of its top folder under src/ (src/taskpane/model/form.ts is in `taskpane`). An
 * import is resolved against the importing file; when it lands in another layer, that layer must be in the
 * importer's row of LAYERS. A package import (a bare name such as "react") is free everywhere except where a
 * layer lists `packages`: the engine reads decimal.js and nothing else, so it runs in Excel's bare
 * custom-functions runtime, the pane and the page alike.
 */
import path from "node:path";

export const LAYERS = {
  engine: { imports: [], packages: ["decimal.js"] },
  shared: { imports: ["engine"] },
  functions: { imports: ["engine", "shared"] },
  taskpane: { imports: ["engine", "shared"] },
  playground: { imports: ["engine", "shared", "functions", "taskpane"] },
};

/** The layer a path under src/ is in, or undefined outside src/ (tests, tools). */
function layerOf(file, root) {
  const parts = path.relative(path.join(root, "src"), file).split(path.sep);
  return parts.length > 1 && parts[0] !== ".." && parts[0] in LAYERS ? parts[0] : undefined;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Imports follow the table of layers in tools/eslint-layers.mjs." },
    schema: [],
    messages: {
      layer: "{{from}} may not import {{to}} ({{source}}): {{from}} imports only {{allowed}}.",
      package: "{{from}} may not import the package {{source}}: it reads only {{allowed}}.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename;
    const from = layerOf(file, root);
    if (from === undefined) return {};
    const row = LAYERS[from];
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string") return;
      if (!source.startsWith(".")) {
        if (row.packages && !row.packages.includes(source)) {
          context.report({ node, messageId: "package", data: { from, source, allowed: row.packages.join(", ") } });
        }
        return;
      }
      const to = layerOf(path.resolve(path.dirname(file), source), root);
      if (to === undefined || to === from || row.imports.includes(to)) return;
      const allowed = [...row.imports, ...(row.packages ?? [])].join(", ") || "nothing";
      context.report({ node, messageId: "layer", data: { from, to, source, allowed } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { imports: rule } };
