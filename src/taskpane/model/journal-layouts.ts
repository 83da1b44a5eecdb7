/**
 * Known export layouts, as data: each is recognised by the columns its header row must have, and says which
 * column holds each field of a fill and how its cells are written. The test of each layout
 * (test/taskpane/model/journal-import.test.ts) cites where its header comes from.
 */

/** The fields of a fill, in the order of the journal's table. */
export const FILL_FIELDS = ["time", "symbol", "side", "price", "quantity", "fee", "feeAsset", "positionSide"] as const;
export type FillField = (typeof FILL_FIELDS)[number];
export const REQUIRED_FIELDS: readonly FillField[] = ["time", "symbol", "side", "price", "quantity"];

export const FIELD_LABELS: Record<FillField, string> = {
  time: "Time",
  symbol: "Symbol",
  side: "Side",
  price: "Price",
  quantity: "Quantity",
  fee: "Fee",
  feeAsset: "Fee currency",
  positionSide: "Position side",
};

/** How a layout's time cells are written. */
export type TimeFormat =
  | "iso" // 2024-01-08 09:30:00 (also with T)
  | "yy-iso" // 26-03-17 09:34:12: Binance's newer futures export, two-digit year
  | "dotted" // 2024.03.01 09:00:00: MetaTrader
  | "epoch-ms"; // 1704700800000: milliseconds since 1970 (APIs)

export interface Layout {
  id: string;
  name: string;
  /** Header cells (compared trimmed, ignoring case) that must all be present for the layout to be recognised. */
  requires: readonly string[];
  /** Header cell of each field; a field not listed is not in this export. */
  columns: Partial<Record<FillField, string>>;
  time: TimeFormat;
  /** The time zone the export states. */
  zone: string;
  /** −1 where the export writes a fee charged as a negative number (OKX); fees paid are positive in LEV. */
  feeSign?: 1 | -1;
  /** A column whose rows are not fills unless they hold one of these words (MetaTrader's deal types). */
  onlyTypes?: { column: string; words: readonly string[] };
  /** Something the trader must know about this export, shown in the preview. */
  note?: string;
}

export const LAYOUTS: readonly Layout[] = [
  {
    id: "binance-futures",
    name: "Binance USDS-M futures trade history",
    requires: ["Time", "Symbol", "Side", "Price", "Quantity", "Fee", "Realized Profit"],
    columns: { time: "Time", symbol: "Symbol", side: "Side", price: "Price", quantity: "Quantity", fee: "Fee", positionSide: "Position Side" },
    time: "yy-iso",
    zone: "UTC",
  },
  {
    id: "binance-futures-legacy",
    name: "Binance USDS-M futures trade history",
    requires: ["Date(UTC)", "Symbol", "Side", "Price", "Quantity", "Fee", "Realized Profit"],
    columns: { time: "Date(UTC)", symbol: "Symbol", side: "Side", price: "Price", quantity: "Quantity", fee: "Fee", feeAsset: "Fee Coin", positionSide: "Position Side" },
    time: "iso",
    zone: "UTC",
  },
  {
    id: "binance-spot",
    name: "Binance spot trade history",
    requires: ["Date(UTC)", "Pair", "Side", "Price", "Executed", "Amount", "Fee"],
    columns: { time: "Date(UTC)", symbol: "Pair", side: "Side", price: "Price", quantity: "Executed", fee: "Fee" },
    time: "iso",
    zone: "UTC",
    note: "Binance spot charges fees in the coin received or in BNB: they are in another currency than the price.",
  },
  {
    id: "bybit",
    name: "Bybit trade history (executions)",
    requires: ["symbol", "side", "execPrice", "execQty", "execFee", "execTime"],
    columns: { time: "execTime", symbol: "symbol", side: "side", price: "execPrice", quantity: "execQty", fee: "execFee", feeAsset: "feeCurrency" },
    time: "epoch-ms",
    zone: "UTC",
  },
  {
    id: "okx",
    name: "OKX trade history (fills)",
    requires: ["Instrument ID", "Side", "Fill Price", "Fill Size", "Fee", "Trade Time"],
    columns: { time: "Trade Time", symbol: "Instrument ID", side: "Side", price: "Fill Price", quantity: "Fill Size", fee: "Fee", feeAsset: "Fee Currency" },
    time: "iso",
    zone: "UTC",
    feeSign: -1,
    note: "OKX writes a fee charged as a negative number and a rebate as a positive one; the journal counts fees paid as positive.",
  },
  {
    id: "mt5-deals",
    name: "MetaTrader 5 deals (history saved as CSV)",
    requires: ["Time", "Deal", "Symbol", "Type", "Direction", "Volume", "Price", "Commission"],
    columns: { time: "Time", symbol: "Symbol", side: "Type", price: "Price", quantity: "Volume", fee: "Commission" },
    time: "dotted",
    zone: "the trade server's time zone",
    feeSign: -1,
    onlyTypes: { column: "Type", words: ["buy", "sell"] },
    note: "MetaTrader volumes are lots: PnL in the journal is price move × lots until you give the contract size (100,000 for a standard forex lot). Commissions are charged as negative numbers.",
  },
];

/** Words in column names that suggest each field, for a CSV of no known layout. */
export const FIELD_HINTS: Record<FillField, readonly string[]> = {
  time: ["time", "date", "datetime", "timestamp", "executed at", "filled at"],
  symbol: ["symbol", "pair", "instrument", "market", "ticker", "contract", "contracts", "asset"],
  side: ["side", "direction", "type", "buy/sell", "action"],
  price: ["price", "fill price", "exec price", "avg price", "execution price"],
  quantity: ["quantity", "qty", "size", "amount", "volume", "filled", "executed", "shares", "lots"],
  fee: ["fee", "fees", "commission", "commissions", "trading fee"],
  feeAsset: ["fee currency", "fee coin", "fee asset", "commission asset", "fee ccy"],
  positionSide: ["position side", "positionside", "pos side"],
};
