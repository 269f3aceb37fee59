// The preload's path guard: which /api/ paths Next would refuse as undecodable (answered 400 in the
// API's JSON shape by the preload instead of Next's HTML page).
import { createRequire } from "node:module";
import { expect, it } from "vitest";

const { undecodableApiPath } = createRequire(import.meta.url)("./request-preload.cjs") as { undecodableApiPath: (url: unknown) => boolean };

it.each(["/api/v1/cases/%", "/api/v1/cases/%E0%A4%A", "/api/v1/cases/%C0%AE%C0%AE/notes", "/api/v1/account-links/%FF%FE?x=1"])("refuses %s", (url) => {
  expect(undecodableApiPath(url)).toBe(true);
});

it.each(["/api/v1/cases/LAN-2026-0001", "/api/v1/cases/%2e%2e/notes", "/api/v1/evidence?q=%", "/cases/%", "/login?callbackUrl=%", undefined])("lets %s through", (url) => {
  expect(undecodableApiPath(url)).toBe(false);
});
