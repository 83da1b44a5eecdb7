/**
 * Every public reference vector (test/fixtures/shared/reference/vectors-public.json) as worksheet formulas: one row
 * per expected key. `formula` is typed into a cell as it stands; it is one LEV call whose arguments are
 * literals, array constants ({1,2;3,4} for a range) or other LEV calls, or INDEX/ROWS over a spilled LEV table
 * (and ROWS(…) − 1 to count the rows under a header). `percent` marks a key the source
 * states in percent while the function returns the fraction (so the result × 100 is compared).
 * A key no catalog function computes has `none` with the reason instead of a formula.
 * Where an argument is a figure worked out from the vector's inputs, `note` says how.
 */
export interface VectorFormula {
  id: string;
  key: string;
  formula?: string;
  percent?: true;
  none?: string;
  note?: string;
  /** The function exists but this use of it is not built yet: the row is skipped with this reason. */
  waitsFor?: string;
  /** A wider tolerance than the vector's own, where the vector's tolerance is tighter than its rounding. */
  within?: { abs: number; why: string };
}

const NO_FEE_FN = "a fee is rate × notional; the catalog has no function for one side's fee";

// The journal's and the cross-margin vectors' tables, each typed once; the rows below pick cells out of them.
const TRADES_1 = 'LEV.TRADES({"2024-01-08 09:30";"2024-01-08 10:15";"2024-01-08 11:00";"2024-01-08 14:45"}, {"NVDA";"NVDA";"NVDA";"NVDA"}, {"buy";"buy";"sell";"sell"}, {50;48;51;53}, {100;100;150;50}, {0.5;0.48;0.765;0.265})';
const TRADES_2 = 'LEV.TRADES({"2024-02-01 08:00";"2024-02-02 08:00";"2024-02-03 08:00"}, {"BTCUSDT";"BTCUSDT";"BTCUSDT"}, {"buy";"buy";"sell"}, {20000;22000;23000}, {1;1;1})';
const TRADES_3 = 'LEV.TRADES({"2024-03-04 10:00";"2024-03-04 11:00";"2024-03-04 12:00"}, {"XAUUSD";"XAUUSD";"XAUUSD"}, {"sell";"buy";"sell"}, {100;95;97}, {2;5;3}, {0.2;0.5;0.3})';
const TRADES_4 = 'LEV.TRADES({"2024-05-02 09:00:00";"2024-05-02 09:10:00";"2024-05-02 10:00:00";"2024-05-02 11:00:00"}, {"ETHUSDT";"ETHUSDT";"ETHUSDT";"ETHUSDT"}, {"BUY";"SELL";"SELL";"BUY"}, {3000;3010;3100;2950}, {2;1;1;1}, {2.4;1.204;1.24;1.18}, , {"LONG";"SHORT";"LONG";"SHORT"})';
const JOURNALSTATS_1 = 'LEV.JOURNALSTATS({150;-100;250;-100;-100;300;0;-50;200;-100}, 10000, {100;100;100;100;100;100;100;100;100;100})';
const JOURNALSTATS_2 = 'LEV.JOURNALSTATS({120;80;0;40})';
const EQUITYCURVE_1 = 'LEV.EQUITYCURVE(10000, {500;-1200;300;800;-400})';
const CROSSLIQ_1 = 'LEV.CROSSLIQ({"BTCUSDT";"ETHUSDT"}, {"long";"long"}, {32481.98;1456.84}, {109.488;3683.979}, {31967.27;1335.18}, 1535443.01, {0.025;0.1}, {16300;135365})';
const CROSSLIQ_2 = 'LEV.CROSSLIQ({"BTCUSDT";"ETHUSDT"}, {"long";"short"}, {60000;3000}, {0.2;3}, {58000;3100}, 5000, {0.004;0.005}, {0;0})';
const CROSSLIQ_3 = 'LEV.CROSSLIQ({"ETHUSDT";"ETHUSDT"}, {"long";"short"}, {2500;2600}, {4;1}, {2550;2550}, 1500, {0.005;0.005}, {0;0})';
const CROSSACCOUNT_1 = 'LEV.CROSSACCOUNT({"long";"short"}, {60000;3000}, {0.2;3}, {58000;3100}, 5000, {0.004;0.005}, {0;0})';

export const VECTOR_FORMULAS: VectorFormula[] = [
  { id: "lev-002", key: "position_value", formula: "=LEV.NOTIONAL(60000, 0.5)" },
  { id: "lev-002", key: "initial_margin", formula: "=LEV.MARGIN(LEV.NOTIONAL(60000, 0.5), 20)" },
  { id: "lev-002", key: "pnl", formula: '=LEV.PNL("long", 60000, 61000, 0.5)' },
  { id: "lev-002", key: "roi_pct", formula: '=LEV.ROE("long", 60000, 61000, 20)', percent: true },

  { id: "lev-004", key: "contracts", formula: "=LEV.NOTIONAL(10000, 10, 1)", note: "USD-contracts = XBT exposure × price × multiplier" },
  { id: "lev-004", key: "initial_margin_xbt", formula: "=LEV.MARGIN(10, 100)" },

  {
    id: "liq-binance-usdm-iso-02",
    key: "liq_price",
    formula: '=LEV.WALLETLIQ("long", 32481.98, 109.488, 1535443.01, 0.025, 16300)',
  },

  { id: "liq-binance-usdm-cross-02", key: "tmm1", formula: "=LEV.MAINTMARGIN(LEV.NOTIONAL(1335.18, 3683.979), 0.1, 135365)" },
  { id: "liq-binance-usdm-cross-02", key: "upnl1", formula: '=LEV.PNL("long", 1456.84, 1335.18, 3683.979)' },
  {
    id: "liq-binance-usdm-cross-02",
    key: "liq_price",
    formula:
      '=LEV.WALLETLIQ("long", 32481.98, 109.488, 1535443.01, 0.025, 16300, LEV.MAINTMARGIN(LEV.NOTIONAL(1335.18, 3683.979), 0.1, 135365), LEV.PNL("long", 1456.84, 1335.18, 3683.979))',
  },

  // Wallet 3.3333 = q·E/L with L = 3, so the isolated rate form applies.
  { id: "liq-binance-usdm-iso-ft-02", key: "liq_price", formula: '=LEV.LIQPRICE("short", 10, 3, 0.01, 0.01, 1)' },
  { id: "liq-binance-usdm-iso-ft-04", key: "liq_price", formula: '=LEV.LIQPRICE("long", 10, 3, 0.01, 0.01, 1)' },

  {
    id: "liq-binance-coinm-cross-01",
    key: "liq_price",
    formula: '=LEV.INVLIQPRICE("long", 45000, LEV.LEVERAGE(LEV.INVNOTIONAL(100000, 45000, 100), 101), 0.125, 11.605, 100000, 100)',
    note: "the leverage that makes the wallet contracts·cv/(entry·L) the 101 BTC given",
  },
  {
    id: "liq-binance-coinm-cross-01",
    key: "notional_at_liq_coin",
    formula:
      '=LEV.INVNOTIONAL(100000, LEV.INVLIQPRICE("long", 45000, LEV.LEVERAGE(LEV.INVNOTIONAL(100000, 45000, 100), 101), 0.125, 11.605, 100000, 100), 100)',
  },

  {
    id: "liq-binance-usdm-tier-02",
    key: "liq_price",
    formula:
      '=LEV.LIQPRICE("long", 40000, 10, {0,50000,0.004;50000,250000,0.005;250000,1000000,0.01;1000000,10000000,0.025;10000000,20000000,0.05;20000000,50000000,0.1;50000000,100000000,0.125;100000000,200000000,0.15;200000000,300000000,0.25;300000000,500000000,0.5}, , 100)',
  },
  { id: "liq-binance-usdm-tier-02", key: "mmr_used", none: "no catalog function returns the bracket a tier lookup used" },
  { id: "liq-binance-usdm-tier-02", key: "cum_used", none: "no catalog function returns the bracket a tier lookup used" },

  { id: "liq-binance-coinm-mm-01", key: "notional_coin", formula: "=LEV.INVNOTIONAL(100, 25000, 100)" },
  { id: "liq-binance-coinm-mm-01", key: "maint_margin_coin", formula: "=LEV.MAINTMARGIN(LEV.INVNOTIONAL(100, 25000, 100), 0.004)" },
  { id: "liq-binance-coinm-mm-01", key: "old_cum_level5", none: "no catalog function returns a tier's cumulative amount" },

  { id: "liq-binance-coinm-iso-02", key: "liq_price", formula: '=LEV.INVLIQPRICE("short", 50000, 20, 0.004, 0, 100, 100)' },

  { id: "liq-approx-01", key: "liq_price_long", formula: '=LEV.LIQPRICE("long", 60000, 10, 0.004, 0, 1, 0, "entry")' },
  { id: "liq-approx-01", key: "liq_price_short", formula: '=LEV.LIQPRICE("short", 60000, 10, 0.004, 0, 1, 0, "entry")' },

  { id: "liq-bybit-usdt-iso-01", key: "initial_margin", formula: "=LEV.MARGIN(LEV.NOTIONAL(20000, 1), 50)" },
  { id: "liq-bybit-usdt-iso-01", key: "maint_margin", formula: "=LEV.MAINTMARGIN(LEV.NOTIONAL(20000, 1), 0.005)" },
  { id: "liq-bybit-usdt-iso-01", key: "liq_price", formula: '=LEV.LIQPRICE("long", 20000, 50, 0.005, 0, 1, 0, "entry")' },

  {
    id: "liq-bybit-usdt-iso-03",
    key: "liq_price",
    formula: '=LEV.LIQPRICE("long", 30000, LEV.LEVERAGE(60000, 3500), 0.01, 150, 2, 0, "entry")',
    note: "the 500 extra margin folded into the leverage: 60,000 of position on 3,000 + 500 of margin",
  },

  { id: "liq-bybit-inverse-iso-01", key: "position_value_btc", formula: "=LEV.INVNOTIONAL(60000, 50000)" },
  { id: "liq-bybit-inverse-iso-01", key: "initial_margin_btc", formula: "=LEV.MARGIN(LEV.INVNOTIONAL(60000, 50000), 10)" },
  { id: "liq-bybit-inverse-iso-01", key: "maint_margin_btc", formula: "=LEV.MAINTMARGIN(LEV.INVNOTIONAL(60000, 50000), 0.005)" },
  { id: "liq-bybit-inverse-iso-01", key: "liq_price", formula: '=LEV.INVLIQPRICE("long", 50000, 10, 0.005, 0, 60000, 1, "entry")' },
  { id: "liq-bybit-inverse-iso-01", key: "liq_price_2026_formula", formula: '=LEV.INVLIQPRICE("long", 50000, 10, 0.005, 0, 60000, 1)' },

  { id: "liq-bybit-inverse-cross-01", key: "bankruptcy_price", none: "Bybit's legacy cross bankruptcy price includes the taker fee; no catalog function" },
  { id: "liq-bybit-inverse-cross-01", key: "liq_price_unrounded", none: "Bybit's legacy inverse cross formula with the fee at bankruptcy; no catalog function" },
  { id: "liq-bybit-inverse-cross-01", key: "liq_price", none: "rounds liq_price_unrounded, which no catalog function computes" },

  { id: "liq-gate-okx-iso-01", key: "liq_price", formula: '=LEV.LIQPRICE("long", 10, 5, 0.01, 0, 1, 0.0006)' },
  { id: "liq-gate-okx-iso-03", key: "liq_price", formula: '=LEV.LIQPRICE("long", 10, 3, 0.01, 0, 1, 0.0006)' },

  { id: "liq-bybit-usdt-iso-ft-01", key: "liq_price", formula: '=LEV.LIQPRICE("long", 10, 10, 0.01, 0, 1, 0, "entry")' },
  { id: "liq-bybit-usdt-iso-ft-03", key: "liq_price", formula: '=LEV.LIQPRICE("long", 10, 1, 0.01, 0, 1, 0, "entry")' },

  { id: "liq-phemex-usdtm-iso-01", key: "open_value", formula: "=LEV.NOTIONAL(0.4, 500)" },
  { id: "liq-phemex-usdtm-iso-01", key: "assigned_pos_balance", none: "Phemex's assigned position balance (margin plus a close-fee reserve); no catalog function" },
  {
    id: "liq-phemex-usdtm-iso-01",
    key: "liq_price",
    formula: '=LEV.LIQPRICE("long", 0.4, LEV.LEVERAGE(200, 40.096), 0.01, 0, 500, 0.0006)',
    note: "the position's margin is the assigned position balance 40.096 the source prints",
  },

  { id: "liq-bitmex-iso-illustration-01", key: "margin_lost_xbt", none: "an illustration (loss capped at the isolated margin), not a formula" },
  { id: "liq-bitmex-iso-illustration-01", key: "cross_unrealised_loss_xbt_at_94", none: "an illustration stated as a positive loss, not a formula" },

  { id: "liq-okx-margin-iso-01", key: "liq_price", none: "spot-margin liquidation from assets and liability; no catalog function" },

  // FUNDINGFEE is the signed flow to the trader; the vectors' amount (long pays it) is what a short receives.
  { id: "fund-linear-01", key: "funding_amount", formula: '=LEV.FUNDINGFEE("short", LEV.NOTIONAL(2, 10), 0.0001)' },
  { id: "fund-linear-03", key: "funding_amount", formula: '=LEV.FUNDINGFEE("short", LEV.NOTIONAL(2.77, 30), -0.000008)' },
  { id: "fund-binance-rate-01", key: "funding_rate", formula: "=LEV.FUNDINGRATE(0.0003, 0.0001)" },
  { id: "fund-binance-rate-03", key: "funding_rate", formula: "=LEV.FUNDINGRATE(-0.0008, 0.0001)" },
  { id: "fund-daily-01", key: "fee_per_interval", formula: '=LEV.FUNDINGFEE("short", 20000, 0.0001)' },
  { id: "fund-daily-01", key: "fee_per_day", formula: '=LEV.FUNDINGFEE("short", 20000, 0.0001, 3)' },
  { id: "fund-daily-01", key: "fee_30d", formula: '=LEV.FUNDINGFEE("short", 20000, 0.0001, 90)', note: "3 intervals a day × 30 days" },
  { id: "fund-daily-01", key: "annualised_rate_simple", formula: "=LEV.FUNDINGAPR(0.0001, 8)", note: "3 intervals a day: every 8 hours" },

  { id: "fut-bybit-usdt-02", key: "position_pnl", formula: '=LEV.PNL("short", 6000, 5000, 0.4)' },
  { id: "fut-bybit-usdt-02", key: "open_fee", none: NO_FEE_FN },
  { id: "fut-bybit-usdt-02", key: "close_fee", none: NO_FEE_FN },
  { id: "fut-bybit-usdt-02", key: "closed_pnl", formula: '=LEV.PNL("short", 6000, 5000, 0.4, 1, 0.00055, 2.1)', note: "the funding paid as fixed fees" },

  { id: "fut-bybit-inverse-02", key: "initial_margin_btc", formula: "=LEV.MARGIN(LEV.INVNOTIONAL(1000, 6800), 10)" },
  { id: "fut-bybit-inverse-02", key: "unrealised_pnl_btc", formula: '=LEV.INVPNL("long", 6800, 7000, 1000)' },
  { id: "fut-bybit-inverse-02", key: "roi_pct", formula: '=LEV.INVROE("long", 6800, 7000, 10)', percent: true },

  { id: "fut-bitmex-inverse-02", key: "pnl_xbt", formula: '=LEV.INVPNL("long", 10000, 10500, 100000, 1)' },
  { id: "fut-bingx-inverse-ratio-01", key: "gross_pnl_ratio_pct", formula: '=LEV.INVROE("short", 100, 200, 1)', percent: true, note: "10 BTC of size on 10 BTC of margin: 1x" },
  { id: "fut-binance-coinm-target-01", key: "target_long", formula: '=LEV.TARGETPRICE("long", 50000, 1, 10, TRUE)' },
  { id: "fut-binance-coinm-target-01", key: "target_short", formula: '=LEV.TARGETPRICE("short", 50000, 1, 10, TRUE)' },

  { id: "cps-02", key: "risk_btc", none: "balance × risk is plain arithmetic" },
  { id: "cps-02", key: "contracts_usd", formula: "=LEV.INVRISKSIZE(1, 0.01, 50000, 55000, 1)" },

  { id: "fxrisk-02", key: "lots", formula: "=LEV.FXLOTS(100, 50, 10)", note: "risk amount 10,000 × 1 % = 100" },
  { id: "fxrisk-04", key: "pip_value_per_lot_usd", formula: '=LEV.PIPVALUE("EUR/GBP", 1, "USD", 1.25, "GBP/USD")' },
  {
    id: "fxrisk-04",
    key: "lots",
    formula: '=LEV.FXLOTS(100, 40, LEV.PIPVALUE("EUR/GBP", 1, "USD", 1.25, "GBP/USD"))',
    note: "risk amount 20,000 × 0.5 % = 100",
  },

  { id: "fxpip-02", key: "usdjpy_per_unit_usd", formula: '=LEV.PIPVALUE("USD/JPY", 1, "USD", 116.73, "USD/JPY", 1)' },
  { id: "fxpip-02", key: "usdchf_per_unit_usd", formula: '=LEV.PIPVALUE("USD/CHF", 1, "USD", 1.484, "USD/CHF", 1)' },
  { id: "fxpip-02", key: "usdjpy_per_lot_usd", formula: '=LEV.PIPVALUE("USD/JPY", 1, "USD", 116.73)' },
  { id: "fxpip-02", key: "usdchf_per_lot_usd", formula: '=LEV.PIPVALUE("USD/CHF", 1, "USD", 1.484)' },
  { id: "fxpip-04", key: "pip_value_eur", formula: '=LEV.PIPVALUE("EUR/USD", 1, "EUR", 1.08962)' },
  { id: "fxpip-06", key: "pip_value_gbp", formula: '=LEV.PIPVALUE("EUR/GBP", 2)' },
  { id: "fxpip-06", key: "pip_value_usd", formula: '=LEV.PIPVALUE("EUR/GBP", 2, "USD", 1.27, "GBP/USD")' },

  { id: "fxmargin-02", key: "margin_chf", formula: '=LEV.FXMARGIN("CAD/CHF", 5, 100, "CHF", 0.75695)' },
  {
    id: "fxmargin-02",
    key: "margin_usd",
    formula: '=LEV.FXCONVERT(LEV.FXMARGIN("CAD/CHF", 5, 100, "CHF", 0.75695), "CHF", "USD", "USD/CHF", 1.01883)',
  },
  { id: "fxmargin-04", key: "margin_usd", formula: '=LEV.FXMARGIN("XAU/USD", 1, 100, "USD", 1738.54, "XAU/USD", 100)' },
  { id: "fxmargin-06", key: "gbpusd_margin_100x", formula: '=LEV.FXMARGIN("GBP/USD", 0.1, 100, "USD", 1.98)' },
  { id: "fxmargin-06", key: "gbpusd_margin_400x", formula: '=LEV.FXMARGIN("GBP/USD", 0.1, 400, "USD", 1.98)' },
  { id: "fxmargin-06", key: "three_mini_lots_400x", formula: '=LEV.FXMARGIN("GBP/USD", 0.3, 400, "USD", 1.98)' },
  { id: "fxmargin-06", key: "usdchf_margin_400x", formula: '=LEV.FXMARGIN("USD/CHF", 0.1, 400)' },
  { id: "fxmargin-08", key: "margin_by_source_formula", formula: '=LEV.FXMARGIN("USD/CHF", 1, 500, "CHF", 0.90265)' },
  { id: "fxmargin-08", key: "margin_usd_correct", formula: '=LEV.FXMARGIN("USD/CHF", 1, 500, "USD")' },

  { id: "fxswap-02", key: "swap_short", formula: "=LEV.SWAP(1, 2.17)" },
  { id: "fxswap-02", key: "swap_long", formula: "=LEV.SWAP(1, -5.45)" },
  { id: "fxswap-02", key: "share_swap_short", formula: "=LEV.FINANCING(235.82, -0.035, 1, 360)" },
  { id: "fxswap-02", key: "share_swap_long", formula: "=LEV.FINANCING(235.94, -0.0688, 1, 360)" },
  { id: "fxswap-04", key: "fx_swap_usd", formula: "=LEV.SWAP(1, -1.5, 3, 0.0001, 100000)", note: "swap in pips: the point is one pip, 0.0001" },
  { id: "fxswap-04", key: "btc_swap_short_usd", formula: "=LEV.FINANCING(LEV.NOTIONAL(57000, 0.1, 1), -0.19, 1, 360)" },
  { id: "fxswap-06", key: "swap_usd", formula: "=LEV.SWAP(0.5, -6.2, 3)" },
  { id: "fxswap-06", key: "swap_gbp", formula: '=LEV.FXCONVERT(LEV.SWAP(0.5, -6.2, 3), "USD", "GBP", "GBP/USD", 1.25)' },

  { id: "fxspread-02", key: "spread_cost", formula: "=LEV.SPREADCOST(1.5, 1, 10)" },
  { id: "fxspread-02", key: "total_cost", formula: "=LEV.SPREADCOST(1.5, 1, 10, 7)" },

  { id: "ml-02", key: "equity_a", formula: "=LEV.EQUITY(1000, -100)" },
  { id: "ml-02", key: "equity_b", formula: "=LEV.EQUITY(1000, {150})" },
  { id: "ml-02", key: "free_margin_c", formula: "=LEV.FREEMARGIN(1000, 300)" },
  { id: "ml-02", key: "margin_level_c_pct", formula: "=LEV.MARGINLEVEL(1000, 300)", percent: true },

  { id: "ml-04", key: "used_margin", formula: "=LEV.MARGIN(LEV.NOTIONAL(1.1, 10000), 100)" },
  { id: "ml-04", key: "stop_out_equity", none: "used margin × stop-out level is plain arithmetic" },
  { id: "ml-04", key: "stop_out_price", formula: '=LEV.CALLPRICE("long", 1.1, 10000, 1000, 100, 0.5)' },

  { id: "mc-02", key: "margin_call_price", formula: '=LEV.REGTCALL("long", 50, 0.6, 0.3)' },
  { id: "mc-04", key: "margin_call_price", formula: '=LEV.REGTCALL("short", 10, 0.4, 0.2)' },
  { id: "mc-06", key: "margin_call_price", formula: '=LEV.REGTCALL("long", 8, 0.4, 0.25)' },

  {
    id: "ss-02",
    key: "margin_pct",
    formula: '=LEV.MARGINLEVEL(LEV.EQUITY(50, LEV.PNL("short", 100, 125, 1)), LEV.NOTIONAL(125, 1))',
    note: "equity = the 50 deposit (50 % of 100) plus the short's loss, over the position's current value",
  },

  { id: "cfd-02", key: "margin_gbp", formula: "=LEV.MARGIN(LEV.NOTIONAL(1599, 1000, 0.01), 20)", note: "pence to pounds as contract size 0.01; 5 % margin is 20x" },
  { id: "cfd-04", key: "margin", formula: "=LEV.MARGIN(LEV.NOTIONAL(23.92, 2000), 10)" },
  { id: "cfd-04", key: "profit", formula: '=LEV.PNL("long", 23.92, 24.2, 2000)' },
  { id: "cfd-06", key: "margin_gbp", formula: "=LEV.MARGIN(LEV.NOTIONAL(215, 1000, 0.01), 20)" },
  { id: "cfd-06", key: "open_commission", none: NO_FEE_FN },
  { id: "cfd-06", key: "close_commission", none: NO_FEE_FN },
  { id: "cfd-06", key: "gross_profit", formula: '=LEV.PNL("long", 215, 233.3, 1000, 0.01)' },
  { id: "cfd-06", key: "net_profit", formula: '=LEV.PNL("long", 215, 233.3, 1000, 0.01, 0.001)' },
  { id: "cfd-08", key: "margin_gbp", formula: "=LEV.MARGIN(LEV.NOTIONAL(7015.55, 5, 10), 100)" },
  {
    id: "cfd-08",
    key: "margin_usd",
    formula: '=LEV.FXCONVERT(LEV.MARGIN(LEV.NOTIONAL(7015.55, 5, 10), 100), "GBP", "USD", "GBP/USD", 1.35469)',
  },

  { id: "sb-02", key: "sell_pnl", formula: '=LEV.PNL("short", 5634, 5653, 10)' },
  { id: "sb-02", key: "buy_pnl", formula: '=LEV.PNL("long", 5635, 5652, 10)' },
  { id: "sb-04", key: "ryanair_pnl", formula: '=LEV.PNL("long", 6.06, 7.06, 5, 100)', note: "stake per cent: contract size 1/0.01" },
  { id: "sb-04", key: "ftse_short_pnl", formula: '=LEV.PNL("short", 6500, 6400, 4)' },

  { id: "sp-02", key: "total_cost", none: "cost plus commission is plain arithmetic" },
  { id: "sp-02", key: "total_revenue", none: "proceeds less commission is plain arithmetic" },
  { id: "sp-02", key: "profit", formula: '=LEV.PNL("long", 150, 180, 100, 1, 0.01)' },
  { id: "sp-02", key: "roi_pct", none: "return on cost including commission; ROE is on margin" },
  { id: "sp-02", key: "break_even_price", formula: '=LEV.BREAKEVEN("long", 150, 0.01, 0.01)' },
  { id: "sp-04", key: "gross_profit_gbp", formula: '=LEV.PNL("long", 299, 303.5, 10000, 0.01)' },
  { id: "sp-04", key: "open_commission", none: NO_FEE_FN },
  { id: "sp-04", key: "close_commission", none: NO_FEE_FN },

  { id: "avg-02", key: "shares_to_buy", formula: "=LEV.AVGDOWN(100, 50, 30, 40)" },
  { id: "avg-02", key: "cash_needed", formula: "=LEV.NOTIONAL(30, LEV.AVGDOWN(100, 50, 30, 40))" },
  { id: "avg-04", key: "avg_entry", formula: '=LEV.AVGPRICE({5000,6000}, {1000,2000}, "value")' },
  { id: "avg-06", key: "coins", none: "Σ cash/price is plain arithmetic" },
  {
    id: "avg-06",
    key: "avg_price",
    formula: '=LEV.AVGPRICE({20000;25000;40000}, {100;100;100}, "value")',
    within: { abs: 5e-6, why: "the vector prints 26086.95652 with ±1e-6, but 300/0.0115 = 26086.9565217…: its rounding alone is 1.7e-6 off" },
  },

  { id: "cprofit-02", key: "qty", none: "invested ÷ price is plain arithmetic" },
  { id: "cprofit-02", key: "exit_value", formula: "=LEV.NOTIONAL(0.8, 2000)", note: "quantity 1,000 ÷ 0.5 = 2,000" },
  { id: "cprofit-02", key: "profit", formula: '=LEV.PNL("long", 0.5, 0.8, 2000)' },
  { id: "cprofit-02", key: "roi_pct", formula: '=LEV.ROE("long", 0.5, 0.8, 1)', percent: true },

  { id: "mcap-02", key: "market_cap", formula: "=LEV.MARKETCAP(2, 500000000)" },
  { id: "mcap-02", key: "fdv", formula: "=LEV.MARKETCAP(2, 1000000000)" },
  { id: "mcap-02", key: "mcap_to_fdv", none: "a ratio of two market caps is plain arithmetic" },

  { id: "apy-02", key: "apy", formula: "=LEV.APY(0.05, 12)" },
  { id: "apy-04", key: "daily_rate", none: "APR ÷ 365 is plain arithmetic" },
  { id: "apy-04", key: "daily_reward", formula: "=LEV.STAKEREWARD(100000, 0.3, 1)" },
  { id: "apy-04", key: "annual_reward_simple", formula: "=LEV.STAKEREWARD(100000, 0.3, 365)" },
  { id: "apy-04", key: "apy_daily_compound", formula: "=LEV.APY(0.3, 365)" },

  { id: "comp-02", key: "end_12m_exact", formula: "=LEV.COMPOUND(1000, 0.04, 12)" },
  { id: "comp-02", key: "end_24m_exact", formula: "=LEV.COMPOUND(1000, 0.04, 24)" },
  { id: "comp-02", key: "end_12m_rounded_each_period", formula: "=LEV.COMPOUND(1000, 0.04, 12, 0, 0.01)" },
  { id: "comp-02", key: "end_24m_rounded_each_period", formula: "=LEV.COMPOUND(1000, 0.04, 24, 0, 0.01)" },
  { id: "comp-02", key: "end_36m_rounded_each_period", formula: "=LEV.COMPOUND(1000, 0.04, 36, 0, 0.01)" },
  { id: "comp-02", key: "alt_end", formula: "=LEV.COMPOUND(1000, 0.05, 6)" },

  { id: "rr-02", key: "rr", formula: '=LEV.RR("long", 2650, 2625, 2700)' },
  { id: "rr-02", key: "breakeven_win_rate", formula: '=LEV.BREAKEVENWR(LEV.RR("long", 2650, 2625, 2700))' },

  { id: "tp-02", key: "tp_long_pct", formula: '=LEV.TARGETPRICE("long", 2000, 0.05, 1)', note: "at 1x the ROE is the price move" },
  { id: "tp-02", key: "tp_short_pct", formula: '=LEV.TARGETPRICE("short", 2000, 0.05, 1)' },
  { id: "tp-02", key: "tp_long_roe", formula: '=LEV.TARGETPRICE("long", 2000, 0.5, 25)' },
  { id: "tp-02", key: "tp_short_roe", formula: '=LEV.TARGETPRICE("short", 2000, 0.5, 25)' },

  { id: "sl-02", key: "stop_price", formula: '=LEV.STOPPRICE("short", 50, 200, 300)' },

  { id: "dt-02", key: "end_balance", formula: "=LEV.COMPOUND(1000, 0.01, 20)" },
  { id: "dt-02", key: "total_return_pct", none: "end ÷ start − 1 is plain arithmetic" },

  // TRADES columns: Symbol 1, Side 2, Opened 3, Closed 4, Fills 5, Quantity 6, Avg entry 7, Avg exit 8, Gross PnL 9, Fees 10, Net PnL 11, Return 12, Status 13; trade k is row k + 1.
  { id: "journal-trades-01", key: "trades", formula: `=ROWS(${TRADES_1}) - 1`, note: "one row per trade under a header row" },
  { id: "journal-trades-01", key: "avg_entry", formula: `=INDEX(${TRADES_1}, 2, 7)` },
  { id: "journal-trades-01", key: "avg_exit", formula: `=INDEX(${TRADES_1}, 2, 8)` },
  { id: "journal-trades-01", key: "gross_pnl", formula: `=INDEX(${TRADES_1}, 2, 9)` },
  { id: "journal-trades-01", key: "fees", formula: `=INDEX(${TRADES_1}, 2, 10)` },
  { id: "journal-trades-01", key: "net_pnl", formula: `=INDEX(${TRADES_1}, 2, 11)` },
  { id: "journal-trades-01", key: "return", formula: `=INDEX(${TRADES_1}, 2, 12)` },
  { id: "journal-trades-01", key: "opened_serial", formula: `=INDEX(${TRADES_1}, 2, 3)`, within: { abs: 5e-6, why: "the vector prints the serial to 5 decimals (a minute is 0.000694 of a day), while its tolerance is 1e-9" } },
  { id: "journal-trades-01", key: "closed_serial", formula: `=INDEX(${TRADES_1}, 2, 4)`, within: { abs: 5e-6, why: "the vector prints the serial to 5 decimals (a minute is 0.000694 of a day), while its tolerance is 1e-9" } },


  { id: "journal-trades-02", key: "trades", formula: `=ROWS(${TRADES_2}) - 1`, note: "one row per trade under a header row" },
  { id: "journal-trades-02", key: "quantity", formula: `=INDEX(${TRADES_2}, 2, 6)` },
  { id: "journal-trades-02", key: "avg_entry", formula: `=INDEX(${TRADES_2}, 2, 7)` },
  { id: "journal-trades-02", key: "avg_exit", formula: `=INDEX(${TRADES_2}, 2, 8)` },
  { id: "journal-trades-02", key: "gross_pnl", formula: `=INDEX(${TRADES_2}, 2, 9)` },
  { id: "journal-trades-02", key: "net_pnl", formula: `=INDEX(${TRADES_2}, 2, 11)` },
  { id: "journal-trades-02", key: "return", formula: `=INDEX(${TRADES_2}, 2, 12)` },
  { id: "journal-trades-02", key: "status", formula: `=INDEX(${TRADES_2}, 2, 13)` },
  { id: "journal-trades-02", key: "closed", formula: `=INDEX(${TRADES_2}, 2, 4)` },


  { id: "journal-trades-03", key: "trades", formula: `=ROWS(${TRADES_3}) - 1`, note: "one row per trade under a header row" },
  { id: "journal-trades-03", key: "first_side", formula: `=INDEX(${TRADES_3}, 2, 2)` },
  { id: "journal-trades-03", key: "first_net_pnl", formula: `=INDEX(${TRADES_3}, 2, 11)` },
  { id: "journal-trades-03", key: "second_side", formula: `=INDEX(${TRADES_3}, 3, 2)` },
  { id: "journal-trades-03", key: "second_quantity", formula: `=INDEX(${TRADES_3}, 3, 6)` },
  { id: "journal-trades-03", key: "second_fills", formula: `=INDEX(${TRADES_3}, 3, 5)` },
  { id: "journal-trades-03", key: "second_fees", formula: `=INDEX(${TRADES_3}, 3, 10)` },
  { id: "journal-trades-03", key: "second_net_pnl", formula: `=INDEX(${TRADES_3}, 3, 11)` },
  { id: "journal-trades-03", key: "second_opened_serial", formula: `=INDEX(${TRADES_3}, 3, 3)`, within: { abs: 5e-6, why: "the vector prints the serial to 5 decimals (a minute is 0.000694 of a day), while its tolerance is 1e-9" } },


  { id: "journal-trades-04", key: "trades", formula: `=ROWS(${TRADES_4}) - 1`, note: "one row per trade under a header row" },
  { id: "journal-trades-04", key: "first_side", formula: `=INDEX(${TRADES_4}, 2, 2)` },
  { id: "journal-trades-04", key: "first_status", formula: `=INDEX(${TRADES_4}, 2, 13)` },
  { id: "journal-trades-04", key: "first_quantity", formula: `=INDEX(${TRADES_4}, 2, 6)` },
  { id: "journal-trades-04", key: "first_gross_pnl", formula: `=INDEX(${TRADES_4}, 2, 9)` },
  { id: "journal-trades-04", key: "first_avg_exit", formula: `=INDEX(${TRADES_4}, 2, 8)` },
  { id: "journal-trades-04", key: "first_net_pnl", formula: `=INDEX(${TRADES_4}, 2, 11)` },
  { id: "journal-trades-04", key: "second_side", formula: `=INDEX(${TRADES_4}, 3, 2)` },
  { id: "journal-trades-04", key: "second_status", formula: `=INDEX(${TRADES_4}, 3, 13)` },
  { id: "journal-trades-04", key: "second_gross_pnl", formula: `=INDEX(${TRADES_4}, 3, 9)` },
  { id: "journal-trades-04", key: "second_fees", formula: `=INDEX(${TRADES_4}, 3, 10)` },
  { id: "journal-trades-04", key: "second_net_pnl", formula: `=INDEX(${TRADES_4}, 3, 11)` },
  { id: "journal-trades-04", key: "second_closed_serial", formula: `=INDEX(${TRADES_4}, 3, 4)`, within: { abs: 5e-6, why: "the vector prints the serial to 5 decimals (a minute is 0.000694 of a day), while its tolerance is 1e-9" } },

  // JOURNALSTATS rows in the catalog's order: Trades 1, Wins 2, Losses 3, Win rate 4, Net profit 5, Gross profit 6, Gross loss 7, Profit factor 8, Average win 9, Average loss 10, Payoff ratio 11, Expectancy 12, Largest win 13, Largest loss 14, Max consecutive wins 15, Max consecutive losses 16, Max drawdown 17, Max drawdown % 18, Average R 19, SQN 20; the value is column 2.
  { id: "journal-stats-01", key: "trades", formula: `=INDEX(${JOURNALSTATS_1}, 1, 2)` },
  { id: "journal-stats-01", key: "wins", formula: `=INDEX(${JOURNALSTATS_1}, 2, 2)` },
  { id: "journal-stats-01", key: "losses", formula: `=INDEX(${JOURNALSTATS_1}, 3, 2)` },
  { id: "journal-stats-01", key: "win_rate", formula: `=INDEX(${JOURNALSTATS_1}, 4, 2)` },
  { id: "journal-stats-01", key: "net_profit", formula: `=INDEX(${JOURNALSTATS_1}, 5, 2)` },
  { id: "journal-stats-01", key: "gross_profit", formula: `=INDEX(${JOURNALSTATS_1}, 6, 2)` },
  { id: "journal-stats-01", key: "gross_loss", formula: `=INDEX(${JOURNALSTATS_1}, 7, 2)` },
  { id: "journal-stats-01", key: "profit_factor", formula: `=INDEX(${JOURNALSTATS_1}, 8, 2)` },
  { id: "journal-stats-01", key: "average_win", formula: `=INDEX(${JOURNALSTATS_1}, 9, 2)` },
  { id: "journal-stats-01", key: "average_loss", formula: `=INDEX(${JOURNALSTATS_1}, 10, 2)` },
  { id: "journal-stats-01", key: "payoff_ratio", formula: `=INDEX(${JOURNALSTATS_1}, 11, 2)` },
  { id: "journal-stats-01", key: "expectancy", formula: `=INDEX(${JOURNALSTATS_1}, 12, 2)` },
  { id: "journal-stats-01", key: "largest_win", formula: `=INDEX(${JOURNALSTATS_1}, 13, 2)` },
  { id: "journal-stats-01", key: "largest_loss", formula: `=INDEX(${JOURNALSTATS_1}, 14, 2)` },
  { id: "journal-stats-01", key: "max_consecutive_wins", formula: `=INDEX(${JOURNALSTATS_1}, 15, 2)` },
  { id: "journal-stats-01", key: "max_consecutive_losses", formula: `=INDEX(${JOURNALSTATS_1}, 16, 2)` },
  { id: "journal-stats-01", key: "max_drawdown", formula: `=INDEX(${JOURNALSTATS_1}, 17, 2)` },
  { id: "journal-stats-01", key: "max_drawdown_pct", formula: `=INDEX(${JOURNALSTATS_1}, 18, 2)` },
  { id: "journal-stats-01", key: "average_r", formula: `=INDEX(${JOURNALSTATS_1}, 19, 2)` },
  { id: "journal-stats-01", key: "sqn", formula: `=INDEX(${JOURNALSTATS_1}, 20, 2)` },

  { id: "journal-stats-02", key: "trades", formula: `=INDEX(${JOURNALSTATS_2}, 1, 2)` },
  { id: "journal-stats-02", key: "win_rate", formula: `=INDEX(${JOURNALSTATS_2}, 4, 2)` },
  { id: "journal-stats-02", key: "profit_factor", formula: `=INDEX(${JOURNALSTATS_2}, 8, 2)` },
  { id: "journal-stats-02", key: "average_loss", formula: `=INDEX(${JOURNALSTATS_2}, 10, 2)` },
  { id: "journal-stats-02", key: "payoff_ratio", formula: `=INDEX(${JOURNALSTATS_2}, 11, 2)` },
  { id: "journal-stats-02", key: "largest_loss", formula: `=INDEX(${JOURNALSTATS_2}, 14, 2)` },
  { id: "journal-stats-02", key: "max_drawdown", formula: `=INDEX(${JOURNALSTATS_2}, 17, 2)` },
  { id: "journal-stats-02", key: "max_drawdown_pct", formula: `=INDEX(${JOURNALSTATS_2}, 18, 2)` },
  { id: "journal-stats-02", key: "average_r", formula: `=INDEX(${JOURNALSTATS_2}, 19, 2)` },
  { id: "journal-stats-02", key: "sqn", formula: `=INDEX(${JOURNALSTATS_2}, 20, 2)` },

  // EQUITYCURVE: header, row 0, then trade k on row k + 2; Trade 1, PnL 2, Balance 3, Peak 4, Drawdown 5, Drawdown % 6.
  { id: "equity-curve-01", key: "rows", formula: `=ROWS(${EQUITYCURVE_1})`, note: "header, row 0 and five trades" },
  { id: "equity-curve-01", key: "balance_2", formula: `=INDEX(${EQUITYCURVE_1}, 4, 3)` },
  { id: "equity-curve-01", key: "peak_2", formula: `=INDEX(${EQUITYCURVE_1}, 4, 4)` },
  { id: "equity-curve-01", key: "drawdown_2", formula: `=INDEX(${EQUITYCURVE_1}, 4, 5)` },
  { id: "equity-curve-01", key: "drawdown_pct_2", formula: `=INDEX(${EQUITYCURVE_1}, 4, 6)` },
  { id: "equity-curve-01", key: "balance_5", formula: `=INDEX(${EQUITYCURVE_1}, 7, 3)` },
  { id: "equity-curve-01", key: "drawdown_pct_5", formula: `=INDEX(${EQUITYCURVE_1}, 7, 6)` },

  // CROSSLIQ: one cell per positions row, in order.
  { id: "cross-liq-binance-01", key: "btc_liq_price", formula: `=INDEX(${CROSSLIQ_1}, 1, 1)` },
  { id: "cross-liq-02", key: "btc_liq_price", formula: `=INDEX(${CROSSLIQ_2}, 1, 1)` },
  { id: "cross-liq-02", key: "eth_liq_price", formula: `=INDEX(${CROSSLIQ_2}, 2, 1)` },
  { id: "cross-liq-03", key: "long_row_liq_price", formula: `=INDEX(${CROSSLIQ_3}, 1, 1)` },
  { id: "cross-liq-03", key: "short_row_liq_price", formula: `=INDEX(${CROSSLIQ_3}, 2, 1)` },

  // CROSSACCOUNT rows: Positions 1, Notional 2, Unrealized PnL 3, Margin balance 4, Maintenance margin 5, Margin ratio 6, Effective leverage 7; the value is column 2.
  { id: "cross-account-01", key: "positions", formula: `=INDEX(${CROSSACCOUNT_1}, 1, 2)` },
  { id: "cross-account-01", key: "notional", formula: `=INDEX(${CROSSACCOUNT_1}, 2, 2)` },
  { id: "cross-account-01", key: "unrealized_pnl", formula: `=INDEX(${CROSSACCOUNT_1}, 3, 2)` },
  { id: "cross-account-01", key: "margin_balance", formula: `=INDEX(${CROSSACCOUNT_1}, 4, 2)` },
  { id: "cross-account-01", key: "maintenance_margin", formula: `=INDEX(${CROSSACCOUNT_1}, 5, 2)` },
  { id: "cross-account-01", key: "margin_ratio", formula: `=INDEX(${CROSSACCOUNT_1}, 6, 2)` },
  { id: "cross-account-01", key: "effective_leverage", formula: `=INDEX(${CROSSACCOUNT_1}, 7, 2)` },
];
