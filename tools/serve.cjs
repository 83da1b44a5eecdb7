#!/usr/bin/env node
/*
 * A tiny static file server for the playground: plain http on localhost only, no certificates, no
 * network beyond this machine. Usage: node tools/serve.cjs [dir=dist] [port=8080] [sub-path=/] (port 0 picks
 * a free one; a sub-path such as /lev/ serves the site there, as a host like GitHub Pages does, and nothing
 * outside it). Also used by the browser tests through startServer().
 */
const http = require("http");
const fs = require("fs");
const path = require("path");

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
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
        return;
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(data);
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

module.exports = { startServer };

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
