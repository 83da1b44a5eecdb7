#!/usr/bin/env node
/*
 * A tiny static file server for the playground: plain http on localhost only, no certificates, no
 * network beyond this machine. Usage: node tools/serve.cjs [dir=dist] [port=8080] [sub-path=/] (port 0 picks
 * a free one; a sub-path such as /lev/ serves the site there, as a host like GitHub Pages does, and nothing
 * outside it). Also used by the browser tests through startServer().
 *
 * Text files (pages, scripts, JSON, XML) are sent compressed when the browser says it accepts it
 * (Accept-Encoding): Brotli, else gzip, else as they are. Each file is compressed once per version (its size
 * and modification time) and kept in memory, with Node's own zlib: no dependency.
 */
const http = require("http");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** The types worth compressing (images are compressed already); files under MIN_COMPRESS bytes are sent as they are. */
const COMPRESSIBLE = new Set([".html", ".js", ".json", ".css", ".svg", ".xml", ".map", ".txt"]);
const MIN_COMPRESS = 1024;

/**
 * Brotli at quality 6: the playground's largest script (about 1 MB) comes out some 8 % smaller than with
 * gzip's best, in a few hundredths of a second; Brotli's best (11) saves another 10 % but takes seconds on
 * the first request.
 */
const ENCODERS = {
  br: (data) => zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data) => zlib.gzipSync(data, { level: 9 }),
};

/**
 * The encoding to send for an Accept-Encoding header: "br" or "gzip" when the client accepts it (a q of 0
 * refuses; "*" stands for any not named), preferring Brotli; undefined for the file as it is.
 */
function chooseEncoding(header) {
  if (!header) return undefined;
  const q = new Map();
  for (const part of String(header).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    q.set(name.trim(), weight ? Number(weight[1]) : 1);
  }
  const accepted = (name) => (q.has(name) ? q.get(name) > 0 : (q.get("*") ?? 0) > 0);
  return ["br", "gzip"].find(accepted);
}

/** Compressed copies of files, by path and encoding, each valid for one size and modification time. */
const compressed = new Map();

function encoded(file, stat, data, encoding) {
  const key = `${encoding}:${file}`;
  const hit = compressed.get(key);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.body;
  const body = ENCODERS[encoding](data);
  compressed.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
  return body;
}

/** Sends one file: compressed when it is text of some size and the request accepts an encoding. */
async function send(req, res, file) {
  // The size and date come from the same open file as the bytes, so a rebuild cannot mix two versions.
  const handle = await fs.promises.open(file, "r");
  let stat;
  let data;
  try {
    stat = await handle.stat();
    if (!stat.isFile()) throw new Error("not a file");
    data = await handle.readFile();
  } finally {
    await handle.close();
  }
  const ext = path.extname(file);
  const headers = {
    "Content-Type": TYPES[ext] || "application/octet-stream",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  let body = data;
  if (COMPRESSIBLE.has(ext) && data.length >= MIN_COMPRESS) {
    headers.Vary = "Accept-Encoding";
    const encoding = chooseEncoding(req.headers["accept-encoding"]);
    if (encoding) {
      body = encoded(file, stat, data, encoding);
      headers["Content-Encoding"] = encoding;
    }
  }
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Starts serving `dir` on 127.0.0.1:`port` under `base`; resolves to { server, url } (url ends with base). */
function startServer(dir, port = 8080, { base = "/" } = {}) {
  const root = path.resolve(dir);
  const prefix = `/${base}/`.replace(/\/{2,}/g, "/");
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (`${pathname}/` === prefix) {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    pathname = pathname.slice(prefix.length - 1);
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = path.join(root, pathname);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    send(req, res, file).catch(() => {
      if (!res.headersSent) res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://localhost:${actual}${prefix}` });
    });
  });
}

module.exports = { startServer, chooseEncoding };

if (require.main === module) {
  const dir = process.argv[2] || "dist";
  const port = Number(process.argv[3] || process.env.PORT || 8080);
  const base = process.argv[4] || "/";
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    console.error(`${dir}/index.html is missing: run "npm run build" first.`);
    process.exit(1);
  }
  startServer(dir, port, { base }).then(
    ({ url }) => console.log(`LEV playground: ${url}  (Ctrl+C to stop)`),
    (e) => {
      console.error(`Could not serve on port ${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
