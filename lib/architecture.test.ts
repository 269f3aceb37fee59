// Folders of lib/ form layers: no folder imports one that imports it back, directly or through
// others. Cases and actions both need the access decision, so it lives below both (lib/access);
// this test reads the import graph of lib/ (tests excluded) and fails on any loop between folders.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB = path.resolve(import.meta.dirname);

// Loops that exist today and are someone's to untangle; a loop not listed here fails the test, and
// so does a listed one that has gone (shrink the list when you mend one).
const KNOWN_LOOPS: string[][] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** lib/cases/x.ts → "cases"; lib/env.ts → "env". */
function moduleOf(relativeToLib: string): string {
  return relativeToLib.split(/[\\/]/)[0].replace(/\.tsx?$/, "");
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["']@\/lib\/([^"']+)["']/g;
  for (const file of sourceFiles(LIB)) {
    const from = moduleOf(path.relative(LIB, file));
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const to = moduleOf(m[1]);
      if (to !== from && to !== "generated") edges.add(to);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan), each sorted. */
function loops(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found.sort((a, b) => a.join().localeCompare(b.join()));
}

function explain(graph: Map<string, Set<string>>, scc: string[]): string {
  const inside = new Set(scc);
  return scc.flatMap((a) => [...(graph.get(a) ?? [])].filter((b) => inside.has(b)).map((b) => `${a} → ${b}`)).join(", ");
}

describe("lib/ folder layering", () => {
  it("has no import loop between folders other than the known ones", () => {
    const graph = folderGraph();
    const found = loops(graph).map((scc) => ({ folders: scc, edges: explain(graph, scc) }));
    expect(found.map((l) => l.folders), JSON.stringify(found, null, 1)).toEqual(KNOWN_LOOPS);
  });

  it("keeps lib/access below the aggregates: it imports none of them", () => {
    const access = [...(folderGraph().get("access") ?? [])].sort();
    expect(access.filter((f) => !["db", "errors", "env", "validation"].includes(f))).toEqual([]);
  });

  it("finds a loop when there is one (the detector itself)", () => {
    const g = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(loops(g)).toEqual([["a", "b", "c"]]);
    expect(loops(new Map([["a", new Set(["b"])], ["b", new Set<string>()]]))).toEqual([]);
  });
});
