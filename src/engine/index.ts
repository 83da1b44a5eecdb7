/**
 * The LEV engine: pure TypeScript and decimal.js. It knows nothing of Excel, the DOM or clocks.
 * Each export in capitals is a worksheet function's definition (its arguments as data and its maths);
 * the lower-case exports are the maths alone, with named arguments, for the task pane and the tables.
 */
export { D, type Dec } from "./spec/decimal";
export {
  EngineError,
  InvalidArgumentError,
  DomainError,
  DivisionByZeroError,
  NotAvailableError,
  isEngineError,
  type ErrorCode,
} from "./spec/errors";
export { readSide, readLeverage, readNumber, type Side } from "./spec/read";
export {
  FORMATS,
  cellFormat,
  priceFormat,
  TRADES_FORMATS,
  EQUITYCURVE_FORMATS,
  JOURNALSTATS_FORMATS,
  SCENARIOS_FORMATS,
  LADDER_FORMATS,
  COMPOUNDTABLE_FORMATS,
  type TableFormats,
} from "./spec/formats";
export { boundsMessage, type Bounds, type Param } from "./spec/params";
export { define, type EngineFunction, type AnyEngineFunction, type Result, type Table, type TableCell } from "./spec/define";
export {
  EXPOSURE,
  MARGIN,
  NOTIONAL,
  LEVERAGE,
  EQUITY,
  FREEMARGIN,
  MARGINLEVEL,
  MARGINSTATUS,
  CALLPRICE,
  REGTCALL,
  RETAILCAP,
  DTBP,
  margin,
  notional,
  marginLevel,
  marginStatus,
  callPrice,
  retailCap,
  type MarginStatus,
} from "./margin/margin";
export { PNL, ROE, TARGETPRICE, BREAKEVEN, pnl, roe, targetPrice, breakEven } from "./margin/pnl";
export { LIQPRICE, BANKRUPTCY, LIQDISTANCE, MAXLEVERAGE, bankruptcy, maxLeverage } from "./liquidation/isolated";
export { liquidationPrice, liquidationFromMargin, type MmBasis } from "./liquidation/price";
export { WALLETLIQ, INVLIQPRICE, walletLiquidation, inverseLiquidation } from "./liquidation/wallet";
export { ROUNDSTEP, roundStep, roundToStep, type RoundMode, type StepMode } from "./margin/rounding";
export {
  readTierTable,
  MAX_TIERS,
  findTier,
  nextMaintenanceAmount,
  type Maintenance,
  type Tier,
} from "./liquidation/tiers";
export { MAINTMARGIN, maintenanceMargin, maintenance, DEFAULT_MMR } from "./liquidation/maintenance";
export { INVNOTIONAL, INVPNL, INVROE, inverseNotional, inversePnl, inverseRoe } from "./margin/inverse";
export { AVGPRICE, AVGDOWN, averagePrice, averageDown, type SizeKind } from "./margin/averages";
export {
  RISKSIZE,
  INVRISKSIZE,
  RR,
  TAKEPROFIT,
  STOPPRICE,
  BREAKEVENWR,
  EXPECTANCY,
  riskSize,
  checkStop,
  checkTarget,
  inverseRiskSize,
  rewardRisk,
  takeProfit,
  stopPrice,
  breakEvenWinRate,
  expectancy,
} from "./margin/risk";
export {
  FUNDINGFEE,
  FUNDINGRATE,
  FUNDINGAPR,
  FINANCING,
  SWAP,
  fundingFee,
  fundingRate,
  fundingApr,
  financing,
  swap,
} from "./rates/funding";
export {
  PIPSIZE,
  PIPS,
  PIPVALUE,
  FXMARGIN,
  FXCONVERT,
  FXLOTS,
  SPREADCOST,
  pipSize,
  pipValue,
  fxMargin,
  convert,
  fxLots,
  spreadCost,
  readPair,
  readCurrency,
  pairText,
  type Pair,
} from "./forex/forex";
export { COMPOUND, compound, compoundRows, MAX_ROUNDED_PERIODS, type CompoundArgs, type CompoundRow } from "./rates/compound";
export { MARKETCAP, CAPPRICE, APY, APR, STAKEREWARD, apy, apr, stakeReward } from "./rates/crypto";
export { SCENARIOS, GRID, LADDER, COMPOUNDTABLE } from "./tables/tables";
export { MAX_CELLS, liquidated } from "./tables/common";
export { scenarios, SCENARIO_HEADER } from "./tables/scenarios";
export { grid, MAX_GRID_LEVERAGES, type GridMeasure } from "./tables/grid";
export { ladder, LADDER_HEADER } from "./tables/ladder";
export { COMPOUNDTABLE_HEADER } from "./tables/schedule";
export {
  CROSSLIQ,
  CROSSACCOUNT,
  CROSSACCOUNT_LABELS,
  crossLiquidation,
  crossAccount,
  positionsOf,
  readPositionsBlock,
  type CrossPosition,
} from "./cross/cross";
export { TRADES, trades } from "./journal/trades";
export { readFills, type Fills, type FillColumns } from "./journal/fills";
export { tradesTable, TRADES_HEADER, type TradeRow } from "./journal/rows";
export { JOURNALSTATS } from "./journal/journalstats";
export { journalStats, JOURNALSTATS_LABELS, type JournalStatLabel } from "./journal/stats";
export { EQUITYCURVE, equityCurve, EQUITYCURVE_HEADER } from "./journal/equity";
export { isoSerial } from "./journal/dates";
