// Engine throughput: worksheet functions from dist/functions.js (what Excel runs) beside the same formula
// written with plain JavaScript floats (the ceiling). The bundle is loaded twice: in a bare context by
// tools/bundle.cjs, as Excel's JavaScript-only runtime offers it (lev_per_s), and as a plain script in
// an ordinary realm, as the playground page and a browser-hosted runtime load it (lev_per_s_page). Node's
// vm contexts make every global lookup (Math, Number, Array) go through an interceptor, so code that
// reads globals on every call is slower there than in any real runtime; the two figures show how much.
// Each case is measured interleaved (bare, page, float, bare, page, float, ...) over the same inputs for
// several rounds; the median is reported.
//
// Run on its own (node bench/engine.cjs [rounds] [ms per sample] [IDs or all] [baseline functions.js]) or from
// bench/run.cjs.
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { DIST, loadBundle, shim } = require("../tools/bundle.cjs");

/** dist/functions.js run as a plain script in this realm, with only CustomFunctions given. */
function loadInRealm(file) {
  const { CustomFunctions, functions } = shim();
  const run = vm.runInThisContext(`(function (CustomFunctions) {${fs.readFileSync(file, "utf8")}\n})`, { filename: file });
  run(CustomFunctions);
  return functions;
}

/** A small deterministic generator, so every run measures the same inputs. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 4096; // distinct argument rows per case, cycled (no function sees the same row twice in a row)
const rnd = random(20240601);
const pick = (list) => list[Math.floor(rnd() * list.length)];
/** A price with two decimals around `mid` (±20 %). */
const priceNear = (mid) => Math.round(mid * (0.8 + 0.4 * rnd()) * 100) / 100;
/** A quantity with three decimals up to `max`. */
const qty = (max) => Math.max(1, Math.round(rnd() * max * 1000)) / 1000;
const rows = (make) => Array.from({ length: N }, make);

/** Binance-style 10-bracket table (floor, cap, mmr, amount); amounts follow cumₙ = floorₙ·(mmrₙ − mmrₙ₋₁) + cumₙ₋₁. */
const TIERS = [
  [0, 50000, 0.004, 0],
  [50000, 500000, 0.005, 50],
  [500000, 8000000, 0.01, 2550],
  [8000000, 50000000, 0.025, 122550],
  [50000000, 80000000, 0.05, 1372550],
  [80000000, 100000000, 0.1, 5372550],
  [100000000, 200000000, 0.125, 7872550],
  [200000000, 400000000, 0.15, 12872550],
  [400000000, 600000000, 0.25, 52872550],
  [600000000, 1000000000, 0.5, 202872550],
];

const sign = (side) => (side === "long" ? 1 : -1);

/** Isolated liquidation price with maintenance on the notional at that price, in floats. */
function floatLiq(side, entry, leverage, mmr, amount, q, fee) {
  const s = sign(side);
  return ((q * entry) / leverage + amount - s * q * entry) / (q * (mmr + fee) - s * q);
}

/** The same bracket walk as the engine (start in the entry's bracket, follow the losing direction), in floats. */
function floatTierLiq(side, entry, leverage, tiers, _amount, q, fee) {
  const s = sign(side);
  const margin = (q * entry) / leverage;
  const n0 = q * entry;
  let start = tiers.findIndex((t, i) => n0 >= t[0] && (i === tiers.length - 1 ? n0 <= t[1] : n0 < t[1]));
  const surplus = (p, t) => margin + s * (p - entry) * q - (q * p * t[2] - t[3]) - q * p * fee;
  if (surplus(entry, tiers[start]) <= 0) return NaN;
  const dir = s === 1 ? -1 : 1;
  for (let i = start; i >= 0 && i < tiers.length; i += dir) {
    const t = tiers[i];
    let from = entry;
    if (i !== start) {
      from = (dir > 0 ? t[0] : t[1]) / q;
      if (surplus(from, t) <= 0) return from;
    }
    const r = (margin + t[3] - s * q * entry) / (q * (t[2] + fee) - s * q);
    const n = q * r;
    if (r > 0 && (s === 1 ? r < from : r > from) && n >= t[0] && (i === tiers.length - 1 ? n <= t[1] : n < t[1])) return r;
  }
  return NaN;
}

/** CROSSLIQ in floats: P = mark + surplus/den per symbol, surplus = WB + Σ u − Σ MM over every row at its mark. */
function floatCrossLiq(symbols, sides, entries, quantities, marks, wallet, mmrs, cums) {
  let surplus = wallet;
  const den = new Map();
  symbols.forEach(([sym], i) => {
    const s = sign(sides[i][0]);
    const [e, q, m, r, c] = [entries[i][0], quantities[i][0], marks[i][0], mmrs[i][0], cums[i][0]];
    surplus += s * q * (m - e) - (q * m * r - c);
    den.set(sym, (den.get(sym) ?? 0) + q * r - s * q);
  });
  return symbols.map(([sym], i) => [marks[i][0] + surplus / den.get(sym)]);
}

function floatScenarios(side, entry, q, leverage, prices, _balance, mmr, fee) {
  const s = sign(side);
  const margin = (entry * q) / leverage;
  const liq = floatLiq(side, entry, leverage, mmr ?? 0.005, 0, q, 0);
  const out = [["Price", "Move", "PnL", "ROE", "Equity", "Margin level", "Status"]];
  for (const [p] of prices) {
    const pnl = s * (p - entry) * q - fee * (entry + p) * q;
    const equity = margin + pnl;
    out.push([p, p / entry - 1, pnl, pnl / margin, equity, equity / margin, (s === 1 ? p <= liq : p >= liq) ? "LIQUIDATED" : "OK"]);
  }
  return out;
}

/**
 * 10,000 fills over five symbols as an exchange export has them: scale-ins, partial exits, closes and flips,
 * quantities with three decimals, prices with two, fees at 0.04 %. Columns as Excel passes a table's columns.
 */
function fillsTable(n) {
  const symbols = { BTCUSDT: 60000, ETHUSDT: 3000, SOLUSDT: 150, XRPUSDT: 0.6, BNBUSDT: 600 };
  const names = Object.keys(symbols);
  const held = {};
  const cols = [[], [], [], [], [], []];
  for (let i = 0; i < n; i++) {
    const s = pick(names);
    const price = Math.round(symbols[s] * (0.9 + 0.2 * rnd()) * 100) / 100;
    const h = held[s] || 0;
    let q = qty(1);
    let side;
    const u = rnd();
    if (h === 0 || u < 0.4) side = h >= 0 ? "BUY" : "SELL"; // open or scale in
    else if (u < 0.9) {
      side = h > 0 ? "SELL" : "BUY"; // partial exit, or the whole position
      q = u < 0.55 ? Math.abs(h) : Math.min(q, Math.abs(h));
    } else {
      side = h > 0 ? "SELL" : "BUY"; // a flip
      q = Math.round((Math.abs(h) + q) * 1000) / 1000;
    }
    held[s] = Math.round((h + (side === "BUY" ? q : -q)) * 1000) / 1000;
    [45000 + i / 1440, s, side, price, q, Math.round(price * q * 0.0004 * 1e8) / 1e8].forEach((v, j) => cols[j].push([v]));
  }
  return cols;
}

/** TRADES in floats: the same grouping with a tolerance for flat, average-cost realised PnL. */
function floatTrades(times, symbols, sides, prices, quantities, fees) {
  const order = times.map((_, i) => i).sort((a, b) => times[a][0] - times[b][0]);
  const open = new Map();
  const all = [];
  const start = (i, side, q, fee) => {
    const t = { s: symbols[i][0], side, opened: times[i][0], closed: "", fills: 1, held: q, eq: q, ev: prices[i][0] * q, xq: 0, xv: 0, fees: fee, cost: prices[i][0] * q, real: 0 };
    all.push(t);
    return t;
  };
  for (const i of order) {
    const key = symbols[i][0].toLowerCase();
    const side = sides[i][0] === "BUY" ? 1 : -1;
    const p = prices[i][0];
    const q = quantities[i][0];
    const fee = fees[i][0];
    const t = open.get(key);
    if (!t) {
      open.set(key, start(i, side, q, fee));
      continue;
    }
    t.fills++;
    if (side === t.side) {
      Object.assign(t, { held: t.held + q, eq: t.eq + q, ev: t.ev + p * q, cost: t.cost + p * q, fees: t.fees + fee });
      continue;
    }
    const closing = Math.min(q, t.held);
    const removed = (t.cost * closing) / t.held;
    Object.assign(t, { xq: t.xq + closing, xv: t.xv + p * closing, real: t.real + t.side * (p * closing - removed), cost: t.cost - removed, held: t.held - closing });
    t.fees += q > closing + 1e-9 ? (fee * closing) / q : fee;
    if (Math.abs(t.held) > 1e-9) continue;
    t.closed = times[i][0];
    open.delete(key);
    if (q > closing + 1e-9) open.set(key, start(i, side, q - closing, fee - (fee * closing) / q));
  }
  const rows = all.map((t) => {
    const net = t.real - t.fees;
    return [t.s, t.side === 1 ? "long" : "short", t.opened, t.closed, t.fills, t.eq, t.ev / t.eq, t.xq ? t.xv / t.xq : "", t.real, t.fees, net, net / t.ev, t.closed === "" ? "open" : "closed"];
  });
  return [["Symbol", "Side", "Opened", "Closed", "Fills", "Quantity", "Avg entry", "Avg exit", "Gross PnL", "Fees", "Net PnL", "Return", "Status"], ...rows];
}

/** The trades as floats in the account's order: open trades (blank close) left out, the rest by close time. */
function floatCloseOrder(pnl, closed, risk) {
  const rows = [];
  pnl.forEach(([x], i) => {
    if (closed && closed[i][0] === "") return;
    rows.push({ x, t: closed ? closed[i][0] : 0, r: risk ? risk[i][0] : 1 });
  });
  if (closed) rows.sort((a, b) => a.t - b.t);
  return rows;
}

/** JOURNALSTATS in floats: the same twenty figures in the same order (errors where LEV shows one). */
function floatJournalStats(pnl, startBalance, risk, closed) {
  const trades = floatCloseOrder(pnl, closed, risk);
  const p = trades.map((t) => t.x);
  const n = p.length;
  let wins = 0, losses = 0, gp = 0, gl = 0, lw = -Infinity, ll = Infinity, wr = 0, lr = 0, mwr = 0, mlr = 0;
  let total = 0, peak = 0, mdd = 0, bpeak = startBalance, mddp = 0;
  for (const x of p) {
    if (x > 0) { wins++; gp += x; lw = Math.max(lw, x); wr++; lr = 0; }
    else if (x < 0) { losses++; gl += x; ll = Math.min(ll, x); lr++; wr = 0; }
    else { wr = 0; lr = 0; }
    mwr = Math.max(mwr, wr);
    mlr = Math.max(mlr, lr);
    total += x;
    peak = Math.max(peak, total);
    mdd = Math.max(mdd, peak - total);
    const b = startBalance + total;
    bpeak = Math.max(bpeak, b);
    mddp = Math.max(mddp, (bpeak - b) / bpeak);
  }
  const r = trades.map((t) => t.x / t.r);
  const mean = r.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const aw = gp / wins;
  const al = gl / losses;
  const v = [n, wins, losses, wins / n, total, gp, gl, gp / -gl, aw, al, aw / -al, total / n, lw, ll, mwr, mlr, mdd, mddp, mean, (Math.sqrt(Math.min(n, 100)) * mean) / sd];
  return v.map((x, i) => [JOURNAL_LABELS[i], x]);
}
const JOURNAL_LABELS = ["Trades", "Wins", "Losses", "Win rate", "Net profit", "Gross profit", "Gross loss", "Profit factor", "Average win", "Average loss", "Payoff ratio", "Expectancy", "Largest win", "Largest loss", "Max consecutive wins", "Max consecutive losses", "Max drawdown", "Max drawdown %", "Average R", "SQN"];

/** EQUITYCURVE in floats. */
function floatEquityCurve(start, pnl, closed) {
  const out = [["Trade", "PnL", "Balance", "Peak", "Drawdown", "Drawdown %"], [0, 0, start, start, 0, 0]];
  let balance = start;
  let peak = start;
  floatCloseOrder(pnl, closed).forEach(({ x }, i) => {
    balance += x;
    peak = Math.max(peak, balance);
    out.push([i + 1, x, balance, peak, peak - balance, (peak - balance) / peak]);
  });
  return out;
}

/** The journal cases' own generator, so that adding them changed no other case's inputs. */
const jrnd = random(20261130);
const jpick = (list) => list[Math.floor(jrnd() * list.length)];
/** One PnL per trade for 1,000 trades: cents, wins a little larger than losses, some flat. */
const pnlColumn = () => Array.from({ length: 1000 }, () => [Math.round((jrnd() < 0.45 ? 150 : -100) * jrnd() * 100 * (jrnd() < 0.05 ? 0 : 1)) / 100]);
/**
 * The Closed column TRADES gives those 1,000 trades, listed by opening time a minute apart: each held from a
 * minute to two days, so that they close in another order than they opened; about 2 % still open (blank).
 */
const closedColumn = () => Array.from({ length: 1000 }, (_, i) => [jrnd() < 0.02 ? "" : 45355 + i / 1440 + Math.round(1 + jrnd() * 2880) / 1440]);

/** The cases: the worksheet function, its argument rows, and the float formula for the same arguments. */

/** GRID's measures in floats: ROE = side·move·L, the liquidation price per leverage, and the status against it. */
function floatGrid(measure, side, entry, leverages, moves, mmr) {
  const s = sign(side);
  const liqs = leverages[0].map((l) => floatLiq(side, entry, l, mmr ?? 0.005, 0, 1, 0));
  return moves.map(([m]) =>
    leverages[0].map((l, j) => {
      if (measure === "roe") return s * m * l;
      if (measure === "liq") return liqs[j];
      const p = entry * (1 + m);
      return (s === 1 ? p <= liqs[j] : p >= liqs[j]) ? "LIQUIDATED" : "OK";
    }),
  );
}

/** LADDER in floats: running average, margin, LIQPRICE at the average and total, break-even with fees both ways. */
function floatLadder(side, prices, quantities, leverage, mmr, fee) {
  const s = sign(side);
  const out = [["Fill", "Price", "Quantity", "Total quantity", "Average entry", "Margin", "Liquidation", "Break-even"]];
  let value = 0;
  let total = 0;
  prices.forEach(([p], i) => {
    const q = quantities[i][0];
    value += p * q;
    total += q;
    const a = value / total;
    const be = (a * (1 + s * fee)) / (1 - s * fee);
    out.push([i + 1, p, q, total, a, (a * total) / leverage, floatLiq(side, a, leverage, mmr ?? 0.005, 0, total, 0), be]);
  });
  return out;
}

/** COMPOUNDTABLE with round_to in floats: End = round(Start·(1 + rate) + Contribution, step) (binary rounding). */
function floatCompoundTable(start, rate, periods, contribution, step) {
  const out = [["Period", "Start", "Gain", "Contribution", "End"]];
  let b = start;
  for (let k = 1; k <= periods; k++) {
    const end = Math.round((b * (1 + rate) + contribution) / step) * step;
    out.push([k, b, end - b - contribution, contribution, end]);
    b = end;
  }
  return out;
}

/**
 * The cases: the worksheet function (`fn`, else the id up to its first "_"), its argument rows, the float
 * formula for the same arguments, and optionally a target (`lev_per_s`, a per-unit rate named in `per`,
 * or `float_over_lev` as a ceiling), units per call (`per: { fills_per_s: 10000 }` adds that rate) and
 * the float formula's tolerance. A new function is measured by adding one entry.
 */
function cases() {
  return [
    {
      id: "MARGIN",
      target: { lev_per_s: 1_000_000 },
      args: rows(() => [Math.round(rnd() * 1e8) / 100, pick([2, 5, 10, 20, 25, 50, 75, 100, 125])]),
      float: (notional, leverage) => notional / leverage,
    },
    {
      id: "PNL",
      target: { lev_per_s: 1_000_000 },
      args: rows(() => {
        const e = priceNear(60000);
        return [pick(["long", "short"]), e, priceNear(e), qty(5), 1, pick([0.0002, 0.0004, 0.0005]), undefined];
      }),
      float: (side, entry, exit, q, cs, fee) => sign(side) * (exit - entry) * q * cs - fee * (entry + exit) * q * cs,
    },
    {
      id: "LIQPRICE",
      target: { lev_per_s: 1_000_000 },
      args: rows(() => [pick(["long", "short"]), priceNear(60000), pick([5, 10, 20, 25, 50, 75]), pick([0.004, 0.005, 0.01]), 0, qty(5), pick([0, 0.0004, 0.0005])]),
      float: (side, entry, leverage, mmr, amount, q, fee) => floatLiq(side, entry, leverage, mmr, amount, q, fee),
    },
    {
      id: "LIQPRICE_TIERS10",
      target: { lev_per_s: 500_000 },
      args: rows(() => [pick(["long", "short"]), priceNear(60000), pick([2, 5, 10, 20]), TIERS.map((r) => r.slice()), undefined, qty(200), pick([0, 0.0004])]),
      float: floatTierLiq,
    },
    {
      id: "FXMARGIN",
      target: { lev_per_s: 1_000_000 },
      args: rows(() => [pick(["EUR/USD", "GBP/USD", "AUD/USD"]), Math.round(rnd() * 500) / 100 || 0.01, pick([30, 50, 100, 200]), "USD", Math.round((0.6 + rnd()) * 10000) / 10000]),
      float: (_pair, lots, leverage, _account, rate) => (lots * 100000 * rate) / leverage,
    },
    {
      id: "SCENARIOS_100",
      target: { lev_per_s: 5_000 },
      per: { rows_per_s: 100 },
      args: rows(() => {
        const e = priceNear(60000);
        const prices = Array.from({ length: 100 }, (_, i) => [Math.round(e * (0.5 + i / 99) * 100) / 100]);
        return [pick(["long", "short"]), e, qty(5), pick([5, 10, 20]), prices, undefined, undefined, pick([0, 0.0004])];
      }),
      float: floatScenarios,
    },
    {
      // 100 positions in 25 symbols (four rows each, one symbol's legs hedged), every row at a loss and the
      // wallet a little above maintenance, so that every symbol has a liquidation price
      id: "CROSSLIQ_100",
      args: rows(() => {
        const mids = Array.from({ length: 25 }, () => priceNear(pick([60000, 3000, 150, 0.6, 25])));
        const sides = Array.from({ length: 25 }, () => pick(["long", "long", "short"]));
        const hedge = qty(50000 / mids[0]);
        const table = Array.from({ length: 100 }, (_, i) => {
          const s = i % 25;
          const side = s === 0 ? (i < 50 ? "long" : "short") : sides[s];
          const mark = mids[s];
          const entry = Math.round(mark * (side === "long" ? 1.01 + rnd() / 20 : 0.99 - rnd() / 20) * 100) / 100;
          return [`SYM${s}USDT`, side, entry, s === 0 ? hedge : qty(50000 / mark), mark, pick([0.004, 0.005, 0.01]), pick([0, 0, 50])];
        });
        const col = (j) => table.map((r) => [r[j]]);
        let loss = 0;
        for (const [, side, e, q, m, r, c] of table) loss -= sign(side) * q * (m - e) - (q * m * r - c);
        return [col(0), col(1), col(2), col(3), col(4), Math.ceil(loss) + 1000, col(5), col(6)];
      }),
      float: floatCrossLiq,
      target: { lev_per_s: 5000 },
    },
    {
      // four different exports of 10,000 fills, cycled; throughput is reported per fill as well
      id: "TRADES_10000",
      args: Array.from({ length: 4 }, () => fillsTable(10000)),
      float: floatTrades,
      per: { fills_per_s: 10000 },
      target: { fills_per_s: 300000 },
    },
    {
      // a journal's statistics over 1,000 trades, with a start balance, the amount risked on each and their
      // close times (the written journal's call: open trades left out, the rest in the order they closed)
      id: "JOURNALSTATS_1000",
      target: { float_over_lev: 50 },
      per: { trades_per_s: 1000 },
      args: Array.from({ length: 64 }, () => [pnlColumn(), jpick([10000, 25000.5]), Array.from({ length: 1000 }, () => [jpick([50, 100, 125.5])]), closedColumn()]),
      float: floatJournalStats,
    },
    {
      // the equity curve of 1,000 trades, in the order they closed
      id: "EQUITYCURVE_1000",
      target: { float_over_lev: 50 },
      per: { rows_per_s: 1000 },
      args: Array.from({ length: 64 }, () => [jpick([10000, 25000.5]), pnlColumn(), closedColumn()]),
      float: floatEquityCurve,
    },
    {
      id: "GRID_100x10",
      target: { float_over_lev: 50 },
      per: { cells_per_s: 1000 },
      args: rows(() => {
        const moves = Array.from({ length: 100 }, (_, i) => [Math.round(-5000 + i * 101) / 10000]);
        return [pick(["roe", "liq", "status"]), pick(["long", "short"]), priceNear(60000), [[2, 3, 5, 10, 15, 20, 25, 40, 50, 75]], moves, pick([undefined, 0.004, 0.01])];
      }),
      float: floatGrid,
    },
    {
      id: "LADDER_20",
      target: { float_over_lev: 50 },
      per: { fills_per_s: 20 },
      args: rows(() => {
        const e = priceNear(60000);
        const prices = Array.from({ length: 20 }, (_, i) => [Math.round(e * (1 - i / 100) * 100) / 100]);
        const quantities = Array.from({ length: 20 }, () => [qty(2)]);
        return [pick(["long", "short"]), prices, quantities, pick([5, 10, 20]), undefined, pick([0, 0.0004])];
      }),
      float: floatLadder,
    },
    {
      id: "COMPOUNDTABLE_120",
      target: { float_over_lev: 50 },
      per: { rows_per_s: 120 },
      // the float ceiling rounds in binary, so at an exact half cent it may round the other way: a cent's
      // difference, carried forward
      tolerance: 1e-4,
      args: rows(() => [Math.round(rnd() * 1e7) / 100, Math.round(rnd() * 400) / 10000, 120, pick([0, 100, 250.5]), 0.01]),
      float: floatCompoundTable,
    },
  ];
}

/** Calls per second of `fn` over `args`, calling it `calls` times (cycling through the rows). */
function timeCalls(fn, args, calls) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const r = fn(...args[i & (args.length - 1)]); // the argument lists are a power of two long
    sink += typeof r === "number" ? r : 1;
  }
  const ns = Number(process.hrtime.bigint() - t0);
  if (Number.isNaN(sink)) sink = 0; // keep the results alive
  return { perSecond: (calls / ns) * 1e9, sink };
}

/** Enough calls for about `ms` milliseconds. */
function calibrate(fn, args, ms) {
  let calls = Math.min(1000, args.length * 4);
  for (;;) {
    const t0 = process.hrtime.bigint();
    timeCalls(fn, args, calls);
    const took = Number(process.hrtime.bigint() - t0) / 1e6;
    if (took >= ms / 4) return Math.max(Math.min(1000, args.length), Math.round((calls * ms) / took));
    calls *= 4;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Checks that LEV answers (no errors) and that the float formula is the same formula (close), on the first 256 rows. */
function check(c, lev) {
  let worst = 0;
  for (const a of c.args.slice(0, 256)) {
    let x;
    try {
      x = lev(...a);
    } catch (e) {
      throw new Error(`${c.id}(${JSON.stringify(a).slice(0, 200)}) gave ${e.code}: ${e.message}`);
    }
    const y = c.float(...a);
    if (Array.isArray(x)) {
      if (x.length !== y.length) throw new Error(`${c.id}: ${x.length} rows from LEV, ${y.length} in floats`);
      x.forEach((row, i) =>
        row.forEach((v, j) => {
          if (typeof v === "number") worst = Math.max(worst, Math.abs(v - y[i][j]) / Math.max(1, Math.abs(v)));
          else if (v !== y[i][j]) throw new Error(`${c.id}: ${v} from LEV, ${y[i][j]} in floats`);
        }),
      );
    } else {
      if (typeof x !== "number") throw new Error(`${c.id}(${JSON.stringify(a)}) gave ${JSON.stringify(x)}`);
      worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(x)));
    }
  }
  if (!(worst < (c.tolerance ?? 1e-9))) throw new Error(`${c.id}: the float formula differs from LEV by ${worst}`);
}

/**
 * Measures every case (or those in `only`): the bundle in a bare context and in this realm, beside the float
 * formula; with `baseline` (another build's functions.js) that bundle too, in a bare context, in the same
 * interleaved rounds, so that old and new meet the same load.
 */
/**
 * Measures every case (or those in `only`): the bundle in a bare context and in this realm, beside the float
 * formula; with `baseline` (another build's functions.js) that bundle too, in a bare context, in the same
 * interleaved rounds, so that whatever else the machine is doing falls on old and new alike.
 */
function runEngine({ rounds = 7, ms = 150, only, baseline } = {}) {
  const file = process.env.LEV_BUNDLE || path.join(DIST, "functions.js");
  const bare = loadBundle(file).functions;
  const page = loadInRealm(file);
  const old = baseline === undefined ? undefined : loadBundle(baseline).functions;
  const out = {};
  for (const c of cases()) {
    if (only && !only.includes(c.id)) continue;
    const id = c.fn ?? c.id.split("_")[0];
    const timed = [bare[id], page[id], c.float];
    check(c, bare[id]);
    check(c, page[id]);
    if (old?.[id] !== undefined) {
      check(c, old[id]);
      timed.push(old[id]);
    }
    const calls = timed.map((fn) => calibrate(fn, c.args, ms));
    const rates = timed.map(() => []);
    for (let r = 0; r < rounds; r++) {
      timed.forEach((fn, i) => rates[i].push(timeCalls(fn, c.args, calls[i]).perSecond));
    }
    const [levPerS, pagePerS, floatPerS, basePerS] = rates.map(median);
    const r = {
      lev_per_s: Math.round(levPerS),
      float_per_s: Math.round(floatPerS),
      float_over_lev: Number((floatPerS / levPerS).toFixed(2)),
      lev_per_s_page: Math.round(pagePerS),
      float_over_lev_page: Number((floatPerS / pagePerS).toFixed(2)),
    };
    if (basePerS !== undefined) {
      r.baseline_per_s = Math.round(basePerS);
      // the median of each round's own ratio: old and new timed back to back, at the same moment's load
      r.lev_over_baseline = Number(median(rates[0].map((x, i) => x / rates[3][i])).toFixed(3));
    }
    for (const [unit, count] of Object.entries(c.per ?? {})) r[unit] = Math.round(levPerS * count);
    if (c.target) {
      r.target = c.target;
      // a rate is a floor, float_over_lev a ceiling
      r.met = Object.entries(c.target).every(([k, v]) => (k === "float_over_lev" ? r[k] <= v : r[k] >= v));
    }
    out[c.id] = r;
  }
  return out;
}

module.exports = { runEngine, cases, TIERS, loadInRealm };

if (require.main === module) {
  const rounds = Number(process.argv[2] ?? 7);
  const ms = Number(process.argv[3] ?? 150);
  const only = process.argv[4] && process.argv[4] !== "all" ? process.argv[4].split(",") : undefined;
  const baseline = process.argv[5];
  console.log(JSON.stringify(runEngine({ rounds, ms, only, baseline }), null, 2));
}
