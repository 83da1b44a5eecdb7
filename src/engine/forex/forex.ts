import { D, Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, InvalidArgumentError, NotAvailableError } from "../spec/errors";
import { describe, isBlank, scalar } from "../spec/read";
import { roundToStep } from "../margin/rounding";
import * as X from "../arith/exact";
import { leverage, number, optional, Param } from "../spec/params";
import { define } from "../spec/define";
import { DECLINE, type Decline } from "../spec/plain";
import * as decoders from "../spec/decoders";
import { roundings } from "../arith/certify";

/**
 * Forex: pairs, pips, pip value, margin, conversion, lot sizing, spread cost and compounding.
 * Sources: BabyPips ("Calculating Pip value"; School "Position sizing"), MT5 margin modes (Amalga KA-01036,
 * PU Prime, Axi, earnforex/positionsizer issue #44: "Forex" mode margin = lots × contract / leverage in
 * the base currency, then converted), XM and fx-trading-world pip-value examples, PipGauge spread cost,
 * tenordahte / FinanceBrokerage compounding tables (balance rounded to cents each period).
 */

/** A currency pair: the base currency priced in the quote currency. */
export interface Pair {
  base: string;
  quote: string;
}

export function pairText(p: Pair): string {
  return `${p.base}/${p.quote}`;
}

const CURRENCY = /^[A-Z]{3}$/;
// "EUR/USD", "EURUSD", "eur-usd", "EUR_USD", "EUR USD", "EUR.USD".
const PAIR = /^([A-Z]{3})\s*[/\-_. ]?\s*([A-Z]{3})$/;

export function readCurrency(raw: unknown, field: string): string {
  const v = scalar(raw, field);
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    if (CURRENCY.test(t)) return t;
  }
  if (isBlank(v)) throw new InvalidArgumentError(field, 'is required: a three-letter currency code such as "USD"');
  throw new InvalidArgumentError(field, `expected a three-letter currency code such as "USD", got ${describe(v)}`);
}

export function readPair(raw: unknown, field: string): Pair {
  const v = scalar(raw, field);
  if (typeof v === "string") {
    const m = PAIR.exec(v.trim().toUpperCase());
    if (m) {
      if (m[1] === m[2]) throw new InvalidArgumentError(field, `a pair needs two different currencies, got ${describe(v)}`);
      return { base: m[1]!, quote: m[2]! };
    }
  }
  if (isBlank(v)) throw new InvalidArgumentError(field, 'is required: a currency pair such as "EUR/USD"');
  throw new InvalidArgumentError(field, `expected a currency pair such as "EUR/USD" or "EURUSD", got ${describe(v)}`);
}

/** A currency code as `readCurrency` reads it from plain text, or DECLINE (the Decimal path words the fault). */
function plainCurrency(raw: unknown): string | Decline {
  const t = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  return CURRENCY.test(t) ? t : DECLINE;
}

/** A pair as `readPair` reads it from plain text, or DECLINE (the Decimal path words the fault). */
function plainPair(raw: unknown): Pair | Decline {
  const m = typeof raw === "string" ? PAIR.exec(raw.trim().toUpperCase()) : null;
  return m && m[1] !== m[2] ? { base: m[1]!, quote: m[2]! } : DECLINE;
}

const currency: Param<string, string> = { kind: "text", optional: false, range: false, read: readCurrency, plain: plainCurrency };
const pair: Param<Pair, Pair> = { kind: "text", optional: false, range: false, read: readPair, plain: plainPair };

/** A standard forex lot: 100,000 units of the base currency (the default contract size of every forex function). */
export const LOT = new D(100000);
const JPY_PIP = new D("0.01");
const PIP = new D("0.0001");

/** 0.01 when the quote currency is JPY, else 0.0001. */
export function pipSize(p: Pair): Dec {
  return p.quote === "JPY" ? JPY_PIP : PIP;
}

/**
 * Converts `amount` from one currency to another through the price `rate` of a pair that joins them,
 * in either orientation: from = base of the pair → multiply; from = quote → divide.
 */
export function convert(a: { amount: Dec; from: string; to: string; ratePair: Pair; rate: Dec }): Dec {
  if (a.from === a.to) return a.amount;
  const { base, quote } = a.ratePair;
  if (base === a.from && quote === a.to) return a.amount.mul(a.rate);
  if (base === a.to && quote === a.from) return a.amount.div(a.rate);
  throw new NotAvailableError(
    "rate_pair",
    `${pairText(a.ratePair)} does not join ${a.from} and ${a.to}: give the price of ${a.from}/${a.to} or ${a.to}/${a.from}`,
  );
}

/** Converts into the account currency when it differs; a conversion without a rate is #VALUE! naming it. */
function toAccount(a: { amount: Dec; from: string; to: string; ratePair: Pair; rate: Dec | undefined }): Dec {
  if (a.from === a.to) return a.amount;
  if (a.rate === undefined) {
    throw new InvalidArgumentError(
      "rate",
      `is required to convert ${a.from} to ${a.to}: give the price of ${a.from}/${a.to} or ${a.to}/${a.from} (and that pair as rate_pair)`,
    );
  }
  return convert({ amount: a.amount, from: a.from, to: a.to, ratePair: a.ratePair, rate: a.rate });
}

export const PIPSIZE = define({ pair }, (a) => pipSize(a.pair));

/** Pips from price_a to price_b: (price_b − price_a) / pip size. */
export const PIPS = define({ pair, price_a: number({ gt: 0 }), price_b: number({ gt: 0 }) }, (a) =>
  a.price_b.sub(a.price_a).div(pipSize(a.pair)),
);

/** Value of one pip: pip size·lots·contract size in the quote currency, converted to the account currency. */
export function pipValue(a: {
  pair: Pair;
  lots: Dec;
  accountCcy?: string;
  rate?: Dec;
  ratePair?: Pair;
  contractSize: Dec;
}): Dec {
  const inQuote = pipSize(a.pair).mul(a.lots).mul(a.contractSize);
  return toAccount({
    amount: inQuote,
    from: a.pair.quote,
    to: a.accountCcy ?? a.pair.quote,
    ratePair: a.ratePair ?? a.pair,
    rate: a.rate,
  });
}
export const PIPVALUE = define(
  {
    pair,
    lots: number({ ge: 0 }),
    account_ccy: optional(currency),
    rate: optional(number({ gt: 0 })),
    rate_pair: optional(pair),
    contract_size: optional(number({ gt: 0 }), LOT),
  },
  (a) =>
    pipValue({
      pair: a.pair,
      lots: a.lots,
      accountCcy: a.account_ccy,
      rate: a.rate,
      ratePair: a.rate_pair,
      contractSize: a.contract_size,
    }),
);

/** Required margin (MT5 "Forex" mode): lots·contract size/leverage in the base currency, converted. */
export function fxMargin(a: {
  pair: Pair;
  lots: Dec;
  leverage: Dec;
  accountCcy?: string;
  rate?: Dec;
  ratePair?: Pair;
  contractSize: Dec;
}): Dec {
  // The position's base amount is converted first and divided by leverage last, so that a multiplying
  // conversion is exact and only one quotient is rounded.
  const units = a.lots.mul(a.contractSize);
  return toAccount({
    amount: units,
    from: a.pair.base,
    to: a.accountCcy ?? a.pair.base,
    ratePair: a.ratePair ?? a.pair,
    rate: a.rate,
  }).div(a.leverage);
}
export const FXMARGIN = define(
  {
    pair,
    lots: number({ ge: 0 }),
    leverage,
    account_ccy: optional(currency),
    rate: optional(number({ gt: 0 })),
    rate_pair: optional(pair),
    contract_size: optional(number({ gt: 0 }), LOT),
  },
  (a) =>
    fxMargin({
      pair: a.pair,
      lots: a.lots,
      leverage: a.leverage,
      accountCcy: a.account_ccy,
      rate: a.rate,
      ratePair: a.rate_pair,
      contractSize: a.contract_size,
    }),
  { decode: decoders.FXMARGIN, kernel: fxMarginKernel },
);

/**
 * Where fxMargin rounds when the rate is quoted the other way (account/base): the conversion divides the units
 * by the rate (a rounding of the converted amount, the whole numerator of (units/rate)/L), then the division
 * by leverage rounds the result. Converting by multiplying is exact, so the other cases round once, at the end.
 */
export const FXMARGIN_DIVIDED_ROUNDINGS = roundings(
  ["converted"],
  [
    { step: "units / rate", into: "numerator", size: ["converted"] },
    { step: "÷ leverage", into: "result" },
  ],
);

/**
 * FXMARGIN's kernel, for plain arguments (its generated decoder), in exact scaled integers (see exact.ts):
 * units = lots·contract size, then units/L in the base currency, units·rate/L when the rate pair is
 * base/account, units/(rate·L) when it is account/base (FXMARGIN_DIVIDED_ROUNDINGS). A conversion without a
 * rate, or a rate pair that does not join the currencies, is left to the Decimal path (its errors).
 */
function fxMarginKernel(a: {
  pair: Pair;
  lots: number;
  leverage: number;
  account_ccy: string | undefined;
  rate: number | undefined;
  rate_pair: Pair | undefined;
  contract_size: number;
}): number | undefined {
  const { pair, lots, leverage: l, rate, contract_size: cs } = a;
  const ratePair = a.rate_pair ?? pair;
  const to = a.account_ccy ?? pair.base;
  const kn = X.decimals(lots);
  const kl = X.decimals(l);
  const kc = X.decimals(cs);
  if ((kn | kl | kc) < 0) return undefined;
  const units = X.product(X.integer(lots, kn), X.integer(cs, kc)); // scale ku
  const ku = kn + kc;
  const lm = X.integer(l, kl);
  if (to === pair.base) return X.ratio(units, ku, lm, kl);
  if (rate === undefined) return undefined;
  const kr = X.decimals(rate);
  if (kr < 0) return undefined;
  const rm = X.integer(rate, kr);
  if (ratePair.base === pair.base && ratePair.quote === to) return X.ratio(X.product(units, rm), ku + kr, lm, kl);
  if (ratePair.base === to && ratePair.quote === pair.base) {
    const converted = (lots * cs) / rate;
    return X.ratio(units, ku, X.product(rm, lm), kr + kl, FXMARGIN_DIVIDED_ROUNDINGS.spread(converted, l, converted));
  }
  return undefined;
}

export const FXCONVERT = define(
  { amount: number(), from_ccy: currency, to_ccy: currency, rate_pair: pair, rate: number({ gt: 0 }) },
  (a) => convert({ amount: a.amount, from: a.from_ccy, to: a.to_ccy, ratePair: a.rate_pair, rate: a.rate }),
);

/**
 * Lots that lose `riskAmount` over the stop: risk / (|stop pips|·pip value per lot), rounded down to the
 * lot step. The stop is a distance, so a signed figure from PIPS is read as its size.
 */
export function fxLots(a: { riskAmount: Dec; stopPips: Dec; pipValuePerLot: Dec; lotStep: Dec }): Dec {
  const stop = a.stopPips.abs();
  if (stop.isZero()) throw new DivisionByZeroError("stop_pips", "is 0, so any size risks nothing");
  if (a.pipValuePerLot.isZero()) throw new DivisionByZeroError("pip_value_per_lot", "is 0, so any size risks nothing");
  return roundToStep(a.riskAmount.div(stop.mul(a.pipValuePerLot)), a.lotStep, "down");
}
export const FXLOTS = define(
  {
    risk_amount: number({ ge: 0 }),
    stop_pips: number(),
    pip_value_per_lot: number({ ge: 0 }),
    lot_step: optional(number({ gt: 0 }), new D("0.01")),
  },
  (a) =>
    fxLots({ riskAmount: a.risk_amount, stopPips: a.stop_pips, pipValuePerLot: a.pip_value_per_lot, lotStep: a.lot_step }),
);

/** Cost of the spread plus commission: spread_pips·pip_value_per_lot·lots + commission_per_lot·lots. */
export function spreadCost(a: { spreadPips: Dec; lots: Dec; pipValuePerLot: Dec; commissionPerLot: Dec }): Dec {
  return a.spreadPips.mul(a.pipValuePerLot).add(a.commissionPerLot).mul(a.lots);
}
export const SPREADCOST = define(
  {
    spread_pips: number({ ge: 0 }),
    lots: number({ ge: 0 }),
    pip_value_per_lot: number({ ge: 0 }),
    commission_per_lot: optional(number({ ge: 0 }), ZERO),
  },
  (a) =>
    spreadCost({
      spreadPips: a.spread_pips,
      lots: a.lots,
      pipValuePerLot: a.pip_value_per_lot,
      commissionPerLot: a.commission_per_lot,
    }),
);
