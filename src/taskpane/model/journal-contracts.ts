import { pairOf, quoteOf, type Fill } from "./journal-fill";
import type { Analysis, ContractSize, ReadOptions } from "./journal-analysis";

/**
 * Contract sizes of symbols traded in lots: the trader's, else the only round size at which the exchange's
 * realised PnL agrees (where the quote currency is the account's), else a standard forex lot for a currency
 * pair; otherwise the trader must give it.
 */
export function contractSizes(fills: Fill[], options: ReadOptions, account: Analysis["account"]): ContractSize[] {
  const symbols = [...new Set(fills.map((f) => f.symbol.toUpperCase()))].sort();
  return symbols.map((symbol) => {
    const given = options.contractSizes?.[symbol];
    if (given !== undefined && given > 0) return { symbol, size: given, from: "given", why: "as you gave it" };
    const inferred = inferContractSize(fills.filter((f) => f.symbol.toUpperCase() === symbol), account?.currency);
    if (inferred) return { symbol, size: inferred.size, from: "inferred", why: inferred.why };
    const pair = pairOf(symbol);
    if (pair && /^[A-Z]{6}$/.test(symbol) && FOREX.has(pair.base) && FOREX.has(pair.quote)) {
      return { symbol, size: 100_000, from: "standard", why: "a standard forex lot (100,000 units of the base currency); check your broker's contract specification" };
    }
    return { symbol, size: undefined, from: "needed", why: "not in the report: see the symbol's contract specification in MetaTrader (units per lot)" };
  });
}

const FOREX = new Set(["EUR", "USD", "GBP", "JPY", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "TRY", "ZAR", "MXN", "SGD", "HKD", "CNH"]);
const ROUND_SIZES = [1, 10, 100, 1000, 5000, 10_000, 100_000];

/**
 * The contract size at which a symbol's closed positions (in-then-out deals on one side) realise exactly what
 * the exchange says, within half a cent per deal, when the quote currency is the account currency (or the
 * symbol's quote currency cannot be told and only one size fits). Undefined when no round size, or more
 * than one, fits.
 */
function inferContractSize(fills: Fill[], accountCurrency: string | undefined): { size: number; why: string } | undefined {
  const quote = quoteOf(fills[0]?.symbol ?? "");
  if (quote !== undefined && quote !== accountCurrency) return undefined;
  // realised per lot of each closing deal, by average cost on its side (what LEV.TRADES computes, at one unit per lot)
  const held = new Map<string, { q: number; cost: number }>();
  const checks: { perLot: number; profit: number }[] = [];
  for (const f of fills) {
    const k = f.positionSide ?? "";
    const h = held.get(k) ?? { q: 0, cost: 0 };
    const s = f.side === "buy" ? 1 : -1;
    let q = f.quantity;
    if (h.q !== 0 && Math.sign(h.q) !== s) {
      const closing = Math.min(q, Math.abs(h.q));
      const avg = h.cost / Math.abs(h.q);
      const perLot = Math.sign(h.q) * (f.price - avg) * closing;
      if (f.realised !== undefined) checks.push({ perLot, profit: f.realised });
      h.cost -= avg * closing;
      h.q += s * closing;
      q -= closing;
      if (Math.abs(h.q) < 1e-12) h.q = h.cost = 0;
    }
    if (q > 0) {
      h.q += s * q;
      h.cost += f.price * q;
    }
    held.set(k, h);
  }
  if (checks.length === 0) return undefined;
  const fitting = ROUND_SIZES.filter((size) => checks.every((c) => Math.abs(c.perLot * size - c.profit) <= 0.005 + 1e-9 * Math.abs(c.profit)));
  if (fitting.length !== 1) return undefined;
  const size = fitting[0]!;
  return {
    size,
    why:
      quote === undefined
        ? `MetaTrader's Profit on all ${checks.length} closing deal${checks.length === 1 ? "" : "s"} agrees at ${size.toLocaleString("en-US")} units per lot, and at no other round size (if its prices are in the account currency, ${accountCurrency ?? "?"})`
        : `MetaTrader's Profit on all ${checks.length} closing deal${checks.length === 1 ? "" : "s"} agrees at ${size.toLocaleString("en-US")} units per lot, and at no other round size`,
  };
}
