import { D, Dec, ZERO } from "../spec/decimal";
import { DivisionByZeroError, NotAvailableError } from "../spec/errors";
import * as X from "../arith/exact";
import { Side } from "../spec/read";
import { define, leverage, number, numbers, optional, side, tableKey } from "../spec/params";


/**
 * Leverage and margin: the guide's formulas (position size, margin, equity, free margin, margin level,
 * margin call), Regulation T margin calls, retail leverage caps and pattern-day-trader buying power.
 * Sources: Binance FAQ (initial margin = notional × IMR), cTrader `IAccount.MarginLevel`
 * ("Equity / Margin * 100"), Kraken "Free Margin", MQL4 `AccountStopoutMode`.
 */

export const EXPOSURE = define({ capital: number({ ge: 0 }), leverage }, ({ capital, leverage }) =>
  capital.mul(leverage),
);

export function margin(a: { notional: Dec; leverage: Dec }): Dec {
  return a.notional.div(a.leverage);
}
export const MARGIN = define({ notional: number({ ge: 0 }), leverage }, margin, (raw) => {
  const n = X.num(raw[0]);
  const l = X.leverage(raw[1]);
  const kn = X.decimals(n);
  const kl = X.decimals(l);
  if (kn < 0 || kl < 0 || !(n >= 0 && l > 0)) return undefined;
  return X.ratio(X.integer(n, kn), kn, X.integer(l, kl), kl);
});

export function notional(a: { price: Dec; quantity: Dec; contractSize: Dec }): Dec {
  return a.price.mul(a.quantity).mul(a.contractSize);
}
export const NOTIONAL = define(
  { price: number({ gt: 0 }), quantity: number({ ge: 0 }), contract_size: optional(number({ gt: 0 }), new D(1)) },
  (a) => notional({ price: a.price, quantity: a.quantity, contractSize: a.contract_size }),
  (raw) => {
    const p = X.num(raw[0]);
    const q = X.num(raw[1]);
    const cs = X.numOr(raw[2], 1);
    const kp = X.decimals(p);
    const kq = X.decimals(q);
    const kc = X.decimals(cs);
    if (kp < 0 || kq < 0 || kc < 0 || !(p > 0 && q >= 0 && cs > 0)) return undefined;
    const units = X.product(X.integer(q, kq), X.integer(cs, kc));
    return X.value(X.product(X.integer(p, kp), units), kp + kq + kc);
  },
);

export const LEVERAGE = define({ notional: number({ ge: 0 }), equity: number({ ge: 0 }) }, (a) => {
  if (a.equity.isZero()) throw new DivisionByZeroError("equity", "is 0, so leverage is unbounded");
  return a.notional.div(a.equity);
});

export const EQUITY = define(
  { balance: number(), floating_pnl: numbers(0) },
  (a) => a.floating_pnl.reduce((sum, pnl) => sum.add(pnl), a.balance),
  (raw) => {
    // balance + Σ PnL in exact scaled integers (see exact.ts): the Decimal sum is exact, so is this one
    const b = X.num(raw[0]);
    const pnl = X.blank(raw[1]) ? [] : X.plainNumbers(raw[1]);
    let k = X.decimals(b);
    if (k < 0 || pnl === undefined) return undefined;
    for (let i = 0; i < pnl.length; i++) {
      const kv = X.decimals(pnl[i]!);
      if (kv < 0) return undefined;
      if (kv > k) k = kv;
    }
    let total = X.lift(X.integer(b, X.decimals(b)), X.decimals(b), k);
    for (let i = 0; i < pnl.length; i++) {
      const kv = X.decimals(pnl[i]!);
      total = X.exact(total + X.lift(X.integer(pnl[i]!, kv), kv, k));
    }
    return X.value(total, k);
  },
);

export const FREEMARGIN = define({ equity: number(), used_margin: number({ ge: 0 }) }, (a) =>
  a.equity.sub(a.used_margin),
);

export function marginLevel(a: { equity: Dec; usedMargin: Dec }): Dec {
  if (a.usedMargin.isZero()) throw new DivisionByZeroError("used_margin", "is 0: margin level needs margin in use");
  return a.equity.div(a.usedMargin);
}
export const MARGINLEVEL = define({ equity: number(), used_margin: number({ ge: 0 }) }, (a) =>
  marginLevel({ equity: a.equity, usedMargin: a.used_margin }),
);

export type MarginStatus = "OK" | "MARGIN CALL" | "STOP OUT";

/** Stop-out is checked first, so a broker whose levels are given the wrong way round still stops out. */
export function marginStatus(a: { equity: Dec; usedMargin: Dec; callLevel: Dec; stopoutLevel: Dec }): MarginStatus {
  if (a.usedMargin.isZero()) return "OK";
  const level = a.equity.div(a.usedMargin);
  if (level.lte(a.stopoutLevel)) return "STOP OUT";
  if (level.lte(a.callLevel)) return "MARGIN CALL";
  return "OK";
}
export const MARGINSTATUS = define(
  {
    equity: number(),
    used_margin: number({ ge: 0 }),
    call_level: optional(number({ ge: 0 }), new D(1)),
    stopout_level: optional(number({ ge: 0 }), new D(0.5)),
  },
  (a) =>
    marginStatus({ equity: a.equity, usedMargin: a.used_margin, callLevel: a.call_level, stopoutLevel: a.stopout_level }),
);

/**
 * The price at which one position's margin level reaches `level`:
 * balance + side·(P − entry)·q·cs = level·M, with M = entry·q·cs/leverage.
 */
export function callPrice(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  balance: Dec;
  leverage: Dec;
  level: Dec;
  contractSize: Dec;
}): Dec {
  const units = a.quantity.mul(a.contractSize);
  const usedMargin = a.entry.mul(units).div(a.leverage);
  const price = a.entry.add(usedMargin.mul(a.level).sub(a.balance).div(units).mul(a.side));
  if (price.lte(0)) {
    throw new NotAvailableError(
      undefined,
      `no such price: the balance keeps the margin level above ${a.level.mul(100).toString()} % even at a price of zero`,
    );
  }
  return price;
}
export const CALLPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    quantity: number({ gt: 0 }),
    balance: number(),
    leverage,
    level: optional(number({ ge: 0 }), new D(1)),
    contract_size: optional(number({ gt: 0 }), new D(1)),
  },
  (a) => callPrice({ ...a, contractSize: a.contract_size }),
);

/** Margin-account (stock) margin-call price: long P(1 − IM)/(1 − MM), short P(1 + IM)/(1 + MM). */
export const REGTCALL = define(
  {
    side,
    price: number({ gt: 0 }),
    initial_margin: optional(number({ ge: 0, le: 1 }), new D(0.5)),
    maintenance_margin: optional(number({ ge: 0, lt: 1 }), new D(0.25)),
  },
  (a) => {
    const im = a.initial_margin;
    const mm = a.maintenance_margin;
    if (a.side === 1) {
      const p = a.price.mul(D.sub(1, im)).div(D.sub(1, mm));
      if (p.lte(0)) throw new NotAvailableError(undefined, "no margin call: a long bought with no loan cannot be called");
      return p;
    }
    return a.price.mul(im.add(1)).div(mm.add(1));
  },
);

export const REGIONS = ["ESMA", "EU", "UK", "ASIC", "US"] as const;
export const ASSET_CLASSES = [
  "fx_major",
  "fx_minor",
  "gold",
  "index_major",
  "index_minor",
  "commodity",
  "equity",
  "crypto",
] as const;
type Region = (typeof REGIONS)[number];
type AssetClass = (typeof ASSET_CLASSES)[number];

/**
 * Retail leverage caps. ESMA's 2018 product intervention (ESMA, EU), the FCA's rules (UK) and ASIC's
 * 2021 order share one table; the US figures are the NFA's forex limits (50:1 majors, 20:1 others)
 * and Regulation T (2:1 for equities). A missing entry is a cap the regulator does not set this way.
 */
const CAPS: Record<AssetClass, { intl: number; us?: number }> = {
  fx_major: { intl: 30, us: 50 },
  fx_minor: { intl: 20, us: 20 },
  gold: { intl: 20 },
  index_major: { intl: 20 },
  index_minor: { intl: 10 },
  commodity: { intl: 10 },
  equity: { intl: 5, us: 2 },
  crypto: { intl: 2 },
};

export function retailCap(a: { region: Region; assetClass: AssetClass }): Dec {
  const row = CAPS[a.assetClass];
  if (a.region === "US") {
    if (row.us === undefined) {
      throw new NotAvailableError(undefined, `no US retail leverage cap is set for ${a.assetClass} in this table`);
    }
    return new D(row.us);
  }
  if (a.region === "UK" && a.assetClass === "crypto") {
    throw new NotAvailableError(undefined, "crypto derivatives are not sold to UK retail clients");
  }
  return new D(row.intl);
}
export const RETAILCAP = define(
  { region: tableKey<Region>(REGIONS, { usa: "US", gb: "UK", au: "ASIC", australia: "ASIC" }), asset_class: tableKey(ASSET_CLASSES) },
  (a) => retailCap({ region: a.region, assetClass: a.asset_class }),
);

/** FINRA Rule 4210(f)(8)(B): four times the maintenance-margin excess; $25,000 minimum equity. */
export const DTBP = define({ equity: number(), maintenance_requirement: number({ ge: 0 }) }, (a) => {
  if (a.equity.lt(25000)) {
    throw new NotAvailableError(undefined, "no day-trading buying power: a pattern day trader needs at least 25,000 equity");
  }
  return D.max(ZERO, a.equity.sub(a.maintenance_requirement)).mul(4);
});

