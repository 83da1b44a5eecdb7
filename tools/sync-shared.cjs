// The repository's copy of the reference material it tests against: the public reference vectors, the
// formulas they come from, and the add-in manifest schemas. They were written beside the project, in a
// folder named shared/, and are copied into test/fixtures/shared/ so that a clone runs its tests alone.
// Usage: npm run sync:shared [-- <path of the shared folder>] (../shared by default) copies them again.
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const COPY = path.join(ROOT, "test", "fixtures", "shared");
const DEFAULT_SOURCE = path.resolve(ROOT, "..", "shared");
/** The folders copied, relative to the shared folder; every file in them is copied. */
const FOLDERS = ["reference", "manifest-xsd"];

/** The files of the copy, relative to test/fixtures/shared (forward slashes), sorted. */
function files(base = COPY) {
  const out = [];
  for (const folder of FOLDERS) {
    const dir = path.join(base, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (fs.statSync(path.join(dir, name)).isFile()) out.push(`${folder}/${name}`);
    }
  }
  return out;
}

/**
 * How the copy differs from the shared folder at `source`: files that differ, files only in the source, and
 * files only in the copy. Undefined when there is no shared folder there.
 */
function compare(source = DEFAULT_SOURCE) {
  if (!fs.existsSync(source)) return undefined;
  const theirs = files(source);
  const ours = files(COPY);
  const differ = theirs.filter((f) => ours.includes(f) && !fs.readFileSync(path.join(source, f)).equals(fs.readFileSync(path.join(COPY, f))));
  return {
    differ,
    missing: theirs.filter((f) => !ours.includes(f)),
    extra: ours.filter((f) => !theirs.includes(f)),
  };
}

function sync(source = DEFAULT_SOURCE) {
  if (!fs.existsSync(source)) throw new Error(`no shared folder at ${source}`);
  const diff = compare(source);
  for (const f of [...diff.differ, ...diff.missing]) {
    fs.mkdirSync(path.dirname(path.join(COPY, f)), { recursive: true });
    fs.copyFileSync(path.join(source, f), path.join(COPY, f));
    fs.chmodSync(path.join(COPY, f), 0o644);
  }
  for (const f of diff.extra) fs.rmSync(path.join(COPY, f));
  return diff;
}

module.exports = { COPY, DEFAULT_SOURCE, FOLDERS, files, compare, sync };

if (require.main === module) {
  const source = path.resolve(process.argv[2] || DEFAULT_SOURCE);
  try {
    const { differ, missing, extra } = sync(source);
    const changed = [...differ.map((f) => `updated ${f}`), ...missing.map((f) => `added ${f}`), ...extra.map((f) => `removed ${f}`)];
    console.log(changed.length ? changed.join("\n") : "test/fixtures/shared is already the same as the shared folder");
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
