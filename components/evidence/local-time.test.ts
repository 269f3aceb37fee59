import { describe, expect, it } from "vitest";
import { isoToLocal, localToIso } from "@/components/evidence/local-time";

describe("collected-at times between the picker and the server", () => {
  it("round-trips an ISO time through the picker's local value", () => {
    for (const iso of ["2026-11-02T14:30:00.000Z", "2025-01-02T03:04:05.000Z", "2026-06-30T23:59:00.000Z"]) {
      expect(localToIso(isoToLocal(iso))).toBe(iso);
    }
  });

  it("shows nothing for no time, and posts nothing for an empty or broken value", () => {
    expect(isoToLocal(null)).toBe("");
    expect(isoToLocal("garbage")).toBe("");
    expect(localToIso("")).toBe("");
    expect(localToIso("2026-13-45T99:99")).toBe("");
  });

  it("gives the picker its own format, without a zone", () => {
    expect(isoToLocal("2026-11-02T14:30:00Z")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(isoToLocal("2026-11-02T14:30:07Z")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:07$/);
  });
});
