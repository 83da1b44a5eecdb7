import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compare, files, COPY, DEFAULT_SOURCE } = require("../../tools/sync-shared.cjs");

/**
 * The repository carries its own copy of the reference vectors, formulas and manifest schemas
 * (test/fixtures/shared). Where the shared folder they come from sits beside the project, the copy must be
 * the same, byte for byte, so that a newer reference is noticed.
 */
describe("the repository's copy of the shared reference material", () => {
  it("holds the vectors, the formulas and the manifest schemas", () => {
    expect(files()).toEqual(expect.arrayContaining(["reference/vectors-public.json", "reference/formulas.md", "manifest-xsd/OfficeAppManifestV1_1.xsd"]));
  });

  it("notices a file that differs, and one missing on either side (the check can fail)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lev-shared-"));
    try {
      for (const f of files()) {
        fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
        fs.copyFileSync(path.join(COPY, f), path.join(tmp, f));
      }
      expect(compare(tmp)).toEqual({ differ: [], missing: [], extra: [] });
      fs.appendFileSync(path.join(tmp, "reference/formulas.md"), "\n");
      fs.writeFileSync(path.join(tmp, "reference/new-vectors.json"), "[]");
      fs.rmSync(path.join(tmp, "manifest-xsd/README.md"));
      expect(compare(tmp)).toEqual({ differ: ["reference/formulas.md"], missing: ["reference/new-vectors.json"], extra: ["manifest-xsd/README.md"] });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  const diff = compare(DEFAULT_SOURCE);
  if (!diff) {
    it("is compared with ../shared where there is one: there is none beside this clone", () => {
      expect(fs.existsSync(DEFAULT_SOURCE)).toBe(false);
    });
    return;
  }

  it("is the same as ../shared, the folder it was copied from", () => {
    const faults = [
      ...diff.differ.map((f: string) => `${f} differs from ../shared/${f}`),
      ...diff.missing.map((f: string) => `../shared/${f} is not in the copy`),
      ...diff.extra.map((f: string) => `${f} is not in ../shared any more`),
    ];
    if (faults.length) throw new Error(`test/fixtures/shared is out of date: ${faults.join("; ")}. Run npm run sync:shared to update the copy.`);
  });
});
