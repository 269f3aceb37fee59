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
