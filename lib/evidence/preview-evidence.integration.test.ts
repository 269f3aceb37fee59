// Previews end to end through lib/: access, the formats by sniffed type, paging, the limits, and
// the VIEW custody event, on a real database and the local blob store.
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { PREVIEW_LIMITS } from "@/lib/evidence/preview-formats";
import { previewEvidence } from "@/lib/evidence/preview-evidence";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { PNG_1PX, stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor, outsider: Actor, admin: Actor;
let caseId: string;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
  caseId = (await createCase(investigator)).id;
});

async function upload(content: string | Buffer, filename: string, kind = "DOCUMENT", onCase = caseId) {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return uploadEvidence(ctxFor(investigator), onCase, await stageBytes(bytes, filename), { kind, title: filename });
}

const preview = (id: string, query: Record<string, string> = {}, actor = investigator) => previewEvidence(ctxFor(actor), id, query);
const custodyOf = async (id: string) => (await getEvidence(admin, id)).custody.map(({ action, detail, sha256Observed, actorEmail }) => ({ action, detail, sha256Observed, actorEmail }));

describe("CSV", () => {
  const csv = ["account,model,tokens", ...Array.from({ length: 5 }, (_, i) => `acct-${i},frontier-1,${100 + i}`)].join("\n") + "\n";

  it("pages data rows after the header, which every page repeats", async () => {
    const ev = await upload(csv, "usage.csv", "API_LOG");
    expect(await preview(ev.id, { page: "1", pageSize: "3" })).toEqual({
      format: "csv",
      columns: ["account", "model", "tokens"],
      rows: [["acct-0", "frontier-1", "100"], ["acct-1", "frontier-1", "101"], ["acct-2", "frontier-1", "102"]],
      page: 1,
      pageSize: 3,
      hasMore: true,
      truncated: false,
    });
    expect(await preview(ev.id, { page: "2", pageSize: "3" })).toMatchObject({
      columns: ["account", "model", "tokens"],
      rows: [["acct-3", "frontier-1", "103"], ["acct-4", "frontier-1", "104"]],
      page: 2,
      hasMore: false,
    });
  });

  it("keeps commas and newlines inside quoted cells", async () => {
    const ev = await upload('id,prompt\n1,"Explain, step by step:\nwhy ""distill""?"\n2,plain\n', "prompts.csv");
    expect(await preview(ev.id)).toMatchObject({ format: "csv", rows: [["1", 'Explain, step by step:\nwhy "distill"?'], ["2", "plain"]] });
  });

  it("shows a CSV the parser rejects as text lines instead of failing", async () => {
    const ev = await upload('id,note\n1,"never closed\n2,x\n', "broken.csv");
    expect(await preview(ev.id)).toMatchObject({ format: "text", lines: [{ n: 1, text: "id,note" }, { n: 2, text: '1,"never closed' }, { n: 3, text: "2,x" }], hasMore: false });
  });
});

describe("JSON Lines, JSON and text", () => {
  it("pretty-prints JSON Lines records and marks an invalid one", async () => {
    const ev = await upload('{"account":"a1","tokens":5}\n{"account":"a2","tokens":6}\n{"account": oops\n', "calls.jsonl", "API_LOG");
    expect(await preview(ev.id)).toEqual({
      format: "jsonl",
      lines: [
        { n: 1, text: '{\n  "account": "a1",\n  "tokens": 5\n}', valid: true },
        { n: 2, text: '{\n  "account": "a2",\n  "tokens": 6\n}', valid: true },
        { n: 3, text: '{"account": oops', valid: false },
      ],
      page: 1,
      pageSize: 50,
      hasMore: false,
      truncated: false,
    });
  });

  it("pretty-prints a JSON document", async () => {
    const ev = await upload('{"report":{"score":0.97,"flags":["overlap","timing"]}}', "report.json", "DISTILLATION_REPORT");
    expect(await preview(ev.id)).toEqual({ format: "json", text: '{\n  "report": {\n    "score": 0.97,\n    "flags": [\n      "overlap",\n      "timing"\n    ]\n  }\n}', truncated: false });
    expect((await custodyOf(ev.id)).at(-1)).toMatchObject({ action: "VIEW", detail: "preview" });
  });

  it("pages plain text by line", async () => {
    const ev = await upload(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).join("\r\n"), "notes.txt");
    const page3 = await preview(ev.id, { page: "3", pageSize: "10" });
    expect(page3).toMatchObject({ format: "text", page: 3, pageSize: 10, hasMore: false, truncated: false });
    expect(page3.format === "text" && page3.lines.map((l) => [l.n, l.text])).toEqual([21, 22, 23, 24, 25].map((n) => [n, `line ${n}`]));
    expect(await preview(ev.id, { page: "2", pageSize: "10" })).toMatchObject({ hasMore: true });
  });

  it("cuts a long line and says so, and replaces invalid UTF-8", async () => {
    const ev = await upload(Buffer.concat([Buffer.from("short\n" + "x".repeat(50_000) + "\nbad "), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]), "long.log");
    const p = await preview(ev.id);
    expect(p).toMatchObject({ format: "text", truncated: true });
    if (p.format !== "text") throw new Error("not text");
    expect(p.lines.map((l) => l.text.length)).toEqual([5, PREVIEW_LIMITS.shownChars, 6]);
    expect(p.lines[2].text).toBe("bad \ufffd(");
  });

  it("reads at most scanBytes and marks a page that reaches them truncated", async () => {
    const ev = await upload(Array.from({ length: 100 }, (_, i) => `row ${String(i).padStart(3, "0")}`).join("\n"), "big.txt");
    const saved = PREVIEW_LIMITS.scanBytes;
    // The real limit is 64 MiB; 8 bytes per line makes it line 30, half-way through it.
    PREVIEW_LIMITS.scanBytes = 8 * 29 + 4;
    try {
      expect(await preview(ev.id, { page: "1", pageSize: "10" })).toMatchObject({ hasMore: true, truncated: false });
      const last = await preview(ev.id, { page: "3", pageSize: "10" });
      expect(last).toMatchObject({ hasMore: false, truncated: true });
      expect(last.format === "text" && last.lines.at(-1)).toEqual({ n: 30, text: "row " });
    } finally {
      PREVIEW_LIMITS.scanBytes = saved;
    }
  });
});

describe("images and download-only types", () => {
  it("answers images by reference, reading nothing and recording nothing", async () => {
    const ev = await upload(PNG_1PX, "shot.png", "SCREENSHOT");
    expect(await preview(ev.id)).toEqual({ format: "image", mediaType: "image/png" });
    expect((await custodyOf(ev.id)).map((e) => e.action)).toEqual(["UPLOAD"]);
  });

  it.each([
    ["x.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"],
    ["x.html", "<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html"],
    ["x.bin", Buffer.from([0, 1, 2, 3, 4, 5]), "application/octet-stream"],
  ])("refuses %s (415, download instead) and records no view", async (name, content, type) => {
    const ev = await upload(content, name);
    const e = await expectAppError(preview(ev.id));
    expect([e.status, e.message]).toEqual([415, `${type} cannot be previewed; download it instead`]);
    expect((await custodyOf(ev.id)).map((c) => c.action)).toEqual(["UPLOAD"]);
  });
});

describe("access, custody and input", () => {
  it("records one VIEW per preview, with the stored hash and the page, covered by the audit chain", async () => {
    const ev = await upload("a\nb\nc\n", "viewed.txt");
    await preview(ev.id, { page: "2", pageSize: "1" }, outsider);
    const custody = await custodyOf(ev.id);
    expect(custody.map((c) => c.action)).toEqual(["UPLOAD", "VIEW"]);
    expect(custody[1]).toEqual({ action: "VIEW", detail: "preview page 2", sha256Observed: ev.sha256, actorEmail: outsider.email });
    const audit = await db().auditEvent.findMany({ where: { entityId: ev.id, action: "evidence.view" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].changes)).toMatchObject({ sha256Observed: { after: ev.sha256 }, detail: { after: "preview page 2" } });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("is 404 for removed evidence, and records no view", async () => {
    const ev = await upload("gone", "gone.txt");
    await removeEvidence(ctxFor(admin), ev.id, { reason: "uploaded to the wrong case" });
    const e = await expectAppError(preview(ev.id));
    expect(e.status).toBe(404);
    expect((await custodyOf(ev.id)).map((c) => c.action)).toEqual(["UPLOAD", "REMOVE"]);
  });

  it("is 404 for an outsider on a restricted case, the same answer as for a wrong id", async () => {
    const restricted = await createCase(investigator, { restricted: true });
    const ev = await upload("secret", "secret.txt", "DOCUMENT", restricted.id);
    const hidden = await expectAppError(preview(ev.id, {}, outsider));
    const missing = await expectAppError(preview("no-such-id", {}, outsider));
    expect([hidden.status, hidden.message]).toEqual([404, missing.message]);
    expect((await custodyOf(ev.id)).map((c) => c.action)).toEqual(["UPLOAD"]);
  });

  it("refuses a bad page or pageSize with 400 naming the field", async () => {
    const ev = await upload("x\n", "q.txt");
    const e = await expectAppError(preview(ev.id, { page: "0", pageSize: "1000" }));
    expect(e.status).toBe(400);
    expect(Object.keys((e.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["page", "pageSize"]);
    expect((await expectAppError(preview(ev.id, { page: "two" }))).message).toMatch(/Page/);
  });

  it("is described in the OpenAPI document with its query parameters", () => {
    const doc = openApiDocument() as { paths: Record<string, { get: { parameters: { name: string; schema: { minimum?: number; maximum?: number } }[]; responses: object } }> };
    const op = doc.paths["/evidence/{id}/preview"].get;
    expect(op.parameters.map((p) => p.name)).toEqual(["id", "page", "pageSize"]);
    expect(op.parameters.find((p) => p.name === "pageSize")?.schema).toMatchObject({ minimum: 1, maximum: 200 });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "415"]));
  });
});
