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
 * @param [mmr] Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (floor, cap, mmr, [amount]); with a table the bracket is the one holding the notional at the liquidation price ("liquidation", Binance) or at entry ("entry") [default 0.005].
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

// ─── Liquidation: tier tables, wallet balances, inverse contracts ───────────────────────────────────

/**
 * Binance's one-way liquidation price from the balance that backs the position (matches Binance USDⓈ-M, FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"): LP = (WB − TMM + UPNL + cum − side·q·E)/(q·mmr − side·q). Isolated: WB is the position's margin including added margin, TMM = UPNL = 0. Cross: WB is the cross wallet, TMM and UPNL the maintenance margin and unrealised PnL of the other cross positions. With a tier table as mmr, the bracket is the one holding the notional at the liquidation price. Prices and balances in the quote currency (USDT). Example: =LEV.WALLETLIQ("long", 32481.98, 109.488, 1535443.01, 0.025, 16300) returns 18778.73.
 * @customfunction WALLETLIQ
 * @helpurl https://localhost:3000/help.html#WALLETLIQ
 * @param side "long" or "short".
 * @param entry Entry price, greater than 0.
 * @param quantity Position size in units (base asset), greater than 0.
 * @param wallet_balance Balance backing the position (quote currency), 0 or more: isolated margin, or the cross wallet balance.
 * @param [mmr] Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (notional_floor, notional_cap, mmr, [maint_amount]) [default 0.005].
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
 * @param side "long" or "short".
 * @param entry Entry price (USD per coin), greater than 0.
 * @param leverage Leverage: 10, "10x" or "1:10".
 * @param [mmr] Maintenance-margin rate or a tier table range whose notionals are in coin (notional_floor, notional_cap, mmr, [maint_amount]) [default 0.005].
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
 * @param mmr Maintenance-margin rate (0.005 is 0.5 %) or a tier table range (notional_floor, notional_cap, mmr, [maint_amount]); rows in any order, blank rows skipped.
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
 * @param side "long" or "short".
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

// ─── Inverse profit and return, averages ────────────────────────────────────────────────────────────

/**
 * Profit of an inverse (coin-margined) position, in coin: side·contracts·contract_value·(1/entry − 1/exit) (matches BitMEX and Bybit inverse contracts, Binance COIN-M). Example: =LEV.INVPNL("long", 10000, 10500, 100000) returns 0.47619.
 * @customfunction INVPNL
 * @helpurl https://localhost:3000/help.html#INVPNL
 * @param side "long" or "short".
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
 * @param side "long" or "short".
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
