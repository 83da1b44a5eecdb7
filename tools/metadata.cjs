// Generates functions.json from the JSDoc in src/functions/functions.ts (the same generator the webpack
// plugin runs), for the golden file and the README's function list, without a build.
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const SOURCE = path.resolve(__dirname, "../src/functions/functions.ts");

async function metadata() {
  const result = await generateCustomFunctionsMetadata(SOURCE, true);
  if (result.errors.length) throw new Error(result.errors.join("\n"));
  return JSON.parse(result.metadataJson);
}

module.exports = { metadata, SOURCE };
