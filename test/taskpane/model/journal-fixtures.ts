import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * Where every export file under test/fixtures/journal comes from (test/fixtures/journal/README.md says the
 * same for readers). Four kinds:
 * - real: a file as an exchange's export button wrote it, from an openly licensed public repository, with its
 *   account, user, order and trade ids replaced (consistently) and every other byte kept;
 * - derived: a real file changed in one stated way (MetaTrader's report saved as CSV by LibreOffice; its
 *   parts re-encoded in UTF-16 as the terminal writes them; the same report as the terminal's HTML);
 * - rebuilt: rows written for LEV under a header quoted verbatim from the cited source, where no openly
 *   licensed export exists (the files with that header are in repositories without a licence);
 * - hand-made: small files made for this project's own hand calculations, not exports.
 * `sha256` is the committed file's hash (tested, so that a fixture cannot drift); `original` the hash of the
 * source file as its repository holds it, where the fixture is a real file.
 */
export interface FixtureSource {
  kind: "real" | "derived" | "rebuilt" | "hand-made";
  repository?: string;
  path?: string;
  commit?: string;
  licence?: string;
  original?: string;
  sha256: string;
  /** What was replaced (ids) or how the rows were made. */
  note: string;
}

const EVERYTRADE = { repository: "everytrade-io/everytrade-plugins", commit: "08e57ea106dca0665facaaf5bddeea8b7f7a0692", licence: "GPL-2.0 with a linking exception (LICENSE, COPYING)" };
const TRADENOTE = { repository: "Eleven-Trading/TradeNote", path: "brokers/MetaTrader5.xlsx", commit: "4b8d4684e380c9a4f69fd3a8ac3e41a652f0f5be", licence: "GPL-3.0" };

export const FIXTURES: Record<string, FixtureSource> = {
  "Export Trade History-2.csv": {
    kind: "real",
    repository: "LynchzDEV/ai-auto-trader-ahh",
    path: "Export Trade History-2.csv",
    commit: "d38d6d25c716efb877b8501bff70ea4dd6fa74cb",
    licence: "MIT",
    original: "5d0bab75bbd7c5c1bd17caf5b19aa45d09fef21fd930c8ad63c28141763b78f8",
    sha256: "5d0bab75bbd7c5c1bd17caf5b19aa45d09fef21fd930c8ad63c28141763b78f8",
    note: "Binance USDS-M futures, Date(UTC) layout; no id columns, nothing replaced. Taken from the repository's indexed text (LF, no byte-order mark as indexed).",
  },
  "binance_v001.csv": {
    kind: "real",
    ...EVERYTRADE,
    path: "parser-files/binance_v001.csv",
    original: "2283fb2eb90533855f4370c973bfa2a258e3f67df656164826a990b8cb577066",
    sha256: "2283fb2eb90533855f4370c973bfa2a258e3f67df656164826a990b8cb577066",
    note: "Binance spot, the old semicolon export with decimal points; no ids.",
  },
  "bybiteu_uta_v001.csv": {
    kind: "real",
    ...EVERYTRADE,
    commit: "43498c4df6a6f9135140ba4c66d17cb2c1e747b2",
    path: "parser-files/bybiteu_uta_v001.csv",
    original: "dec4ea7a9a98f23bc9b5efa32e279ac06ef823ccc1d551b224d027fdc7368d9f",
    sha256: "bed2204039d96f5f775050db11c955b063f880a81f017298f5e993fbcf037d3b",
    note: "Bybit (EU) unified-account log, spot fills as two currency legs; the account's UID (first line and Uid column) replaced by 900000001.",
  },
  "okex_v001_M.csv": {
    kind: "real",
    ...EVERYTRADE,
    path: "parser-files/okex_v001_M.csv",
    original: "cf4c7fa1cb3d8cad5b4f927fed17d57da4f1c0615254beab1a0d0fc0190cfb25",
    sha256: "205fd037b1267913634f53c9224fc2b5d23423c3b1c538d68662c05025251fbd",
    note: "OKEx spot fills of 2020: a byte-order mark before every cell, signed amounts; trade ids replaced by 1000000001 and 1000000002 (order ids were already 0 and 1).",
  },
  "bitmex_v001_M.csv": {
    kind: "real",
    ...EVERYTRADE,
    path: "parser-files/bitmex_v001_M.csv",
    original: "9befd9d0b7c32e0c48e8e836dabcead86eb8555d0cb173647e42c7d087a3c3e8",
    sha256: "cc7694520df313c786bb29cc783dbd23724985fab8d5f7d3cd018e551708da38",
    note: "BitMEX executions (XBTUSD, inverse), US dates with AM/PM; order ids (already cut to three characters) replaced by a01 and a02.",
  },
  "MetaTrader5.xlsx": {
    kind: "real",
    ...TRADENOTE,
    original: "7f096dc82c878aea2a48a5ad202431733a57a25290e9504c0cd86fb8a819db27",
    sha256: "5cbde41339008efcd2dbd8e4f9715b52fa403cdbdab5d5366591967bb709118d",
    note:
      "MetaTrader 5 trade history report as .xlsx (hedging account, USD), re-saved by Excel before it was committed there. Position, order and deal tickets replaced (orders and positions 100000001…100000007, deals 200000001…200000007, consistently), and docProps/core.xml's account, name and broker replaced by the placeholders the sheet already uses (YYYYY:xxxxx, ZZZZ, xxxxx); every other part byte for byte, the zip re-written with the same entries in the same order.",
  },
  "MetaTrader5-utf16.xlsx": {
    kind: "derived",
    ...TRADENOTE,
    sha256: "b09fb9bd68021b2e540772a357aa81d66ee34b6b7d7db89c4fd06eeb27512780",
    note: "MetaTrader5.xlsx with every XML part re-encoded as UTF-16LE with a byte-order mark and the declaration <?xml version=\"1.0\"?>, as the terminal itself writes its .xlsx reports.",
  },
  "ReportHistory-10000001.csv": {
    kind: "derived",
    ...TRADENOTE,
    sha256: "52339425caed2352106f749af92e26b2f3e10a7266d8a32ba7376d01af4855f8",
    note: "MetaTrader5.xlsx saved as CSV by LibreOffice (soffice --convert-to csv), as a trader saves the report as CSV: the whole report, Deals inside it.",
  },
  "ReportHistory-10000001.html": {
    kind: "derived",
    ...TRADENOTE,
    sha256: "1386d62f8def0075c50a925cc0369f4500e57e6494272d96f083f46d9311084d",
    note: "The same report as MetaTrader 5's HTML report: one table, section titles in cells spanning the table, money with a space between thousands, UTF-16LE with a byte-order mark and CRLF.",
  },
  "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv": {
    kind: "rebuilt",
    repository: "britsync07-prog/britTrade",
    path: "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv",
    commit: "a8c363c14bacbb2e45edee48c0572b50cb68b8eb",
    licence: "none (read only): header, file name, byte-order mark, CRLF and fee format quoted, rows written for LEV",
    sha256: "541eff18858bc7937ccc4bb1c7864698cb91c0a0e94222b516ee36999e4965f2",
    note: "Binance USDS-M futures, current export (Uid,Time,…,Trade ID,Order ID), times in the file name's UTC+6, newest first; fees 0.05 % taker, 0.02 % maker, cut to 8 decimals; Realized Profit by average cost.",
  },
  "Binance-Futures-Trade-History-202603171200(UTC--6)-part1-of1.csv": {
    kind: "rebuilt",
    repository: "britsync07-prog/britTrade",
    path: "(header as above); two-digit years and a space before the fee's coin as other importers' tests quote them",
    commit: "a8c363c14bacbb2e45edee48c0572b50cb68b8eb",
    licence: "none (read only): header quoted, rows written for LEV",
    sha256: "b16021770aa783e6fc94585240fbaedd34bce1789c888b5596b73e1df21b7ef1",
    note: "The same export with 26-03-17 dates, 0.21052625 USDC fees and a negative zone written UTC--6 as Binance names such files.",
  },
  "binance-futures-2022.csv": {
    kind: "rebuilt",
    repository: "Solistix/crypto-rate-converter",
    path: "README.md (the columns Date(UTC), Pair, Side, Price, Quantity, Amount, Fee, Realized Profit)",
    licence: "header quoted, rows written for LEV",
    sha256: "8b607714882b580ce9702d606fd2c46e623bb6de1595e00d1429a25b70314489",
    note: "Binance futures, eight-column Date(UTC) export; a sell that goes through zero (a flip).",
  },
  "Binance-Spot-Trade-History-202405061230(UTC+7)-part1-of1.csv": {
    kind: "rebuilt",
    repository: "(several importers' tests, synthetic rows; the index does not name their repositories)",
    path: "the header Time,Pair,Side,Price,Executed,Amount,Fee with two-digit years and the file name Binance-Spot-Trade-History-<yyyymmddhhmm>(UTC±N)…csv; 5.11INCH as everytrade-io/everytrade-plugins BinanceBeanV3Test.java (commit 0dbf8fc7f397ea2b65773f7ff85c5da00dd2eb6c) quotes a customer's row",
    licence: "header quoted, rows written for LEV",
    sha256: "7b9818a3871b9a528aac56e5efba1d8854144c09fb1ef979015eef48630494bf",
    note: "Binance spot, current export: two-digit years, amounts followed by their coin (5.11INCH on 1INCHUSDT is 5.1 1INCH; 51INCH is 5), zone in the file name.",
  },
  "binance-spot-2021.csv": {
    kind: "rebuilt",
    repository: "everytrade-io/everytrade-plugins",
    path: "plugin-base/src/test/java/io/everytrade/server/plugin/impl/everytrade/parser/exchange/bean/BinanceBeanV3Test.java (the header Date(UTC),Pair,Side,Price,Executed,Amount,Fee; ten decimals; a price quoted with a thousands separator, \"30,000.0000000000\"), as BittyTax/BittyTax issue 141 also shows it",
    commit: "0dbf8fc7f397ea2b65773f7ff85c5da00dd2eb6c",
    licence: "header quoted, rows written for LEV",
    sha256: "75810f968bacd060e04069af430e5b918296a9cabec02f55d6bef895093964d6",
    note: "Binance spot, Date(UTC) export: \"3,912.4500000000\" prices, coins after amounts, BNB fees.",
  },
  "binance-spot-cs.csv": {
    kind: "rebuilt",
    repository: "everytrade-io/everytrade-plugins",
    path: "plugin-base/src/test/java/io/everytrade/server/plugin/impl/everytrade/parser/exchange/bean/BinanceBeanV3Test.java (the Czech header Čas,Pár,Strana,Cena,Provedeno,Částka,Poplatek with two-digit years, \"Binance Spot Trade History exported with Czech UI\")",
    commit: "0dbf8fc7f397ea2b65773f7ff85c5da00dd2eb6c",
    licence: "header quoted, rows written for LEV",
    sha256: "f324282a9fc1ede76d82d228318e81f4cf0e6a41bfa3c3de4bb8557225d1e148",
    note: "Binance spot with its header in the site's language (Czech), a byte-order mark, no zone in the name.",
  },
  "BybitTradeHistoryUSDTPerpetual20220223-20220516.csv": {
    kind: "rebuilt",
    repository: "ShichidaNael/ConvertTradeLog1",
    path: "BybitTradeHistoryUSDTPerpetual20220223-20220516.csv",
    commit: "9b5f526d690e4d2e78b328d1dc4cda0de84c78f5",
    licence: "none (read only): header and cell forms quoted (Open/Close directions, Funding rows, Market order price, e-notation rates), rows written for LEV",
    sha256: "11864df58414160abc0d90b3385b3f059bf8ea165a265df037d2c6b5cfc6dd79",
    note: "Bybit derivatives trade history: a maker rebate, a funding row, a liquidation, and a close at the start.",
  },
  "BybitClosedPNLUSDTPerpetual20220223-20220516.csv": {
    kind: "rebuilt",
    repository: "ShichidaNael/ConvertTradeLog1",
    path: "BybitClosedPNLUSDTPerpetual20220223-20220516.csv",
    commit: "9b5f526d690e4d2e78b328d1dc4cda0de84c78f5",
    licence: "none (read only): header quoted, rows written for LEV",
    sha256: "a617bddadc1164e0ec6d3e20a3f5ce0f0d4bdf0115b2d165824352678e655812",
    note: "Bybit closed P&L of the trade history's positions, after their fees and funding; an inverse contract among them.",
  },
  "Bybit-UM-Perp-ClosedPNL-1748548800-1749239999.csv": {
    kind: "rebuilt",
    repository: "quminghaonanya/TradingEvaluator",
    path: "resources/Bybit-UM-Perp-ClosedPNL-1748548800-1749239999.csv",
    commit: "23e8931ddf4806c9b41b7536fc76d6773873d163",
    licence: "none (read only): header, file name and cell forms quoted (time first, twenty decimals), rows written for LEV",
    sha256: "0ad365ff049d0cd2c1fd79fcdf30724b0b10b377ee8ed9838b177a9b45e15c2e",
    note: "Bybit unified-account closed P&L: \"15:14 2025-06-06\" times.",
  },
  "AssetChangeDetails_uta_100000000_20250101_20251231_0.csv": {
    kind: "rebuilt",
    repository: "AleksanderKun/public",
    path: "dbt/seeds/Bybit_2026_AK/AssetChangeDetails_uta_375404132_20250101_20251231_0.csv",
    commit: "381f93b7ec845b8a22f9baf7fb162a164bcc0985",
    licence: "MIT stated in its README only (no LICENSE file): taken as read only; first line, header and cell forms quoted, rows written for LEV",
    sha256: "182bf4036e57b68fdcd382bdc977304763419655b27db433097261a4c8ceba2a",
    note: "Bybit unified-account transaction log: funding (SETTLEMENT), a transfer, fills of one second out of order (their Position column gives the order), a spot fill as two legs, a close at the start.",
  },
  "OKX-Trading-History-2025-10-20.csv": {
    kind: "rebuilt",
    ...EVERYTRADE,
    commit: "315549eb5ae4da6c9e6de2c8a397d8fc07b0a1d1",
    path: "plugin-base/src/test/java/io/everytrade/server/plugin/impl/everytrade/parser/exchange/bean/OkxBeanV2_2Test.java (header and rows); the first line with its time zone as OKX writes it",
    sha256: "708504d0daa983ef475aae367aa738f68b43fdbcb664219e069002f0d0f42ff6",
    note: "OKX trading history, one row per currency leg: the rows of the cited test (a BTC-EUR buy and an ADA-EUR sell of six fills), bill and order ids replaced; a first line with Time Zone:UTC+2.",
  },
  "binance_history.csv": {
    kind: "real",
    repository: "rotki/rotki",
    path: "rotkehlchen/tests/data/binance_history.csv",
    commit: "0b6020b2820e3a0b6c14a5df88b7152e236918b7",
    licence: "AGPL-3.0 (LICENSE.md)",
    original: "d1acac980d9c58dea5dd486ec863f8bdeb95272baabd3c2b62a9b7c9b36cdf75",
    sha256: "d1acac980d9c58dea5dd486ec863f8bdeb95272baabd3c2b62a9b7c9b36cdf75",
    note: "Binance's account statement (User_ID,UTC_Time,Account,Operation,Coin,Change,Remark) as rotki's tests keep it: one USD-M Funding Fee among 230 rows of every account; nothing replaced (User_ID is already 1 in every row, rotki's own stand-in).",
  },
  "binance-futures-transaction-history.csv": {
    kind: "rebuilt",
    repository: "BittyTax/BittyTax",
    path: "src/bittytax/conv/parsers/binance.py (the parser \"Binance Futures\": the header Date(UTC),type,Amount,Asset,Symbol,Transaction ID and the types REALIZED_PNL, COMMISSION, FUNDING_FEE, TRANSFER)",
    commit: "0314985e7cb905ca477b5690ff7fe6e9c9a56f4b",
    licence: "header quoted, rows written for LEV",
    sha256: "1aebd453fc05ec9ffa4e5f692125ad14b12c31a16f4b3d77e93e801731d11fa1",
    note: "Binance USDS-M futures transaction history of the two trade-history months below: funding every eight hours while a position is held (received positive), their fees and realised PnL, a transfer; newest first.",
  },
  "Binance-Futures-Trade-History-202605010905(UTC+0)-part1-of1.csv": {
    kind: "rebuilt",
    repository: "britsync07-prog/britTrade",
    path: "Binance-Futures-Trade-History-202606181441(UTC+6)-part1-of1.csv (header, byte-order mark, CRLF, fee form 0.02427264USDT, file name pattern)",
    commit: "a8c363c14bacbb2e45edee48c0572b50cb68b8eb",
    licence: "none (read only): header and forms quoted, rows written for LEV",
    sha256: "5e1cb56e6805b19a8ded3b802bfc30254c231076d848a56ee49d71fe3c206f31",
    note: "April 2026 of one account (10 fills, Trade IDs per symbol): the month a journal starts with.",
  },
  "Binance-Futures-Trade-History-202606010910(UTC+0)-part1-of1.csv": {
    kind: "rebuilt",
    repository: "britsync07-prog/britTrade",
    path: "as above",
    commit: "a8c363c14bacbb2e45edee48c0572b50cb68b8eb",
    licence: "none (read only): header and forms quoted, rows written for LEV",
    sha256: "55931e6bf318d44e2881c5db8d31adc896d7e48a35e4dd46ff0dd84ba30db557",
    note: "The next export of the same account, from 2026-04-24 to May's end: its first week (5 fills) is also in the April file.",
  },
  "binance-futures.csv": { kind: "hand-made", sha256: "2a0b796dc3586e17e55d702300c9d263b3d41ffad50b8c539e4c105452e09d0e", note: "Nine fills with hand-calculated trades, for the journal sheet's tests." },
  "binance-futures-hedge.csv": { kind: "hand-made", sha256: "4ccbf81910aa06fdcbf4f80755d61a5c0c5d22458b664c78f6ef8d99e4acd708", note: "A Position Side column (Binance's API field; no export seen carries it)." },
  "binance-spot.csv": { kind: "hand-made", sha256: "ca0276f0b8777e758d1afe6548e1bc639748e33d8041e05bc6c7adebb7124de0", note: "BNB and coin fees, for the sheet's fee tests." },
  "generic.csv": { kind: "hand-made", sha256: "be012e967eec8692172bb9094defee2935f73cd96a00a0195aae844efb325d0f", note: "A CSV of no known layout, semicolons and decimal commas." },
  "only-bad-rows.csv": { kind: "hand-made", sha256: "704f4bfdc1df4bb820b1d3ac4c3fdd175cbdafd2bcb9c9b2c79ed04d6b8e5f48", note: "Three rows, each wrong in one way." },
  "trades.xlsx": { kind: "hand-made", sha256: "76c2c39be67b59fb5dfe429ef68e30ebc9f1bfa079f7bc2ad70ccdc79a865650", note: "Not a workbook: 49 bytes that start like one." },
};

export const FIXTURE_DIR = path.resolve(__dirname, "../../fixtures/journal");

export const fixtureBytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURE_DIR, name)));
export const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * The trades of the April and May 2026 trade histories together (each fill once), in the order they opened, as
 * worked out by hand from their rows: symbol, side, status.
 */
export const APRIL_MAY_TRADES: [string, string, string][] = [
  ["BTCUSDT", "long", "closed"],
  ["ETHUSDT", "short", "closed"],
  ["SOLUSDT", "short", "closed"],
  ["BTCUSDT", "short", "closed"],
  ["SOLUSDT", "long", "closed"],
  ["ETHUSDT", "long", "closed"],
  ["BTCUSDT", "long", "open"],
];
