import type { FillField, Layout } from "./journal-layouts";
import type { DateOrder, DecimalMark, Zone } from "./journal-read";
import type { Source } from "./journal-source";
import type { Fill, Payment } from "./journal-fill";

/** What the journal import's reading gives back (journal-import.ts): the analysis of one export, its questions and its counts. */

/** Which column (0-based) holds each field; undefined when the export has no such column. */
export type Mapping = Partial<Record<FillField, number>>;

export interface Rejected {
  line: number;
  reason: string;
}

/** Rows that are not fills, by what they are (funding payments, transfers, the report's totals…). */
export interface Skipped {
  what: string;
  count: number;
  lines: number[];
}

/** The funding payments a file lists: how many, on which contracts, when, and their sum per coin. */
export interface FundingSummary {
  count: number;
  symbols: string[];
  /** Payments whose contract the export does not name (Binance's account statement). */
  withoutSymbol: number;
  first: number | undefined;
  last: number | undefined;
  totals: { asset: string; total: number }[];
}

/** Fees in another currency than the price's quote currency, per currency. */
export interface ForeignFees {
  asset: string;
  fills: number;
  total: number;
}

/** A symbol whose volumes are lots or contracts: its contract size, and where it comes from. */
export interface ContractSize {
  symbol: string;
  size: number | undefined;
  /** given: typed by the trader; inferred: the only size at which the exchange's PnL agrees; standard: a standard forex lot. */
  from: "given" | "inferred" | "standard" | "needed";
  why: string;
}

export interface Question<T extends string> {
  /** The answer chosen, when the trader chose one. */
  answer: T | undefined;
  /** Cells that read two ways, or that disagree, quoted with their lines. */
  examples: { line: number; text: string; column?: string }[];
  /** Cells disagree (some decisive one way, some the other). */
  conflict: boolean;
}

export interface ZoneInfo {
  /** The zone the file's times are read in. */
  file: Zone;
  /** Where the file states it ("the file name: …(UTC+6)…", "the header Date(UTC)"), when it does. */
  said: string | undefined;
  /** The zone stated by the file, when it states one (the trader may read the file in another). */
  stated: Zone | undefined;
  /** Why the file has no zone, when it states none. */
  unstated: string | undefined;
  /** The zone the times are written in. */
  write: Zone;
  /** Times in the hour repeated or skipped by a daylight-saving change (named zones). */
  repeated: number[];
  skipped: number[];
}

export interface ReadOptions {
  /** The trader's mapping (a CSV of no known layout). */
  mapping?: Mapping;
  decimal?: DecimalMark;
  dateOrder?: DateOrder;
  /** The zone to read the file's times in, when the trader changed it. */
  zone?: Zone;
  /** The zone to write the times in (UTC by default). */
  writeZone?: Zone;
  /** Contract sizes by symbol (upper case), for lots and contracts. */
  contractSizes?: Record<string, number>;
  /** Remembered mappings: header key → field → header cell. */
  remembered?: Record<string, Partial<Record<FillField, string>>>;
}

export interface Analysis {
  source: { name: string; kind: Source["kind"]; lineWord: "line" | "row" };
  layout: Layout | undefined;
  /** The header row's cells and its line. */
  header: string[];
  headerLine: number;
  /** The key a corrected mapping is remembered under (the header's names). */
  headerKey: string;
  mapping: Mapping;
  /** Where the mapping came from. */
  mappingFrom: "layout" | "remembered" | "proposed" | "trader";
  missing: FillField[];
  decimal: Question<DecimalMark> | undefined;
  dateOrder: Question<DateOrder> | undefined;
  zone: ZoneInfo;
  contracts: ContractSize[];
  /** MetaTrader: the account's currency and whether it hedges, from the report's Account line. */
  account: { currency: string | undefined; hedging: boolean } | undefined;
  /** Fills in the order they are written: oldest first, rows of one second in the exchange's order. */
  fills: Fill[];
  /** Funding payments, oldest first (rows of one second in the file's order). */
  funding: Payment[];
  fundingSummary: FundingSummary;
  rejected: Rejected[];
  skipped: Skipped[];
  symbols: string[];
  first: number | undefined;
  last: number | undefined;
  foreignFees: ForeignFees[];
  hedge: boolean;
  /** The file listed its rows newest first: they are written oldest first. */
  reversed: boolean;
  /** Decimals the export writes its realised PnL with (trailing zeros not counted), for the reconciliation. */
  realisedDecimals: number;
  /** Why nothing can be read yet (a question to answer, a column to choose), when so. */
  waiting: string | undefined;
}
