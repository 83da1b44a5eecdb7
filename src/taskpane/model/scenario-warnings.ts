import type { Dec } from "../../engine";
import { cmp, iff, isError, isNA, isNumber, lev, lit, mul, not, or, ref, sub, type Env, type Expr, type Val } from "./expr";
import type { Trade } from "./form";
import { formatDecimals, type PriceDigits } from "./formats";
import type { View } from "./position";
import { numberOf as num } from "../../shared/cell";
import type { Warning } from "./scenario";

/**
 * What the scenario sheet says of a trade beside its figures: why it could not be opened as set (live
 * conditions over the inputs and key figures), the warnings, and the words for its size.
 */

export const MONEY_DIGITS: PriceDigits = { min: 2, max: 2 };
export const COIN_DIGITS: PriceDigits = { min: 8, max: 8 };

interface Reason {
  id: Warning["id"];
  when: Expr;
  words: string;
  text: () => string;
}

/** Why a trade could not be opened as set: each a live condition over the inputs and key figures. */
export function openingReasons(t: Trade, env: Env, view: View, End: Expr): Reason[] {
  const Leverage = ref("Leverage");
  const reasons: Reason[] = [];
  reasons.push({
    id: "margin-above-balance",
    when: cmp(">", ref("Margin"), ref("Balance")),
    words: "the required margin is larger than the balance",
    text: () => `The margin (${money(env.get("Margin")!, t)}) is larger than your balance (${money(num(t.balance), t)}): the trade cannot be opened. Lower the size or the leverage, or add funds.` });
  if (t.cap.kind === "retail" && t.region !== "none") {
    const cap = lev("RETAILCAP", { region: lit(t.region), asset_class: lit(t.cap.assetClass) });
    reasons.push({
      id: "above-retail-cap",
      // #N/A: no cap of this kind in the region's table (the US sets none for this class): nothing to exceed.
      when: iff(isNumber(cap), cmp(">", Leverage, cap), lit(false)),
      words: `the leverage is above the ${t.region} retail cap`,
      text: () => {
        const c = cap.value(env);
        return `Leverage ${t.leverage.toString()}x is above the ${t.region} retail cap of ${String(c)}:1 for this market: a retail account cannot open it. Lower the leverage to ${String(c)} or less, or choose "No retail cap" if you are a professional client.`;
      } });
  }
  if (t.cap.kind === "exchange" && t.cap.exchange) {
    const x = t.cap.exchange;
    reasons.push({
      id: "above-exchange-max",
      when: cmp(">", Leverage, ref("MaxLeverage")),
      words: `the leverage is above ${x.venue}'s maximum for ${t.symbol}`,
      text: () => `Leverage ${t.leverage.toString()}x is above ${x.venue}'s maximum of ${x.leverage}x for ${t.symbol}: the exchange would not accept it. Lower the leverage to ${x.leverage} or less.` });
  }
  if (view.id !== "account") {
    reasons.push({
      id: "liquidated-at-open",
      when: and2(not(isNumber(End)), not(isNA(End))),
      words: "the position would be liquidated as it opens",
      text: () => {
        const e = env.get(view.ending.price);
        return `The position would be liquidated as it opens${isError(e) ? ` (${e.message})` : ""}. Lower the leverage.`;
      } });
  } else {
    reasons.push({
      id: "stopped-out-at-open",
      when: cmp("<=", ref("LevelAtOpen"), ref("StopOutLevel")),
      words: "the margin level at open is already at the stop-out level",
      text: () => "The margin level at open is already at or below the stop-out level: the broker would close the position at once. Lower the size or the leverage, or add funds." });
  }
  if (t.stop) {
    reasons.push({
      id: "liquidation-before-stop",
      when: iff(isNumber(End), cmp(">=", mul(sub(End, ref("Stop")), ref("Direction")), lit(0)), lit(false)),
      words: `the ${view.ending.word} comes before the stop`,
      text: () => {
        const e = env.get(view.ending.price);
        const at = typeof e === "number" ? formatDecimals(e, t.prices) : "";
        return `The ${view.ending.word} at ${at} comes before your stop at ${formatDecimals(num(t.stop!), t.prices)}: the stop would never fill. Lower the leverage or move the stop closer.`;
      } });
  }
  return reasons;
}

/** AND of two conditions. */
function and2(a: Expr, b: Expr): Expr {
  return not(or(not(a), not(b)));
}

function pctText(f: Dec): string {
  return `${f.mul(100).toString()} %`;
}

/** How the title counts the size: "BTC" for a coin, "lot"/"lots", "contract"/"contracts". */
export function sizeUnit(t: Trade): { one: string; many: string } {
  switch (t.market.id) {
    case "crypto-linear": {
      const coin = baseCoin(t.symbol);
      return { one: coin, many: coin };
    }
    case "crypto-inverse":
      return { one: "contract", many: "contracts" };
    case "forex":
      return { one: "lot", many: "lots" };
    case "cfd":
      return { one: "share", many: "shares" };
    default:
      return { one: "per point", many: "per point" };
  }
}

/** The coin of a linear symbol: "BTC" for BTCUSDT, "NEIRO" for NEIROUSDT; the symbol itself otherwise. */
function baseCoin(symbol: string): string {
  const m = /^([A-Z0-9]+?)[-/_ ]?(USDT|USDC|BUSD|FDUSD|USD)$/i.exec(symbol.trim());
  return m ? m[1]!.toUpperCase() : "units";
}

export function sizeNote(t: Trade): string {
  // Said as of the writing, so the note stays true when the balance or the stop is changed on the sheet.
  const step = `quantity step ${t.quantityStep.toString()}`;
  if (t.sizeMode === "value") return `worked out from the position value given in the pane; ${step}`;
  if (t.sizeMode === "risk" && t.risk) return `sized in the pane to risk ${pctText(t.risk)} of the balance then, fees included; ${step}`;
  return step;
}

/** An amount for the pane's messages: 2 decimals in the account currency, 8 and the coin's name in coin. */
function money(v: Val, t?: Trade): string {
  if (typeof v !== "number") return "none";
  if (t?.inverse) return `${v.toLocaleString("en-US", { minimumFractionDigits: 8, maximumFractionDigits: 8 })} ${t.coin}`;
  return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Cautions that do not stop the trade from opening. */
export function warningsFor(t: Trade, env: Env): Warning[] {
  const out: Warning[] = [];
  const riskPct = env.get("RiskPct");
  if (typeof riskPct === "number" && riskPct > 0.02) {
    out.push({ id: "risk-above-2", text: `This trade risks ${(riskPct * 100).toFixed(2)} % of your balance at the stop, fees included, more than the 2 % many traders allow per trade.` });
  }
  const level = env.get("LevelAtOpen");
  if (t.view === "account" && typeof level === "number" && level > num(t.stopoutLevel) && level <= num(t.callLevel)) {
    out.push({ id: "call-at-open", text: `The margin level at open is ${(level * 100).toFixed(0)} %, already at the margin-call level: any move against you brings the stop-out closer.` });
  }
  if (t.cap.kind === "retail" && t.region === "none") {
    const esma = lev("RETAILCAP", { region: lit("ESMA"), asset_class: lit(t.cap.assetClass) }).value(env);
    if (typeof esma === "number" && t.leverage.gt(esma)) {
      out.push({
        id: "no-retail-cap",
        text: `No retail cap is applied, as for a professional client: under ESMA's retail cap of ${esma}:1 for this market, a retail client could not open this trade at ${t.leverageText || `${t.leverage.toString()}x`}.` });
    }
  }
  if (t.cap.kind === "exchange" && t.cap.exchange && t.cap.exchange.upTo !== "") {
    const x = t.cap.exchange;
    const notional = env.get("Notional");
    if (typeof notional === "number" && notional > Number(x.upTo)) {
      out.push({
        id: "beyond-first-bracket",
        text: `The position's value, ${money(notional, t)}, is beyond the first bracket (up to ${Number(x.upTo).toLocaleString("en-US")} ${t.inverse ? t.coin : "USDT"}) that ${x.venue}'s ${x.leverage}x and ${x.mmr} % are for: larger positions get a lower maximum leverage and a higher maintenance rate. Give your tier table as the maintenance margin to follow the brackets.` });
    }
  }
  return out;
}
