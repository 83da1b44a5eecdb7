import { D, readLeverage, readNumber, readSide } from "../../src/engine";
import { EngineError } from "../../src/engine";
import { readBoolean, readNumbers, readOption } from "../../src/engine/spec/read";

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return "none";
}

describe("the catalog's input conventions", () => {
  it.each([
    [100, "100"],
    ["100", "100"],
    [" 0.5 ", "0.5"],
    ["1,000", "1000"],
    ["1,234,567.5", "1234567.5"],
    ["2%", "0.02"],
    ["0.5 %", "0.005"],
    ["-3", "-3"],
    ["1e3", "1000"],
    [".25", "0.25"],
    [0.1, "0.1"], // a JS number is read through its shortest decimal text
    [-0, "0"],
    [[[42]], "42"], // a 1×1 range is its value
  ])("reads %p as the number %s", (raw, expected) => {
    expect(readNumber(raw, "x").toString()).toBe(expected);
  });

  it.each([
    ["abc", "VALUE"],
    ["1,00", "VALUE"], // not a thousands grouping
    ["12abc", "VALUE"],
    [true, "VALUE"], // booleans where a number belongs
    [null, "VALUE"],
    ["", "VALUE"],
    [[[1, 2]], "VALUE"], // a range where one value belongs
    [Number.NaN, "NUM"],
    [Number.POSITIVE_INFINITY, "NUM"],
    [{}, "VALUE"],
  ])("rejects %p as a number with %s", (raw, code) => {
    expect(codeOf(() => readNumber(raw, "x"))).toBe(code);
  });

  it.each([
    [20, "20"],
    ["20", "20"],
    ["20x", "20"],
    ["20X", "20"],
    ["x20", "20"],
    ["1:20", "20"],
    ["20:1", "20"],
    [" 1 : 50 ", "50"],
    ["2.5x", "2.5"],
    [0.5, "0.5"],
  ])("reads leverage %p as %s", (raw, expected) => {
    expect(readLeverage(raw, "leverage").toString()).toBe(expected);
  });

  it.each([
    [0, "NUM"],
    [-2, "NUM"],
    ["1:0", "NUM"],
    ["0x", "NUM"],
    ["fifty", "VALUE"],
    ["1:2:3", "VALUE"],
    ["", "VALUE"],
    [true, "VALUE"],
  ])("rejects leverage %p with %s", (raw, code) => {
    expect(codeOf(() => readLeverage(raw, "leverage"))).toBe(code);
  });

  it("reads sides in every written form and rejects the rest", () => {
    for (const s of ["long", "Long", " BUY ", "l", 1, "1", "+1"]) expect(readSide(s, "side")).toBe(1);
    for (const s of ["short", "SELL", "s", -1, "-1"]) expect(readSide(s, "side")).toBe(-1);
    for (const s of ["lnog", 0, 2, "", null, true]) expect(codeOf(() => readSide(s, "side"))).toBe("VALUE");
  });

  it("reads booleans as Excel does", () => {
    expect(readBoolean(true, "b")).toBe(true);
    expect(readBoolean("false", "b")).toBe(false);
    expect(readBoolean(0, "b")).toBe(false);
    expect(codeOf(() => readBoolean("maybe", "b"))).toBe("VALUE");
  });

  it("reads option words case-insensitively and trimmed", () => {
    expect(readOption(" Entry ", "mm_basis", ["liquidation", "entry"])).toBe("entry");
    expect(codeOf(() => readOption("exit", "mm_basis", ["liquidation", "entry"]))).toBe("VALUE");
  });

  it("reads a range row by row, skipping blanks, and names the position of a bad cell", () => {
    expect(readNumbers([[1, null, "2"], ["", 3, undefined]], "prices").map((d) => d.toString())).toEqual(["1", "2", "3"]);
    try {
      readNumbers([[1, 2], [3, "x"]], "prices");
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).field).toBe("prices");
      expect((e as EngineError).message).toContain("row 2, column 2");
    }
  });

  it("keeps decimal exactness: 0.1 + 0.2 read from cells is 0.3", () => {
    expect(readNumber(0.1, "a").add(readNumber(0.2, "b")).eq(new D("0.3"))).toBe(true);
  });
});
