import { describe, expect, it } from "vitest";
import { safeLocalPath } from "@/lib/http/safe-redirect";

describe("safeLocalPath", () => {
  it.each(["/cases", "/cases/LAN-2026-0001?notesPage=2", "/audit#top"])("keeps the local path %s", (p) => {
    expect(safeLocalPath(p)).toBe(p);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "https://evil.example/",
    "javascript:alert(1)",
    "cases",
    "",
    undefined,
  ])("refuses %j", (p) => {
    expect(safeLocalPath(p)).toBe("/cases");
  });
});
