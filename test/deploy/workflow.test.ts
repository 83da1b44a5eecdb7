import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The GitHub Pages workflow cannot run here, so its shape is checked: nothing is uploaded for publishing
 * before the same checks CI runs (.ci/run) have passed, in a Debian 12 container.
 */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { "runs-on": string; container?: string | { image: string }; needs?: string | string[]; steps: Step[] }>;
}

const ROOT = path.resolve(__dirname, "../..");
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/pages.yml"), "utf8")) as Workflow;

/** The job that uploads the site, and the index of its upload step. */
function uploader(w: Workflow): { job: string; upload: number } {
  for (const [job, { steps }] of Object.entries(w.jobs)) {
    const upload = steps.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    if (upload >= 0) return { job, upload };
  }
  throw new Error("no job uploads the Pages artifact");
}

/** Whether the uploading job runs `bash .ci/run` before its upload step. */
function checksBeforeUpload(w: Workflow): boolean {
  const { job, upload } = uploader(w);
  const check = w.jobs[job]!.steps.findIndex((s) => /^\s*bash \.ci\/run\s*$/.test(s.run ?? ""));
  return check >= 0 && check < upload;
}

describe("the Pages workflow", () => {
  const { job, upload } = uploader(workflow);
  const steps = workflow.jobs[job]!.steps;

  it("runs .ci/run, the checks CI runs, before it uploads the site", () => {
    expect(steps[upload]!.with).toEqual({ path: "dist" });
    expect(checksBeforeUpload(workflow)).toBe(true);
  });

  it("runs in a Debian 12 container, as the project's machines are", () => {
    const c = workflow.jobs[job]!.container;
    expect(typeof c === "string" ? c : c?.image).toBe("debian:12");
  });

  it("deploys only after that job", () => {
    const deployers = Object.entries(workflow.jobs).filter(([, j]) => j.steps.some((s) => s.uses?.startsWith("actions/deploy-pages")));
    expect(deployers).toHaveLength(1);
    expect([deployers[0]![1].needs].flat()).toContain(job);
  });

  it("would be caught with the checks after the upload (the check can fail)", () => {
    const moved = structuredClone(workflow);
    const s = moved.jobs[job]!.steps;
    s.push(...s.splice(s.findIndex((x) => x.run?.includes(".ci/run")), 1));
    expect(checksBeforeUpload(moved)).toBe(false);
  });
});

describe(".ci/run", () => {
  const script = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8");
  const commands = script.split("\n").map((l) => l.trim()).filter((l) => /^npm /.test(l));

  it("installs from the lock file, then runs the lint, the typecheck and the README's test command", () => {
    expect(commands).toEqual(["npm ci --no-audit --no-fund", "npm run lint", "npm run typecheck", "npm test"]);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/npm ci && npm test/);
  });
});
