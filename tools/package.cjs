#!/usr/bin/env node
/*
 * npm run package: the production build for LEV_URL, checked and zipped: one .zip holding everything to
 * upload to that address (the static site, the playground as index.html, and manifest.xml).
 * Usage: LEV_URL=https://host/path/ node tools/package.cjs [--out release/lev-<version>.zip] [--dist dist]
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { DeployError, deployUrl, manifestUrls, manifestVersion } = require("./deploy.cjs");

const ROOT = path.resolve(__dirname, "..");
const { version } = require(path.join(ROOT, "package.json"));

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir, sub = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * Checks a built site for `base`: manifest.xml names only URLs under it, each a file the site has; the
 * playground is index.html. Returns the problems found (none when the site is ready to upload).
 */
function checkSite(dir, base) {
  const problems = [];
  const manifest = path.join(dir, "manifest.xml");
  if (!fs.existsSync(manifest)) return [`${dir} has no manifest.xml`];
  for (const url of manifestUrls(fs.readFileSync(manifest, "utf8"))) {
    if (!url.startsWith(base)) problems.push(`manifest.xml names ${url}, outside ${base}`);
    else if (!fs.existsSync(path.join(dir, decodeURIComponent(new URL(url).pathname.slice(new URL(base).pathname.length))))) {
      problems.push(`manifest.xml names ${url}, which the build did not write`);
    }
  }
  if (!fs.existsSync(path.join(dir, "index.html"))) problems.push(`${dir} has no index.html (the playground)`);
  return problems;
}

/** Zips every file of `dir` at the archive's root (fixed dates, so the same build gives the same bytes). */
async function zipSite(dir, out) {
  const JSZip = require("jszip");
  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1));
  const files = filesUnder(dir);
  for (const f of files) zip.file(f, fs.readFileSync(path.join(dir, f)), { date });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 }, platform: "UNIX" });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  return { files, bytes: bytes.length };
}

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}

async function main() {
  let base;
  try {
    base = deployUrl(process.env.LEV_URL);
    manifestVersion(version);
  } catch (e) {
    if (!(e instanceof DeployError)) throw e;
    console.error(`\nnpm run package: ${e.message}\n`);
    return 1;
  }
  const dist = option("--dist", path.join(ROOT, "dist"));
  const out = option("--out", path.join(ROOT, "release", `lev-${version}.zip`));

  console.log(`Building LEV ${version} for ${base} …`);
  const webpack = require.resolve("webpack-cli/bin/cli.js");
  const build = spawnSync(process.execPath, [webpack, "--mode", "production", "--output-path", dist], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, LEV_URL: base },
  });
  if (build.status !== 0) {
    console.error("npm run package: the build failed; nothing was packaged.");
    return 1;
  }

  const problems = checkSite(dist, base);
  const { validateManifest } = require("./validate-manifest.cjs");
  const { valid, errors } = await validateManifest(path.join(dist, "manifest.xml"));
  if (!valid) problems.push(...errors.map((e) => `manifest.xml: ${e}`));
  if (problems.length) {
    console.error(`npm run package: the build is not ready to upload:\n  ${problems.join("\n  ")}`);
    return 1;
  }

  const { files, bytes } = await zipSite(dist, out);
  const shown = path.relative(process.cwd(), out);
  console.log(
    `\nWrote ${shown.startsWith("..") ? out : shown}: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, for ${base}\n` +
      `1. Upload the files in it (not the .zip itself) so that ${base}taskpane.html answers.\n` +
      `2. Add LEV to Excel with ${base}manifest.xml (also in the .zip): see "Install LEV for yourself or your team" in the README.`,
  );
  return 0;
}

module.exports = { checkSite, filesUnder, zipSite };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
