// isoTimestampOf (lib/db/query-rows.ts): PostgreSQL's text of a UTC timestamp as toISOString gives
// it, by string operations; it must agree with parsing into a Date and formatting it again.
import { describe, expect, it } from "vitest";
import { isoTimestampOf } from "@/lib/db/query-rows";

const viaDate = (text: string) => new Date(`${text.replace(" ", "T")}Z`).toISOString();

describe("isoTimestampOf", () => {
  it("gives what a Date gives for every fraction PostgreSQL prints (none, 1 to 6 digits)", () => {
    for (const text of [
      "2026-11-29 12:34:56",
      "2026-11-29 12:34:56.7",
      "2026-11-29 12:34:56.78",
      "2026-11-29 12:34:56.789",
      "2026-11-29 12:34:56.789999",
      "2000-01-01 00:00:00.001",
      "2099-12-31 23:59:59.999",
    ]) {
      expect(isoTimestampOf(text)).toBe(viaDate(text));
    }
  });

  it("agrees with a Date on 2,000 random timestamps", () => {
    for (let i = 0; i < 2000; i++) {
      const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 100 * 365.25 * 86_400_000));
      // As PostgreSQL prints it: trailing zeros of the fraction dropped, no fraction when it is 0.
      const frac = String(d.getUTCMilliseconds()).padStart(3, "0").replace(/0+$/, "");
      const text = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}${frac ? `.${frac}` : ""}`;
      expect(isoTimestampOf(text)).toBe(d.toISOString());
    }
  });

  it("lets text of another shape through a Date", () => {
    expect(isoTimestampOf("2026-11-29T12:34:56.5")).toBe("2026-11-29T12:34:56.500Z");
  });
});
