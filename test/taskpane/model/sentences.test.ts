import { applyPreset, applySymbol, GUIDE_EXAMPLE, START, type FormValues, type TierRead } from "../../../src/taskpane/model/form";
import { validate } from "../../../src/taskpane/model/validate";
import { PRESETS } from "../../../src/taskpane/model/presets";
import { buildScenario, type Scenario } from "../../../src/taskpane/model/scenario";
import { scenarioPlan } from "../../../src/taskpane/model/plan";
import { positionsGrid } from "../../../src/taskpane/model/positions";
import { findSymbol } from "../../../src/taskpane/model/symbols";
import { stepDecimals } from "../../../src/taskpane/model/formats";

/*
 * Sentences a trader would write. Every sentence of every preset's written sheet (its title, the line saying
 * whether it can be opened, the labels and notes of its inputs and figures, the explanations, the helper
 * labels, the walkthrough's steps and stories, the column headers) and of the review (its cautions) is read
 * against three rules: a number and its noun agree ("1 day", "2 days"); no phrase of four words is said
 * twice in one sentence; and once the walkthrough has closed the position, no later step says it is open.
 */

const positions: TierRead = {
  address: "Positions!A5:G16",
  sheet: "Positions",
  range: "A5:G16",
  cells: positionsGrid().slice(4, 16).map((r) => r.slice(0, 7)),
};

/** Every preset's defaults, each with a stop and a target, sized from risk, and the views the markets have. */
function trades(): [string, FormValues, TierRead?][] {
  const out: [string, FormValues, TierRead?][] = [];
  for (const p of PRESETS) {
    const d = applyPreset(START, p.id);
    const entry = Number(d.entry);
    const step = Number(d.tick);
    const away = (f: number) => (Math.round((entry * f) / step) * step).toFixed(stepDecimals(d.tick));
    out.push([`${p.id} defaults`, d]);
    out.push([`${p.id} with a stop and a target, sized from 1 % risk`, { ...d, sizeMode: "risk", riskPct: "1", stop: away(0.97), target: away(1.05) }]);
    out.push([`${p.id} short at 5 times the leverage`, { ...d, side: "short", leverage: String(5 * Number(d.leverage.replace(/^1:/, ""))) }]);
    if (p.ending === "liquidation") out.push([`${p.id} on cross margin`, { ...d, marginMode: "cross" }]);
  }
  out.push(["the guide's example", GUIDE_EXAMPLE]);
  out.push(["the guide's example under ESMA", { ...GUIDE_EXAMPLE, region: "ESMA" }]);
  out.push(["the guide's example at 30x with 5,000", { ...GUIDE_EXAMPLE, leverage: "30", balance: "5000" }]);
  out.push(["the guide's example held for 1 day and for 2", { ...GUIDE_EXAMPLE, holdingDays: "2", fundingRate: "0.01" }]);
  out.push(["USD/JPY in dollars", applySymbol(applyPreset(START, "forex"), findSymbol("forex", "USD/JPY")!)]);
  out.push(["ETHUSDT on cross margin with the sample's positions", { ...applySymbol(START, findSymbol("crypto-linear", "ETHUSDT")!), marginMode: "cross", others: positions.address }, positions]);
  out.push(["one lot and one contract", { ...applyPreset(START, "crypto-inverse"), quantity: "1" }]);
  return out;
}

/** Every text of the sheet as it reads once written (formulas by their values), and the review's cautions. */
function textsOf(s: Scenario): string[] {
  const plan = scenarioPlan(s);
  const texts: string[] = [String(s.title.value), String(s.opening.value)];
  for (const b of plan.blocks) for (const row of b.rows) for (const c of row) if (typeof c === "string" && !c.startsWith("=")) texts.push(c);
  for (const w of s.walkthrough) texts.push(w.step, String(w.story.value));
  for (const w of [...s.blockers, ...s.warnings]) texts.push(w.text);
  return texts;
}

/** Nouns counted in the sheet and the pane, singular and plural. */
const NOUNS: [string, string][] = [
  ["day", "days"],
  ["hour", "hours"],
  ["lot", "lots"],
  ["contract", "contracts"],
  ["share", "shares"],
  ["position", "positions"],
  ["bracket", "brackets"],
  ["row", "rows"],
  ["symbol", "symbols"],
];

function numberAgreement(text: string): string[] {
  const wrong: string[] = [];
  for (const [one, many] of NOUNS) {
    for (const m of text.matchAll(new RegExp(`(?<![\\d.,])(\\d[\\d,]*(?:\\.\\d+)?) (${one}|${many})\\b`, "g"))) {
      const n = Number(m[1]!.replace(/,/g, ""));
      if ((n === 1) !== (m[2] === one)) wrong.push(m[0]);
    }
  }
  return wrong;
}

/** Four-word phrases said twice in one sentence (words, not the figures of a formula such as "1 − 1/leverage"). */
function doubled(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.:;!?])\s+/)) {
    const words = sentence.toLowerCase().replace(/[^a-z0-9%' -]/g, " ").split(/\s+/).filter(Boolean);
    const seen = new Set<string>();
    for (let i = 0; i + 4 <= words.length; i++) {
      if (words.slice(i, i + 4).some((w) => !/^[a-z][a-z'-]*$/.test(w))) continue;
      const phrase = words.slice(i, i + 4).join(" ");
      if (seen.has(phrase)) out.push(phrase);
      seen.add(phrase);
    }
  }
  return out;
}

describe("every sentence of every preset's sheet and walkthrough reads as a trader would write it", () => {
  // Every row gets its third cell, so Jest does not take the test's third parameter for a done callback.
  it.each(trades().map(([name, values, read]): [string, FormValues, TierRead | undefined] => [name, values, read]))("%s", (_name, values, read) => {
    const v = validate(values, undefined, read);
    expect(v.errors).toEqual({});
    const s = buildScenario(v.trade!);
    const texts = textsOf(s);
    expect(texts.length).toBeGreaterThan(40);
    expect(texts.flatMap(numberAgreement)).toEqual([]);
    expect(texts.flatMap(doubled)).toEqual([]);
    // nothing said of a view inside another's brackets, and no word twice in a row
    expect(texts.filter((t) => /\(\w[^()]*\(/.test(t) || /\b(\w+) \1\b/i.test(t))).toEqual([]);
    // once the walkthrough has closed the position, no later step describes it as open
    const closedAt = s.walkthrough.findIndex((w) => w.cells[5]!.value === "LIQUIDATED" || w.cells[5]!.value === "STOP OUT");
    if (closedAt >= 0) {
      for (const w of s.walkthrough.slice(closedAt + 1)) {
        expect([w.step, w.cells[5]!.value]).not.toEqual([w.step, "OK"]);
        expect([w.step, w.cells[5]!.value]).not.toEqual([w.step, "MARGIN CALL"]);
        expect(String(w.story.value)).not.toMatch(/stays open|still open/);
      }
    }
  });

  it("catches what the rules are for", () => {
    // the sentences the last round wrote, which these rules must refuse
    expect(numberAgreement("Holding period 1 days; 1 rows rejected; 2 lot")).toEqual(["1 days", "2 lot", "1 rows"]);
    expect(numberAgreement("1 day, 0.5 days, 2 days, 1 lot, 0.1 lots, 1,000 contracts")).toEqual([]);
    expect(doubled("It was closed at the stop-out price and the broker closed it at the stop-out price.")).toEqual(["at the stop-out price"]);
    expect(/\(\w[^()]*\(/.test("leverage 50x (account (margin level))")).toBe(true);
  });
});
