import * as fc from "fast-check";
import { callArb, fastFunctions, fastShown, slowShown } from "../helpers/arbitraries";

/*
 * The one oracle for every fast path: for each engine export that has one, arguments are generated from its
 * argument specs (test/helpers/arbitraries.ts: bounds and just past them, bracket edges of tier tables,
 * quotients near a midpoint between doubles, every side word, leverage text, blank cells), and the fast path
 * must either decline (undefined) or give exactly the cells the Decimal path gives, as the boundary shows them.
 * It must also answer at least half of the plain-number calls the Decimal path answers without an error, so that
 * agreeing means something (PARTIAL names the fast paths that leave part of them to Decimal by design). A new fast path is covered here without a line of test; the fixed-example tests beside each
 * function (exact.test.ts) check figures by hand.
 */

/**
 * Fast paths that by design take only part of the plain-number calls, with the part they leave to Decimal and
 * the share they must still answer. Every other fast path answers at least half.
 */
const PARTIAL: Record<string, { leaves: string; share: number }> = {
  COMPOUND: { leaves: "an unrounded schedule (round_to blank), and balances past 10^15 units of their last decimal", share: 0.15 },
  COMPOUNDTABLE: { leaves: "an unrounded schedule (round_to blank), and balances past 10^15 units of their last decimal", share: 0.15 },
  SCENARIOS: { leaves: "a balance (the cross-account columns)", share: 0.1 },
};

/** Whether the Decimal path's result has an error anywhere (the whole call, or one cell of its table). */
const hasError = (shown: unknown) =>
  shown === "error" || (Array.isArray(shown) && shown.some((row: unknown[]) => row.some((c) => c !== null && typeof c === "object" && "error" in c)));

const RUNS = 600;

/**
 * A kernel that does not declare error cells (`errorCells` in its fast path) must return only numbers and text:
 * the boundary hands its rows to Excel without looking at each cell.
 */
function checkDeclaredCells(fn: (typeof functions)[number][1], quick: unknown): void {
  if (fn.fastPath?.errorCells === true || !Array.isArray(quick)) return;
  for (const row of quick as unknown[][]) for (const cell of row) expect(typeof cell === "number" || typeof cell === "string").toBe(true);
}
const functions = fastFunctions();

describe("every fast path against the Decimal path", () => {
  it("covers every fast path, each declared through its generated decoder", () => {
    expect(functions.length).toBeGreaterThanOrEqual(18);
    const undeclared = functions.filter(([, fn]) => fn.fastPath === undefined).map(([id]) => id);
    expect(undeclared).toEqual([]);
  });

  it.each(functions.map(([id, fn]) => [id, fn] as const))("%s declines or gives the Decimal path's cells, whatever a cell holds", (_id, fn) => {
    fc.assert(
      fc.property(callArb(fn, "any"), (args) => {
        const quick = fn.fast!(args);
        checkDeclaredCells(fn, quick);
        if (quick !== undefined) expect(fastShown(quick)).toEqual(slowShown(fn, args));
      }),
      { numRuns: RUNS },
    );
  });

  it.each(functions.map(([id, fn]) => [id, fn] as const))("%s answers at least half the plain-number calls the Decimal path answers (or its declared share)", (id, fn) => {
    let answered = 0;
    let plain = 0;
    fc.assert(
      fc.property(callArb(fn, "plain"), (args) => {
        const slow = slowShown(fn, args);
        const quick = fn.fast!(args);
        checkDeclaredCells(fn, quick);
        if (quick !== undefined) expect(fastShown(quick)).toEqual(slow);
        if (hasError(slow)) return;
        plain++;
        if (quick !== undefined) answered++;
      }),
      { numRuns: RUNS },
    );
    expect(plain).toBeGreaterThan(RUNS / 10);
    expect(answered).toBeGreaterThanOrEqual(plain * (PARTIAL[id]?.share ?? 0.5));
  });
});
