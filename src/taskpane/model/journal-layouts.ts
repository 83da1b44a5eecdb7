/**
 * Known export layouts, as data: each is recognised by the columns its header row must have (wherever that
 * row is: Bybit and OKX put a line above it, MetaTrader's report has its Deals table under Positions and
 * Orders), and says which column holds each field of a fill and how its cells are written. Each layout is
 * tested on a real export, or on rows rebuilt under a header quoted verbatim where no openly licensed file
 * exists; test/fixtures/journal/README.md lists every file's source.
 *
 * A column name may list alternatives separated by "|" ("Symbol|Pair").
 */

/** The fields of a fill a column can hold. */
export const FILL_FIELDS = ["time", "symbol", "side", "price", "quantity", "fee", "feeAsset", "positionSide"] as const;
export type FillField = (typeof FILL_FIELDS)[number];
export const REQUIRED_FIELDS: readonly FillField[] = ["time", "symbol", "side", "price", "quantity"];

/** Columns a known layout reads beside a fill's own: the exchange's realised PnL, open/close, the row's kind… */
export type ExtraField =
  | "realised"
  | "action"
  | "kind"
  | "positionAfter"
  | "currency"
  | "unit"
  | "orderId"
  | "entryPrice"
  | "exitPrice"
  | "openedAt"
  | "tradeId"
  | "amount"
  | "asset"
  | "account";

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

/** A side word and what the exchange says the fill does to the position. */
export interface SideWord {
  side: "buy" | "sell";
  action?: "open" | "close";
}

/** Bybit's Direction: the side and whether it opens or closes. */
const OPEN_CLOSE_SIDES: Record<string, SideWord> = {
  "open long": { side: "buy", action: "open" },
  "close long": { side: "sell", action: "close" },
  "open short": { side: "sell", action: "open" },
  "close short": { side: "buy", action: "close" },
  buy: { side: "buy" },
  sell: { side: "sell" },
};

/** The exchange's own realised PnL, and what it is, so that it is compared with LEV's like with like. */
export interface Realised {
  /** Per fill, before fees (Binance's Realized Profit); per fill, after fees (Bybit's Change); per position row (Bybit's Closed P&L); MetaTrader's Profit in the account currency. */
  kind: "gross-fill" | "net-fill" | "position" | "account";
  /** How the preview names it: "Binance's Realized Profit". */
  label: string;
  /** What it includes, in a sentence, so that a difference can be explained. */
  means: string;
}

/**
 * Funding payments an export lists (among its fills, or alone): the rows whose kind (`columns.kind`) is one of
 * `kinds`, their amount in `columns.amount`, their coin in `columns.asset` (the symbol's quote currency when
 * the export has no such column) and their contract in `columns.symbol` (none: the export does not say).
 */
export interface FundingRows {
  kinds: readonly string[];
  /** 1 where the export writes a payment received positive (Binance, Bybit's log); −1 where it writes a payment made positive (Bybit's trade history, "Fees Paid"). */
  sign: 1 | -1;
  /** What the amount column is, for the preview ("Fees Paid, a payment made positive"). */
  means: string;
  /** An account statement: only rows of these accounts (`columns.account`) are funding on linear contracts; the others are named. */
  accounts?: { linear: readonly string[]; others: Record<string, string> };
}

export interface Layout {
  id: string;
  /** The exchange and export, as the preview names it. */
  name: string;
  exchange: string;
  /** Header cells (compared trimmed, ignoring case and byte-order marks) that must all be present. */
  requires: readonly string[];
  /** Header cell of each field; a field not listed is not in this export. */
  columns: Partial<Record<FillField | ExtraField, string>>;
  /** Why the times have no zone when the file states none (MetaTrader: the trade server's time). The zone is looked for in the time column's header, then the file name, then the lines above the header. */
  zoneUnstated?: string;
  /** Times with a two-digit year first (Binance's newer exports write 26-03-17 for 2026-03-17). */
  yearFirstTwoDigits?: boolean;
  /** Side words; plain buy/sell when not given. */
  sides?: Record<string, SideWord>;
  /** The row's kind (`columns.kind`): which words are fills, and what the others are (named in the preview, not read). */
  kinds?: { fills: readonly string[]; others: Record<string, string> };
  /** −1 where the export writes a fee charged as a negative number (OKX, Bybit's log, MetaTrader); fees paid are positive in LEV. */
  feeSign?: 1 | -1;
  /** Quantities (and fees) followed by their coin ("5.11INCH"), read through the pair's base asset. */
  amountsWithAsset?: boolean;
  /** One row per currency leg of a fill: the leg in the pair's base currency is the fill; the quote leg carries the fee when the fee is paid in it. */
  legs?: boolean;
  /** A spot account's export: a sell can only close what was bought (spot cannot go short). */
  spot?: boolean;
  /** A signed amount instead of a side column: positive bought, negative sold (OKX's 2020 export). */
  signedQuantity?: boolean;
  /** One row per closed position (Bybit's Closed P&L): an entry and an exit fill are written for it. */
  closedPositions?: boolean;
  /** Volumes in lots or contracts: the money needs each symbol's contract size. */
  lots?: "lots" | "contracts";
  /** MetaTrader's report: deals with in/out directions, hedging or netting stated on the Account line. */
  metatrader?: boolean;
  realised?: Realised;
  /** Inverse contracts: refused, with this message. */
  inverse?: string;
  /** Funding payments among the rows (see FundingRows). */
  funding?: FundingRows;
  /** The export lists cash movements only (funding among them), no fills. */
  fundingOnly?: boolean;
  /** Something the trader must know about this export, shown in the preview. */
  note?: string;
}

const BINANCE_ZONE = "Binance writes the zone in the file name, as (UTC+6); this file's name does not say it";

/** What Binance's spot exports share, whatever the language of their header. */
const BINANCE_SPOT = {
  exchange: "Binance",
  zoneUnstated: BINANCE_ZONE,
  yearFirstTwoDigits: true,
  amountsWithAsset: true,
  spot: true,
  note: "Binance spot charges fees in the coin received or in BNB: they are in another currency than the price.",
} as const;

const BINANCE_REALISED: Realised = {
  kind: "gross-fill",
  label: "Binance's Realized Profit",
  means: "Binance's Realized Profit is per fill and before fees, so it is compared with LEV's Gross PnL",
};

export const LAYOUTS: readonly Layout[] = [
  {
    id: "binance-futures",
    name: "Binance USDS-M futures trade history",
    exchange: "Binance",
    requires: ["Uid", "Time", "Symbol", "Side", "Price", "Quantity", "Fee", "Realized Profit"],
    columns: { time: "Time", symbol: "Symbol", side: "Side", price: "Price", quantity: "Quantity", fee: "Fee", positionSide: "Position Side", realised: "Realized Profit", orderId: "Order ID", tradeId: "Trade ID" },
    zoneUnstated: BINANCE_ZONE,
    yearFirstTwoDigits: true,
    realised: BINANCE_REALISED,
  },
  {
    id: "binance-futures-utc",
    name: "Binance USDS-M futures trade history (Date(UTC) layout)",
    exchange: "Binance",
    requires: ["Date(UTC)", "Symbol|Pair", "Side", "Price", "Quantity", "Fee", "Realized Profit"],
    columns: { time: "Date(UTC)", symbol: "Symbol|Pair", side: "Side", price: "Price", quantity: "Quantity", fee: "Fee", feeAsset: "Fee Coin", positionSide: "Position Side", realised: "Realized Profit" },
    realised: BINANCE_REALISED,
  },
  {
    ...BINANCE_SPOT,
    id: "binance-spot",
    name: "Binance spot trade history",
    requires: ["Time|Date(UTC)", "Pair", "Side", "Price", "Executed", "Amount", "Fee"],
    columns: { time: "Time|Date(UTC)", symbol: "Pair", side: "Side", price: "Price", quantity: "Executed", fee: "Fee" },
  },
  {
    // Binance's spot export with its header in the language of Binance's site (Czech: everytrade-io/everytrade-plugins,
    // BinanceBeanV3Test.java); the cells are written as in English.
    ...BINANCE_SPOT,
    id: "binance-spot-cs",
    name: "Binance spot trade history (header in Czech)",
    requires: ["Čas", "Pár", "Strana", "Cena", "Provedeno", "Částka", "Poplatek"],
    columns: { time: "Čas", symbol: "Pár", side: "Strana", price: "Cena", quantity: "Provedeno", fee: "Poplatek" },
  },
  {
    id: "binance-spot-market",
    name: "Binance spot trade history (Market/Type layout, before 2021)",
    exchange: "Binance",
    requires: ["Date(UTC)", "Market", "Type", "Price", "Amount", "Total", "Fee", "Fee Coin"],
    columns: { time: "Date(UTC)", symbol: "Market", side: "Type", price: "Price", quantity: "Amount", fee: "Fee", feeAsset: "Fee Coin" },
    spot: true,
    note: "Binance spot charges fees in the coin received or in BNB: they are in another currency than the price.",
  },
  {
    id: "bybit-trades",
    name: "Bybit derivatives trade history",
    exchange: "Bybit",
    requires: ["Contracts", "Direction", "Filled Type", "Filled Qty", "Filled Price", "Fees Paid"],
    columns: {
      time: "Transaction Time(UTC+0)|Transaction Time",
      symbol: "Contracts",
      side: "Direction",
      price: "Filled Price",
      quantity: "Filled Qty",
      fee: "Fees Paid",
      kind: "Filled Type",
      orderId: "Order No.",
      action: "Direction",
      tradeId: "Transaction ID",
      amount: "Fees Paid",
    },
    sides: OPEN_CLOSE_SIDES,
    kinds: { fills: ["trade", "liquidation", "adl"], others: {} },
    // Fees Paid on a Funding row is what the position paid (positive) or received (negative): Bybit's own Closed P&L
    // is each position's gross PnL less its Fees Paid on trades and on funding alike (ShichidaNael/ConvertTradeLog1's
    // real export: 44 of its 48 positions closed by trade agree to the cent so, none with the funding added).
    funding: { kinds: ["funding"], sign: -1, means: "Bybit writes a funding payment made as a positive Fees Paid: its sign is turned, so that a payment received is positive" },
    note: "Bybit's trade history lists funding payments among the fills: they go to the funding table, not among the fills.",
  },
  {
    id: "bybit-closed-pnl",
    name: "Bybit closed P&L",
    exchange: "Bybit",
    requires: ["Contracts", "Qty", "Entry Price", "Exit Type"],
    columns: {
      time: "Trade Time(UTC+0)|Filled/Settlement Time(UTC+0)|Trade Time|Filled/Settlement Time",
      symbol: "Contracts",
      side: "Closing Direction|Trade Type",
      quantity: "Qty",
      entryPrice: "Entry Price",
      exitPrice: "Exit Price|Filled Price",
      realised: "Closed P&L|Realized P&L",
      kind: "Symbol Type",
    },
    sides: OPEN_CLOSE_SIDES,
    kinds: { fills: ["usdt perpetual", "usdc perpetual", "linear", "usdt futures", "usdc futures", ""], others: { "inverse perpetual": "an inverse contract (not supported yet)", "inverse futures": "an inverse contract (not supported yet)" } },
    closedPositions: true,
    realised: {
      kind: "position",
      label: "Bybit's Closed P&L",
      means: "Bybit's closed P&L is per position, after the opening and closing fees and the funding, which this export does not list apart: LEV's Net PnL here is before them",
    },
    note: "A closed P&L export has one row per closed position: each is written as an entry fill at its average entry price and an exit fill at its average exit price, both at the closing time (the export does not say when the position opened).",
  },
  {
    id: "bybit-uta-log",
    name: "Bybit unified-account transaction log",
    exchange: "Bybit",
    requires: ["Currency", "Contract", "Type", "Direction", "Quantity", "Filled Price", "Fee Paid", "Cash Flow", "Change", "Action"],
    columns: {
      time: "Time(UTC)|Time",
      symbol: "Contract",
      side: "Direction",
      price: "Filled Price",
      quantity: "Quantity",
      fee: "Fee Paid",
      kind: "Type",
      action: "Action",
      realised: "Change",
      positionAfter: "Position",
      currency: "Currency",
      amount: "Funding",
      asset: "Currency",
    },
    kinds: {
      fills: ["trade", "liquidation", "adl", "delivery"],
      others: { transfer_in: "a transfer", transfer_out: "a transfer", bonus: "a bonus", "--": "not a fill" },
    },
    funding: { kinds: ["settlement"], sign: 1, means: "Bybit's log writes a SETTLEMENT's Funding as its wallet change: received positive" },
    feeSign: -1,
    legs: true,
    realised: {
      kind: "net-fill",
      label: "Bybit's Change",
      means: "Bybit's Change is per fill and after its fee (the realised Cash Flow plus the Fee Paid), so it is compared with LEV's Net PnL",
    },
    note: "Bybit's log lists funding (SETTLEMENT) and transfers among the fills: funding goes to the funding table, transfers are named and not read. A spot fill has a row per currency: the row in the pair's base currency is the fill.",
  },
  {
    id: "okx-trading",
    name: "OKX trading history",
    exchange: "OKX",
    requires: ["id", "Order id", "Time", "Trade Type", "Symbol|Instrument", "Action|Type", "Amount", "Fee", "Balance Change"],
    columns: { time: "Time", symbol: "Symbol|Instrument", side: "Action|Type", price: "Filled Price", quantity: "Amount", fee: "Fee", feeAsset: "Fee Unit", kind: "Trade Type", currency: "Balance Unit|Unit", unit: "Trading Unit", orderId: "Order id", realised: "PnL|PL" },
    zoneUnstated: "OKX writes the zone in the line above the header (Time Zone:UTC+8); this file does not say it",
    kinds: { fills: ["spot", "margin", "swap", "perpetual", "futures", "expiry futures", "perpetual futures"], others: { transfer: "a transfer", funding: "a funding payment (funding is not a fill)" } },
    feeSign: -1,
    legs: true,
    note: "OKX writes one row per currency of a spot fill: the row in the pair's base currency is the fill. Fees are written negative when charged.",
  },
  {
    id: "okx-fills-2020",
    name: "OKEx spot trade history (2020)",
    exchange: "OKX",
    requires: ["Trade ID", "Trade Time", "Pairs", "Amount", "Price", "Fee"],
    columns: { time: "Trade Time", symbol: "Pairs", price: "Price", quantity: "Amount", fee: "Fee", orderId: "Order ID", tradeId: "Trade ID" },
    zoneUnstated: "this OKEx export does not say its time zone",
    signedQuantity: true,
    spot: true,
    feeSign: -1,
    amountsWithAsset: true,
    note: "OKEx writes a bought amount positive and a sold one negative, and a fee charged as a negative number with its coin.",
  },
  {
    id: "mt5-report",
    name: "MetaTrader 5 trade history report (Deals)",
    exchange: "MetaTrader 5",
    requires: ["Time", "Deal", "Symbol", "Type", "Direction", "Volume", "Price", "Commission", "Profit"],
    columns: { time: "Time", symbol: "Symbol", side: "Type", price: "Price", quantity: "Volume", kind: "Type", action: "Direction", realised: "Profit", orderId: "Order", tradeId: "Deal" },
    zoneUnstated: "MetaTrader writes the trade server's time and does not say its zone",
    kinds: {
      fills: ["buy", "sell"],
      others: { balance: "a deposit or withdrawal", credit: "a credit", charge: "a charge", correction: "a correction", bonus: "a bonus", commission: "a commission", "": "the report's totals" },
    },
    feeSign: -1,
    lots: "lots",
    metatrader: true,
    realised: {
      kind: "account",
      label: "MetaTrader's Profit",
      means: "MetaTrader's Profit is before commission and swap, in the account currency: it is compared with LEV's Gross PnL where the symbol's quote currency is the account currency, and otherwise shown with the exchange rate it implies",
    },
    note: "MetaTrader volumes are lots: each symbol's contract size (units per lot) makes the money MetaTrader's. Swaps are not fills and are left out.",
  },
  {
    // Binance's USDⓈ-M futures transaction history: the header BittyTax reads ("Binance Futures",
    // BittyTax/BittyTax src/bittytax/conv/parsers/binance.py), and the newer Time,Type,… one.
    id: "binance-futures-transactions",
    name: "Binance USDS-M futures transaction history",
    exchange: "Binance",
    requires: ["Date(UTC)|Time", "Type", "Amount", "Asset", "Symbol", "Transaction ID"],
    columns: { time: "Date(UTC)|Time", symbol: "Symbol", kind: "Type", amount: "Amount", asset: "Asset", tradeId: "Transaction ID" },
    zoneUnstated: BINANCE_ZONE,
    yearFirstTwoDigits: true,
    fundingOnly: true,
    kinds: {
      fills: [],
      others: {
        realized_pnl: "realised PnL (the trade history has it, fill by fill)",
        commission: "a trading fee (the trade history has it, fill by fill)",
        transfer: "a transfer",
        deposit: "a transfer",
        withdraw: "a transfer",
        insurance_clear: "a liquidation's insurance fund clearance",
        referral_kickback: "a referral rebate",
        commission_rebate: "a fee rebate",
        welcome_bonus: "a bonus",
        coin_swap_deposit: "a coin swap",
        coin_swap_withdraw: "a coin swap",
      },
    },
    funding: { kinds: ["funding_fee"], sign: 1, means: "Binance writes FUNDING_FEE received positive and paid negative" },
    note: "A transaction history lists funding, realised PnL, fees and transfers: its FUNDING_FEE rows go to the funding table; the others are in the trade history.",
  },
  {
    // Binance's account statement (Transaction History of every account): the header rotki/rotki's test file and
    // BittyTax's "Binance Statements" read.
    id: "binance-statement",
    name: "Binance account statement (transaction history)",
    exchange: "Binance",
    requires: ["User_ID|User ID", "UTC_Time|Time", "Account", "Operation", "Coin", "Change"],
    columns: { time: "UTC_Time|Time", kind: "Operation", amount: "Change", asset: "Coin", account: "Account" },
    zoneUnstated: BINANCE_ZONE,
    yearFirstTwoDigits: true,
    fundingOnly: true,
    kinds: { fills: [], others: {} },
    funding: {
      kinds: ["funding fee"],
      sign: 1,
      means: "Binance writes a Funding Fee's Change received positive and paid negative",
      accounts: { linear: ["usd-mfutures", "usd-m futures", "usdt-futures"], others: { "coin-mfutures": "funding of a coin-margined (inverse) contract", "coin-m futures": "funding of a coin-margined (inverse) contract" } },
    },
    note: "Binance's account statement does not say which contract a Funding Fee was paid on: such a payment goes to the funding table with its symbol blank, in no trade's funding until you type the symbol there. Its other rows (trades of every account, transfers, interest) are not read.",
  },
  {
    id: "bitmex",
    name: "BitMEX trade history",
    exchange: "BitMEX",
    requires: ["transactTime", "symbol", "execType", "side", "lastQty", "lastPx"],
    columns: { time: "transactTime", symbol: "symbol", side: "side", price: "lastPx", quantity: "lastQty", fee: "execComm" },
    inverse:
      "BitMEX contracts such as XBTUSD are inverse contracts: quantities are in USD and profit and fees in bitcoin. LEV.TRADES is for linear contracts (profit = price move × quantity in the quote currency), so inverse trade histories are not supported yet; nothing was written.",
  },
];

/** Words in column names that suggest each field, for a CSV of no known layout, best first: the first hint that fits wins. */
export const FIELD_HINTS: Record<FillField, readonly string[]> = {
  time: ["time", "date", "datetime", "date(utc)", "timestamp", "executed at", "filled at", "trade time"],
  symbol: ["symbol", "pair", "instrument", "market", "ticker", "contract", "contracts", "asset"],
  side: ["side", "buy/sell", "direction", "action", "type"],
  price: ["price", "fill price", "filled price", "exec price", "execution price", "avg price"],
  quantity: ["quantity", "qty", "filled quantity", "filled qty", "executed", "size", "amount", "volume", "shares", "lots", "filled"],
  fee: ["fee", "fees", "commission", "commissions", "trading fee", "fees paid", "fee paid"],
  feeAsset: ["fee currency", "fee coin", "fee asset", "commission asset", "fee ccy", "fee unit"],
  positionSide: ["position side", "positionside", "pos side"],
};

/** Words that mark a column as something else than the field a hint would take it for (a rate, a value, an id). */
export const NOT_FIELD: Record<FillField, readonly string[]> = {
  time: ["zone"],
  symbol: ["id", "type"],
  side: ["order type", "filled type", "trade type", "exit type", "position side"],
  price: ["order price", "rate", "value"],
  quantity: ["value", "total", "turnover", "notional"],
  fee: ["rate", "coin", "currency", "asset", "unit", "ccy"],
  feeAsset: [],
  positionSide: [],
};

/**
 * Exports recognised by what their columns hold when their header is in a language LEV does not list (Binance
 * writes the header in the language of its site): the columns in Binance's order, each row's cells of the
 * kinds that layout writes. The columns are then read by position.
 */
export interface Shape {
  layout: string;
  /** The fields of each column, in order (undefined: a column not read). */
  fields: readonly (FillField | ExtraField | undefined)[];
  /** What each cell of a row must look like, column by column. */
  cells: readonly RegExp[];
}

const DATE = /^(?:\d{2}|\d{4})-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SYMBOL = /^[A-Z0-9]{4,}$/;
const SIDE = /^(?:BUY|SELL)$/i;
const NUM = /^-?\d[\d,]*(?:\.\d+)?$/;
const WITH_COIN = /^-?\d[\d,]*(?:\.\d+)?\s?[A-Z0-9]{2,}$/;
const BOOL = /^(?:true|false)$/i;
const DIGITS = /^\d+$/;

export const SHAPES: readonly Shape[] = [
  {
    layout: "binance-spot",
    fields: ["time", "symbol", "side", "price", "quantity", undefined, "fee"],
    cells: [DATE, SYMBOL, SIDE, NUM, WITH_COIN, WITH_COIN, WITH_COIN],
  },
  {
    layout: "binance-futures",
    fields: [undefined, "time", "symbol", "side", "price", "quantity", undefined, "fee", "realised", undefined, undefined, "orderId", undefined],
    cells: [DIGITS, DATE, SYMBOL, SIDE, NUM, NUM, NUM, WITH_COIN, NUM, BOOL, BOOL, DIGITS, DIGITS],
  },
];
