/**
 * How the grid shows values: Excel's General format (up to 15 significant digits, as many as the column
 * has room for), or a few Excel number formats ("0.00", "#,##0.00", "0.00%") that the sample workbook and
 * .xlsx files use. The cell keeps the full value; only the text shown changes.
 */
export type NumberFormat = string;

export function general(n: number, maxChars = 11): string {
  if (n === 0) return "0";
  if (!Number.isFinite(n)) return "#NUM!";
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e11) {
    for (let p = 15; p >= 1; p--) {
      const text = String(Number(n.toPrecision(p)));
      if (text.length <= maxChars || p === 1) return text;
    }
  }
  for (let p = 6; p >= 1; p--) {
    const text = n.toExponential(p - 1).replace(/\.?0+e/, "e").replace("e+", "E+").replace("e-", "E-");
    if (text.length <= maxChars || p === 1) return text;
  }
  return String(n);
}

function decimalsOf(format: string): number {
  const m = /\.(0+)/.exec(format);
  return m ? m[1]!.length : 0;
}

export function formatNumber(n: number, format: NumberFormat | undefined, maxChars = 11): string {
  if (!format || format === "General") return general(n, maxChars);
  const decimals = decimalsOf(format);
  const percent = format.includes("%");
  const value = percent ? n * 100 : n;
  const grouped = format.includes("#,##0");
  const text = value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
  return percent ? `${text}%` : text;
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(col: number): string {
  let name = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** "B3" → { row: 2, col: 1 }. */
export function parseCell(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "A1:G20" (or one cell) → its corners. */
export function parseRange(ref: string) {
  const [a, b] = ref.split(":");
  const start = parseCell(a ?? "");
  const end = b ? parseCell(b) : start;
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}
