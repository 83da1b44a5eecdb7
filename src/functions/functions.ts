/* eslint-disable @typescript-eslint/no-explicit-any -- worksheet arguments arrive as any cell value; the engine reads them. */
/*
 * The LEV worksheet functions. Each is a one-line wrapper: its JSDoc is the function's name, argument
 * order and help in Excel (custom-functions-metadata turns it into functions.json); the engine reads the
 * arguments and does the maths; the boundary turns the result or error into what Excel shows.
 * Rates and percentages are fractions: 0.5 % is 0.005.
 */
import * as F from "../engine";
import { run } from "./boundary";

// Excel gives this script a CustomFunctions global to register with (office.js in the task pane, or the
// JavaScript-only runtime). In a task pane where office.js could not load (offline, a blocked network) there
// is none: the registrations the build appends at the end then go nowhere, instead of stopping the page with
// "CustomFunctions is not defined" before the pane can say what is wrong (src/taskpane/without-office.ts).
if (typeof CustomFunctions === "undefined") {
  Object.defineProperty(globalThis, "CustomFunctions", { value: { associate: () => undefined }, configurable: true, writable: true });
}

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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * @returns The maximum leverage for retail clients; #N/A where the table has no figure, or for a region or asset class it does not hold.
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * Return on initial margin of a linear position: (side·(exit − entry) − fee rate·(entry + exit)) ÷ (entry ÷ leverage) (Binance USDS-M). Example: =LEV.ROE("long", 60000, 61000, 20) returns 0.3333.
 * @customfunction ROE
 * @helpurl https://localhost:3000/help.html#ROE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * Isolated liquidation price of a linear (USDS-M) position with margin quantity·entry/leverage. mm_basis "liquidation" (Binance): LP = (q·E/L + amount − side·q·E)/(q·(mmr + close fee) − side·q); "entry" (Bybit classic, BitMEX): LP = E − side·(q·E/L − q·E·mmr + amount)/q, i.e. E·(1 − side/L + side·mmr). Example: =LEV.LIQPRICE("long", 60000, 10, 0.004, 0, 1, 0, "entry") returns 54240.
 * @customfunction LIQPRICE
 * @helpurl https://localhost:3000/help.html#LIQPRICE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param [mmr] Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (floor, cap, mmr, [amount]); with a table the bracket is the one holding the notional at the liquidation price ("liquidation", Binance) or at entry ("entry"); a table has at most 100 filled rows [default 0.005].
 * @param [maint_amount] Maintenance amount (Binance) or MM deduction (Bybit); must be blank or 0 with a tier table, whose own amounts apply [default 0].
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
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
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param price Current (mark) price, greater than 0.
 * @param liq_price Liquidation price, greater than 0.
 * @returns Distance as a fraction of price (0.1 is 10 %); negative when already beyond it.
 */
export function liqDistance(side: any, price: any, liq_price: any): number {
  return run(F.LIQDISTANCE, [side, price, liq_price]);
}

// ─── Risk, sizing, stops and targets ────────────────────────────────────────────────────────────────

/**
 * Quantity that loses equity × risk at the stop, the fees of opening at entry and closing at the stop included: equity·risk/((|entry − stop| + fee_rate·(entry + stop))·contract size) (BabyPips "Position sizing"; fees on each side's value as Bybit charges them). With leverage, capped so that the margin quantity·entry·contract size/leverage is at most the equity; with step, rounded down to a multiple of it, never over the risk. Example: =LEV.RISKSIZE(10000, 0.01, 60000, 58800, 1, 10, 0.001, 0.00055) returns 0.079.
 * @customfunction RISKSIZE
 * @helpurl https://localhost:3000/help.html#RISKSIZE
 * @param equity Account equity (account currency), 0 or more.
 * @param risk Fraction of equity to lose at the stop (0.01 is 1 %), 0 to 1.
 * @param entry Entry price, greater than 0.
 * @param stop Stop price, greater than 0; #DIV/0! when equal to entry.
 * @param [contract_size] Units per lot or contract [default 1].
 * @param [leverage] Leverage (10, "10x" or "1:10"): caps the size so that margin ≤ equity [default no cap].
 * @param [step] Lot or quantity step: the size is rounded down to it [default no rounding].
 * @param [fee_rate] Fee rate charged on each side's value (0.00055 is 0.055 %): the fees of opening at entry and closing at the stop count in the risk [default 0].
 * @returns Quantity in lots or contracts (units when contract_size is 1).
 */
export function riskSize(equity: any, risk: any, entry: any, stop: any, contract_size?: any, leverage?: any, step?: any, fee_rate?: any): number {
  return run(F.RISKSIZE, [equity, risk, entry, stop, contract_size, leverage, step, fee_rate]);
}

/**
 * Inverse (coin-margined) contracts that lose equity × risk coin at the stop: equity·risk/(contract value·|1/stop − 1/entry|) (inverse PnL per Binance COIN-M and BitMEX). Example: =LEV.INVRISKSIZE(1, 0.01, 50000, 55000) returns 5500.
 * @customfunction INVRISKSIZE
 * @helpurl https://localhost:3000/help.html#INVRISKSIZE
 * @param equity_coin Account equity in coin (e.g. BTC), 0 or more.
 * @param risk Fraction of equity to lose at the stop (0.01 is 1 %), 0 to 1.
 * @param entry Entry price (USD per coin), greater than 0.
 * @param stop Stop price (USD per coin), greater than 0; #DIV/0! when equal to entry.
 * @param [contract_value] USD value of one contract [default 1; BTCUSD on Binance COIN-M is 100].
 * @param [leverage] When given, no more contracts than the equity can margin: contracts·contract_value/(entry·leverage) ≤ equity_coin [default: no cap].
 * @param [step] When given, the size is rounded down to a multiple of it (1 for whole contracts) [default: not rounded].
 * @returns Number of contracts.
 */
export function invRiskSize(equity_coin: any, risk: any, entry: any, stop: any, contract_value?: any, leverage?: any, step?: any): number {
  return run(F.INVRISKSIZE, [equity_coin, risk, entry, stop, contract_value, leverage, step]);
}

/**
 * Reward-to-risk ratio: |target − entry|/|entry − stop| (Quant-View, TradingVerdict); #NUM! when the stop or the target is on the wrong side of entry, #DIV/0! when stop = entry. Example: =LEV.RR("long", 2650, 2625, 2700) returns 2.
 * @customfunction RR
 * @helpurl https://localhost:3000/help.html#RR
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param stop Stop price: below entry for a long, above for a short.
 * @param target Target price: above entry for a long, below for a short.
 * @returns Reward per unit of risk (2 means 2:1 reward:risk, i.e. 1:2 risk:reward).
 */
export function rr(side: any, entry: any, stop: any, target: any): number {
  return run(F.RR, [side, entry, stop, target]);
}

/**
 * Take-profit price at ratio times the stop distance: entry + side·ratio·|entry − stop|; #N/A when that price would be at or below zero. Example: =LEV.TAKEPROFIT("long", 2650, 2625, 2) returns 2700.
 * @customfunction TAKEPROFIT
 * @helpurl https://localhost:3000/help.html#TAKEPROFIT
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param stop Stop price: below entry for a long, above for a short.
 * @param ratio Reward-to-risk ratio, 0 or more (2 for 2:1).
 * @returns The take-profit price.
 */
export function takeProfit(side: any, entry: any, stop: any, ratio: any): number {
  return run(F.TAKEPROFIT, [side, entry, stop, ratio]);
}

/**
 * Stop price that loses max_loss on the position: entry − side·max_loss/(quantity·contract size); #N/A when a long's stop would be at or below zero. Example: =LEV.STOPPRICE("short", 50, 200, 300) returns 51.5.
 * @customfunction STOPPRICE
 * @helpurl https://localhost:3000/help.html#STOPPRICE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param quantity Units, lots or contracts; #DIV/0! when 0.
 * @param max_loss Largest loss to accept (quote currency), 0 or more.
 * @param [contract_size] Units per lot or contract [default 1].
 * @returns The stop price.
 */
export function stopPrice(side: any, entry: any, quantity: any, max_loss: any, contract_size?: any): number {
  return run(F.STOPPRICE, [side, entry, quantity, max_loss, contract_size]);
}

/**
 * The win rate at which a reward-to-risk ratio breaks even: 1/(1 + ratio) (a 2:1 setup needs 33.3 % winners). Example: =LEV.BREAKEVENWR(2) returns 0.3333.
 * @customfunction BREAKEVENWR
 * @helpurl https://localhost:3000/help.html#BREAKEVENWR
 * @param ratio Reward-to-risk ratio, 0 or more.
 * @returns Win rate as a fraction (0.25 is 25 %).
 */
export function breakEvenWr(ratio: any): number {
  return run(F.BREAKEVENWR, [ratio]);
}

/**
 * Expectancy per trade: win_rate·avg_win − (1 − win_rate)·avg_loss; in R when wins are given in R and avg_loss is left at 1. A negative avg_loss is read as its size. Example: =LEV.EXPECTANCY(0.4, 2) returns 0.2.
 * @customfunction EXPECTANCY
 * @helpurl https://localhost:3000/help.html#EXPECTANCY
 * @param win_rate Fraction of trades that win, 0 to 1.
 * @param avg_win Average win (in R, or in currency), 0 or more.
 * @param [avg_loss] Average loss, as a size [default 1, i.e. 1 R].
 * @returns Expected result per trade, in the units of avg_win.
 */
export function expectancy(win_rate: any, avg_win: any, avg_loss?: any): number {
  return run(F.EXPECTANCY, [win_rate, avg_win, avg_loss]);
}

// ─── Funding, financing and swaps ───────────────────────────────────────────────────────────────────

/**
 * The signed funding cash flow to the trader: −side·notional·rate·periods; with a positive rate longs pay and shorts receive (Binance "Introduction to Binance Futures Funding Rates", freqtrade). Example: =LEV.FUNDINGFEE("long", 20000, 0.0001) returns -2.
 * @customfunction FUNDINGFEE
 * @helpurl https://localhost:3000/help.html#FUNDINGFEE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param notional Position value at the mark price (quote currency), 0 or more.
 * @param rate Funding rate per interval as a fraction (0.0001 is 0.01 %).
 * @param [periods] Number of funding intervals [default 1; 3 a day at 8-hour funding].
 * @returns Funding received (positive) or paid (negative), in the quote currency.
 */
export function fundingFee(side: any, notional: any, rate: any, periods?: any): number {
  return run(F.FUNDINGFEE, [side, notional, rate, periods]);
}

/**
 * Binance funding rate: premium index + clamp(interest rate − premium index, −clamp, +clamp) (Binance "Introduction to Binance Futures Funding Rates"; the exchange then applies each symbol's cap and floor). Example: =LEV.FUNDINGRATE(0.0003) returns 0.0001.
 * @customfunction FUNDINGRATE
 * @helpurl https://localhost:3000/help.html#FUNDINGRATE
 * @param premium_index Average premium index P for the interval, as a fraction.
 * @param [interest_rate] Interest rate I per interval [default 0.0001, i.e. 0.01 % per 8 hours].
 * @param [clamp] Clamp on I − P, 0 or more [default 0.0005, i.e. 0.05 %].
 * @returns Funding rate per interval as a fraction.
 */
export function fundingRate(premium_index: any, interest_rate?: any, clamp?: any): number {
  return run(F.FUNDINGRATE, [premium_index, interest_rate, clamp]);
}

/**
 * Simple annualised funding rate: rate·(24/interval_hours)·365. Example: =LEV.FUNDINGAPR(0.0001) returns 0.1095.
 * @customfunction FUNDINGAPR
 * @helpurl https://localhost:3000/help.html#FUNDINGAPR
 * @param rate Funding rate per interval as a fraction.
 * @param [interval_hours] Hours between fundings, greater than 0 [default 8].
 * @returns Annual rate as a fraction (0.1095 is 10.95 %), not compounded.
 */
export function fundingApr(rate: any, interval_hours?: any): number {
  return run(F.FUNDINGAPR, [rate, interval_hours]);
}

/**
 * Overnight financing or stock borrow fee: notional·annual_rate·days/day_basis (IG, CMC Markets; most FX and crypto CFDs use a 360-day basis, GBP instruments 365). Example: =LEV.FINANCING(10000, 0.05, 30) returns 41.10.
 * @customfunction FINANCING
 * @helpurl https://localhost:3000/help.html#FINANCING
 * @param notional Position value (quote currency), 0 or more.
 * @param annual_rate Annual financing or borrow rate as a fraction (0.05 is 5 %).
 * @param days Days (nights) held, 0 or more.
 * @param [day_basis] Days in the year, greater than 0 [default 365; many brokers use 360].
 * @returns Financing over the period, in the notional's currency.
 */
export function financing(notional: any, annual_rate: any, days: any, day_basis?: any): number {
  return run(F.FINANCING, [notional, annual_rate, days, day_basis]);
}

/**
 * Forex swap in the quote currency (MT5 points mode): swap_points·point·contract_size·lots·nights (MT5 help via FXCE, UltimaMarkets); triple swap (usually Wednesday) is nights = 3. Example: =LEV.SWAP(1, -5.45) returns -5.45.
 * @customfunction SWAP
 * @helpurl https://localhost:3000/help.html#SWAP
 * @param lots Lots held, 0 or more.
 * @param swap_points Broker's swap rate in points (negative is a charge).
 * @param [nights] Nights held [default 1].
 * @param [point] Size of one point [default 0.00001; use 0.0001 for a rate quoted in pips, 0.001 for JPY points].
 * @param [contract_size] Units per lot [default 100000].
 * @returns Swap in the quote currency (positive is a credit).
 */
export function swap(lots: any, swap_points: any, nights?: any, point?: any, contract_size?: any): number {
  return run(F.SWAP, [lots, swap_points, nights, point, contract_size]);
}

// ─── Forex ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Pip size of a currency pair: 0.01 when the quote currency is JPY, else 0.0001. Pairs are written "EUR/USD", "EURUSD" or "eur-usd". Example: =LEV.PIPSIZE("USD/JPY") returns 0.01.
 * @customfunction PIPSIZE
 * @helpurl https://localhost:3000/help.html#PIPSIZE
 * @param pair Currency pair, e.g. "EUR/USD".
 * @returns The pip size in the quote currency.
 */
export function pipSize(pair: any): number {
  return run(F.PIPSIZE, [pair]);
}

/**
 * Pips from price_a to price_b: (price_b − price_a)/pip size. Example: =LEV.PIPS("EUR/USD", 1.1, 1.105) returns 50.
 * @customfunction PIPS
 * @helpurl https://localhost:3000/help.html#PIPS
 * @param pair Currency pair, e.g. "EUR/USD".
 * @param price_a First price (e.g. entry), greater than 0.
 * @param price_b Second price (e.g. exit or stop), greater than 0.
 * @returns Pips, negative when price_b is below price_a.
 */
export function pips(pair: any, price_a: any, price_b: any): number {
  return run(F.PIPS, [pair, price_a, price_b]);
}

/**
 * Value of one pip: pip size·lots·contract size in the quote currency, converted to the account currency with rate, the price of rate_pair (in either orientation: account = base of the pair divides by its price). #VALUE! when a conversion is needed and rate is missing; #N/A when rate_pair does not join the quote and account currencies. Example: =LEV.PIPVALUE("EUR/GBP", 2, "USD", 1.27, "GBP/USD") returns 25.4.
 * @customfunction PIPVALUE
 * @helpurl https://localhost:3000/help.html#PIPVALUE
 * @param pair Currency pair traded, e.g. "EUR/USD".
 * @param lots Lots, 0 or more.
 * @param [account_ccy] Account currency, e.g. "USD" [default the pair's quote currency].
 * @param [rate] Price of rate_pair, greater than 0; needed when the account currency is not the quote currency.
 * @param [rate_pair] Pair that joins the quote and account currencies, either way round [default pair].
 * @param [contract_size] Units per lot [default 100000].
 * @returns Pip value in the account currency.
 */
export function pipValue(pair: any, lots: any, account_ccy?: any, rate?: any, rate_pair?: any, contract_size?: any): number {
  return run(F.PIPVALUE, [pair, lots, account_ccy, rate, rate_pair, contract_size]);
}

/**
 * Required margin (MT5 "Forex" mode): lots·contract size/leverage in the base currency, converted to the account currency like PIPVALUE (Amalga KA-01036, BabyPips). Example: =LEV.FXMARGIN("GBP/USD", 0.1, 100, "USD", 1.98) returns 198.
 * @customfunction FXMARGIN
 * @helpurl https://localhost:3000/help.html#FXMARGIN
 * @param pair Currency pair traded, e.g. "GBP/USD".
 * @param lots Lots, 0 or more.
 * @param leverage Leverage: 100, "100x" or "1:100".
 * @param [account_ccy] Account currency [default the pair's base currency].
 * @param [rate] Price of rate_pair, greater than 0; needed when the account currency is not the base currency.
 * @param [rate_pair] Pair that joins the base and account currencies, either way round [default pair].
 * @param [contract_size] Units per lot [default 100000].
 * @returns Margin in the account currency.
 */
export function fxMargin(pair: any, lots: any, leverage: any, account_ccy?: any, rate?: any, rate_pair?: any, contract_size?: any): number {
  return run(F.FXMARGIN, [pair, lots, leverage, account_ccy, rate, rate_pair, contract_size]);
}

/**
 * Converts an amount through a quoted pair in either orientation: from the pair's base to its quote multiplies by rate, the other way divides; #N/A when the pair does not join the two currencies. Example: =LEV.FXCONVERT(-9.3, "USD", "GBP", "GBP/USD", 1.25) returns -7.44.
 * @customfunction FXCONVERT
 * @helpurl https://localhost:3000/help.html#FXCONVERT
 * @param amount Amount in from_ccy.
 * @param from_ccy Currency of the amount, e.g. "USD".
 * @param to_ccy Currency wanted, e.g. "GBP".
 * @param rate_pair Pair that joins them, either way round, e.g. "GBP/USD".
 * @param rate Price of rate_pair, greater than 0.
 * @returns The amount in to_ccy.
 */
export function fxConvert(amount: any, from_ccy: any, to_ccy: any, rate_pair: any, rate: any): number {
  return run(F.FXCONVERT, [amount, from_ccy, to_ccy, rate_pair, rate]);
}

/**
 * Lots that lose risk_amount over the stop: risk_amount/(|stop_pips|·pip value per lot), rounded down to lot_step (BabyPips "Position sizing"). Example: =LEV.FXLOTS(100, 50, 10) returns 0.2.
 * @customfunction FXLOTS
 * @helpurl https://localhost:3000/help.html#FXLOTS
 * @param risk_amount Amount to risk (account currency), 0 or more.
 * @param stop_pips Stop distance in pips (its sign is ignored); #DIV/0! when 0.
 * @param pip_value_per_lot Value of one pip for one lot (account currency), see PIPVALUE.
 * @param [lot_step] Broker's lot step [default 0.01].
 * @returns Lots, rounded down to the step.
 */
export function fxLots(risk_amount: any, stop_pips: any, pip_value_per_lot: any, lot_step?: any): number {
  return run(F.FXLOTS, [risk_amount, stop_pips, pip_value_per_lot, lot_step]);
}

/**
 * Trading cost of the spread plus commission: spread_pips·pip_value_per_lot·lots + commission_per_lot·lots (PipGauge). Example: =LEV.SPREADCOST(1.5, 1, 10, 7) returns 22.
 * @customfunction SPREADCOST
 * @helpurl https://localhost:3000/help.html#SPREADCOST
 * @param spread_pips Spread in pips, 0 or more.
 * @param lots Lots, 0 or more.
 * @param pip_value_per_lot Value of one pip for one lot (account currency), 0 or more.
 * @param [commission_per_lot] Round-turn commission per lot [default 0].
 * @returns Cost in the account currency.
 */
export function spreadCost(spread_pips: any, lots: any, pip_value_per_lot: any, commission_per_lot?: any): number {
  return run(F.SPREADCOST, [spread_pips, lots, pip_value_per_lot, commission_per_lot]);
}

/**
 * Balance after compounding: start·(1 + rate)^periods + contribution·((1 + rate)^periods − 1)/rate, the contribution added at the end of each period. With round_to the balance is rounded (half away from zero) every period, as broker tables do: $1,000 at 4 % a month gives 1,601.02 after 12 months where the closed form gives 1,601.03. Example: =LEV.COMPOUND(1000, 0.04, 12, 0, 0.01) returns 1601.02.
 * @customfunction COMPOUND
 * @helpurl https://localhost:3000/help.html#COMPOUND
 * @param start Starting balance, 0 or more.
 * @param rate Return per period as a fraction (0.04 is 4 %), -1 or more.
 * @param periods Number of periods, a whole number, 0 or more.
 * @param [contribution] Added at the end of each period; negative for a withdrawal [default 0].
 * @param [round_to] Rounding step for the balance after each period, e.g. 0.01 [default no rounding]. With it, periods is at most 1,000 (#NUM! beyond; LEV.COMPOUNDTABLE shows longer schedules).
 * @returns The final balance.
 */
export function compound(start: any, rate: any, periods: any, contribution?: any, round_to?: any): number {
  return run(F.COMPOUND, [start, rate, periods, contribution, round_to]);
}

// ─── Crypto ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * Market capitalisation: price × supply (CoinMarketCap: circulating supply; with the maximum supply this is the fully diluted value). Example: =LEV.MARKETCAP(2, 500000000) returns 1000000000.
 * @customfunction MARKETCAP
 * @helpurl https://localhost:3000/help.html#MARKETCAP
 * @param price Price per coin, 0 or more.
 * @param supply Number of coins (circulating, total or maximum), 0 or more.
 * @returns Market capitalisation in the price's currency.
 */
export function marketCap(price: any, supply: any): number {
  return run(F.MARKETCAP, [price, supply]);
}

/**
 * The price implied by a market capitalisation: market_cap/supply. Example: =LEV.CAPPRICE(1000000000, 500000000) returns 2.
 * @customfunction CAPPRICE
 * @helpurl https://localhost:3000/help.html#CAPPRICE
 * @param market_cap Market capitalisation, 0 or more; 0 implies no price (#N/A).
 * @param supply Number of coins; #DIV/0! when 0.
 * @returns Price per coin.
 */
export function capPrice(market_cap: any, supply: any): number {
  return run(F.CAPPRICE, [market_cap, supply]);
}

/**
 * Annual percentage yield from a nominal rate: (1 + apr/periods)^periods − 1; periods = 0 means continuous compounding, e^apr − 1 (LegalClarity, KindFinancial). Example: =LEV.APY(0.05, 12) returns 0.051162.
 * @customfunction APY
 * @helpurl https://localhost:3000/help.html#APY
 * @param apr Nominal annual rate as a fraction (0.05 is 5 %).
 * @param [periods] Compounding periods a year, 0 or more; 0 for continuous [default 365].
 * @returns APY as a fraction.
 */
export function apy(apr: any, periods?: any): number {
  return run(F.APY, [apr, periods]);
}

/**
 * Nominal annual rate from a yield, the inverse of APY: periods·((1 + apy)^(1/periods) − 1); periods = 0 means continuous, ln(1 + apy). Example: =LEV.APR(0.21, 2) returns 0.2.
 * @customfunction APR
 * @helpurl https://localhost:3000/help.html#APR
 * @param apy Annual percentage yield as a fraction, -1 or more.
 * @param [periods] Compounding periods a year, 0 or more; 0 for continuous [default 365].
 * @returns APR as a fraction.
 */
export function apr(apy: any, periods?: any): number {
  return run(F.APR, [apy, periods]);
}

/**
 * Staking reward over a number of days: simple amount·apr·days/365 when periods = 0 (Exorium staking guide), else amount·((1 + apr/periods)^(periods·days/365) − 1), with a fractional exponent for part of a period. Example: =LEV.STAKEREWARD(100000, 0.3, 1) returns 82.19.
 * @customfunction STAKEREWARD
 * @helpurl https://localhost:3000/help.html#STAKEREWARD
 * @param amount Amount staked, 0 or more.
 * @param apr Nominal annual rate as a fraction (0.3 is 30 %).
 * @param days Days staked, 0 or more.
 * @param [periods] Compounding periods a year; 0 for simple interest [default 0].
 * @returns Reward, in the staked coin.
 */
export function stakeReward(amount: any, apr: any, days: any, periods?: any): number {
  return run(F.STAKEREWARD, [amount, apr, days, periods]);
}

// ─── Tables that spill ──────────────────────────────────────────────────────────────────────────────

/**
 * One row per price (blank cells skipped) under the header Price, Move, PnL, ROE, Equity, Margin level, Status. With M = entry·quantity/leverage: Move = price/entry − 1; PnL = LEV.PNL(side, entry, price, quantity, 1, fee_rate); ROE = PnL/M; Equity = balance + PnL; Margin level = Equity/M. Without balance (isolated: balance = M) Status is LIQUIDATED at or beyond LEV.LIQPRICE(side, entry, leverage, mmr, 0, quantity), else OK; with balance (account view) LIQUIDATED at or beyond LEV.WALLETLIQ(side, entry, quantity, balance, mmr), else LEV.MARGINSTATUS(Equity, M). Example: =LEV.SCENARIOS("long", 60000, 1, 10, {54000;60000;66000}) spills four rows: the header, then 54,000 LIQUIDATED, 60,000 OK and 66,000 OK.
 * @customfunction SCENARIOS
 * @helpurl https://localhost:3000/help.html#SCENARIOS
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param quantity Position size in units, greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param prices The prices to test: a range, a row, a column or SEQUENCE(); blanks skipped; at most 14,284 prices (100,000 cells; #NUM! beyond).
 * @param [balance] Account balance backing the position (account view) [default: the initial margin, isolated view].
 * @param [mmr] Maintenance-margin rate or tier table; a table has at most 100 filled rows [default 0.005].
 * @param [fee_rate] Fee per side as a fraction of notional [default 0].
 * @returns A table with a header row and one row per price.
 */
export function scenarios(side: any, entry: any, quantity: any, leverage: any, prices: any[][], balance?: any, mmr?: any[][], fee_rate?: any): any[][] {
  return run(F.SCENARIOS, [side, entry, quantity, leverage, prices, balance, mmr, fee_rate], F.SCENARIOS_FORMATS);
}

/**
 * A leverage × move grid: moves down, leverages across (no headers; the axes are your ranges). For leverage L and move m the price is entry·(1 + m). measure "roe" gives LEV.ROE(side, entry, price, L); "liq" LEV.LIQPRICE(side, entry, L, mmr); "distance" LEV.LIQDISTANCE(side, price, liq); "status" LIQUIDATED at or beyond liq, else OK. A move of −100 % or lower is #NUM!. Example: =LEV.GRID("roe", "long", 100, {10,20}, {-0.05;0.05}) spills {-0.5,-1;0.5,1}.
 * @customfunction GRID
 * @helpurl https://localhost:3000/help.html#GRID
 * @param measure "roe", "liq", "distance" or "status".
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param leverages Leverages across the top: a row or range, each a positive number or text such as "20x" or "1:20"; at most 1,000 leverages (#NUM! beyond).
 * @param moves Price moves down the side, as fractions (−0.05 is −5 %).
 * @param [mmr] Maintenance-margin rate or tier table; a table has at most 100 filled rows [default 0.005].
 * @returns A matrix of one measure, moves down and leverages across; at most 100,000 cells (#NUM! beyond).
 */
export function grid(measure: any, side: any, entry: any, leverages: any[][], moves: any[][], mmr?: any[][]): any[][] {
  return run(F.GRID, [measure, side, entry, leverages, moves, mmr]);
}

// ─── Liquidation: tier tables, wallet balances, inverse contracts ───────────────────────────────────

/**
 * Binance's one-way liquidation price from the balance that backs the position (matches Binance USDS-M, FAQ "How to Calculate Liquidation Price of USDS-M Futures Contracts"): LP = (WB − TMM + UPNL + cum − side·q·E)/(q·mmr − side·q). Isolated: WB is the position's margin including added margin, TMM = UPNL = 0. Cross: WB is the cross wallet, TMM and UPNL the maintenance margin and unrealised PnL of the other cross positions. With a tier table as mmr, the bracket is the one holding the notional at the liquidation price. Prices and balances in the quote currency (USDT). Example: =LEV.WALLETLIQ("long", 32481.98, 109.488, 1535443.01, 0.025, 16300) returns 18778.73.
 * @customfunction WALLETLIQ
 * @helpurl https://localhost:3000/help.html#WALLETLIQ
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param quantity Position size in units (base asset), greater than 0.
 * @param wallet_balance Balance backing the position (quote currency), 0 or more: isolated margin, or the cross wallet balance.
 * @param [mmr] Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (notional_floor, notional_cap, mmr, [maint_amount]); a table has at most 100 filled rows [default 0.005].
 * @param [maint_amount] Maintenance amount (cum) of the position's bracket; must be blank or 0 with a tier table, whose own amounts apply [default 0].
 * @param [other_maint_margin] Cross only: maintenance margin of all other cross positions (TMM) [default 0].
 * @param [other_upnl] Cross only: unrealised PnL of all other cross positions (UPNL) [default 0].
 * @returns The liquidation price; #N/A when the balance covers a fall to zero, #NUM! when already below maintenance.
 */
export function walletLiq(side: any, entry: any, quantity: any, wallet_balance: any, mmr?: any[][], maint_amount?: any, other_maint_margin?: any, other_upnl?: any): number {
  return run(F.WALLETLIQ, [side, entry, quantity, wallet_balance, mmr, maint_amount, other_maint_margin, other_upnl]);
}

/**
 * Isolated liquidation price of an inverse (coin-margined) position with wallet WB = contracts·cv/(entry·leverage) coin. mm_basis "liquidation" (matches Binance COIN-M and Bybit's 2026 inverse formula): LP = (c·mmr + side·c)/((WB + cum)/cv + side·c/entry), maintenance on the coin notional at the liquidation price (with a tier table in coin, the bracket holding it). "entry" (matches Bybit classic inverse and BTCMEX): with Q = c·cv, LP = Q/(Q/E + side·(Q/(E·L) − Q·mmr/E + cum)). Example: =LEV.INVLIQPRICE("long", 50000, 10, 0.005, 0, 60000, 1, "entry") returns 45662.1.
 * @customfunction INVLIQPRICE
 * @helpurl https://localhost:3000/help.html#INVLIQPRICE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price (USD per coin), greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param [mmr] Maintenance-margin rate or a tier table range whose notionals are in coin (notional_floor, notional_cap, mmr, [maint_amount]); a table has at most 100 filled rows [default 0.005].
 * @param [maint_amount] Maintenance amount in coin; must be blank or 0 with a tier table, whose own amounts apply [default 0].
 * @param [contracts] Number of contracts, greater than 0; required with a tier table [default 1].
 * @param [contract_value] USD value of one contract (100 for Binance BTCUSD, 1 for Bybit and BitMEX) [default 1].
 * @param [mm_basis] "liquidation" (Binance COIN-M) or "entry" (Bybit classic, BTCMEX) [default "liquidation"].
 * @returns The liquidation price; #N/A when no price exists (a 1x inverse short).
 */
export function invLiqPrice(side: any, entry: any, leverage: any, mmr?: any[][], maint_amount?: any, contracts?: any, contract_value?: any, mm_basis?: any): number {
  return run(F.INVLIQPRICE, [side, entry, leverage, mmr, maint_amount, contracts, contract_value, mm_basis]);
}

/**
 * The coin value of inverse contracts: contracts·contract_value/price (Binance COIN-M notional, BitMEX and Bybit position value). Example: =LEV.INVNOTIONAL(60000, 50000) returns 1.2.
 * @customfunction INVNOTIONAL
 * @helpurl https://localhost:3000/help.html#INVNOTIONAL
 * @param contracts Number of contracts, 0 or more.
 * @param price Price (USD per coin), greater than 0.
 * @param [contract_value] USD value of one contract [default 1].
 * @returns The position's value in coin.
 */
export function invNotional(contracts: any, price: any, contract_value?: any): number {
  return run(F.INVNOTIONAL, [contracts, price, contract_value]);
}

/**
 * Maintenance margin: notional·mmr − maint_amount (Binance "maintenance margin = notional × MMR − maintenance amount", Bybit "MM deduction"). With a tier table as mmr the bracket holding the notional supplies both the rate and the amount (built cumulatively, cumₙ = floorₙ·(mmrₙ − mmrₙ₋₁) + cumₙ₋₁, when the table has 3 columns). Units: the notional's (quote currency, or coin for inverse contracts). Example: =LEV.MAINTMARGIN(3675589.74, {0,50000,0.004;50000,250000,0.005;250000,1000000,0.01;1000000,10000000,0.025}) returns 75589.7435.
 * @customfunction MAINTMARGIN
 * @helpurl https://localhost:3000/help.html#MAINTMARGIN
 * @param notional Position value (quote currency, or coin for inverse), 0 or more.
 * @param mmr Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (notional_floor, notional_cap, mmr, [maint_amount]); rows in any order, blank rows skipped; at most 100 filled rows.
 * @param [maint_amount] Maintenance amount to deduct; must be blank or 0 with a tier table, whose own amounts apply [default 0].
 * @returns The maintenance margin; #N/A when the notional is beyond the table.
 */
export function maintMargin(notional: any, mmr: any[][], maint_amount?: any): number {
  return run(F.MAINTMARGIN, [notional, mmr, maint_amount]);
}

/**
 * The highest leverage whose isolated liquidation price (Binance form, maintenance at the liquidation price) is still beyond the stop, found by solving LEV.LIQPRICE = stop: long 1/(1 − stop·(1 − mmr)/entry), short 1/(stop·(1 + mmr)/entry − 1). Takes a rate only: without a quantity there is no notional to choose a tier by. Example: =LEV.MAXLEVERAGE("long", 60000, 54000) returns 9.57.
 * @customfunction MAXLEVERAGE
 * @helpurl https://localhost:3000/help.html#MAXLEVERAGE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param stop Stop price: below entry for a long, above for a short.
 * @param [mmr] Maintenance-margin rate, 0 or more and below 1 [default 0.005].
 * @returns Leverage as a multiple; liquidation at that leverage falls exactly on the stop.
 */
export function maxLeverage(side: any, entry: any, stop: any, mmr?: any[][]): number {
  return run(F.MAXLEVERAGE, [side, entry, stop, mmr]);
}

/**
 * Decimal-exact rounding to a tick or lot step, after rounding the value to Excel's 15 significant digits; ties half away from zero. Modes: "nearest", "up" (toward +∞), "down" (toward −∞), "safe-long" (up) and "safe-short" (down), which round a liquidation price toward entry as Bybit and BTCMEX do. Example: =LEV.ROUNDSTEP(5739.083529, 0.5, "safe-long") returns 5739.5.
 * @customfunction ROUNDSTEP
 * @helpurl https://localhost:3000/help.html#ROUNDSTEP
 * @param value The number to round.
 * @param step Tick or lot size, greater than 0 (0.5, 0.01, 0.001).
 * @param [mode] "nearest", "up", "down", "safe-long" or "safe-short" [default "nearest"].
 * @returns A multiple of step.
 */
export function roundStep(value: any, step: any, mode?: any): number {
  return run(F.ROUNDSTEP, [value, step, mode]);
}

// ─── Cross-margin accounts ──────────────────────────────────────────────────────────────────────────

/**
 * Liquidation price of each position's symbol in a cross-margin account, from your positions table (one row per position; matches Binance USDS-M cross, FAQ "How to Calculate Liquidation Price of USDS-M Futures Contracts", one-way and hedge mode): with S the rows of the symbol and O all other rows at their marks, P = (WB − Σ_O MM + Σ_O uPnL + Σ_S cum − Σ_S side·q·E)/(Σ_S q·mmr − Σ_S side·q), where MM = q·mark·mmr − cum and uPnL = side·q·(mark − E). A long and a short in one symbol (hedge mode) share one price; a net short, or a hedge, is liquidated above its mark. One cell per row, in order; a blank row gives a blank cell. #N/A where a symbol has no positive price (the account covers a fall to zero); #NUM! when the account is already at or below maintenance at the marks. Give each row the rate and amount of its bracket at today's notional: Binance re-brackets at the liquidation price, so a position that crosses a tier there differs. OKX and Bybit also count the fee to close in the requirement, and OKX's cross estimate warns it may differ with several positions. Example: =LEV.CROSSLIQ({"BTCUSDT";"ETHUSDT"}, {"long";"short"}, {60000;3000}, {0.2;3}, {58000;3100}, 5000, {0.004;0.005}) spills 36880.02 for BTCUSDT and 4495.39 for ETHUSDT.
 * @customfunction CROSSLIQ
 * @helpurl https://localhost:3000/help.html#CROSSLIQ
 * @param symbols Symbol of each position (a column); rows of one symbol are one symbol's legs, matched trimmed and case-insensitively.
 * @param sides "long" or "short" for each row (also buy/sell, l/s, b, 1/-1).
 * @param entries Entry price of each row, greater than 0.
 * @param quantities Quantity of each row in the base asset, greater than 0.
 * @param marks Mark price of each row, greater than 0; rows of one symbol must have the same mark.
 * @param wallet_balance Cross wallet balance (quote currency, USDT), 0 or more.
 * @param [mmr] Maintenance-margin rate of each row's bracket, one value or one per row; tier tables are not accepted here [default 0.005].
 * @param [maint_amounts] Maintenance amount (cum) of each row's bracket, one value or one per row [default 0].
 * @returns A column with the liquidation price of each row's symbol.
 */
export function crossLiq(symbols: any[][], sides: any[][], entries: any[][], quantities: any[][], marks: any[][], wallet_balance: any, mmr?: any[][], maint_amounts?: any[][]): any[][] {
  return run(F.CROSSLIQ, [symbols, sides, entries, quantities, marks, wallet_balance, mmr, maint_amounts]);
}

/**
 * A cross-margin account at the marks, as Binance USDS-M shows it: two columns, label and value: Positions; Notional Σ q·mark; Unrealized PnL Σ side·q·(mark − E); Margin balance = wallet + unrealized PnL; Maintenance margin Σ (q·mark·mmr − cum); Margin ratio = maintenance ÷ margin balance (Binance: liquidation at 100 %); Effective leverage = notional ÷ margin balance. Other venues define the ratio differently: OKX's margin ratio is equity ÷ (maintenance + liquidation fees), liquidated when it falls to 100 %; Bybit's unified account shows maintenance ÷ margin balance as here, its maintenance including the fee to close. A ratio over a margin balance ≤ 0 is #NUM!. Example: =LEV.CROSSACCOUNT({"long";"short"}, {60000;3000}, {0.2;3}, {58000;3100}, 5000, {0.004;0.005}) spills seven rows: notional 20,900, margin balance 4,300, maintenance 92.9, margin ratio 2.16 %.
 * @customfunction CROSSACCOUNT
 * @helpurl https://localhost:3000/help.html#CROSSACCOUNT
 * @param sides "long" or "short" for each position, a column (also buy/sell, l/s, b, 1/-1).
 * @param entries Entry price of each row, greater than 0.
 * @param quantities Quantity of each row in the base asset, greater than 0.
 * @param marks Mark price of each row, greater than 0.
 * @param wallet_balance Cross wallet balance (quote currency, USDT), 0 or more.
 * @param [mmr] Maintenance-margin rate of each row's bracket, one value or one per row [default 0.005].
 * @param [maint_amounts] Maintenance amount (cum) of each row's bracket, one value or one per row [default 0].
 * @returns Seven rows of label and value.
 */
export function crossAccount(sides: any[][], entries: any[][], quantities: any[][], marks: any[][], wallet_balance: any, mmr?: any[][], maint_amounts?: any[][]): any[][] {
  return run(F.CROSSACCOUNT, [sides, entries, quantities, marks, wallet_balance, mmr, maint_amounts]);
}

// ─── Inverse profit and return, averages ────────────────────────────────────────────────────────────

/**
 * Profit of an inverse (coin-margined) position, in coin: side·contracts·contract_value·(1/entry − 1/exit) (matches BitMEX and Bybit inverse contracts, Binance COIN-M). Example: =LEV.INVPNL("long", 10000, 10500, 100000) returns 0.47619.
 * @customfunction INVPNL
 * @helpurl https://localhost:3000/help.html#INVPNL
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price (USD per coin), greater than 0.
 * @param exit Exit price (USD per coin), greater than 0.
 * @param contracts Number of contracts, 0 or more.
 * @param [contract_value] USD value of one contract [default 1].
 * @returns Profit in coin (negative for a loss).
 */
export function invPnl(side: any, entry: any, exit: any, contracts: any, contract_value?: any): number {
  return run(F.INVPNL, [side, entry, exit, contracts, contract_value]);
}

/**
 * Return on initial margin of an inverse position: side·leverage·(1 − entry/exit), i.e. LEV.INVPNL over the coin margin contracts·cv/(entry·leverage) (matches Bybit's inverse ROI and Binance COIN-M). Example: =LEV.INVROE("long", 6800, 7000, 10) returns 0.2857.
 * @customfunction INVROE
 * @helpurl https://localhost:3000/help.html#INVROE
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param entry Entry price, greater than 0.
 * @param exit Exit price, greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @returns Return on margin as a fraction (0.5 is 50 %).
 */
export function invRoe(side: any, entry: any, exit: any, leverage: any): number {
  return run(F.INVROE, [side, entry, exit, leverage]);
}

/**
 * Average entry price of several fills. size_kind "units" (quantities): Σ price·size / Σ size (Bybit linear average entry); "value" (cash amounts, or inverse contracts in USD): Σ size / Σ (size/price), the harmonic mean (Bybit inverse average entry, DCA by fixed amounts). Prices and sizes pair by position; pairs where both are blank are skipped. Example: =LEV.AVGPRICE({5000,6000}, {1000,2000}, "value") returns 5625.
 * @customfunction AVGPRICE
 * @helpurl https://localhost:3000/help.html#AVGPRICE
 * @param prices Fill prices, greater than 0: a range, row or column.
 * @param sizes Fill sizes, 0 or more, the same shape as prices: units, or cash/contract value with "value".
 * @param [size_kind] "units" or "value" [default "units"].
 * @returns The average entry price.
 */
export function avgPrice(prices: any[][], sizes: any[][], size_kind?: any): number {
  return run(F.AVGPRICE, [prices, sizes, size_kind]);
}

/**
 * Shares to buy at price to bring the average cost to target_avg: shares·(avg_cost − target)/(target − price). #NUM! unless the target lies between the price and the average (it also works for averaging up). Example: =LEV.AVGDOWN(100, 50, 30, 40) returns 100.
 * @customfunction AVGDOWN
 * @helpurl https://localhost:3000/help.html#AVGDOWN
 * @param shares Shares (or units) held, 0 or more.
 * @param avg_cost Current average cost per share, greater than 0.
 * @param price Price of the new purchase, greater than 0.
 * @param target_avg The average cost wanted, between price and avg_cost.
 * @returns Shares to buy.
 */
export function avgDown(shares: any, avg_cost: any, price: any, target_avg: any): number {
  return run(F.AVGDOWN, [shares, avg_cost, price, target_avg]);
}

/**
 * Scaling into a position: after each fill, Fill, Price, Quantity, Total quantity, Average entry, Margin, Liquidation, Break-even. With A the running average (LEV.AVGPRICE of the fills so far) and Q the running quantity: Margin = A·Q/leverage; Liquidation = LEV.LIQPRICE(side, A, leverage, mmr, 0, Q); Break-even = LEV.BREAKEVEN(side, A, fee_rate, fee_rate). Example: =LEV.LADDER("long", {100;90}, {1;1}, 10) spills a header and two fills, the second with average entry 95 and margin 19.
 * @customfunction LADDER
 * @helpurl https://localhost:3000/help.html#LADDER
 * @param side "long" or "short" (also buy/sell, l/s, b, 1/-1).
 * @param prices Fill prices, in order: a range, row or column; blank pairs skipped; at most 12,499 fills (100,000 cells; #NUM! beyond).
 * @param quantities Fill quantities in units, paired with prices by position.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param [mmr] Maintenance-margin rate or tier table; a table has at most 100 filled rows [default 0.005].
 * @param [fee_rate] Fee per side as a fraction of notional [default 0].
 * @returns A table with a header row and one row per fill.
 */
export function ladder(side: any, prices: any[][], quantities: any[][], leverage: any, mmr?: any[][], fee_rate?: any): any[][] {
  return run(F.LADDER, [side, prices, quantities, leverage, mmr, fee_rate], F.LADDER_FORMATS);
}

/**
 * A compounding schedule: one row per period with Period, Start, Gain, Contribution, End, where End = Start·(1 + rate) + Contribution (rounded to round_to every period when given, as broker tables do) and Gain = End − Start − Contribution. The last End equals LEV.COMPOUND for the same inputs. Example: =LEV.COMPOUNDTABLE(1000, 0.04, 12, 0, 0.01) spills 13 rows ending at 1601.02.
 * @customfunction COMPOUNDTABLE
 * @helpurl https://localhost:3000/help.html#COMPOUNDTABLE
 * @param start Starting balance, 0 or more.
 * @param rate Return per period as a fraction (0.04 is 4 %).
 * @param periods Number of periods, a whole number from 1 to 19,999 (100,000 cells; #NUM! beyond).
 * @param [contribution] Added at the end of each period; negative for a withdrawal [default 0].
 * @param [round_to] Round the balance to this step every period, e.g. 0.01 [default: no rounding].
 * @returns A table with a header row and one row per period.
 */
export function compoundTable(start: any, rate: any, periods: any, contribution?: any, round_to?: any): any[][] {
  return run(F.COMPOUNDTABLE, [start, rate, periods, contribution, round_to], F.COMPOUNDTABLE_FORMATS);
}

// ─── Journal ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Trades from fills: one row per position in one symbol (and position side in hedge mode) from flat to flat (Tradervue's grouping), under the header Symbol, Side, Opened, Closed, Fills, Quantity, Avg entry, Avg exit, Gross PnL, Fees, Net PnL, Return, Status. Realised PnL by average cost, as exchanges report it: each exit realises side·(exit − average entry)·q·cs, so a closed trade's Gross PnL = side·(Σ exit value − Σ entry value)·cs. A fill through zero (one-way) is split: the closing part ends the trade, the rest opens the opposite trade, the fee shared by quantity. Net PnL = Gross − Fees; Return = Net/(Avg entry·Quantity·cs). Example: =LEV.TRADES({"2024-01-08 09:30";"2024-01-08 11:00"}, {"NVDA";"NVDA"}, {"buy";"sell"}, {50;51}, {100;100}, {0.5;0.51}) spills the header and one closed long: gross 100, fees 1.01, net 98.99.
 * @customfunction TRADES
 * @helpurl https://localhost:3000/help.html#TRADES
 * @param times Fill times: date-time cells, or text "2024-01-08 09:30:00" (UTC as exchanges export it).
 * @param symbols Symbols, one per fill (BTCUSDT); matched ignoring case.
 * @param sides "buy" or "sell", one per fill (also long/short, b, l/s, 1/-1).
 * @param prices Fill prices, greater than 0.
 * @param quantities Fill quantities, greater than 0 (the side gives the direction).
 * @param [fees] Fee paid on each fill in the quote currency, a rebate negative; one value or one per fill [default 0].
 * @param [contract_sizes] Units per contract, one value or one per fill [default 1].
 * @param [position_sides] Hedge mode: LONG, SHORT, or BOTH/blank for one-way, one value or one per fill [default one-way].
 * @returns A table with a header row and one row per trade, by opening time.
 */
export function trades(times: any[][], symbols: any[][], sides: any[][], prices: any[][], quantities: any[][], fees?: any[][], contract_sizes?: any[][], position_sides?: any[][]): any[][] {
  return run(F.TRADES, [times, symbols, sides, prices, quantities, fees, contract_sizes, position_sides], F.TRADES_FORMATS);
}

/**
 * Journal statistics over one PnL per trade (MetaTrader's testing statistics, docs.mql4.com; Van K. Tharp's SQN): two columns, label and value, in this order: Trades, Wins, Losses, Win rate, Net profit, Gross profit, Gross loss, Profit factor (gross profit ÷ −gross loss), Average win, Average loss, Payoff ratio, Expectancy (net ÷ trades), Largest win, Largest loss, Max consecutive wins, Max consecutive losses, Max drawdown (largest fall of the cumulative total from a running peak, the start counting as one), Max drawdown % (on start_balance + total), Average R (pnl ÷ risk), SQN = √min(N, 100)·mean(R) ÷ stdev(R). With closed (LEV.TRADES' Closed column) the trades are taken in the order the account realised them, by close time, and open trades (blank close time) are left out, so runs and drawdowns are the account's. A figure that does not exist is #DIV/0! or #N/A. Example: =LEV.JOURNALSTATS({150;-100;250;-100}, 10000, , {45300;45302;45301;45303}) spills 20 rows: 4 trades, win rate 0.5, profit factor 2, max drawdown 200 (closed in the order 150, 250, −100, −100).
 * @customfunction JOURNALSTATS
 * @helpurl https://localhost:3000/help.html#JOURNALSTATS
 * @param pnl One net PnL per trade (LEV.TRADES' Net PnL column); blanks skipped.
 * @param [start_balance] Account balance before the first trade, greater than 0 (for Max drawdown %).
 * @param [risk] Amount risked on each trade, greater than 0: one value or one per pnl cell (for Average R and SQN).
 * @param [closed] Close time of each trade, one per pnl cell (LEV.TRADES' Closed column): blank for an open trade, which is left out; the rest are taken in close-time order [default: pnl as given].
 * @returns Twenty rows of label and value.
 */
export function journalStats(pnl: any[][], start_balance?: any, risk?: any[][], closed?: any[][]): any[][] {
  return run(F.JOURNALSTATS, [pnl, start_balance, risk, closed], F.JOURNALSTATS_FORMATS);
}

/**
 * The account after each trade, for a chart: header Trade, PnL, Balance, Peak, Drawdown, Drawdown %, then row 0 (the start) and one row per PnL: Balance = start_balance + running total, Peak its running maximum, Drawdown = Peak − Balance, Drawdown % = Drawdown/Peak. With closed (LEV.TRADES' Closed column) the trades are taken in the order they closed and open trades are left out. Example: =LEV.EQUITYCURVE(10000, {500;-1200;300}, {45302;45300;45301}) spills the header, the start and three trades in the order they closed: balances 8800, 9100 and 9600, drawdown 1200 (12 %) after the first.
 * @customfunction EQUITYCURVE
 * @helpurl https://localhost:3000/help.html#EQUITYCURVE
 * @param start_balance Account balance before the first trade, greater than 0.
 * @param pnl One PnL per trade (LEV.TRADES' Net PnL column); blanks skipped.
 * @param [closed] Close time of each trade, one per pnl cell (LEV.TRADES' Closed column): blank for an open trade, which is left out; the rest are taken in close-time order [default: pnl as given].
 * @returns A table with a header row, the start and one row per trade.
 */
export function equityCurve(start_balance: any, pnl: any[][], closed?: any[][]): any[][] {
  return run(F.EQUITYCURVE, [start_balance, pnl, closed], F.EQUITYCURVE_FORMATS);
}
