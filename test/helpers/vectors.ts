import * as fs from "fs";
import * as path from "path";

/**
 * The public reference vectors (test/fixtures/shared/reference/vectors-public.json, copied from the reference folder): worked examples from
 * exchanges, brokers and textbooks, each with its source.
 */
export interface Vector {
  id: string;
  topic: string;
  source: string;
  inputs: Record<string, unknown>;
  expected: Record<string, number | boolean | string>;
  tolerance: Record<string, { abs?: number; rel?: number; exact?: boolean }>;
  notes: string;
  derived: boolean;
}

export const VECTORS_FILE = path.resolve(__dirname, "../fixtures/shared/reference/vectors-public.json");

let cache: Vector[] | undefined;

export function vectors(): Vector[] {
  if (!fs.existsSync(VECTORS_FILE)) {
    throw new Error(`reference vectors not found at ${VECTORS_FILE}`);
  }
  cache ??= JSON.parse(fs.readFileSync(VECTORS_FILE, "utf8")) as Vector[];
  return cache;
}

export function vector(id: string): Vector {
  const v = vectors().find((x) => x.id === id);
  if (!v) throw new Error(`no reference vector ${id}`);
  return v;
}

/** Input `key` of vector `id`, checked to exist. */
export function input<T = number>(id: string, key: string): T {
  const v = vector(id);
  if (!(key in v.inputs)) throw new Error(`vector ${id} has no input ${key}`);
  return v.inputs[key] as T;
}

/** Asserts `actual` matches expected[key] of vector `id` within the vector's own tolerance. */
export function expectVector(id: string, key: string, actual: unknown): void {
  const v = vector(id);
  const expected = v.expected[key];
  if (expected === undefined) throw new Error(`vector ${id} has no expected ${key}`);
  const tol = v.tolerance[key] ?? { rel: 1e-9 };
  if (typeof expected !== "number" || tol.exact) {
    expect(actual).toBe(expected);
    return;
  }
  expect(typeof actual).toBe("number");
  const a = actual as number;
  const allowed = tol.abs ?? Math.abs(expected) * (tol.rel ?? 1e-9);
  if (Math.abs(a - expected) > allowed) {
    throw new Error(`${id}.${key}: expected ${expected} ± ${allowed}, got ${a}`);
  }
}
