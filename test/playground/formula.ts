import type { FunctionsMetadata } from "../../src/playground/metadata";
import { excel, type WorksheetFunction } from "../helpers/bundle";

/**
 * Evaluates the small formulas of vector-formulas.ts without a spreadsheet: one LEV call whose arguments
 * are numbers, "text", TRUE/FALSE, array constants ({1,2;3,4}), omitted, or other LEV calls; or Excel's
 * INDEX(table, row, column) and ROWS(table) over a LEV call that spills, optionally minus a number. Each
 * LEV call goes straight to the bundle's function, with the arguments Excel would pass (a scalar given for a
 * range parameter as [[v]], an omitted one as null). An Excel error returned by an inner call is the result.
 */
export type Node =
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "excel"; name: "INDEX" | "ROWS"; args: Node[] }
  | { kind: "minus"; left: Node; right: number }
  | { kind: "value"; value: unknown }
  | { kind: "array"; rows: unknown[][] };

export function parseFormula(formula: string): Node {
  let i = 0;
  const s = formula.replace(/^=/, "");
  const ws = () => {
    while (s[i] === " ") i++;
  };
  const scalar = (): unknown => {
    ws();
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const text = s.slice(i + 1, end);
      i = end + 1;
      return text;
    }
    const m = /^(TRUE|FALSE|-?\d+(\.\d+)?(e-?\d+)?)/i.exec(s.slice(i));
    if (!m) throw new Error(`cannot read "${s.slice(i)}" in ${formula}`);
    i += m[0].length;
    if (/^true$/i.test(m[0])) return true;
    if (/^false$/i.test(m[0])) return false;
    return Number(m[0]);
  };
  const expr = (): Node => {
    ws();
    if (s[i] === "," || s[i] === ")") return { kind: "value", value: null };
    if (s[i] === "{") {
      i++;
      const rows: unknown[][] = [[]];
      for (;;) {
        rows[rows.length - 1]!.push(scalar());
        ws();
        const c = s[i++];
        if (c === "}") break;
        if (c === ";") rows.push([]);
        else if (c !== ",") throw new Error(`bad array constant in ${formula}`);
      }
      return { kind: "array", rows };
    }
    const args = (): Node[] => {
      const list: Node[] = [];
      ws();
      if (s[i] === ")") i++;
      else
        for (;;) {
          list.push(expr());
          ws();
          const c = s[i++];
          if (c === ")") break;
          if (c !== ",") throw new Error(`expected , or ) in ${formula}`);
        }
      return list;
    };
    const call = /^LEV\.([A-Z0-9_]+)\(/i.exec(s.slice(i));
    if (call) {
      i += call[0].length;
      return { kind: "call", name: call[1]!.toUpperCase(), args: args() };
    }
    const builtin = /^(INDEX|ROWS)\(/i.exec(s.slice(i));
    if (builtin) {
      i += builtin[0].length;
      return { kind: "excel", name: builtin[1]!.toUpperCase() as "INDEX" | "ROWS", args: args() };
    }
    return { kind: "value", value: scalar() };
  };
  let node = expr();
  ws();
  if (s[i] === "-") {
    i++;
    const right = scalar();
    if (typeof right !== "number") throw new Error(`expected a number after - in ${formula}`);
    node = { kind: "minus", left: node, right };
    ws();
  }
  if (i !== s.length) throw new Error(`unread text "${s.slice(i)}" in ${formula}`);
  return node;
}

/** The LEV function names a formula calls. */
export function functionsCalled(node: Node): string[] {
  if (node.kind === "minus") return functionsCalled(node.left);
  if (node.kind === "excel") return node.args.flatMap(functionsCalled);
  if (node.kind !== "call") return [];
  return [node.name, ...node.args.flatMap(functionsCalled)];
}

const isError = (v: unknown): v is { error: string; message: string } => typeof v === "object" && v !== null && "error" in v;

export function evaluate(node: Node, functions: Record<string, WorksheetFunction>, metadata: FunctionsMetadata): unknown {
  if (node.kind === "value") return node.value;
  if (node.kind === "array") return node.rows;
  if (node.kind === "minus") {
    const v = evaluate(node.left, functions, metadata);
    return isError(v) ? v : (v as number) - node.right;
  }
  if (node.kind === "excel") {
    const [table, row, column] = node.args.map((a) => evaluate(a, functions, metadata));
    if (isError(table)) return table;
    if (!Array.isArray(table)) throw new Error(`${node.name} needs a table, got ${JSON.stringify(table)}`);
    if (node.name === "ROWS") return table.length;
    return (table as unknown[][])[(row as number) - 1]?.[(column as number) - 1];
  }
  const meta = metadata.functions.find((f) => f.id === node.name);
  const fn = functions[node.name];
  if (!meta || !fn) throw new Error(`LEV.${node.name} does not exist`);
  const args: unknown[] = [];
  for (let k = 0; k < meta.parameters.length; k++) {
    const a = node.args[k];
    let v = a ? evaluate(a, functions, metadata) : null;
    if (isError(v)) return v;
    if (meta.parameters[k]!.dimensionality === "matrix" && v !== null && !Array.isArray(v)) v = [[v]];
    args.push(v);
  }
  return excel(fn, ...args);
}
