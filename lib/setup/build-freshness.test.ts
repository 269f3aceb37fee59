import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsStale } from "./build-freshness";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function builtRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-freshness-"));
  roots.push(root);
  fs.mkdirSync(path.join(root, ".next"));
  fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, ".next", "BUILD_ID"), past, past);
  return root;
}

function touch(root: string, rel: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "// changed");
}

describe("buildIsStale", () => {
  it("is stale without a build", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-freshness-"));
    roots.push(root);
    expect(buildIsStale(root)).toBe(true);
  });

  it("is fresh when nothing changed since the build", () => {
    const root = builtRoot();
    const past = new Date(Date.now() - 120_000);
    touch(root, "app/page.tsx");
    fs.utimesSync(path.join(root, "app/page.tsx"), past, past);
    fs.utimesSync(path.join(root, "app"), past, past);
    expect(buildIsStale(root)).toBe(false);
  });

  // Each of these is compiled by `next build`; an edit to one must not leave a stale server running.
  it.each(["pages/api/v1/cases/[id]/export.ts", "app/page.tsx", "lib/x/y.ts", "components/z.tsx", "instrumentation.ts", "proxy.ts"])(
    "is stale after an edit to %s",
    (rel) => {
      const root = builtRoot();
      touch(root, rel);
      expect(buildIsStale(root)).toBe(true);
    },
  );

  it("ignores tests and generated code", () => {
    const root = builtRoot();
    touch(root, "lib/x/y.test.ts");
    touch(root, "lib/generated/client.ts");
    for (const d of ["lib/x", "lib/generated", "lib"]) {
      const past = new Date(Date.now() - 120_000);
      fs.utimesSync(path.join(root, d), past, past);
    }
    expect(buildIsStale(root)).toBe(false);
  });
});
