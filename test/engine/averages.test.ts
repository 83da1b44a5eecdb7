import * as fc from "fast-check";
import * as F from "../../src/engine";
import { D } from "../../src/engine";
import { errorOf, exact, num } from "../helpers/engine";
import { expectVector, input, vector } from "../helpers/vectors";

/** A list as a worksheet column. */
const column = (xs: readonly unknown[]) => xs.map((x) => [x]);

describe("AVGPRICE", () => {
  it("reproduces Bybit's inverse average entry (avg-04): 1,000 @ 5,000 + 2,000 @ 6,000 → 5,625 (harmonic)", () => {
    const fills = vector("avg-04").inputs.fills as number[][];
    const sizes = fills.map((f) => f[0]);
    const prices = fills.map((f) => f[1]);
    expectVector("avg-04", "avg_entry", num(F.AVGPRICE, column(prices), column(sizes), "value"));
  });

  it("reproduces DCA by fixed cash amounts (avg-06): 3 × 100 USD at 20,000 / 25,000 / 40,000 → 26,086.96 and 0.0115 BTC", () => {
    const prices = input<number[]>("avg-06", "prices");
    const buys = input<number[]>("avg-06", "buys_usd");
    // hand: 300/(100/20000 + 100/25000 + 100/40000) = 300/0.0115 = 26086.956521739130434782608695652…
    expect(exact(F.AVGPRICE, [prices], [buys], "value")).toBe("26086.95652173913043478260869565217");
    // The vector prints 26086.95652 with a tolerance of 1e-6, tighter than its own rounding (the exact value
    // is 1.7e-6 above it), so it is checked to half a unit of its last printed digit.
    expect(Math.abs(num(F.AVGPRICE, [prices], [buys], "value") - (vector("avg-06").expected.avg_price as number))).toBeLessThan(5e-6);
    // the coins bought are the coin value of each cash amount: Σ INVNOTIONAL(amount, price)
    expectVector("avg-06", "coins", prices.reduce((sum, p, i) => sum + num(F.INVNOTIONAL, buys[i], p), 0));
  });

  it.each([
    // hand: (1·100 + 3·200)/4 = 700/4 = 175
    [[[100], [200]], [[1], [3]], undefined, "175"],
    // hand: the same with "units" spelled out, and as a row
    [[[100, 200]], [[1, 3]], "UNITS", "175"],
    // hand: value: 400/(100/100 + 300/200) = 400/2.5 = 160
    [[[100], [200]], [[100], [300]], "value", "160"],
    // hand: blank pairs skipped: (10·2 + 20·2)/4 = 15
    [[[10], [null], [20]], [[2], [""], [2]], undefined, "15"],
    // hand: one fill is its own average
    [12.5, 7, undefined, "12.5"],
    // hand: a zero size adds nothing: (100·0 + 200·1)/1 = 200
    [[[100], [200]], [[0], [1]], undefined, "200"],
  ])("AVGPRICE(%j, %j, %s) is %s", (prices, sizes, kind, expected) => {
    expect(exact(F.AVGPRICE, prices, sizes, kind)).toBe(expected);
  });

  it("averagePrice takes named arguments for the ladder table", () => {
    // hand: (1·100 + 1·300)/2 = 200
    expect(F.averagePrice({ prices: [new D(100), new D(300)], sizes: [new D(1), new D(1)], sizeKind: "units" }).toString()).toBe("200");
  });

  it.each([
    [[column([100, 200]), column([1])], "VALUE", "sizes"],
    [[column([100, null]), column([1, 2])], "VALUE", "prices"],
    [[column([100, 200]), column([1, null])], "VALUE", "sizes"],
    [[column([100, 0]), column([1, 2])], "NUM", "prices"],
    [[column([100, 200]), column([1, -2])], "NUM", "sizes"],
    [[column([100, 200]), column([0, 0])], "DIV0", "sizes"],
    [[column([100, "abc"]), column([1, 2])], "VALUE", "prices"],
    [[column([100, 200]), column([1, 2]), "coins"], "VALUE", "size_kind"],
    [[column([null, null]), column([null, null])], "VALUE", "prices"],
  ])("AVGPRICE(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.AVGPRICE, ...args)).toEqual({ code, field });
  });
});

describe("AVGDOWN", () => {
  it("reproduces the average-down example (avg-02): 100 shares at 50, buy at 30 to average 40 → 100 shares, 3,000", () => {
    const [n, a, p, t] = ["shares_held", "avg_cost", "current_price", "target_avg"].map((k) => input("avg-02", k));
    const shares = num(F.AVGDOWN, n, a, p, t);
    expectVector("avg-02", "shares_to_buy", shares);
    expectVector("avg-02", "cash_needed", num(F.NOTIONAL, p, shares));
  });

  it.each([
    // hand: averaging up, 100 at 50, buy at 80 to average 60: 100·(50 − 60)/(60 − 80) = 50
    [[100, 50, 80, 60], "50"],
    // hand: already at the target: 100·0/(50 − 30) = 0
    [[100, 50, 30, 50], "0"],
    // hand: 200·(20 − 15)/(15 − 12) = 1000/3
    [[200, 20, 12, 15], "333.3333333333333333333333333333333"],
  ])("AVGDOWN(%j) is %s", (args, expected) => {
    expect(exact(F.AVGDOWN, ...args)).toBe(expected);
  });

  it.each([
    // target below the price: no purchase at 30 brings the average under 30
    [[100, 50, 30, 25], "NUM", "target_avg"],
    // target beyond the average, on the wrong side
    [[100, 50, 30, 55], "NUM", "target_avg"],
    // target at the price: infinitely many shares
    [[100, 50, 30, 30], "NUM", "target_avg"],
    // buying at the average cannot move it
    [[100, 50, 50, 45], "NUM", "target_avg"],
    [[100, 50, 0, 40], "NUM", "price"],
    [[-1, 50, 30, 40], "NUM", "shares"],
    [[100, "fifty", 30, 40], "VALUE", "avg_cost"],
  ])("AVGDOWN(%j) is #%s naming %s", (args, code, field) => {
    expect(errorOf(F.AVGDOWN, ...args)).toEqual({ code, field });
  });
});

const fill = fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000 }));
const fills = fc.array(fill, { minLength: 1, maxLength: 12 }).map((xs) => ({
  prices: xs.map(([p]) => new D(p).div(100)),
  sizes: xs.map(([, s]) => new D(s).div(1000)),
}));
const kind = fc.constantFrom<F.SizeKind>("units", "value");

describe("average invariants", () => {
  it("the average lies between the lowest and highest price", () => {
    fc.assert(
      fc.property(fills, kind, ({ prices, sizes }, sizeKind) => {
        const avg = F.averagePrice({ prices, sizes, sizeKind });
        return avg.gte(D.min(...prices)) && avg.lte(D.max(...prices));
      }),
    );
  });

  it("cash amounts s·p averaged by value equal the quantities s averaged by units", () => {
    fc.assert(
      fc.property(fills, ({ prices, sizes }) => {
        const units = F.averagePrice({ prices, sizes, sizeKind: "units" });
        const value = F.averagePrice({ prices, sizes: sizes.map((s, i) => s.mul(prices[i]!)), sizeKind: "value" });
        return units.sub(value).abs().lte(new D("1e-25").mul(units));
      }),
    );
  });

  it("scaling every size by the same factor leaves the average unchanged", () => {
    fc.assert(
      fc.property(fills, kind, fc.integer({ min: 2, max: 1000 }), ({ prices, sizes }, sizeKind, k) => {
        const a = F.averagePrice({ prices, sizes, sizeKind });
        const b = F.averagePrice({ prices, sizes: sizes.map((s) => s.mul(k)), sizeKind });
        return a.sub(b).abs().lte(new D("1e-25").mul(a));
      }),
    );
  });

  it("buying AVGDOWN's shares at the price brings the average to the target", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 2, max: 100000 }),
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 0, max: 999 }),
        (n, a, p, t) => {
          fc.pre(a !== p);
          const avg = new D(a);
          const price = new D(p);
          // a target from the average (inclusive) toward the price (exclusive)
          const target = avg.add(price.sub(avg).mul(t).div(1000));
          const shares = F.averageDown({ shares: new D(n), avgCost: avg, price, target });
          const after = F.averagePrice({ prices: [avg, price], sizes: [new D(n), shares], sizeKind: "units" });
          return after.sub(target).abs().lte(new D("1e-25").mul(target));
        },
      ),
    );
  });
});
