/* eslint-disable @typescript-eslint/no-explicit-any -- worksheet arguments arrive as any cell value; the engine reads them. */
/*
 * The LEV worksheet functions. Each is a one-line wrapper: its JSDoc is the function's name, argument
 * order and help in Excel (custom-functions-metadata turns it into functions.json); the engine reads the
 * arguments and does the maths; the boundary turns the result or error into what Excel shows.
 * Rates and percentages are fractions: 0.5 % is 0.005.
 */
import * as F from "../engine";
import { run } from "./boundary";

// ─── Leverage and margin ────────────────────────────────────────────────────────────────────────────

/**
 * The largest position value the capital controls: capital × leverage. Example: =LEV.EXPOSURE(1000, 50) returns 50000.
 * @customfunction EXPOSURE
 * @helpurl https://localhost:3000/help.html#EXPOSURE
 * @param capital Capital (account currency), 0 or more.
 * @param leverage Leverage: 50, "50x" or "1:50".
 * @returns Position value in the capital's currency.
 */
export function exposure(capital: any, leverage: any): number {
  return run(F.EXPOSURE, [capital, leverage]);
}

/**
 * Required (initial) margin: notional ÷ leverage (Binance: initial margin = notional × IMR). Example: =LEV.MARGIN(100000, 50) returns 2000.
 * @customfunction MARGIN
 * @helpurl https://localhost:3000/help.html#MARGIN
 * @param notional Position value (quote or account currency), 0 or more.
 * @param leverage Leverage: 50, "50x" or "1:50".
 * @returns Margin, in the notional's currency.
 */
export function margin(notional: any, leverage: any): number {
  return run(F.MARGIN, [notional, leverage]);
}

/**
 * Position value: price × quantity × contract size. Example: =LEV.NOTIONAL(60000, 0.5) returns 30000.
 * @customfunction NOTIONAL
 * @helpurl https://localhost:3000/help.html#NOTIONAL
 * @param price Price per unit (quote currency), greater than 0.
 * @param quantity Quantity in units, lots or contracts, 0 or more.
 * @param [contract_size] Units per lot or contract [default 1; a standard forex lot is 100000].
 * @returns Position value in the quote currency.
 */
export function notional(price: any, quantity: any, contract_size?: any): number {
  return run(F.NOTIONAL, [price, quantity, contract_size]);
}

/**
 * Effective leverage: notional ÷ equity. Example: =LEV.LEVERAGE(50000, 2000) returns 25.
 * @customfunction LEVERAGE
 * @helpurl https://localhost:3000/help.html#LEVERAGE
 * @param notional Total position value (account currency), 0 or more.
 * @param equity Account equity (account currency); #NUM! if negative, #DIV/0! if 0.
 * @returns Leverage as a multiple (25 means 25x).
 */
export function leverage(notional: any, equity: any): number {
  return run(F.LEVERAGE, [notional, equity]);
}

/**
 * Equity: balance + floating profit and loss (one number or a range, blanks skipped). Example: =LEV.EQUITY(1000, -100) returns 900.
 * @customfunction EQUITY
 * @helpurl https://localhost:3000/help.html#EQUITY
 * @param balance Account balance (account currency).
 * @param floating_pnl Open positions' unrealised profit and loss: a number or a range.
 * @returns Equity in the account currency.
 */
export function equity(balance: any, floating_pnl: any[][]): number {
  return run(F.EQUITY, [balance, floating_pnl]);
}

/**
 * Free margin: equity − used margin. Example: =LEV.FREEMARGIN(1000, 300) returns 700.
 * @customfunction FREEMARGIN
 * @helpurl https://localhost:3000/help.html#FREEMARGIN
 * @param equity Account equity (account currency).
 * @param used_margin Margin held by open positions (account currency), 0 or more.
 * @returns Free margin in the account currency.
 */
export function freeMargin(equity: any, used_margin: any): number {
  return run(F.FREEMARGIN, [equity, used_margin]);
}

/**
 * Margin level: equity ÷ used margin, as a fraction (cTrader: Equity / Margin × 100 %). Example: =LEV.MARGINLEVEL(1000, 400) returns 2.5.
 * @customfunction MARGINLEVEL
 * @helpurl https://localhost:3000/help.html#MARGINLEVEL
 * @param equity Account equity (account currency).
 * @param used_margin Margin held by open positions; #DIV/0! when 0.
 * @returns Margin level as a fraction (3.5 is 350 %).
 */
export function marginLevel(equity: any, used_margin: any): number {
  return run(F.MARGINLEVEL, [equity, used_margin]);
}

/**
 * "OK", "MARGIN CALL" (margin level at or below call_level) or "STOP OUT" (at or below stopout_level); "OK" when no margin is used. Example: =LEV.MARGINSTATUS(90, 100) returns "MARGIN CALL".
 * @customfunction MARGINSTATUS
 * @helpurl https://localhost:3000/help.html#MARGINSTATUS
 * @param equity Account equity (account currency).
 * @param used_margin Margin held by open positions, 0 or more.
 * @param [call_level] Margin-call level as a fraction [default 1, i.e. 100 %].
 * @param [stopout_level] Stop-out level as a fraction [default 0.5, i.e. 50 %].
 * @returns The account's margin status.
 */
export function marginStatus(equity: any, used_margin: any, call_level?: any, stopout_level?: any): string {
  return run(F.MARGINSTATUS, [equity, used_margin, call_level, stopout_level]);
}

/**
 * The price at which one position's margin level falls to level, with used margin entry × quantity × contract size ÷ leverage. Use level 0.5 (or the broker's stop-out) for the stop-out price. Example: =LEV.CALLPRICE("long", 1.1, 10000, 1000, 100, 0.5) returns 1.0055.
 * @customfunction CALLPRICE
 * @helpurl https://localhost:3000/help.html#CALLPRICE
 * @param side "long" or "short" (also buy/sell, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param quantity Units, lots or contracts, greater than 0.
 * @param balance Account balance (account currency).
 * @param leverage Leverage: 100, "100x" or "1:100".
 * @param [level] Margin level as a fraction [default 1, the margin call at 100 %].
 * @param [contract_size] Units per lot or contract [default 1].
 * @returns The price; #N/A when the account never reaches that level.
 */
export function callPrice(side: any, entry: any, quantity: any, balance: any, leverage: any, level?: any, contract_size?: any): number {
  return run(F.CALLPRICE, [side, entry, quantity, balance, leverage, level, contract_size]);
}

/**
 * Margin-account (stock) margin-call price: long P·(1 − IM)/(1 − MM), short P·(1 + IM)/(1 + MM) (Regulation T 50 %, FINRA 25 %). Example: =LEV.REGTCALL("long", 50, 0.6, 0.3) returns 28.57.
 * @customfunction REGTCALL
 * @helpurl https://localhost:3000/help.html#REGTCALL
 * @param side "long" or "short".
 * @param price Purchase (or short-sale) price, greater than 0.
 * @param [initial_margin] Initial margin as a fraction [default 0.5].
 * @param [maintenance_margin] Maintenance margin as a fraction, below 1 [default 0.25].
 * @returns The price at which the margin call comes.
 */
export function regTCall(side: any, price: any, initial_margin?: any, maintenance_margin?: any): number {
  return run(F.REGTCALL, [side, price, initial_margin, maintenance_margin]);
}

/**
 * The retail leverage cap (30 for 30:1). Regions ESMA, EU, UK and ASIC share ESMA's 2018 product intervention table (FCA rules, ASIC's 2021 order): fx_major 30, fx_minor 20, gold 20, index_major 20, index_minor 10, commodity 10, equity 5, crypto 2 (UK: #N/A, not sold to retail). US: NFA forex limits (fx_major 50, fx_minor 20) and Regulation T (equity 2). Example: =LEV.RETAILCAP("EU", "fx_major") returns 30.
 * @customfunction RETAILCAP
 * @helpurl https://localhost:3000/help.html#RETAILCAP
 * @param region ESMA, EU, UK, ASIC or US.
 * @param asset_class fx_major, fx_minor, gold, index_major, index_minor, commodity, equity or crypto.
 * @returns The maximum leverage for retail clients; #N/A where the table has no figure.
 */
export function retailCap(region: any, asset_class: any): number {
  return run(F.RETAILCAP, [region, asset_class]);
}

/**
 * Pattern-day-trader buying power (FINRA Rule 4210): 4 × (equity − maintenance requirement), never below 0; #N/A below 25,000 equity. Example: =LEV.DTBP(30000, 5000) returns 100000.
 * @customfunction DTBP
 * @helpurl https://localhost:3000/help.html#DTBP
 * @param equity Account equity at the prior close (USD).
 * @param maintenance_requirement Maintenance margin requirement of the positions held (USD), 0 or more.
 * @returns Day-trading buying power (USD).
 */
export function dtbp(equity: any, maintenance_requirement: any): number {
  return run(F.DTBP, [equity, maintenance_requirement]);
}

// ─── Profit, return and price targets ───────────────────────────────────────────────────────────────

/**
 * Net profit of a linear position: side·(exit − entry)·quantity·contract size − fee rate·(entry + exit)·quantity·contract size − fixed fees. Serves stocks, crypto, CFDs, short selling and spread bets. Example: =LEV.PNL("long", 60000, 61000, 0.5) returns 500.
 * @customfunction PNL
 * @helpurl https://localhost:3000/help.html#PNL
 * @param side "long" or "short" (also buy/sell, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param exit Exit price, greater than 0.
 * @param quantity Units, lots, contracts or stake per point, 0 or more.
 * @param [contract_size] Units per lot or contract [default 1].
 * @param [fee_rate] Fee per side as a fraction of notional [default 0; 0.0005 is 0.05 %].
 * @param [fixed_fees] Fixed costs such as commissions or funding paid [default 0].
 * @returns Profit (negative for a loss) in the quote currency.
 */
export function pnl(side: any, entry: any, exit: any, quantity: any, contract_size?: any, fee_rate?: any, fixed_fees?: any): number {
  return run(F.PNL, [side, entry, exit, quantity, contract_size, fee_rate, fixed_fees]);
}

/**
 * Return on initial margin of a linear position: (side·(exit − entry) − fee rate·(entry + exit)) ÷ (entry ÷ leverage) (Binance USDⓈ-M). Example: =LEV.ROE("long", 60000, 61000, 20) returns 0.3333.
 * @customfunction ROE
 * @helpurl https://localhost:3000/help.html#ROE
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param exit Exit price, greater than 0.
 * @param leverage Leverage: 20, "20x" or "1:20".
 * @param [fee_rate] Fee per side as a fraction of notional [default 0].
 * @returns Return on margin as a fraction (0.5 is 50 %).
 */
export function roe(side: any, entry: any, exit: any, leverage: any, fee_rate?: any): number {
  return run(F.ROE, [side, entry, exit, leverage, fee_rate]);
}

/**
 * Exit price for a target return on margin: linear entry·(1 + side·roe/leverage); inverse side·entry/(side − roe/leverage) (Binance target-price formulas). Example: =LEV.TARGETPRICE("long", 2000, 0.5, 25) returns 2040.
 * @customfunction TARGETPRICE
 * @helpurl https://localhost:3000/help.html#TARGETPRICE
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param roe Target return on margin as a fraction (negative for a loss).
 * @param leverage Leverage: 25, "25x" or "1:25".
 * @param [inverse] TRUE for an inverse (coin-margined) contract [default FALSE].
 * @returns The exit price; #N/A when no price gives that return.
 */
export function targetPrice(side: any, entry: any, roe: any, leverage: any, inverse?: any): number {
  return run(F.TARGETPRICE, [side, entry, roe, leverage, inverse]);
}

/**
 * The exit price at which net profit is zero after fees: long (entry·(1 + open fee) + fixed/quantity)/(1 − close fee), short (entry·(1 − open fee) − fixed/quantity)/(1 + close fee). Example: =LEV.BREAKEVEN("long", 150, 0.01) returns 153.03.
 * @customfunction BREAKEVEN
 * @helpurl https://localhost:3000/help.html#BREAKEVEN
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param [open_fee_rate] Fee to open as a fraction of notional [default 0].
 * @param [close_fee_rate] Fee to close as a fraction of notional [default: open_fee_rate].
 * @param [fixed_fees] Fixed costs for the whole position [default 0].
 * @param [quantity] Units the fixed fees are spread over [default 1].
 * @returns The break-even exit price.
 */
export function breakEven(side: any, entry: any, open_fee_rate?: any, close_fee_rate?: any, fixed_fees?: any, quantity?: any): number {
  return run(F.BREAKEVEN, [side, entry, open_fee_rate, close_fee_rate, fixed_fees, quantity]);
}

// ─── Liquidation ────────────────────────────────────────────────────────────────────────────────────

/**
 * Isolated liquidation price of a linear (USDⓈ-M) position with margin quantity·entry/leverage. mm_basis "liquidation" (Binance): LP = (q·E/L + amount − side·q·E)/(q·(mmr + close fee) − side·q); "entry" (Bybit classic, BitMEX): LP = E − side·(q·E/L − q·E·mmr + amount)/q, i.e. E·(1 − side/L + side·mmr). Example: =LEV.LIQPRICE("long", 60000, 10, 0.004, 0, 1, 0, "entry") returns 54240.
 * @customfunction LIQPRICE
 * @helpurl https://localhost:3000/help.html#LIQPRICE
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param [mmr] Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (floor, cap, mmr, [amount]) [default 0.005].
 * @param [maint_amount] Maintenance amount (Binance) or MM deduction (Bybit) [default 0].
 * @param [quantity] Position size in units; required with a tier table [default 1].
 * @param [close_fee_rate] Fee to close, charged on the notional at the liquidation price [default 0].
 * @param [mm_basis] "liquidation" (Binance) or "entry" (Bybit classic, BitMEX) [default "liquidation"].
 * @returns The liquidation price; #N/A when no positive price exists.
 */
export function liqPrice(side: any, entry: any, leverage: any, mmr?: any[][], maint_amount?: any, quantity?: any, close_fee_rate?: any, mm_basis?: any): number {
  return run(F.LIQPRICE, [side, entry, leverage, mmr, maint_amount, quantity, close_fee_rate, mm_basis]);
}

/**
 * The price at which the initial margin is gone: linear entry·(1 − side/leverage); inverse entry·leverage/(leverage + side) (Bybit "Bankruptcy Price"). Example: =LEV.BANKRUPTCY("long", 20000, 50) returns 19600.
 * @customfunction BANKRUPTCY
 * @helpurl https://localhost:3000/help.html#BANKRUPTCY
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param leverage Leverage: 50, "50x" or "1:50".
 * @param [inverse] TRUE for an inverse (coin-margined) contract [default FALSE].
 * @returns The bankruptcy price; #N/A when it does not exist (a 1x long).
 */
export function bankruptcy(side: any, entry: any, leverage: any, inverse?: any): number {
  return run(F.BANKRUPTCY, [side, entry, leverage, inverse]);
}

/**
 * How far price may move before liquidation, as a fraction of price: side·(price − liq_price)/price. Example: =LEV.LIQDISTANCE("long", 60000, 54000) returns 0.1.
 * @customfunction LIQDISTANCE
 * @helpurl https://localhost:3000/help.html#LIQDISTANCE
 * @param side "long" or "short".
 * @param price Current (mark) price, greater than 0.
 * @param liq_price Liquidation price, greater than 0.
 * @returns Distance as a fraction of price (0.1 is 10 %); negative when already beyond it.
 */
export function liqDistance(side: any, price: any, liq_price: any): number {
  return run(F.LIQDISTANCE, [side, price, liq_price]);
}
