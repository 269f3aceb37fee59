// The OpenAPI description must stay true to the routes: every method of every route file under
// app/api/v1 (and of the Pages Router routes under pages/api/v1) is documented, and nothing
// documented is missing from the code.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");
const pagesApiRoot = path.resolve(import.meta.dirname, "../../pages/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const routePath = (dir: string) => "/" + (dir === "." ? "" : dir.split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/"));

/** "METHOD /path" for each exported handler, with [id] segments written as {id}. */
function routesInCode(): string[] {
  const files = fs.readdirSync(apiRoot, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
  const appRoutes = files.flatMap((file) => {
    const dir = path.dirname(file);
    if (dir === "openapi.json") return []; // the description itself
    if (dir.includes("[...")) return []; // the catch-all: 404 for any path no route serves
    const source = fs.readFileSync(path.join(apiRoot, file), "utf8");
    return METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(source)).map((m) => `${m} ${routePath(dir)}`);
  });
  // Pages Router routes: nodeApiRoute({ GET: ..., POST: ... }) in pages/api/v1/<path>.ts
  const pageFiles = fs.readdirSync(pagesApiRoot, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const pageRoutes = pageFiles.flatMap((file) => {
    const source = fs.readFileSync(path.join(pagesApiRoot, file), "utf8");
    return METHODS.filter((m) => new RegExp(`^\\s+${m}: `, "m").test(source)).map((m) => `${m} ${routePath(file.replace(/\.ts$/, ""))}`);
  });
  expect(pageRoutes.length).toBeGreaterThan(0);
  return [...appRoutes, ...pageRoutes];
}

function routesInDocument(): string[] {
  const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
}

describe("the OpenAPI description", () => {
  it("documents exactly the routes the code serves", () => {
    const code = routesInCode().sort();
    expect(code.length).toBeGreaterThan(10);
    expect(routesInDocument().sort()).toEqual(code);
  });
});

describe("every route under app/api/v1", () => {
  // Next answers an unserved method 405 with an empty body: each route hands its unserved methods
  // to otherMethods() (lib/api/other-methods.ts), which answers them in the error shape.
  it("answers the methods it does not serve through otherMethods(), naming exactly the ones it serves", () => {
    const files = fs.readdirSync(apiRoot, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts" && !f.includes("[..."));
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((file) => {
      const source = fs.readFileSync(path.join(apiRoot, file), "utf8");
      const served = METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(source));
      const other = /export const \{([^}]*)\} = otherMethods\(\{([^}]*)\}\)/.exec(source);
      const names = (s: string | undefined) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean).sort();
      const expected = [...METHODS.filter((m) => !served.includes(m)), ...(served.includes("GET") ? [] : ["HEAD"]), "OPTIONS"].sort();
      if (!other) return [`${file}: add \`export const { ${expected.join(", ")} } = otherMethods({ ${served.join(", ")} });\``];
      if (names(other[2]).join() !== [...served].sort().join()) return [`${file}: otherMethods() must name the served methods ${served.join(", ")}`];
      if (names(other[1]).join() !== expected.join()) return [`${file}: export ${expected.join(", ")} from otherMethods()`];
      return [];
    });
    expect(problems).toEqual([]);
  });
});


type Operation = { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> };

function operations(): [string, Operation][] {
  const paths = (openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths;
  return Object.entries(paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]): [string, Operation] => [`${m.toUpperCase()} ${p}`, op]));
}

describe("the OpenAPI operations", () => {
  it("each have a unique camelCase operationId starting with a verb", () => {
    const ops = operations();
    const missing = ops.filter(([, op]) => !op.operationId).map(([k]) => k);
    expect(missing).toEqual([]);
    const ids = ops.map(([, op]) => op.operationId!);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^(list|get|create|edit|add|upload|find|remove|preview|verify|ingest|import|attach|detach|decide|transition|export|generate)[A-Z][A-Za-z]*$/.test(id))).toEqual([]);
  });

  it("describe every JSON answer with a schema that names its fields (no bare {type: object})", () => {
    const document = openApiDocument() as { components: { schemas: Record<string, Record<string, unknown>> } };
    const resolve = (s: Record<string, unknown>): Record<string, unknown> =>
      typeof s.$ref === "string" ? resolve(document.components.schemas[s.$ref.replace("#/components/schemas/", "")] ?? {}) : s;
    const vague = operations().flatMap(([key, op]) =>
      Object.entries(op.responses).flatMap(([status, r]) => {
        const json = r.content?.["application/json"];
        if (!json && status !== "204" && !r.content) return [`${key} ${status}: no content`];
        if (!json) return [];
        const s = json.schema && resolve(json.schema);
        return s && (s.properties || s.oneOf || s.anyOf) ? [] : [`${key} ${status}`];
      }),
    );
    expect(vague).toEqual([]);
  });
});
