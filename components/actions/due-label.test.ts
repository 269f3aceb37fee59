import { describe, expect, it } from "vitest";
import { dueLabel } from "@/components/actions/due-label";

const now = new Date("2026-11-29T12:00:00Z");

describe("dueLabel", () => {
  it.each([
    ["2026-12-02T23:59:59Z", "due in 3 days", false],
    ["2026-11-30T08:00:00Z", "due tomorrow", false],
    ["2026-11-29T18:00:00Z", "due today", false],
    ["2026-11-29T06:00:00Z", "overdue (due earlier today)", true],
    ["2026-11-28T23:59:59Z", "overdue by 1 day", true],
    ["2026-11-27T10:00:00Z", "overdue by 2 days", true],
  ])("%s → %s", (dueAt, text, overdue) => {
    expect(dueLabel(dueAt, false, now)).toEqual({ text, overdue });
  });

  it("says nothing without a due date and never calls a final action overdue", () => {
    expect(dueLabel(null, false, now)).toBeNull();
    expect(dueLabel("2026-11-01T00:00:00Z", true, now)).toEqual({ text: "was due 2026-11-01", overdue: false });
  });
});
