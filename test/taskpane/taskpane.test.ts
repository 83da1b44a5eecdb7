import * as fs from "fs";
import * as path from "path";

/*
 * The task pane's page as built: the custom functions load first, and the pane's entry is a small
 * bootstrap that fetches the simulator (React, Fluent UI) as a separate chunk after Office.onReady.
 */
const DIST = path.resolve(__dirname, "../../dist");
const read = (f: string) => fs.readFileSync(path.join(DIST, f), "utf8");

describe("the built task pane", () => {
  it("loads functions.js before taskpane.js", () => {
    const html = read("taskpane.html");
    const functions = html.search(/<script[^>]*src="?functions\.js/);
    const pane = html.search(/<script[^>]*src="?taskpane\.js/);
    expect(functions).toBeGreaterThan(-1);
    expect(pane).toBeGreaterThan(functions);
  });

  it("keeps the entry small and leaves React and Fluent UI to a chunk loaded later", () => {
    const entry = read("taskpane.js");
    expect(entry.length).toBeLessThan(20000);
    expect(entry).not.toMatch(/FluentProvider|react-dom|__SECRET_INTERNALS|useState/);
    // the chunk it imports, by the name webpack maps its id to ("pane" + ".js"); the literal "pane.js" was only
    // ever in the source map comment ("taskpane.js.map"), which the build no longer writes
    expect(entry).toMatch(/"pane(\.js)?"/);
    expect(fs.existsSync(path.join(DIST, "pane.js"))).toBe(true);
  });
});
