// Journal import: how long a file of 10,000 and 100,000 fills takes to parse (text → grid of cells,
// papaparse) and to preview (layout, questions, fills, the trades LEV.TRADES makes of them and the check
// against the exchange's Realized Profit), as the import's worker does it off the page's main thread. The
// file is Binance's Date(UTC) futures export: trades of four fills (two buys, two sells) in five symbols.
// The median of `rounds` runs of each size.
require("./ts.cjs");
const { csvGrid } = require("../src/taskpane/model/journal-source.ts");
const { analyse } = require("../src/taskpane/model/journal-import.ts");
const { prepare } = require("../src/taskpane/model/journal-prepare.ts");

/** The export's text: `n` fills, a trade every four. */
function exportText(n) {
  const lines = ["Date(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Fee Coin,Realized Profit,Quote Asset"];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const trade = Math.floor(i / 4);
    const k = i % 4;
    const price = 100 + (trade % 7) + (k >= 2 ? 1 : 0);
    const t = new Date(start + i * 60000).toISOString().replace("T", " ").slice(0, 19);
    lines.push(`${t},S${trade % 5}USDT,${k < 2 ? "BUY" : "SELL"},${price},1,${price},0.04,USDT,${k >= 2 ? "1.00000000" : "0"},USDT`);
  }
  return lines.join("\n");
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function measure(n, rounds) {
  const text = exportText(n);
  const parse = [];
  const preview = [];
  let trades = 0;
  let agree = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const grid = csvGrid(text);
    const t1 = performance.now();
    const a = analyse({ name: "Export Trade History.csv", kind: "csv", grid, lineWord: "line" });
    const p = prepare(a, { orphans: "leave", rates: {} });
    const t2 = performance.now();
    parse.push(t1 - t0);
    preview.push(t2 - t1);
    trades = p.trades.count;
    agree = p.reconciliation.agree;
  }
  if (trades !== n / 4 || agree !== n / 4) throw new Error(`${n} fills made ${trades} trades, ${agree} agreeing; expected ${n / 4}`);
  return { fills: n, parse_ms: Number(median(parse).toFixed(1)), preview_ms: Number(median(preview).toFixed(1)), trades };
}

function runImport(rounds = 5) {
  return { fills_10000: measure(10_000, rounds), fills_100000: measure(100_000, Math.max(3, Math.ceil(rounds / 2))) };
}

module.exports = { runImport };

if (require.main === module) console.log(JSON.stringify(runImport(Number(process.argv[2] ?? 5)), null, 2));
