// Evidence end to end through lib/: staging, recording, custody, safe reading, verification,
// supersession and removal, on a real database and the local blob store.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getEvidence, listEvidence } from "@/lib/evidence/get-evidence";
import { sniffMediaType } from "@/lib/evidence/media-type";
import { openEvidenceContent } from "@/lib/evidence/open-evidence-content";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";
import { editEvidenceMetadata } from "@/lib/evidence/edit-evidence-metadata";
import { verifyAllEvidence } from "@/lib/evidence/verify-all-evidence";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { apiLogLines, PNG_1PX, stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor, outsider: Actor, admin: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const meta = (kind: string, title = "Evidence item") => ({ kind, title, source: "provider logs", collectedAt: "2025-01-02T03:04:05Z" });

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

function blobFiles(): string[] {
  const root = path.join(env().evidenceDir, "sha256");
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe("uploading evidence", () => {
  it("records hash, size, sniffed type and an UPLOAD custody event", async () => {
    const c = await createCase(investigator);
    const bytes = apiLogLines(50);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "harvest.jsonl", "application/x-ndjson"), meta("API_LOG"));
    expect(ev).toMatchObject({ sha256: sha(bytes), sizeBytes: bytes.length, mediaType: "application/x-ndjson", mediaTypeMismatch: false, originalFilename: "harvest.jsonl", integrity: "UNVERIFIED" });
    const full = await getEvidence(investigator, ev.id);
    expect(full.custody).toMatchObject([{ action: "UPLOAD", sha256Observed: sha(bytes), actorEmail: investigator.email, ip: "127.0.0.1" }]);
    expect((await listEvidence(investigator, c.number)).total).toBe(1);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("keeps one blob for the same content uploaded twice, with two items and their own custody", async () => {
    const c = await createCase(investigator);
    const bytes = Buffer.from(`same content ${Date.now()}\n`);
    const before = blobFiles().length;
    const a = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "a.txt", "text/plain"), meta("DOCUMENT", "first"));
    const b = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "b.txt", "text/plain"), meta("DOCUMENT", "second"));
    expect(a.id).not.toBe(b.id);
    expect(blobFiles().length).toBe(before + 1);
    expect((await getEvidence(investigator, b.id)).custody).toHaveLength(1);
  });

  it("refuses a kind/type pair it will not take (415), bad metadata (400), and leaves nothing behind", async () => {
    const c = await createCase(investigator);
    const before = blobFiles().length;
    const wrongType = await expectAppError(uploadEvidence(ctxFor(investigator), c.id, await stageBytes(PNG_1PX, "x.png", "image/png"), meta("API_LOG")));
    expect(wrongType.status).toBe(415);
    const badMeta = await expectAppError(uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("text"), "x.txt"), { kind: "NOPE", title: "" }));
    expect(badMeta.status).toBe(400);
    expect(Object.keys((badMeta.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["kind", "title"]);
    expect((await expectAppError(uploadEvidence(ctxFor(investigator), c.id, null, meta("DOCUMENT")))).status).toBe(400);
    expect((await expectAppError(stageBytes(Buffer.alloc(0), "empty.txt"))).status).toBe(400);
    expect(blobFiles().length).toBe(before);
    expect(fs.readdirSync(path.join(env().evidenceDir, "tmp"))).toEqual([]);
    expect(await db().evidence.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("never uses the original filename in a storage path", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("payload"), "../../etc/passwd", "text/plain"), meta("DOCUMENT"));
    expect(ev.originalFilename).toBe(".._.._etc_passwd");
    expect(blobFiles().some((f) => f.includes("passwd"))).toBe(false);
  });

  it("shows a declared type that does not match the bytes", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(PNG_1PX, "shot.jpg", "image/jpeg"), meta("SCREENSHOT"));
    expect(ev).toMatchObject({ mediaType: "image/png", declaredMediaType: "image/jpeg", mediaTypeMismatch: true });
  });

  it("is hidden with its case: 404 for outsiders, who cannot upload either", async () => {
    const c = await createCase(investigator, { restricted: true });
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("secret"), "s.txt"), meta("DOCUMENT"));
    const hidden = await expectAppError(getEvidence(outsider, ev.id));
    const missing = await expectAppError(getEvidence(outsider, "nope"));
    expect([hidden.status, hidden.message]).toEqual([missing.status, missing.message]);
    expect((await expectAppError(uploadEvidence(ctxFor(outsider), c.id, await stageBytes(Buffer.from("x"), "x.txt"), meta("DOCUMENT")))).status).toBe(404);
  });
});

describe("reading, verifying and removing", () => {
  it("previews only safe types, downloads the rest, and records each read", async () => {
    const c = await createCase(investigator);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const png = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(PNG_1PX, "p.png", "image/png"), meta("SCREENSHOT"));
    const bad = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(svg, "x.svg", "image/svg+xml"), meta("DOCUMENT"));
    const view = await openEvidenceContent(ctxFor(outsider), png.id, "view");
    expect(view).toMatchObject({ inline: true, mediaType: "image/png" });
    expect((await readAll(view.stream)).equals(PNG_1PX)).toBe(true);
    expect((await expectAppError(openEvidenceContent(ctxFor(outsider), bad.id, "view"))).status).toBe(415);
    const download = await openEvidenceContent(ctxFor(outsider), bad.id, "download");
    expect(download.inline).toBe(false);
    expect((await readAll(download.stream)).equals(svg)).toBe(true);
    expect((await getEvidence(admin, png.id)).custody.map((e) => e.action)).toEqual(["UPLOAD", "VIEW"]);
    expect((await getEvidence(admin, bad.id)).custody.map((e) => [e.action, e.actorEmail])).toEqual([["UPLOAD", investigator.email], ["DOWNLOAD", outsider.email]]);
  });

  it("verifies, and when one byte of the blob is flipped reports it, flags the item and records the failure", async () => {
    const c = await createCase(investigator);
    const bytes = apiLogLines(20);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "log.jsonl"), meta("API_LOG"));
    expect(await verifyEvidence(ctxFor(investigator), ev.id)).toMatchObject({ ok: true, observed: sha(bytes) });
    const file = blobFiles().find((f) => f.endsWith(ev.sha256))!;
    const tampered = fs.readFileSync(file);
    tampered[10] ^= 0xff;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, tampered);
    const result = await verifyEvidence(ctxFor(investigator), ev.id);
    expect(result).toMatchObject({ ok: false, expected: ev.sha256, observed: sha(tampered) });
    const after = await getEvidence(investigator, ev.id);
    expect(after.integrity).toBe("FAILED");
    expect(after.custody.at(-1)).toMatchObject({ action: "VERIFY", ok: false, sha256Observed: sha(tampered) });
  });

  it("supersedes: both stay visible, the old one marked, and it cannot be superseded twice", async () => {
    const c = await createCase(investigator);
    const old = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("v1"), "r.txt"), meta("DISTILLATION_REPORT", "report v1"));
    const fix = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("v2"), "r.txt"), meta("DISTILLATION_REPORT", "report v2"), { supersedesId: old.id });
    expect(fix.supersedesId).toBe(old.id);
    expect((await getEvidence(investigator, old.id)).supersededById).toBe(fix.id);
    expect((await listEvidence(investigator, c.id)).total).toBe(2);
    const refusedBytes = Buffer.from(`v3 ${Date.now()} ${Math.random()}`);
    const again = await expectAppError(uploadEvidence(ctxFor(investigator), c.id, await stageBytes(refusedBytes, "r.txt"), meta("DISTILLATION_REPORT"), { supersedesId: old.id }));
    expect(again.status).toBe(409);
    // The refused replacement left no blob behind.
    expect(blobFiles().some((f) => f.endsWith(sha(refusedBytes)))).toBe(false);
  });

  it("removal is admin-only, needs a reason, and keeps hash and custody as a tombstone", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("to be removed"), "x.txt"), meta("OTHER"));
    expect((await expectAppError(removeEvidence(ctxFor(investigator), ev.id, { reason: "mistaken upload" }))).status).toBe(403);
    expect((await expectAppError(removeEvidence(ctxFor(admin), ev.id, { reason: "" }))).status).toBe(400);
    await removeEvidence(ctxFor(admin), ev.id, { reason: "uploaded to the wrong case" });
    const after = await getEvidence(investigator, ev.id);
    expect(after).toMatchObject({ removed: true, sha256: ev.sha256 });
    expect(after.custody.map((e) => e.action)).toEqual(["UPLOAD", "REMOVE"]);
    expect((await expectAppError(openEvidenceContent(ctxFor(investigator), ev.id, "download"))).status).toBe(404);
  });
});

describe("metadata edits and verify-all", () => {
  it("edits metadata only, audited with before/after and a custody EDIT; content fields are refused", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from("meta"), "m.txt"), meta("DOCUMENT", "Old title"));
    const edited = await editEvidenceMetadata(ctxFor(investigator), ev.id, { title: "New title", source: "mail server" });
    expect(edited).toMatchObject({ title: "New title", source: "mail server", sha256: ev.sha256 });
    const events = await db().auditEvent.findMany({ where: { entityId: ev.id, action: { not: "evidence.upload" } } });
    expect(events.map((e) => e.action)).toEqual(["evidence.edit"]);
    expect(JSON.parse(events[0].changes)).toMatchObject({ source: { before: "provider logs", after: "mail server" }, title: { before: "Old title", after: "New title" } });
    expect((await getEvidence(investigator, ev.id)).custody.map((e) => e.action)).toEqual(["UPLOAD", "EDIT"]);
    expect((await expectAppError(editEvidenceMetadata(ctxFor(investigator), ev.id, { sha256: "0".repeat(64) }))).status).toBe(400);
    expect((await expectAppError(editEvidenceMetadata(ctxFor(outsider), ev.id, { title: "Outsider" }))).status).toBe(403);
  });

  it("refuses an edit made from a stale version (409) and keeps the first editor's change", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`race ${Date.now()}`), "r.txt"), meta("DOCUMENT", "Original"));
    expect(ev.version).toBe(1);
    const [first, second] = await Promise.allSettled([
      editEvidenceMetadata(ctxFor(investigator), ev.id, { title: "First editor", version: 1 }),
      editEvidenceMetadata(ctxFor(admin), ev.id, { title: "Second editor", version: "1" }),
    ]);
    const outcomes = [first, second].map((r) => r.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = [first, second].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("reload") });
    const now = await getEvidence(investigator, ev.id);
    expect(now.version).toBe(2);
    expect(now.custody.filter((x) => x.action === "EDIT")).toHaveLength(1);
    // Without a version the edit applies (API clients that do not care); an edit that changes nothing keeps the version.
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { title: now.title })).version).toBe(2);
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { source: "re-export" })).version).toBe(3);
    expect((await expectAppError(editEvidenceMetadata(ctxFor(investigator), ev.id, { title: "Late", version: 2 }))).code).toBe("CONFLICT");
  });

  it("clears a collected-at time sent empty (the form) or null (the API), and leaves it alone when absent", async () => {
    const c = await createCase(investigator);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`when ${Date.now()}`), "w.txt"), meta("DOCUMENT"));
    expect(ev.collectedAt).toBe("2025-01-02T03:04:05.000Z");
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { title: "Renamed" })).collectedAt).toBe("2025-01-02T03:04:05.000Z");
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { collectedAt: "" })).collectedAt).toBeNull();
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { collectedAt: "2026-01-01T00:00:00+01:00" })).collectedAt).toBe("2025-12-31T23:00:00.000Z");
    expect((await editEvidenceMetadata(ctxFor(investigator), ev.id, { collectedAt: null })).collectedAt).toBeNull();
    const bad = await expectAppError(editEvidenceMetadata(ctxFor(investigator), ev.id, { collectedAt: "yesterday" }));
    expect(bad.details).toMatchObject({ fieldErrors: { collectedAt: ["must be an ISO 8601 time"] } });
  });

  it("verify-all lists missing and altered blobs and flags their items", async () => {
    const c = await createCase(investigator);
    const good = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`good ${Date.now()}`), "g.txt"), meta("DOCUMENT"));
    const altered = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`altered ${Date.now()}`), "a.txt"), meta("DOCUMENT"));
    const missing = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`missing ${Date.now()}`), "m.txt"), meta("DOCUMENT"));
    const alteredFile = blobFiles().find((f) => f.endsWith(altered.sha256))!;
    fs.chmodSync(alteredFile, 0o644);
    fs.appendFileSync(alteredFile, "x");
    fs.rmSync(blobFiles().find((f) => f.endsWith(missing.sha256))!);
    const report = await verifyAllEvidence();
    const mine = report.failures.filter((f) => f.caseId === c.id).map((f) => [f.evidenceId, f.problem]).sort();
    expect(mine).toEqual([[altered.id, "altered"], [missing.id, "missing"]].sort());
    expect((await getEvidence(investigator, good.id)).integrity).toBe("OK");
    expect((await getEvidence(investigator, missing.id)).integrity).toBe("FAILED");
  });

  it("verify-all lists a stored blob that no item refers to, and not the referenced ones", async () => {
    const c = await createCase(investigator);
    const kept = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(Buffer.from(`kept ${Date.now()} ${Math.random()}`), "k.txt"), meta("DOCUMENT"));
    const orphan = await stageBytes(Buffer.from(`orphan ${Date.now()} ${Math.random()}`), "o.txt");
    await orphan.blob.commit(); // as if the database write after the commit had failed
    const report = await verifyAllEvidence();
    expect(report.unreferenced).toContain(orphan.blob.sha256);
    expect(report.unreferenced).not.toContain(kept.sha256);
    expect(report.failures.filter((f) => f.caseId === c.id)).toEqual([]);
  });
});

describe("media type sniffing", () => {
  it.each([
    [PNG_1PX, "x.bin", "image/png"],
    [Buffer.from("%PDF-1.7\n"), "x", "application/pdf"],
    [Buffer.from("<!DOCTYPE html><html></html>"), "x.txt", "text/html"],
    [Buffer.from('<?xml version="1.0"?><svg></svg>'), "x", "image/svg+xml"],
    [Buffer.from('{"a":1}\n{"a":2}\n'), "x", "application/x-ndjson"],
    [Buffer.from('{"a": [1, 2]}'), "x", "application/json"],
    [Buffer.from("timestamp,account_id\n"), "log.csv", "text/csv"],
    [Buffer.from([0x1f, 0x8b, 8, 0]), "x.gz", "application/gzip"],
    [Buffer.from([0, 1, 2, 3, 4]), "x", "application/octet-stream"],
    [Buffer.from("plain words"), "x", "text/plain"],
  ])("%#: sniffs %s as %s", (bytes, name, type) => {
    expect(sniffMediaType(bytes, name as string)).toBe(type);
  });
});
