import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

/* eslint-disable @typescript-eslint/no-require-imports */
const { startServer, chooseEncoding } = require("../../tools/serve.cjs") as {
  startServer(dir: string, port: number): Promise<{ server: http.Server; url: string }>;
  chooseEncoding(header: string | undefined): string | undefined;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * npm start's server (tools/serve.cjs) sends text compressed when the browser accepts it: Brotli first,
 * then gzip, as RFC 9110 section 12.5.3 reads Accept-Encoding (q=0 refuses a coding, "*" stands for the
 * others). Files here are written by the test; the compressed bodies are decompressed and compared byte
 * for byte with them.
 */
interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("Accept-Encoding, read as RFC 9110 says", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["gzip", "gzip"],
    ["gzip, deflate, br, zstd", "br"], // Chromium's header: Brotli preferred
    ["br;q=0, gzip", "gzip"], // q=0: not acceptable
    ["BR;Q=0.5", "br"], // names and parameters are case-insensitive
    ["*", "br"],
    ["*;q=0", undefined],
    ["br;q=0, *", "gzip"], // * stands for every coding not named
    ["deflate", undefined], // deflate is not sent
  ])("%p gives %p", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe("the server's responses", () => {
  let dir: string;
  let server: http.Server;
  let url: string;
  // a script of some size, repetitive as scripts are; a tiny page; a picture
  const script = Buffer.from(Array.from({ length: 400 }, (_, i) => `function f${i}(a, b) { return a * b + ${i}; }\n`).join(""));
  const tiny = Buffer.from("<!doctype html><title>x</title>");
  const picture = Buffer.alloc(4096, 7);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-serve-"));
    fs.writeFileSync(path.join(dir, "index.html"), tiny);
    fs.writeFileSync(path.join(dir, "app.js"), script);
    fs.writeFileSync(path.join(dir, "icon.png"), picture);
    ({ server, url } = await startServer(dir, 0));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sends a script in Brotli to a browser that accepts it, smaller, and the same bytes once decoded", async () => {
    const r = await get(`${url}app.js`, { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers.vary).toBe("Accept-Encoding");
    expect(Number(r.headers["content-length"])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(r.body).equals(script)).toBe(true);
  });

  it("sends gzip to a client that takes only gzip", async () => {
    const r = await get(`${url}app.js`, { "Accept-Encoding": "gzip" });
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(r.body).equals(script)).toBe(true);
  });

  it("sends the file as it is without Accept-Encoding, or when every coding is refused", async () => {
    for (const headers of [{}, { "Accept-Encoding": "br;q=0, gzip;q=0" }] as Record<string, string>[]) {
      const r = await get(`${url}app.js`, headers);
      expect(r.headers["content-encoding"]).toBeUndefined();
      expect(r.headers.vary).toBe("Accept-Encoding");
      expect(r.body.equals(script)).toBe(true);
    }
  });

  it("sends pictures and files under 1 KB as they are", async () => {
    const png = await get(`${url}icon.png`, { "Accept-Encoding": "br, gzip" });
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.body.equals(picture)).toBe(true);
    const page = await get(url, { "Accept-Encoding": "br, gzip" });
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.body.equals(tiny)).toBe(true);
  });

  it("compresses a file again when it changes (a rebuild while serving)", async () => {
    const first = await get(`${url}app.js`, { "Accept-Encoding": "br" });
    const changed = Buffer.concat([script, Buffer.from("// rebuilt\n")]);
    fs.writeFileSync(path.join(dir, "app.js"), changed);
    const second = await get(`${url}app.js`, { "Accept-Encoding": "br" });
    expect(zlib.brotliDecompressSync(first.body).equals(script)).toBe(true);
    expect(zlib.brotliDecompressSync(second.body).equals(changed)).toBe(true);
    fs.writeFileSync(path.join(dir, "app.js"), script);
  });

  it("answers HEAD with the headers of GET and no body, and 404 for what is not there", async () => {
    const head = await get(`${url}app.js`, { "Accept-Encoding": "br" }, "HEAD");
    const full = await get(`${url}app.js`, { "Accept-Encoding": "br" });
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(full.headers["content-length"]);
    expect((await get(`${url}missing.js`)).status).toBe(404);
    expect((await get(`${url}assets/`)).status).toBe(404); // a folder without index.html
  });
});
