import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { safeCell } from "@/lib/csv/csv-cells";
import { csvText } from "@/lib/csv/csv-stream";

describe("safeCell", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+44 20", "'+44 20"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=x", "'\t=x"],
    ["\r=x", "'\r=x"],
    ["plain = text", "plain = text"],
    // A ";" locale splits here: the part after the separator must not start a formula either.
    ["x;=HYPERLINK(\"http://evil\")", "x;'=HYPERLINK(\"http://evil\")"],
    ["a, -1", "a, '-1"],
    ["tag1;@cmd", "tag1;'@cmd"],
    ["=a;=b", "'=a;'=b"],
    ["a;b, c", "a;b, c"],
    ["", ""],
  ])("%j -> %j", (input, out) => expect(safeCell(input)).toBe(out));

  it("keeps numbers, booleans and dates as values, and empties null", () => {
    expect([safeCell(-3), safeCell(4.5), safeCell(true), safeCell(new Date("2026-11-29T10:00:00Z")), safeCell(null), safeCell(undefined), safeCell(Number.NaN)]).toEqual([
      "-3", "4.5", "true", "2026-11-29T10:00:00.000Z", "", "", "",
    ]);
  });
});

describe("csvText", () => {
  it("quotes commas, quotes and line breaks so every cell reads back as written", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines"], ["=x", 1, null]];
    expect(parse(csvText(["one", "two", "three"], rows))).toEqual([["one", "two", "three"], ["a,b", 'say "hi"', "two\nlines"], ["'=x", "1", ""]]);
  });
});
