import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest } = require("../../tools/validate-manifest.cjs");

const ROOT = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  it("is valid against the add-in manifest schemas", async () => {
    const { valid, errors } = await validateManifest(path.join(ROOT, "manifest.xml"));
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it("would be rejected if an element were out of order (the check can fail)", async () => {
    const broken = manifest.replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, "$2$1");
    expect(broken).not.toBe(manifest);
    const tmp = path.join(ROOT, "dist", "manifest.broken.xml");
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(tmp, broken);
    try {
      expect((await validateManifest(tmp)).valid).toBe(false);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });

  it("declares the LEV namespace, a shared runtime and ReadWriteDocument only", () => {
    expect(manifest).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="LEV"\/>/);
    expect(manifest).toMatch(/<Namespace resid="Functions.Namespace"\/>/);
    expect(manifest).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(manifest.match(/<Permissions>([^<]*)<\/Permissions>/)?.[1]).toBe("ReadWriteDocument");
  });

  it("names only URLs on https://localhost:3000 that webpack emits", () => {
    const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      const u = new URL(url);
      expect(u.origin).toBe("https://localhost:3000");
      const file = path.join(ROOT, "dist", decodeURIComponent(u.pathname));
      if (!fs.existsSync(file)) throw new Error(`${url} names ${u.pathname}, which the build does not emit`);
    }
  });
});
