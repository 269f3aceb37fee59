// A client generated from the OpenAPI document (openapi-typescript + openapi-fetch) types the
// answers by their fields: the test generates types.d.ts from openApiDocument() into a temporary
// folder, compiles a small client with the TypeScript compiler, and checks that deliberately wrong
// uses of the answers fail to compile (an answer typed {} or unknown would let them through).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;

const CLIENT = `import createClient from "openapi-fetch";
import type { components, operations, paths } from "./types";

const client = createClient<paths>({ baseUrl: "http://localhost:3000/api/v1", headers: { authorization: "Bearer lan_x" } });

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends { responses: { [K in S]: { content: { "application/json": infer T } } } } ? T : never;

export const caseNumber = (c: Json<"/cases/{id}", "get", 200>): string => c.number;
export const caseLead = (c: Json<"/cases/{id}", "get", 200>): string | null => c.lead?.name ?? null;
export const firstTitle = (p: Json<"/cases", "get", 200>): string | undefined => p.items[0]?.title;
export const custodyOk = (p: Json<"/evidence/{id}/custody", "get", 200>): (boolean | null)[] => p.items.map((e) => e.ok);
export const actionStatus = (a: components["schemas"]["Action"]): string => a.status + a.targets.map((t) => t.value).join();
export const errorCode = (e: components["schemas"]["Error"]): string => e.error.code;
export const verified = (v: operations["verifyEvidence"]["responses"][200]["content"]["application/json"]): boolean => v.ok;

export async function openCase(id: string): Promise<string> {
  const { data, error } = await client.GET("/cases/{id}", { params: { path: { id } } });
  if (error) return error.error.message;
  const moved = await client.POST("/cases/{id}/transitions", { params: { path: { id } }, body: { to: "ACTIVE" } });
  return moved.data ? moved.data.status : data.number;
}
`;

// Each line must fail to compile on its own.
const WRONG = [
  `export const a = (c: Json<"/cases/{id}", "get", 200>): number => c.number;`,
  `export const b = (p: Json<"/cases", "get", 200>): string => p.items[0].nope;`,
  `export const c = (p: Json<"/evidence/{id}/custody", "get", 200>): string => p.items[0].ok;`,
  `export const d = (a: components["schemas"]["Action"]): number => a.status;`,
  `export const e = (x: components["schemas"]["Error"]): number => x.error.code;`,
  `export const f = (v: operations["verifyEvidence"]["responses"][200]["content"]["application/json"]): string => v.ok;`,
  `export const g = (c: Json<"/cases/{id}", "get", 200>): string => c.lead.name;`,
];

function compile(file: string): ts.Diagnostic[] {
  const program = ts.createProgram([path.join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    skipLibCheck: true,
    types: [],
  });
  return [...ts.getPreEmitDiagnostics(program)];
}

const text = (d: ts.Diagnostic) => `${d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;

describe("a client generated from the OpenAPI document", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-openapi-client-"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const ast = await openapiTS(openApiDocument() as never);
    fs.writeFileSync(path.join(dir, "types.d.ts"), astToString(ast));
    const header = CLIENT.split("\n\nexport const caseNumber")[0];
    fs.writeFileSync(path.join(dir, "client.ts"), CLIENT);
    fs.writeFileSync(path.join(dir, "wrong.ts"), `${header}\n${WRONG.join("\n")}\n`);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("compiles when it uses the answers' fields as the document types them", () => {
    expect(compile("client.ts").map(text)).toEqual([]);
  }, 60_000);

  it("does not compile when it misuses them (answers are not typed {})", () => {
    const header = CLIENT.split("\n\nexport const caseNumber")[0].split("\n").length;
    const failing = new Set(compile("wrong.ts").filter((d) => d.file?.fileName.endsWith("wrong.ts")).map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1));
    expect([...failing].sort((x, y) => x - y)).toEqual(WRONG.map((_, i) => header + 1 + i));
  }, 60_000);
});
