import { D, DomainError, NotAvailableError } from "../../src/engine";
import { cellNumber, decimalCell, shownCell, TOO_LARGE } from "../../src/shared/cell";

describe("how a Decimal is shown in a cell, once for Excel and the pane", () => {
  it("gives the nearest double, never -0", () => {
    expect(decimalCell(new D("0.1"))).toBe(0.1);
    expect(Object.is(decimalCell(new D("-0")), 0)).toBe(true); // Excel has no negative zero
    expect(Object.is(cellNumber(-0), 0)).toBe(true);
    expect(decimalCell(new D("1e400"))).toBeUndefined(); // past the largest double, 1.797…e308
  });

  it("shows each value of a table as a cell holds it", () => {
    expect(shownCell(new D("62000.5"))).toBe(62000.5);
    expect(Object.is(shownCell(-0), 0)).toBe(true);
    expect(shownCell("long")).toBe("long");
    expect(shownCell(true)).toBe(true);
    expect(shownCell(null)).toBeNull();
    const na = new NotAvailableError("price", "no liquidation");
    expect(shownCell(na)).toBe(na);
    const big = shownCell(new D("-1e400"));
    expect(big).toBeInstanceOf(DomainError);
    expect((big as DomainError).message).toBe(TOO_LARGE);
  });
});
