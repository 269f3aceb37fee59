import { describe, expect, it } from "vitest";
import { firstRecordFields, guessKind, guessKindFromContent, kindLabel } from "@/components/evidence/evidence-kind";

describe("guessKind", () => {
  it.each([
    ["harvest.jsonl", "", "API_LOG"],
    ["usage.CSV", "text/csv", "API_LOG"],
    ["screen.png", "image/png", "SCREENSHOT"],
    ["vector.svg", "image/svg+xml", "DOCUMENT"],
    ["mail.eml", "", "EMAIL"],
    ["distillation-analysis.pdf", "application/pdf", "DISTILLATION_REPORT"],
    ["memo.pdf", "application/pdf", "DOCUMENT"],
    ["analysis-report.pdf", "application/pdf", "DOCUMENT"],
    ["Distillation_Report_Q3.pdf", "application/pdf", "DISTILLATION_REPORT"],
    ["noextension", "", "DOCUMENT"],
  ])("%s (%s) → %s", (name, type, kind) => {
    expect(guessKind(name, type)).toBe(kind);
  });
});

describe("kindLabel", () => {
  it("names known kinds and passes unknown ones through", () => {
    expect(kindLabel("API_LOG")).toBe("API usage log");
    expect(kindLabel("NEW_KIND")).toBe("NEW_KIND");
  });
});

describe("guessKindFromContent", () => {
  it.each([
    ["export.txt", "timestamp,account_id,model,prompt_tokens,completion_tokens\n2026-11-01T00:00:00Z,acct-1,m,10,20\n", "API_LOG"],
    ["data", '{"timestamp":"2026-11-01T00:00:00Z","account_id":"a","model":"m","prompt_tokens":1,"completion_tokens":2}\n{"timestamp"', "API_LOG"],
    ["usage.tsv", "\ufeffTimestamp\tAccount_ID\ttokens\n", "API_LOG"],
    ["quoted.csv", '"timestamp","account_id","total_tokens"\r\n', "API_LOG"],
    ["accounts.csv", "account_id,requests,first_seen\nacct-1,3,2026-10-01\n", null],
    ["notes.txt", "Analyst notes about timestamp, account_id and tokens\n", null],
    ["broken.jsonl", '{"timestamp": "2026-11-01", "account_id": "a", "prompt_tok', null],
    ["analysis-report.pdf", "%PDF-1.7\n", null],
  ])("%s → %s", (name, head, kind) => {
    expect(guessKindFromContent(name, head)).toBe(kind);
  });

  it("reads the first record's fields from JSON Lines or a CSV header", () => {
    expect(firstRecordFields('\n{"A": 1, "b": 2}\n')).toEqual(["a", "b"]);
    expect(firstRecordFields("x,y\n1,2")).toEqual(["x", "y"]);
    expect(firstRecordFields("just text")).toEqual([]);
  });
});
