import { D, Dec, ZERO } from "../spec/decimal";
import { DomainError, NotAvailableError } from "../spec/errors";
import { Side } from "../spec/read";
import { leverage, number, optional, option, side } from "../spec/params";
import { define } from "../spec/define";
import { bracketsOf, findTier, Maintenance } from "./tiers";
import { DEFAULT_MMR, maintenance } from "./maintenance";
import { inversePosition, linearPosition, walkBrackets } from "./walk";
import { MM_BASES, MmBasis, requiredWithTable } from "./price";

const OPENS_WALLET = "liquidated as it opens: the balance does not exceed the maintenance margin at entry";

/**
 * Binance's one-way liquidation price from the balance that backs the position (USDⓈ-M FAQ):
 * LP = (WB − TMM + UPNL + cum − side·q·E) / (q·mmr − side·q). WB is the isolated wallet (margin plus any
 * added margin) or the cross wallet; TMM and UPNL are the maintenance margin and unrealised PnL of the
 * other cross positions (0 when isolated). `mmr` may be a rate (default 0.005) or a Maintenance (a tier
 * table: the bracket holding the notional at the liquidation price; `maintAmount` must then be 0).
 */
export function walletLiquidation(a: {
  side: Side;
  entry: Dec;
  quantity: Dec;
  walletBalance: Dec;
  mmr?: Dec | Maintenance;
  maintAmount?: Dec;
  otherMaintMargin?: Dec;
  otherUpnl?: Dec;
}): Dec {
  const m: Maintenance =
    a.mmr === undefined ? { kind: "rate", mmr: DEFAULT_MMR } : "kind" in a.mmr ? a.mmr : { kind: "rate", mmr: a.mmr };
  const balance = a.walletBalance.sub(a.otherMaintMargin ?? ZERO).add(a.otherUpnl ?? ZERO);
  const position = linearPosition({
    ...a,
    balance,
    closeFeeRate: ZERO,
    opens: OPENS_WALLET,
    survives: "no liquidation price: the wallet covers a fall to zero, so this long cannot be liquidated",
  });
  return walkBrackets(position, bracketsOf(m, a.maintAmount ?? ZERO), "mmr");
}

export const WALLETLIQ = define(
  {
    side,
    entry: number({ gt: 0 }),
    quantity: number({ gt: 0 }),
    wallet_balance: number({ ge: 0 }),
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    other_maint_margin: optional(number({ ge: 0 }), ZERO),
    other_upnl: optional(number(), ZERO),
  },
  (a) =>
    walletLiquidation({
      side: a.side,
      entry: a.entry,
      quantity: a.quantity,
      walletBalance: a.wallet_balance,
      mmr: a.mmr,
      maintAmount: a.maint_amount,
      otherMaintMargin: a.other_maint_margin,
      otherUpnl: a.other_upnl,
    }),
);

/**
 * Liquidation price of an inverse (coin-margined) position backed by `wallet` coin.
 * `"liquidation"` (Binance COIN-M FAQ; Bybit's 2026 inverse page): maintenance on the coin notional at
 * the liquidation price, LP = Q·(mmr + side)/(WB + cum + side·Q/E) with Q = contracts·cv, the bracket
 * searched until consistent. `"entry"` (Bybit classic, BTCMEX): maintenance on the entry value,
 * LP = Q/(Q/E + side·(WB − (Q·mmr/E − cum))).
 */
export function inverseLiquidation(a: {
  side: Side;
  entry: Dec;
  contracts: Dec;
  contractValue: Dec;
  wallet: Dec;
  maintenance: Maintenance;
  amount: Dec;
  basis: MmBasis;
}): Dec {
  const tiers = bracketsOf(a.maintenance, a.amount);
  const position = inversePosition(a);
  if (a.basis === "liquidation") return walkBrackets(position, tiers, "mmr");
  const value = a.contracts.mul(a.contractValue);
  const t = findTier(tiers, value.div(a.entry), "mmr");
  const mm = value.div(a.entry).mul(t.mmr).sub(t.amount);
  const den = value.div(a.entry).add(a.wallet.sub(mm).mul(a.side));
  if (den.lte(0)) throw new NotAvailableError(undefined, position.survives);
  const price = value.div(den);
  if (price.sub(a.entry).mul(a.side).gte(0)) throw new DomainError(undefined, position.opens);
  return price;
}

export const INVLIQPRICE = define(
  {
    side,
    entry: number({ gt: 0 }),
    leverage,
    mmr: maintenance(DEFAULT_MMR),
    maint_amount: optional(number({ ge: 0 }), ZERO),
    contracts: optional(number({ gt: 0 })),
    contract_value: optional(number({ gt: 0 }), new D(1)),
    mm_basis: optional(option(MM_BASES), "liquidation" as MmBasis),
  },
  (a) => {
    const contracts = requiredWithTable(a.contracts, a.mmr, "contracts");
    return inverseLiquidation({
      side: a.side,
      entry: a.entry,
      contracts,
      contractValue: a.contract_value,
      wallet: contracts.mul(a.contract_value).div(a.entry.mul(a.leverage)),
      maintenance: a.mmr,
      amount: a.maint_amount,
      basis: a.mm_basis,
    });
  },
);

