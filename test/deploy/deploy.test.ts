import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

/* eslint-disable @typescript-eslint/no-require-imports */
const deploy = require("../../tools/deploy.cjs");
const { validateManifest } = require("../../tools/validate-manifest.cjs");
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The build for an address (LEV_URL): which addresses are accepted, the manifest and functions.json it
 * writes for one, and the refusals, through the same commands a user types (npm run build / npm run package).
 */
const ROOT = path.resolve(__dirname, "../..");
const TEMPLATE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const GOLDEN = fs.readFileSync(path.join(ROOT, "test/functions/functions.golden.json"), "utf8");
const BASE = "https://owner.github.io/lev/";

/** The files the manifest points Office at, relative to the site (read from manifest.xml by hand). */
const NAMED = [
  "assets/icon-16.png",
  "assets/icon-32.png",
  "assets/icon-64.png",
  "assets/icon-80.png",
  "functions.js",
  "functions.json",
  "help.html",
  "taskpane.html",
];

function refusal(raw: unknown): string {
  try {
    deploy.deployUrl(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(deploy.DeployError);
    return (e as Error).message;
  }
  throw new Error(`LEV_URL ${String(raw)} was accepted`);
}

function attribute(xml: string, pattern: RegExp): string | undefined {
  return pattern.exec(xml)?.[1];
}

describe("LEV_URL, the deployment address", () => {
  it.each([
    ["https://owner.github.io/lev/", "https://owner.github.io/lev/"],
    ["https://owner.github.io/lev", "https://owner.github.io/lev/"], // a folder: the slash is added
    ["  https://lev.example.org  ", "https://lev.example.org/"],
    ["https://owner.github.io/lev//", "https://owner.github.io/lev/"], // a Pages base_url given with its own slash
    ["https://EXAMPLE.org:8443/a/b/", "https://example.org:8443/a/b/"],
    ["http://localhost:8080/lev/", "http://localhost:8080/lev/"], // this machine, for testing
    ["http://127.0.0.1:9000/", "http://127.0.0.1:9000/"],
  ])("accepts %s as %s", (raw, expected) => {
    expect(deploy.deployUrl(raw)).toBe(expected);
  });

  it("refuses a missing address and says how to set one", () => {
    for (const raw of [undefined, "", "   "]) {
      const message = refusal(raw);
      expect(message).toMatch(/LEV_URL is not set/);
      expect(message).toContain("LEV_URL=https://");
    }
  });

  it("refuses http:// on any other host, naming the https:// address to use", () => {
    const message = refusal("http://owner.github.io/lev/");
    expect(message).toMatch(/HTTPS only/);
    expect(message).toContain("https://owner.github.io/lev/");
    refusal("http://192.168.1.20/lev/");
  });

  it.each(["ftp://owner.github.io/lev/", "not an address", "https://user:secret@owner.github.io/lev/", "https://h.example/lev/?v=2", "https://h.example/lev/#top"])(
    "refuses %s",
    (raw) => {
      expect(refusal(raw).length).toBeGreaterThan(20);
    },
  );

  it("is used for a build only when given, except by the development server", () => {
    expect(deploy.buildAddress({ production: true, serving: false, env: {} })).toBeNull();
    expect(deploy.buildAddress({ production: true, serving: false, env: { LEV_URL: "https://h.example/x" } })).toBe("https://h.example/x/");
    expect(deploy.buildAddress({ production: false, serving: false, env: {} })).toBe("https://localhost:3000/");
    expect(deploy.buildAddress({ production: false, serving: true, env: { LEV_URL: "https://h.example/x/" } })).toBe("https://localhost:3000/");
    expect(() => deploy.buildAddress({ production: true, serving: false, env: { LEV_URL: "http://h.example/" } })).toThrow(/HTTPS only/);
  });
});

describe("the manifest version", () => {
  it.each([
    ["0.1.0", "0.1.0.0"],
    ["1.4.2", "1.4.2.0"],
    ["12.0.345", "12.0.345.0"],
  ])("package.json %s is manifest %s", (v, expected) => {
    expect(deploy.manifestVersion(v)).toBe(expected);
  });

  it.each(["1.0.0-beta.1", "1.2", "123456.0.0", "v1.2.3"])("refuses %s, which the manifest schema cannot hold", (v) => {
    expect(() => deploy.manifestVersion(v)).toThrow(/three numbers/);
  });
});

describe("the manifest for an address", () => {
  const xml = deploy.manifestFor(TEMPLATE, BASE, "1.4.2");

  it("names every URL under the address, the same files as the development manifest", () => {
    const urls: string[] = deploy.manifestUrls(xml);
    expect(urls.length).toBe(deploy.manifestUrls(TEMPLATE).length);
    for (const u of urls) expect(u.startsWith(BASE)).toBe(true);
    expect([...new Set(urls.map((u) => u.slice(BASE.length)))].sort()).toEqual(NAMED);
    expect(xml).not.toContain("localhost");
    expect(xml).not.toMatch(/contoso/i);
  });

  it("points each part of the add-in at its file", () => {
    expect(attribute(xml, /<SourceLocation DefaultValue="([^"]+)"/)).toBe(`${BASE}taskpane.html`);
    expect(attribute(xml, /<SupportUrl DefaultValue="([^"]+)"/)).toBe(`${BASE}help.html`);
    expect(attribute(xml, /<IconUrl DefaultValue="([^"]+)"/)).toBe(`${BASE}assets/icon-32.png`);
    expect(attribute(xml, /<HighResolutionIconUrl DefaultValue="([^"]+)"/)).toBe(`${BASE}assets/icon-64.png`);
    expect(attribute(xml, /id="Functions.Script.Url" DefaultValue="([^"]+)"/)).toBe(`${BASE}functions.js`);
    expect(attribute(xml, /id="Functions.Metadata.Url" DefaultValue="([^"]+)"/)).toBe(`${BASE}functions.json`);
    expect(attribute(xml, /id="Taskpane.Url" DefaultValue="([^"]+)"/)).toBe(`${BASE}taskpane.html`);
    expect(attribute(xml, /id="GetStarted.LearnMoreUrl" DefaultValue="([^"]+)"/)).toBe(`${BASE}help.html`);
  });

  it("carries package.json's version, so Excel sees an update", () => {
    expect(attribute(xml, /<Version>([^<]+)<\/Version>/)).toBe("1.4.2.0");
    expect(xml.match(/<Version>/g)).toHaveLength(1);
  });

  it("changes nothing else: the development manifest comes back when the address and version are put back", () => {
    const back = xml.split(BASE).join("https://localhost:3000/").replace("<Version>1.4.2.0</Version>", attribute(TEMPLATE, /(<Version>[^<]+<\/Version>)/)!);
    expect(back).toBe(TEMPLATE);
  });

  it("is valid against the add-in manifest schemas, for an address with characters XML escapes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lev-manifest-"));
    try {
      for (const [base, file] of [[BASE, "a.xml"], ["https://h.example/r&d/lev's/", "b.xml"]] as const) {
        const written = deploy.manifestFor(TEMPLATE, base, "2.0.1");
        fs.writeFileSync(path.join(dir, file), written);
        const { valid, errors } = await validateManifest(path.join(dir, file));
        expect(errors).toEqual([]);
        expect(valid).toBe(true);
        for (const u of deploy.manifestUrls(written)) expect(u.startsWith(base)).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a template that names an address the build cannot move", () => {
    const foreign = TEMPLATE.replace('"https://localhost:3000/help.html"', '"https://www.contoso.com/help.html"');
    expect(foreign).not.toBe(TEMPLATE);
    expect(() => deploy.manifestFor(foreign, BASE, "1.0.0")).toThrow(/contoso/);
  });
});

describe("functions.json for an address", () => {
  const golden = JSON.parse(GOLDEN) as { functions: { id: string; helpUrl?: string }[] };
  const moved = JSON.parse(deploy.functionsJsonFor(GOLDEN, BASE)) as typeof golden;

  it("moves every function's help link to the address's help.html, at the function's section", () => {
    expect(moved.functions.length).toBe(golden.functions.length);
    for (const f of moved.functions) expect(f.helpUrl).toBe(`${BASE}help.html#${f.id}`);
  });

  it("changes nothing but the help links", () => {
    const strip = (m: typeof golden) => ({ ...m, functions: m.functions.map(({ helpUrl: _h, ...rest }) => rest) });
    expect(strip(moved)).toEqual(strip(golden));
  });

  it("refuses a @helpurl the build cannot move", () => {
    const odd = JSON.stringify({ functions: [{ id: "X", name: "X", helpUrl: "https://elsewhere.example/x" }] });
    expect(() => deploy.functionsJsonFor(odd, BASE)).toThrow(/X.*not under https:\/\/localhost:3000\//);
  });
});

describe("the commands refuse an unusable address before building anything", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lev-refuse-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const envWithout = () => {
    const env = { ...process.env };
    delete env.LEV_URL;
    return env;
  };

  it("npm run package without LEV_URL says how to set it and writes nothing", () => {
    const out = path.join(tmp, "none.zip");
    const r = spawnSync(process.execPath, ["tools/package.cjs", "--out", out, "--dist", path.join(tmp, "none")], { cwd: ROOT, env: envWithout(), encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/LEV_URL is not set/);
    expect(r.stderr).toContain("LEV_URL=https://");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(tmp, "none"))).toBe(false);
  });

  it("npm run package refuses http:// on a public host", () => {
    const out = path.join(tmp, "http.zip");
    const r = spawnSync(process.execPath, ["tools/package.cjs", "--out", out, "--dist", path.join(tmp, "http")], {
      cwd: ROOT,
      env: { ...envWithout(), LEV_URL: "http://owner.github.io/lev/" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/HTTPS only: use https:\/\/owner\.github\.io\/lev\//);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("npm run build (webpack, production) refuses http:// on a public host and writes no dist", () => {
    const out = path.join(tmp, "build");
    const r = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
      cwd: ROOT,
      env: { ...envWithout(), LEV_URL: "http://owner.github.io/lev/" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/uses http:\/\/\. Excel loads add-ins over HTTPS only/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the plugin in a webpack run", () => {
  // A one-module compilation with a functions.json asset, so the plugin runs in webpack without the full build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lev-plugin-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(path.join(tmp, "entry.js"), "globalThis.x = 1;\n");

  function run(address: string | null, out: string): Promise<{ warnings: string[]; errors: string[] }> {
    const emitMeta = {
      apply(compiler: { hooks: { thisCompilation: { tap(n: string, f: (c: unknown) => void): void } }; webpack: { sources: { RawSource: new (s: string) => unknown } } }) {
        compiler.hooks.thisCompilation.tap("meta", (compilation) => {
          (compilation as { emitAsset(n: string, s: unknown): void }).emitAsset("functions.json", new compiler.webpack.sources.RawSource(GOLDEN));
        });
      },
    };
    const compiler = webpack({
      mode: "production",
      context: tmp,
      entry: "./entry.js",
      output: { path: out },
      plugins: [emitMeta, new deploy.DeployPlugin(address, { version: "3.2.1" })],
    });
    return new Promise((resolve, reject) =>
      compiler.run((err: Error | null, stats: { toJson(o: object): { warnings: { message: string }[]; errors: { message: string }[] } }) => {
        if (err) return reject(err);
        const j = stats.toJson({ all: false, warnings: true, errors: true });
        compiler.close(() => resolve({ warnings: j.warnings.map((w) => w.message), errors: j.errors.map((e) => e.message) }));
      }),
    );
  }

  it("without an address (production, no LEV_URL) emits no manifest and warns how to set LEV_URL", async () => {
    const out = path.join(tmp, "none");
    const { warnings, errors } = await run(null, out);
    expect(errors).toEqual([]);
    expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(false);
    expect(warnings.join("\n")).toMatch(/No manifest\.xml in dist\/[\s\S]*LEV_URL=https:\/\/yourname\.github\.io\/lev\/ npm run build/);
    // the help links keep the development address: nothing invents one
    expect(fs.readFileSync(path.join(out, "functions.json"), "utf8")).toContain('"helpUrl": "https://localhost:3000/help.html#MARGIN"');
  });

  it("with an address emits its manifest and moves the help links", async () => {
    const out = path.join(tmp, "addr");
    const { warnings, errors } = await run("https://h.example/team/lev/", out);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(attribute(xml, /<Version>([^<]+)<\/Version>/)).toBe("3.2.1.0");
    for (const u of deploy.manifestUrls(xml)) expect(u.startsWith("https://h.example/team/lev/")).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8"));
    expect(meta.functions.find((f: { id: string }) => f.id === "LIQPRICE").helpUrl).toBe("https://h.example/team/lev/help.html#LIQPRICE");
  });
});

describe("the GitHub Pages workflow", () => {
  const workflow = fs.readFileSync(path.join(ROOT, ".github/workflows/pages.yml"), "utf8");

  it("packages for the Pages address and publishes dist/, the folder that build writes", () => {
    expect(workflow).toMatch(/- run: npm run package\n\s+env:\n\s+LEV_URL: \$\{\{ steps\.pages\.outputs\.base_url \}\}\//);
    expect(workflow).toMatch(/id: pages\n\s+uses: actions\/configure-pages@v\d+/);
    expect(workflow).toMatch(/uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist\n/);
    expect(workflow).toMatch(/uses: actions\/deploy-pages@v\d+/);
    expect(workflow).toMatch(/pages: write/);
    expect(workflow).toMatch(/id-token: write/);
  });
});

describe("dist/, built by npm test", () => {
  const dist = path.join(ROOT, "dist");
  const manifest = path.join(dist, "manifest.xml");

  it("is built for the address in LEV_URL, or has no manifest (never a placeholder) when LEV_URL is not set", () => {
    expect(fs.existsSync(path.join(dist, "functions.js"))).toBe(true);
    if (process.env.LEV_URL) {
      expect(deploy.builtAddress(dist)).toBe(deploy.deployUrl(process.env.LEV_URL));
    } else if (fs.existsSync(manifest)) {
      throw new Error("dist/manifest.xml exists though LEV_URL is not set (if dist/ was built with LEV_URL, npm test rebuilds it)");
    }
    const address = deploy.builtAddress(dist);
    for (const u of deploy.manifestUrls(fs.existsSync(manifest) ? fs.readFileSync(manifest, "utf8") : "")) expect(u.startsWith(address)).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: { id: string; helpUrl: string }[] };
    for (const f of meta.functions) expect(f.helpUrl).toBe(`${address}help.html#${f.id}`);
  });

  it("carries no source maps, and no script or page names one (what the published site serves)", () => {
    const files = fs.readdirSync(dist, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    const naming = files.filter((f) => /\.(js|html)$/.test(f) && /sourceMappingURL/.test(fs.readFileSync(path.join(dist, f), "utf8")));
    expect(naming).toEqual([]);
  });
});
