import { D, Dec, ONE, ZERO } from "../spec/decimal";
import { DivisionByZeroError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { leverage, number, numbers, optional, side, tableKey } from "../spec/params";
import { define } from "../spec/define";
import * as decoders from "../spec/decoders";
import { equityKernel, freeMarginKernel, marginKernel, notionalKernel } from "./margin.fast";

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
export const MARGIN = define({ notional: number({ ge: 0 }), leverage }, margin, { decode: decoders.MARGIN, kernel: marginKernel });

export function notional(a: { price: Dec; quantity: Dec; contractSize: Dec }): Dec {
  return a.price.mul(a.quantity).mul(a.contractSize);
}
export const NOTIONAL = define(
  { price: number({ gt: 0 }), quantity: number({ ge: 0 }), contract_size: optional(number({ gt: 0 }), ONE) },
  (a) => notional({ price: a.price, quantity: a.quantity, contractSize: a.contract_size }),
  { decode: decoders.NOTIONAL, kernel: notionalKernel },
);

export const LEVERAGE = define({ notional: number({ ge: 0 }), equity: number({ ge: 0 }) }, (a) => {
  if (a.equity.isZero()) throw new DivisionByZeroError("equity", "is 0, so leverage is unbounded");
  return a.notional.div(a.equity);
});

export const EQUITY = define({ balance: number(), floating_pnl: numbers(0) }, (a) => a.floating_pnl.reduce((sum, pnl) => sum.add(pnl), a.balance), {
  decode: decoders.EQUITY,
  kernel: equityKernel,
});

export const FREEMARGIN = define({ equity: number(), used_margin: number({ ge: 0 }) }, (a) => a.equity.sub(a.used_margin), {
  decode: decoders.FREEMARGIN,
  kernel: freeMarginKernel,
});

export function marginLevel(a: { equity: Dec; usedMargin: Dec }): Dec {
  if (a.usedMargin.isZero()) throw new DivisionByZeroError("used_margin", "is 0: margin level needs margin in use");
  return a.equity.div(a.usedMargin);
}
export const MARGINLEVEL = define({ equity: number(), used_margin: number({ ge: 0 }) }, (a) =>
  marginLevel({ equity: a.equity, usedMargin: a.used_margin }),
);

export type MarginStatus = "OK" | "MARGIN CALL" | "STOP OUT";

/** MARGINSTATUS's default levels (100 % margin call, 50 % stop-out), also SCENARIOS' with a balance. */
export const DEFAULT_CALL_LEVEL = ONE;
export const DEFAULT_STOPOUT_LEVEL = new D("0.5");

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
    call_level: optional(number({ ge: 0 }), DEFAULT_CALL_LEVEL),
    stopout_level: optional(number({ ge: 0 }), DEFAULT_STOPOUT_LEVEL),
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
    level: optional(number({ ge: 0 }), ONE),
    contract_size: optional(number({ gt: 0 }), ONE),
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

