// Validates manifest.xml against the add-in manifest schemas in test/fixtures/shared/manifest-xsd, offline
// (xmllint-wasm). `npm run validate` is Microsoft's online check and remains the release check.
// Usage: npm run validate:offline [-- dist/manifest.xml] (the top-level manifest.xml by default).
const fs = require("fs");
const path = require("path");

const XSD_DIR = path.resolve(__dirname, "../test/fixtures/shared/manifest-xsd");
const MAIN = "OfficeAppManifestV1_1.xsd";

async function validateManifest(file = path.resolve(__dirname, "../manifest.xml")) {
  const { validateXML } = require("xmllint-wasm");
  const xsd = fs.readdirSync(XSD_DIR).filter((f) => f.endsWith(".xsd"));
  const read = (f) => ({ fileName: f, contents: fs.readFileSync(path.join(XSD_DIR, f), "utf8") });
  const result = await validateXML({
    xml: [{ fileName: path.basename(file), contents: fs.readFileSync(file, "utf8") }],
    schema: [read(MAIN)],
    preload: xsd.filter((f) => f !== MAIN).map(read),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message || e.rawMessage) };
}

module.exports = { validateManifest, XSD_DIR };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || path.join(__dirname, "../manifest.xml"));
  validateManifest(file).then(({ valid, errors }) => {
    if (valid) console.log(`${path.relative(process.cwd(), file)} is valid against the add-in manifest schemas`);
    else console.error(errors.join("\n"));
    process.exit(valid ? 0 : 1);
  });
}
