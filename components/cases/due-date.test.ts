import { describe, expect, it } from "vitest";
import { isPastDueDate } from "@/components/cases/due-date";

describe("isPastDueDate", () => {
  const now = new Date("2026-11-29T18:00:00Z");
  it.each([
    ["2026-11-28", true],
    ["2020-01-01", true],
    ["2026-11-29", false],
    ["2026-12-01", false],
    ["", false],
    ["not a date", false],
  ])("%j → %s", (value, past) => {
    expect(isPastDueDate(value, now)).toBe(past);
  });
});
