import { describe, expect, it } from "vitest";
import { ageBuckets, intersect, monthStart, weeksOf, weekStart } from "@/lib/dashboard/dashboard-periods";

const d = (s: string) => new Date(s);

describe("weeks", () => {
  it("starts weeks on Monday 00:00 UTC", () => {
    expect(weekStart(d("2026-11-29T23:59:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Sunday
    expect(weekStart(d("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z"); // a Monday
  });

  it("gives the last 12 weeks by default, adjacent, the last one holding now", () => {
    const now = d("2026-11-29T12:00:00Z");
    const w = weeksOf({}, now);
    expect(w).toHaveLength(12);
    expect(w[11].label).toBe("2026-11-23");
    expect(w[0].label).toBe("2026-09-07");
    for (let i = 1; i < w.length; i++) expect(w[i].from).toEqual(w[i - 1].to);
  });

  it("covers a chosen period, cut to its bounds, at most 52 weeks", () => {
    const now = d("2026-11-29T12:00:00Z");
    const w = weeksOf({ from: d("2026-11-04T00:00:00Z"), to: d("2026-11-20T00:00:00Z") }, now);
    expect(w.map((b) => b.label)).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(w[0].from).toEqual(d("2026-11-04T00:00:00Z"));
    expect(w[2].to).toEqual(d("2026-11-20T00:00:00Z"));
    expect(weeksOf({ from: d("2020-01-01T00:00:00Z") }, now)).toHaveLength(52);
  });
});

describe("age buckets and ranges", () => {
  it("splits the past into adjacent buckets, youngest first, the last open-ended", () => {
    const now = d("2026-11-29T12:00:00Z");
    const b = ageBuckets(now);
    expect(b.map((x) => x.label)).toEqual(["under 7 days", "7–30 days", "30–90 days", "90–180 days", "180–365 days", "over a year"]);
    expect(b[0]).toMatchObject({ from: d("2026-11-22T12:00:00Z"), to: undefined });
    for (let i = 1; i < b.length; i++) expect(b[i].to).toEqual(b[i - 1].from);
    expect(b[5].from).toBeUndefined();
  });

  it("intersects ranges with open ends", () => {
    expect(intersect({ from: d("2026-01-01") }, { from: d("2026-02-01"), to: d("2026-03-01") })).toEqual({ from: d("2026-02-01"), to: d("2026-03-01") });
    expect(intersect({}, {})).toEqual({ from: undefined, to: undefined });
    expect(monthStart(d("2026-11-29T12:00:00Z")).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });
});
