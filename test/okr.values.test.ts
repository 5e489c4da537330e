import { OkrError } from "../src/okr/errors";
import {
  formatNumber,
  isoFromSerial,
  roundTo,
  serialFromUtcMs,
  toDateSerial,
  todaySerial,
  toNumber,
} from "../src/okr/values";

describe("roundTo rounds as Excel's ROUND does", () => {
  test.each([
    [0.695, 2, 0.7],
    [0.694999, 2, 0.69],
    [0.005, 2, 0.01],
    [1.005, 2, 1.01],
    [0.125, 2, 0.13],
    [-0.125, 2, -0.13],
    [0.8125, 2, 0.81],
    [2 / 3, 2, 0.67],
    [0.4 - 0.005, 2, 0.4],
    [12.5, 0, 13],
    [-12.5, 0, -13],
  ])("roundTo(%p, %p) is %p", (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe("toNumber reads numbers and numbers stored as text", () => {
  test.each<[unknown, number]>([
    [42, 42],
    [-0.5, -0.5],
    [" 80 ", 80],
    ["1e3", 1000],
    [".5", 0.5],
    ["95%", 0.95],
    ["12.5 %", 0.125],
    ["-3", -3],
  ])("%p → %p", (value, expected) => {
    expect(toNumber("x", value)).toBe(expected);
  });

  test.each<[unknown, string]>([
    ["abc", 'x is not a number: "abc"'],
    ["1,000", 'x is not a number: "1,000"'],
    [true, "x is not a number: TRUE"],
    [NaN, "x is not a finite number (NaN)"],
    [-Infinity, "x is not a finite number (-Infinity)"],
    ["1e999", 'x is not a finite number ("1e999")'],
    [{}, "x is not a number: a value of an unsupported kind"],
    [[1], "x is not a number: a list of values"],
    ["x".repeat(100), `x is not a number: "${"x".repeat(39)}…"`],
  ])("%p is refused", (value, message) => {
    expect(() => toNumber("x", value)).toThrow(new OkrError("#VALUE!", message));
  });
});

describe("dates use Excel's 1900 date system", () => {
  test.each<[unknown, number]>([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["2026-01-01", 46023],
    ["2026-03-31", 46112],
    [new Date(Date.UTC(2026, 0, 1)), 46023],
    [new Date(Date.UTC(2026, 0, 1, 12)), 46023.5],
    [46023, 46023],
    ["46023", 46023],
  ])("%p is serial %p", (value, serial) => {
    expect(toDateSerial("d", value)).toBe(serial);
  });

  test.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [60, "1900-02-29"],
    [61, "1900-03-01"],
    [46023, "2026-01-01"],
    [46023.75, "2026-01-01"],
  ])("serial %p is %p", (serial, iso) => {
    expect(isoFromSerial(serial)).toBe(iso);
  });

  test("today is the local calendar day", () => {
    const noonLocal = new Date(2026, 10, 27, 12, 0, 0);
    expect(todaySerial(noonLocal)).toBe(serialFromUtcMs(Date.UTC(2026, 10, 27)));
  });

  test("formatNumber shows what Excel's General format shows", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(72)).toBe("72");
    expect(formatNumber(1 / 3)).toBe("0.333333333333333");
  });
});
