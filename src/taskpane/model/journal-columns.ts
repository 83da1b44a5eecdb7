import type { Fill } from "./journal-fill";

/**
 * The fills to write as columns (numbers in typed arrays, text in small tables), so that a hundred thousand
 * of them cross from the worker to the page without a long task on the page.
 */
export interface FillColumns {
  n: number;
  time: Float64Array;
  price: Float64Array;
  quantity: Float64Array;
  fee: Float64Array;
  /** NaN where no contract size is given. */
  contractSize: Float64Array;
  side: Uint8Array; // 0 buy, 1 sell
  positionSide: Uint8Array; // 0 none, 1 LONG, 2 SHORT
  texts: string[];
  symbol: Uint32Array;
  /** Index into texts + 1; 0 for none. */
  feeAsset: Uint32Array;
  /** The exchange's id of the fill: index into texts + 1; 0 for none. */
  tradeId: Uint32Array;
  line: Uint32Array;
  /** Notes and inferred flags, by fill index (few). */
  notes: Record<number, { note: string; inferred: boolean }>;
}

export function toColumns(fills: readonly Fill[]): FillColumns {
  const n = fills.length;
  const texts: string[] = [];
  const index = new Map<string, number>();
  const text = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = texts.length;
      texts.push(s);
      index.set(s, i);
    }
    return i;
  };
  const c: FillColumns = {
    n,
    time: new Float64Array(n),
    price: new Float64Array(n),
    quantity: new Float64Array(n),
    fee: new Float64Array(n),
    contractSize: new Float64Array(n),
    side: new Uint8Array(n),
    positionSide: new Uint8Array(n),
    texts,
    symbol: new Uint32Array(n),
    feeAsset: new Uint32Array(n),
    tradeId: new Uint32Array(n),
    line: new Uint32Array(n),
    notes: {},
  };
  fills.forEach((f, i) => {
    c.time[i] = f.time;
    c.price[i] = f.price;
    c.quantity[i] = f.quantity;
    c.fee[i] = f.fee;
    c.contractSize[i] = f.contractSize ?? Number.NaN;
    c.side[i] = f.side === "buy" ? 0 : 1;
    c.positionSide[i] = f.positionSide === "LONG" ? 1 : f.positionSide === "SHORT" ? 2 : 0;
    c.symbol[i] = text(f.symbol);
    c.feeAsset[i] = f.feeAsset === undefined ? 0 : text(f.feeAsset) + 1;
    c.tradeId[i] = f.tradeId === undefined ? 0 : text(f.tradeId) + 1;
    c.line[i] = f.line;
    if (f.note !== undefined || f.inferred) c.notes[i] = { note: f.note ?? "", inferred: f.inferred === true };
  });
  return c;
}

/** The fills back from their columns. */
export function fromColumns(c: FillColumns): Fill[] {
  const out: Fill[] = new Array(c.n);
  for (let i = 0; i < c.n; i++) {
    const note = c.notes[i];
    out[i] = {
      line: c.line[i]!,
      time: c.time[i]!,
      symbol: c.texts[c.symbol[i]!]!,
      side: c.side[i] === 0 ? "buy" : "sell",
      price: c.price[i]!,
      quantity: c.quantity[i]!,
      fee: c.fee[i]!,
      feeAsset: c.feeAsset[i] === 0 ? undefined : c.texts[c.feeAsset[i]! - 1],
      positionSide: c.positionSide[i] === 1 ? "LONG" : c.positionSide[i] === 2 ? "SHORT" : undefined,
      ...(Number.isNaN(c.contractSize[i]!) ? {} : { contractSize: c.contractSize[i]! }),
      ...(c.tradeId[i] === 0 ? {} : { tradeId: c.texts[c.tradeId[i]! - 1] }),
      ...(note ? { note: note.note || undefined, inferred: note.inferred || undefined } : {}),
    };
  }
  return out;
}
