import { describe, expect, it } from "vitest";
import { activityRows, bucketLabel, bucketName, OTHERS_COLOR, seriesColor } from "@/components/distillation/chart-data";

describe("chart data", () => {
  it("labels buckets in UTC, with the time only below a day", () => {
    const t = Date.UTC(2025, 0, 6, 10, 5) / 1000;
    expect(bucketLabel(t, 300)).toBe("2025-01-06 10:05");
    expect(bucketLabel(t - 10 * 3600 - 300, 86400)).toBe("2025-01-06");
    expect([60, 300, 3600, 6 * 3600, 86400, 7 * 86400].map(bucketName)).toEqual(["minute", "5 minutes", "hour", "6 hours", "day", "7 days"]);
  });

  it("gives every bucket a count for every series (0 when none) and the bucket's total", () => {
    const rows = activityRows({
      bucketSeconds: 3600,
      series: [
        { key: "a", label: "acct-a", requests: 5, others: false },
        { key: "__others__", label: "Others", requests: 1, others: true },
      ],
      points: [
        { t: 0, counts: { a: 5, __others__: 1 }, promptTokens: 10, completionTokens: 20 },
        { t: 3600, counts: {}, promptTokens: 0, completionTokens: 0 },
      ],
    });
    expect(rows).toEqual([
      { label: "1970-01-01 00:00", a: 5, __others__: 1, total: 6, promptTokens: 10, completionTokens: 20 },
      { label: "1970-01-01 01:00", a: 0, __others__: 0, total: 0, promptTokens: 0, completionTokens: 0 },
    ]);
    expect(seriesColor(0, true)).toBe(OTHERS_COLOR);
    expect(seriesColor(0, false)).not.toBe(OTHERS_COLOR);
  });
});
