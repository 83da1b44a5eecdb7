import { D, DomainError, liquidated, NotAvailableError, type Side } from "../../engine";
import { ERROR_TEXT, errorCodeOf } from "../../shared/errors";
import {
  add,
  cmp,
  div,
  iff,
  isError,
  isNA,
  isNumber,
  lev,
  lit,
  max,
  mul,
  neg,
  not,
  ref,
  sub,
  type Expr,
  type RangeArg,
} from "./expr";
import type { MarginView, Trade } from "./form";
import type { Unit } from "./formats";

/**
 * The position and the view of its margin, as two objects the scenario model asks for every figure,
 * instead of branching on linear/inverse and liquidation/stop-out in each place. Each answer is an
 * `Expr`: a LEV.* formula over the sheet's named inputs (Side, Entry, Leverage, Quantity, ContractSize,
 * FeeRate, Balance, Direction) and the key figures already defined (Notional, Margin, LiqPrice or
 * StopOutPrice), with the value the engine gives for it.
 */

const Side = ref("Side");
const Entry = ref("Entry");
const Quantity = ref("Quantity");
const ContractSize = ref("ContractSize");
const FeeRate = ref("FeeRate");
const Balance = ref("Balance");
const Direction = ref("Direction");
const Notional = ref("Notional");
const Margin = ref("Margin");

/** What kind of contract: how its value, profit and liquidation price are worked out. */
export interface PositionKind {
  id: "linear" | "inverse";
  /** The unit amounts are counted in: the account currency, or the coin. */
  unit: Unit;
  /** The position's value at `price`, in the account's unit. */
  notional(price: Expr): Expr;
  /** Net profit of a close at `exit`, both fees included, in the account's unit. */
  pnlAt(exit: Expr): Expr;
  /**
   * Unrealised profit at `price`, before fees: what the exchange or broker counts in the equity and the margin
   * level while the position is open (the fee to open is paid when it opens, the fee to close when it closes).
   */
  grossPnlAt(price: Expr): Expr;
  /** An amount in the account's unit as the quote currency counts it (the balance, for CALLPRICE). */
  inQuote(amount: Expr): Expr;
  /** The isolated liquidation price at `leverage` (the cross price is this at the effective leverage). */
  liquidationPrice(leverage: Expr, mmr: Expr | RangeArg): Expr;
  /** How the value is worked out, for the explanation. */
  valueRule: string;
}

export function positionKind(t: Trade): PositionKind {
  if (t.inverse) {
    const notional = (price: Expr) => lev("INVNOTIONAL", { contracts: Quantity, price, contract_value: ContractSize });
    const gross = (exit: Expr) => lev("INVPNL", { side: Side, entry: Entry, exit, contracts: Quantity, contract_value: ContractSize });
    return {
      id: "inverse",
      unit: "coin",
      notional,
      // INVPNL in coin, less the fee on the coin value at open and at close (Binance charges fee rate ×
      // contracts × value ÷ price on each side).
      pnlAt: (exit) => sub(gross(exit), mul(FeeRate, add(Notional, notional(exit)))),
      grossPnlAt: gross,
      inQuote: (amount) => amount,
      liquidationPrice: (leverage, mmr) =>
        lev("INVLIQPRICE", { side: Side, entry: Entry, leverage, mmr, maint_amount: lit(0), contracts: Quantity, contract_value: ContractSize }),
      valueRule: `contracts × contract value ÷ price, in ${t.coin}`,
    };
  }
  // Forex whose quote currency is not the account's: every amount is converted with LEV.FXCONVERT at the
  // rate the trader gave (as LEV.PIPVALUE takes it), a fixed rate.
  const fx = t.fx;
  const toAccount = (amount: Expr): Expr =>
    fx ? lev("FXCONVERT", { amount, from_ccy: lit(fx.quote), to_ccy: lit(fx.account), rate_pair: ref("RatePair"), rate: ref("Rate") }) : amount;
  const pnl = (exit: Expr, fees: boolean) =>
    lev("PNL", { side: Side, entry: Entry, exit, quantity: Quantity, contract_size: ContractSize, ...(fees ? { fee_rate: FeeRate } : {}) });
  return {
    id: "linear",
    unit: "money",
    notional: (price) => toAccount(lev("NOTIONAL", { price, quantity: Quantity, contract_size: ContractSize })),
    pnlAt: (exit) => toAccount(pnl(exit, true)),
    grossPnlAt: (price) => toAccount(pnl(price, false)),
    inQuote: (amount) =>
      fx ? lev("FXCONVERT", { amount, from_ccy: lit(fx.account), to_ccy: lit(fx.quote), rate_pair: ref("RatePair"), rate: ref("Rate") }) : amount,
    liquidationPrice: (leverage, mmr) =>
      lev("LIQPRICE", { side: Side, entry: Entry, leverage, mmr, maint_amount: lit(0), quantity: mul(Quantity, ContractSize) }),
    valueRule: fx ? `price × quantity × contract size, in ${fx.quote}, converted into ${fx.account} at the rate you gave` : "price × quantity × contract size",
  };
}

/** How the position ends: the terminal status and the price it ends at. */
export interface Ending {
  /** The key figure holding the price where the position is closed. */
  price: "LiqPrice" | "StopOutPrice";
  /** The status of a row at or beyond it. */
  status: "LIQUIDATED" | "STOP OUT";
  /** In words: "liquidation", "stop-out". */
  word: string;
}

/**
 * The view of the margin: which balance backs the position, how its equity and level are counted, when
 * it is closed and with what result. Isolated and cross are an exchange's (liquidation); the account view
 * is a broker's (margin call and stop-out on the margin level). Equity and levels are counted as the venue
 * counts them while the position is open: unrealised PnL before fees (the fee to close is paid when it
 * closes), so the level meets the liquidation or stop-out level exactly at that price. The PnL column is
 * the result of a close at the price, both fees paid.
 */
export interface View {
  id: MarginView;
  /** "Isolated margin", "Cross margin", "Broker account": the heading the pane shows. */
  label: string;
  /** As the title says it: "isolated margin", "broker account". */
  titleWords: string;
  /** What the opening line says when the trade can be opened: "only its margin is at risk". */
  openWords: string;
  /** Said at the start of every figure's explanation, so each says which view it is. */
  prefix: string;
  ending: Ending;
  /** Column headers of the equity and level columns. */
  equityLabel: string;
  levelLabel: string;
  /** TRUE where a price is at or beyond the end (the position no longer exists there). */
  closedAt(price: Expr): Expr;
  /** The result the position was closed with (the profit or loss booked), for rows beyond the end. */
  closedResult: Expr;
  /** What the close costs, for the walkthrough: "its margin is lost …". */
  closedWords: string;
  /** The equity column at `price`: before fees while open; the base after the closed result once closed. */
  equity(price: Expr, closed: Expr): Expr;
  /** The level column (margin ratio or margin level) of a row that is still open. */
  level(price: Expr, equity: Expr): Expr;
  /** The status of a row. */
  status(price: Expr, equity: Expr): Expr;
}

/** The whole cross account at a price of this trade's symbol (every other symbol at its mark). */
export interface AccountAt {
  marginBalance(price: Expr): Expr;
  marginRatio(price: Expr): Expr;
  others: number;
}

/**
 * TRUE where `price` is at or beyond the liquidation price in `liq` (a key figure), by the engine's rule:
 * a position that cannot be liquidated (#N/A) never is, one liquidated as it opens (#NUM!) always is.
 */
function liquidatedAt(price: Expr, liq: Expr): Expr {
  const text = iff(isNumber(liq), cmp("<=", lev("LIQDISTANCE", { side: Side, price, liq_price: liq }), lit(0)), not(isNA(liq))).text;
  return {
    text,
    value: (env) => {
      // As the formula reads: with no liquidation price, the price itself is never looked at.
      const l = liq.value(env);
      const side = Direction.value(env) as Side;
      if (isError(l)) {
        const code = errorCodeOf(l.error);
        if (code === "NA") return liquidated(side, new D(1), new NotAvailableError(undefined, l.message));
        if (code === "NUM") return liquidated(side, new D(1), new DomainError(undefined, l.message));
        return true; // as NOT(ISNA(…)) reads any other error (an input the sheet cannot read): no position stands

      }
      const p = price.value(env);
      if (isError(p)) return p;
      if (typeof p !== "number" || typeof l !== "number") return { error: ERROR_TEXT.VALUE, message: "expected a price" };
      return liquidated(side, new D(p), new D(l));
    },
  };
}

export function viewOf(t: Trade, kind: PositionKind, mmr: Expr | RangeArg, account?: AccountAt): View {
  const LiqPrice = ref("LiqPrice");
  const EndResult = ref("EndResult");
  const okUntilLiquidated = (price: Expr) => iff(liquidatedAt(price, LiqPrice), lit("LIQUIDATED"), lit("OK"));
  if (t.view === "isolated") {
    return exchangeView({
      id: "isolated",
      label: "Isolated margin",
      titleWords: "isolated margin",
      openWords: "on isolated margin only its own margin is at risk",
      prefix: "Isolated margin: ",
      equityLabel: "Position margin",
      levelLabel: "Margin ratio",
      // The exchange takes the position's whole margin: what is left above bankruptcy goes to its insurance fund.
      closedResult: neg(Margin),
      closedWords: "its margin is lost (what was left of it goes to the exchange's insurance fund) and the rest of the balance is untouched",
      equity: (price, closed) => iff(closed, lev("EQUITY", { balance: Margin, floating_pnl: EndResult }), lev("EQUITY", { balance: Margin, floating_pnl: kind.grossPnlAt(price) })),
      // Binance's margin ratio: maintenance margin ÷ margin balance; liquidation at 100 %.
      level: (price, equity) => div(lev("MAINTMARGIN", { notional: kind.notional(price), mmr }), equity),
      status: okUntilLiquidated,
    });
  }
  if (t.view === "cross" && account) {
    const n = `${account.others} other position${account.others === 1 ? "" : "s"}`;
    return exchangeView({
      id: "cross",
      label: "Cross margin with other positions",
      titleWords: `cross margin with ${n}`,
      openWords: `on cross margin the whole account backs it, with your ${n}`,
      prefix: `Cross view, with ${n}: `,
      equityLabel: "Margin balance",
      levelLabel: "Margin ratio",
      closedResult: neg(Balance),
      closedWords: "the whole balance that backed it is lost (what was left goes to the exchange's insurance fund)",
      // LEV.CROSSACCOUNT over the account with this symbol's rows at the price, every other symbol at its mark
      equity: (price, closed) => iff(closed, lev("EQUITY", { balance: Balance, floating_pnl: EndResult }), account.marginBalance(price)),
      level: (price) => account.marginRatio(price),
      status: okUntilLiquidated,
    });
  }
  if (t.view === "cross") {
    return exchangeView({
      id: "cross",
      label: "Cross margin",
      titleWords: "cross margin",
      openWords: "on cross margin the whole balance backs it",
      prefix: "Cross margin: ",
      equityLabel: "Equity",
      levelLabel: "Margin level",
      closedResult: neg(Balance),
      closedWords: "the whole balance that backed it is lost (what was left goes to the exchange's insurance fund)",
      equity: (price, closed) => lev("EQUITY", { balance: Balance, floating_pnl: iff(closed, EndResult, kind.grossPnlAt(price)) }),
      level: (_price, equity) => lev("MARGINLEVEL", { equity, used_margin: Margin }),
      // As LEV.SCENARIOS with a balance: LIQUIDATED at or beyond the wallet's liquidation price, else MARGINSTATUS.
      status: (price, equity) => iff(liquidatedAt(price, LiqPrice), lit("LIQUIDATED"), lev("MARGINSTATUS", { equity, used_margin: Margin })),
    });
  }
  const StopOutPrice = ref("StopOutPrice");
  const closedAt = (price: Expr): Expr => {
    const d = lev("LIQDISTANCE", { side: Side, price, liq_price: StopOutPrice });
    // No stop-out price (#N/A: the account never gets there) means never closed.
    return iff(isNumber(StopOutPrice), cmp("<=", d, lit(0)), lit(false));
  };
  return {
    id: "account",
    label: "Broker account",
    titleWords: "broker account",
    openWords: "the broker calls at the margin-call level and closes it at the stop-out level",
    prefix: "Account view: ",
    ending: { price: "StopOutPrice", status: "STOP OUT", word: "stop-out" },
    equityLabel: "Equity",
    levelLabel: "Margin level",
    closedAt,
    // Closed at the stop-out price; negative balance protection (ESMA 2018 for retail CFDs and spread bets)
    // keeps the loss within the balance.
    closedResult: max(kind.pnlAt(StopOutPrice), neg(Balance)),
    closedWords: "negative balance protection keeps the loss within the balance",
    equity: (price, closed) => lev("EQUITY", { balance: Balance, floating_pnl: iff(closed, EndResult, kind.grossPnlAt(price)) }),
    level: (_price, equity) => lev("MARGINLEVEL", { equity, used_margin: Margin }),
    status: (price, equity) =>
      iff(closedAt(price), lit("STOP OUT"), lev("MARGINSTATUS", { equity, used_margin: Margin, call_level: ref("CallLevel"), stopout_level: ref("StopOutLevel") })),
  };
}

/** What the exchange's views share: the position ends at the liquidation price (LiqPrice), where rows say LIQUIDATED. */
function exchangeView(v: Omit<View, "ending" | "closedAt">): View {
  return {
    ...v,
    ending: { price: "LiqPrice", status: "LIQUIDATED", word: "liquidation" },
    closedAt: (price) => liquidatedAt(price, ref("LiqPrice")),
  };
}
