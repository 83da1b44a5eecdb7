/**
 * How far a Decimal formula's result may drift from the exact value, from where it rounds.
 *
 * A fast kernel computes a figure as one exact fraction N/D (scaled integers, exact.ts) and rounds it once; the
 * Decimal path computes the same figure step by step, rounding some steps to 34 significant digits, and the
 * boundary rounds its result to a double. The two doubles are the same unless a midpoint between doubles lies
 * between the exact value and the Decimal one, so the kernel answers only when the exact value is further
 * than the Decimal path's drift from every midpoint (`ratio`'s `spread`, in units of u = 2^-110, which is more
 * than the 5·10^-34 one 34-digit rounding moves a value by).
 *
 * A Decimal formula that rounds along the way lists its rounding points in one place, in its own file, beside
 * the code that rounds: each step that rounds, where its error lands (in the numerator or the denominator of
 * the fraction the fast kernel computes, or on the result itself), and the size of the value rounded, as a sum
 * of terms the kernel knows (magnitudes in the units of that numerator or denominator). A rounding of a value
 * v moves it by at most u·|v|; landing in the numerator N with the size s, it moves the result by at most
 * u·s/|N| of itself, and likewise in the denominator; a rounding of the result moves it by u. To first order
 * these add up; the second order (products of two such errors, and the error of the doubles the sizes are
 * measured in) is covered by doubling the sums:
 *
 *   spread = 2·(Σ sizes in N / |N| + Σ sizes in D / |D|) + roundings of the result.
 *
 * So the bound follows the formula: reorder it, and the list (and with it the bound) changes; a test perturbs
 * the lists and sees the bounds move, and measures each formula's real drift (at 80 digits) against its bound.
 */

/** One step of a Decimal formula that rounds to 34 digits. */
export interface Rounding<T extends string> {
  /** The step, in the formula's words. */
  readonly step: string;
  /** Where the error lands. */
  readonly into: "numerator" | "denominator" | "result";
  /** The magnitude of the value rounded, as a sum of named terms (omitted for a rounding of the result). */
  readonly size?: readonly T[];
}

/** The magnitudes of a formula's terms for one call, in the order its terms are declared. */
export type Sizes<Terms extends readonly string[]> = { [K in keyof Terms]: number };

/** A formula's rounding points, compiled once: the bound they give for the sizes of one call. */
export interface Roundings<Terms extends readonly string[]> {
  readonly terms: Terms;
  readonly list: readonly Rounding<Terms[number]>[];
  /**
   * The spread (units of 2^-110 of the result) for one call: `numerator` and `denominator` are the magnitudes
   * of the exact fraction's parts, then each term's magnitude in the order the terms are declared (at most five;
   * given in line rather than as an object, so that a call allocates nothing).
   */
  spread(numerator: number, denominator: number, ...sizes: Sizes<Terms>): number;
}

const abs = Math.abs;

/** Most terms a formula's rounding points are written in. */
const MAX_TERMS = 5;

/** Compiles a formula's rounding points: how often each term's rounding lands in the numerator and in the denominator. */
export function roundings<const Terms extends readonly string[]>(terms: Terms, list: readonly Rounding<Terms[number]>[]): Roundings<Terms> {
  if (terms.length > MAX_TERMS) throw new Error(`a formula's rounding points are written in at most ${MAX_TERMS} terms`);
  for (const r of list) {
    for (const t of r.size ?? []) if (!terms.includes(t)) throw new Error(`rounding "${r.step}": no term ${t}`);
    if ((r.into === "result") !== (r.size === undefined)) throw new Error(`rounding "${r.step}": a size goes with a numerator or a denominator`);
  }
  const count = (into: Rounding<string>["into"], t: string) => list.filter((r) => r.into === into).reduce((n, r) => n + (r.size ?? []).filter((x) => x === t).length, 0);
  const [n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0] = terms.map((t) => count("numerator", t));
  const [d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0] = terms.map((t) => count("denominator", t));
  const results = list.filter((r) => r.into === "result").length;
  return new Compiled(terms, list, n0, n1, n2, n3, n4, d0, d1, d2, d3, d4, results) as unknown as Roundings<Terms>;
}

/**
 * A formula's rounding points compiled: how often each term's rounding lands in the numerator (n0…n4) and in the
 * denominator (d0…d4), 0 for the terms a formula does not have, and how often the result itself rounds. One
 * class, so that every formula's `spread` is the same function on objects of one shape: a kernel's call of it
 * has one target whichever formula it certifies, and inlines.
 */
class Compiled {
  constructor(
    readonly terms: readonly string[],
    readonly list: readonly Rounding<string>[],
    private readonly n0: number,
    private readonly n1: number,
    private readonly n2: number,
    private readonly n3: number,
    private readonly n4: number,
    private readonly d0: number,
    private readonly d1: number,
    private readonly d2: number,
    private readonly d3: number,
    private readonly d4: number,
    private readonly results: number,
  ) {}

  /** Five sizes at most, each 0 when the formula has fewer terms. */
  spread(numerator: number, denominator: number, s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0): number {
    const a0 = abs(s0);
    const a1 = abs(s1);
    const a2 = abs(s2);
    const a3 = abs(s3);
    const a4 = abs(s4);
    const num = this.n0 * a0 + this.n1 * a1 + this.n2 * a2 + this.n3 * a3 + this.n4 * a4;
    const den = this.d0 * a0 + this.d1 * a1 + this.d2 * a2 + this.d3 * a3 + this.d4 * a4;
    // NaN (a size or a part that was not exact) stays NaN, and `ratio` then declines
    return 2 * ((num === 0 ? 0 : num / abs(numerator)) + (den === 0 ? 0 : den / abs(denominator))) + this.results;
  }
}
