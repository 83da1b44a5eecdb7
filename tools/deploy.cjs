// The deployment address and everything that depends on it. The site itself (pages, scripts, icons) uses
// relative paths and works at any address; only two files name the address: manifest.xml (every URL Office
// loads) and functions.json (each function's helpUrl, written as https://localhost:3000/… in the JSDoc of
// src/functions/functions.ts). The build rewrites both for LEV_URL; nothing else changes.
const fs = require("fs");
const path = require("path");

/** The development server's address: the committed manifest.xml and every @helpurl use it. */
const DEV_URL = "https://localhost:3000/";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");

const HOW =
  "Set LEV_URL to the HTTPS address the files will be served from, for example\n" +
  "  LEV_URL=https://yourname.github.io/lev/ npm run build\n" +
  "(on Windows PowerShell: $env:LEV_URL=\"https://yourname.github.io/lev/\"; npm run build).";

/** A deployment address that cannot be used; the message says why and how to set it. */
class DeployError extends Error {}

/**
 * The deployment address from LEV_URL, normalised to end in "/". Refused: a missing or malformed address,
 * http:// anywhere but this machine (Office loads add-ins over HTTPS only), a user name or password, and a
 * query or fragment (the files' names are appended to the address).
 */
function deployUrl(raw) {
  const text = raw === undefined || raw === null ? "" : String(raw).trim();
  if (text === "") throw new DeployError(`LEV_URL is not set: the build needs the address LEV will be served from.\n${HOW}`);
  let u;
  try {
    u = new URL(text);
  } catch {
    throw new DeployError(`LEV_URL "${text}" is not a web address.\n${HOW}`);
  }
  if (u.protocol === "http:" && !LOCAL_HOSTS.has(u.hostname)) {
    throw new DeployError(
      `LEV_URL "${text}" uses http://. Excel loads add-ins over HTTPS only: use https://${u.host}${u.pathname} ` +
        "(http:// is accepted for localhost, for testing on this machine).",
    );
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw new DeployError(`LEV_URL "${text}" is not an https:// address.\n${HOW}`);
  }
  if (u.username || u.password) throw new DeployError(`LEV_URL "${text}" carries a user name or password; give the public address only.`);
  if (u.search || u.hash) throw new DeployError(`LEV_URL "${text}" has a ? or # part; give the folder the files are served from.`);
  u.pathname = `${u.pathname}/`.replace(/\/{2,}/g, "/");
  return u.href;
}

/** package.json's version as the manifest's <Version>: 1.2.3 becomes 1.2.3.0 (four numbers of up to 5 digits). */
function manifestVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(version));
  if (!m || m.slice(1).some((n) => n.length > 5)) {
    throw new DeployError(`package.json version "${version}" cannot be a manifest version: use three numbers, like 1.2.3 (no pre-release tag).`);
  }
  return `${m.slice(1).map(Number).join(".")}.0`;
}

const escapeXml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

/** Every absolute URL a manifest names (DefaultValue attributes), unescaped. */
function manifestUrls(xml) {
  const unescape = (s) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]);
  return [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => unescape(m[1]));
}

/** The development manifest rewritten for `base` (from deployUrl), with <Version> from `version`. */
function manifestFor(template, base, version) {
  const xml = template.split(DEV_URL).join(escapeXml(base)).replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
  const stray = manifestUrls(xml).filter((u) => !u.startsWith(base));
  if (stray.length) throw new DeployError(`manifest.xml names URLs outside ${DEV_URL}, which the build cannot move to LEV_URL: ${stray.join(", ")}`);
  return xml;
}

/**
 * functions.json with every helpUrl moved from the development address to `base`. custom-functions-metadata
 * copies @helpurl verbatim, so a link must be written under https://localhost:3000/ (or relative to it).
 */
function functionsJsonFor(json, base) {
  const meta = JSON.parse(json);
  for (const fn of meta.functions || []) {
    if (!fn.helpUrl) continue;
    const url = new URL(fn.helpUrl, DEV_URL).href;
    if (!url.startsWith(DEV_URL)) {
      throw new DeployError(`the @helpurl of ${fn.id} (${fn.helpUrl}) is not under ${DEV_URL}; write it as ${DEV_URL}help.html#${fn.id}`);
    }
    fn.helpUrl = base + url.slice(DEV_URL.length);
  }
  return JSON.stringify(meta, null, 2);
}

/**
 * The address a webpack run builds for: LEV_URL when given; otherwise the development address in development
 * mode and under `webpack serve`, and none (no manifest) for a production build.
 */
function buildAddress({ production, serving, env = process.env }) {
  if (serving) return DEV_URL;
  if (env.LEV_URL !== undefined && String(env.LEV_URL).trim() !== "") return deployUrl(env.LEV_URL);
  return production ? null : DEV_URL;
}

const NO_ADDRESS =
  "No manifest.xml in dist/: this production build has no address to point Excel at. The site itself is complete " +
  "(npm start serves the playground from it).\nTo install LEV in Excel from your own host, build for its address:\n" +
  `${HOW}\nFor development, npm run dev-server serves the add-in for the top-level manifest.xml.`;

/**
 * Emits manifest.xml for the build's address and moves the functions' help links there. Without an address
 * (a production build without LEV_URL) it emits no manifest and warns how to set one.
 */
class DeployPlugin {
  constructor(address, { template = MANIFEST, version = require(path.join(ROOT, "package.json")).version } = {}) {
    this.address = address;
    this.template = template;
    this.version = version;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DeployPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "DeployPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        compilation.fileDependencies.add(this.template);
        if (!this.address) {
          compilation.warnings.push(new WebpackError(NO_ADDRESS));
          return;
        }
        try {
          const meta = compilation.getAsset("functions.json");
          if (meta && this.address !== DEV_URL) compilation.updateAsset("functions.json", new sources.RawSource(functionsJsonFor(meta.source.source().toString(), this.address)));
          const xml = manifestFor(fs.readFileSync(this.template, "utf8"), this.address, this.version);
          compilation.emitAsset("manifest.xml", new sources.RawSource(xml));
        } catch (e) {
          compilation.errors.push(new WebpackError(e.message));
        }
      });
    });
  }
}

/** The address a built site is for: the one its manifest.xml names, or the development address without one. */
function builtAddress(dir) {
  const file = path.join(dir, "manifest.xml");
  if (!fs.existsSync(file)) return DEV_URL;
  const pane = manifestUrls(fs.readFileSync(file, "utf8")).find((u) => u.endsWith("/taskpane.html"));
  if (!pane) throw new Error(`${file} names no taskpane.html`);
  return pane.slice(0, -"taskpane.html".length);
}

/** For webpack.config.js: the build's address, or the reason LEV_URL is refused and exit 1 (before any work). */
function addressOrExit(options) {
  try {
    return buildAddress(options);
  } catch (e) {
    if (!(e instanceof DeployError)) throw e;
    process.stderr.write(`\n${e.message}\n\n`);
    process.exit(1);
  }
}

module.exports = { DEV_URL, DeployError, DeployPlugin, addressOrExit, buildAddress, builtAddress, deployUrl, functionsJsonFor, manifestFor, manifestUrls, manifestVersion, NO_ADDRESS };
