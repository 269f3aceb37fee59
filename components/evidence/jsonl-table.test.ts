import { describe, expect, it } from "vitest";
import { jsonlTable, MAX_COLUMNS } from "@/components/evidence/jsonl-table";

describe("jsonlTable", () => {
  it("makes one column per field in order of first appearance and one row per record", () => {
    const table = jsonlTable([
      { n: 1, text: '{"timestamp": "2026-11-01T00:00:00Z", "account_id": "acct-1", "prompt_tokens": 12}', valid: true },
      { n: 3, text: '{"account_id": "acct-2", "meta": {"ip": "10.0.0.1"}, "timestamp": "2026-11-01T00:00:01Z"}', valid: true },
      { n: 4, text: "{not json", valid: false },
    ]);
    expect(table?.columns).toEqual(["timestamp", "account_id", "prompt_tokens", "meta"]);
    expect(table?.rows).toEqual([
      { n: 1, cells: ["2026-11-01T00:00:00Z", "acct-1", "12", ""] },
      { n: 3, cells: ["2026-11-01T00:00:01Z", "acct-2", "", '{"ip":"10.0.0.1"}'] },
      { n: 4, raw: "{not json" },
    ]);
  });

  it("is nothing when no line is an object, and caps the columns", () => {
    expect(jsonlTable([{ n: 1, text: "[1, 2]", valid: true }, { n: 2, text: '"text"', valid: true }])).toBeNull();
    const wide = Object.fromEntries(Array.from({ length: MAX_COLUMNS + 5 }, (_, i) => [`f${i}`, i]));
    const table = jsonlTable([{ n: 1, text: JSON.stringify(wide), valid: true }]);
    expect(table?.columns).toHaveLength(MAX_COLUMNS);
    expect(table?.moreColumns).toBe(true);
  });
});
