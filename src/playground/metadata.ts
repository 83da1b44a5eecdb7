/**
 * The shape of dist/functions.json (custom-functions-metadata's output), as far as the playground reads it:
 * names, descriptions and parameters for the bridge and for autocomplete.
 */
export interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  /** "matrix" for a range argument; absent (scalar) otherwise. */
  dimensionality?: string;
  optional?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: ParameterMetadata[];
  /** `dimensionality: "matrix"` for a function whose result spills. */
  result?: { type?: string; dimensionality?: string };
}

export interface FunctionsMetadata {
  functions: FunctionMetadata[];
}

/** The manifest's custom-functions namespace: a function with id MARGIN is LEV.MARGIN in a cell. */
export const NAMESPACE = "LEV";

export function formulaName(fn: Pick<FunctionMetadata, "name">): string {
  return `${NAMESPACE}.${fn.name.toUpperCase()}`;
}

/** The worksheet signature shown in help, e.g. LEV.NOTIONAL(price, quantity, [contract_size]). */
export function signature(fn: FunctionMetadata): string {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `${formulaName(fn)}(${args.join(", ")})`;
}

export function spills(fn: FunctionMetadata): boolean {
  return fn.result?.dimensionality === "matrix";
}
