// The OpenAPI description must stay true to the routes: every method of every route file under
// app/api/v1 is documented, and nothing documented is missing from the code.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const apiRoot = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** "METHOD /path" for each exported handler, with [id] segments written as {id}. */
function routesInCode(): string[] {
  const files = fs.readdirSync(apiRoot, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
  return files.flatMap((file) => {
    const dir = path.dirname(file);
    if (dir === "openapi.json") return []; // the description itself
    const route = "/" + (dir === "." ? "" : dir.split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/"));
    const source = fs.readFileSync(path.join(apiRoot, file), "utf8");
    return METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(source)).map((m) => `${m} ${route}`);
  });
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
