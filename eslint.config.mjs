import tseslint from "typescript-eslint";
import layers from "./tools/eslint-layers.mjs";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test-results/"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.cjs", "**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The layers of src/ and what each may import: the table in tools/eslint-layers.mjs.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { layers },
    rules: { "layers/imports": "error" },
  },
  {
    // Small files and functions everywhere: no file over 500 lines, no function over 80. functions.ts (one-line
    // wrappers with their documentation) and the generated decoders are the exceptions by design.
    files: ["src/engine/**/*.ts", "src/functions/**/*.ts", "src/shared/**/*.ts", "src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/playground/**/*.ts", "src/playground/**/*.tsx"],
    ignores: ["src/functions/functions.ts", "src/engine/spec/decoders.ts"],
    rules: {
      "max-lines": ["error", { max: 500 }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The engine knows nothing of Excel, Office or the page.
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "CustomFunctions", "document", "window", "Date"],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // No text reaches the page as HTML: the pages build DOM nodes and set textContent, or let React do it.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: "Use textContent or DOM nodes: no HTML from strings." },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: "Use DOM nodes: no HTML from strings." },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: "No document.write." },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "No HTML from strings in React." },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: "No eval: the pages' Content-Security-Policy forbids it." },
      ],
    },
  },
);
