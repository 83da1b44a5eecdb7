/**
 * The LEV engine: pure TypeScript and decimal.js. It knows nothing of Excel, the DOM or clocks.
 * Each export in capitals is a worksheet function's definition (its arguments as data and its maths);
 * the lower-case exports are the maths alone, with named arguments, for the task pane and the tables.
 */
export { D, type Dec } from "./decimal";
export {
  EngineError,
  InvalidArgumentError,
  DomainError,
  DivisionByZeroError,
  NotAvailableError,
  isEngineError,
  type ErrorCode,
} from "./errors";
export { readSide, readLeverage, readNumber, type Side } from "./read";
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
} from "./formats";
export { define, boundsMessage, type Bounds, type Param, type EngineFunction, type AnyEngineFunction, type Result, type Table, type TableCell } from "./spec";
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
} from "./margin";
export { PNL, ROE, TARGETPRICE, BREAKEVEN, pnl, roe, targetPrice, breakEven } from "./pnl";
export {
  LIQPRICE,
  BANKRUPTCY,
  LIQDISTANCE,
  WALLETLIQ,
  INVLIQPRICE,
  MAXLEVERAGE,
  liquidationPrice,
  liquidationFromMargin,
  bankruptcy,
  walletLiquidation,
  inverseLiquidation,
  maxLeverage,
  type MmBasis,
} from "./liquidation";
export { ROUNDSTEP, roundStep, roundToStep, type RoundMode, type StepMode } from "./rounding";
export {
  MAINTMARGIN,
  maintenanceMargin,
  readTierTable,
  MAX_TIERS,
  findTier,
  nextMaintenanceAmount,
  maintenance,
  type Maintenance,
  type Tier,
} from "./tiers";
export { INVNOTIONAL, INVPNL, INVROE, inverseNotional, inversePnl, inverseRoe } from "./inverse";
export { AVGPRICE, AVGDOWN, averagePrice, averageDown, type SizeKind } from "./averages";
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
  inverseRiskSize,
  rewardRisk,
  takeProfit,
  stopPrice,
  breakEvenWinRate,
  expectancy,
} from "./risk";
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
} from "./funding";
export {
  PIPSIZE,
  PIPS,
  PIPVALUE,
  FXMARGIN,
  FXCONVERT,
  FXLOTS,
  SPREADCOST,
  COMPOUND,
  pipSize,
  pipValue,
  fxMargin,
  convert,
  fxLots,
  spreadCost,
  compound,
  compoundRows,
  readPair,
  readCurrency,
  pairText,
  MAX_ROUNDED_PERIODS,
  type Pair,
  type CompoundArgs,
  type CompoundRow,
} from "./forex";
export { MARKETCAP, CAPPRICE, APY, APR, STAKEREWARD, apy, apr, stakeReward } from "./crypto";
export {
  SCENARIOS,
  GRID,
  LADDER,
  COMPOUNDTABLE,
  scenarios,
  grid,
  ladder,
  MAX_CELLS,
  MAX_GRID_LEVERAGES,
  SCENARIO_HEADER,
  liquidated,
  LADDER_HEADER,
  COMPOUNDTABLE_HEADER,
  type GridMeasure,
} from "./tables";
export {
  CROSSLIQ,
  CROSSACCOUNT,
  CROSSACCOUNT_LABELS,
  crossLiquidation,
  crossAccount,
  positionsOf,
  readPositionsBlock,
  type CrossPosition,
} from "./cross";
export {
  TRADES,
  JOURNALSTATS,
  EQUITYCURVE,
  trades,
  readFills,
  tradesTable,
  journalStats,
  equityCurve,
  isoSerial,
  TRADES_HEADER,
  JOURNALSTATS_LABELS,
  EQUITYCURVE_HEADER,
  type TradeRow,
  type JournalStatLabel,
} from "./journal";
