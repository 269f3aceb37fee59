import { describe, expect, it } from "vitest";
import { guessKind, kindLabel } from "@/components/evidence/evidence-kind";

describe("guessKind", () => {
  it.each([
    ["harvest.jsonl", "", "API_LOG"],
    ["usage.CSV", "text/csv", "API_LOG"],
    ["screen.png", "image/png", "SCREENSHOT"],
    ["vector.svg", "image/svg+xml", "DOCUMENT"],
    ["mail.eml", "", "EMAIL"],
    ["distillation-analysis.pdf", "application/pdf", "DISTILLATION_REPORT"],
    ["memo.pdf", "application/pdf", "DOCUMENT"],
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
