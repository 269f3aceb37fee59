// Verification and the CRC-32 recorded at intake (Evidence.crc32, which the case file export writes
// unread): the one read that re-hashes a blob also fills in a missing CRC-32 and corrects a wrong
// one (reported as a failed check), once the SHA-256 proves the content; altered content never
// changes the record. Per item (verifyEvidence) and for the whole store (verifyAllEvidence).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { verifyAllEvidence } from "@/lib/evidence/verify-all-evidence";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

let investigator: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
});

const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, "0");

/** An item with content of its own (so no other test shares its blob), and the content's CRC-32 (unsigned). */
async function uploadItem(caseId: string, title = "Item") {
  const bytes = Buffer.from(`crc32 verification ${randomUUID()}\n`.repeat(50));
  const ev = await uploadEvidence(ctxFor(investigator), caseId, await stageBytes(bytes, "notes.txt", "text/plain"), { kind: "DOCUMENT", title });
  return { ev, bytes, crc: zlib.crc32(bytes) };
}

const storedCrc32 = async (id: string) => (await db().evidence.findUniqueOrThrow({ where: { id }, select: { crc32: true } })).crc32;

async function lastVerifyAudit(evidenceId: string) {
  const row = await db().auditEvent.findFirstOrThrow({ where: { entityId: evidenceId, action: "evidence.verify" }, orderBy: { seq: "desc" } });
  return JSON.parse(row.changes) as Record<string, { before?: unknown; after?: unknown }>;
}

function flipByteOfBlob(sha256: string) {
  const file = path.join(env().evidenceDir, "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  const bytes = fs.readFileSync(file);
  bytes[7] ^= 0xff;
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, bytes);
}

describe("verifying one item", () => {
  it("records the CRC-32 of an item that has none, with the verification, when the content matches", async () => {
    const c = await createCase(investigator);
    const { ev, crc } = await uploadItem(c.id);
    expect(await storedCrc32(ev.id)).toBe(crc | 0);
    await db().evidence.update({ where: { id: ev.id }, data: { crc32: null } });

    expect(await verifyEvidence(ctxFor(investigator), ev.id)).toEqual({ ok: true, expected: ev.sha256, observed: ev.sha256, reason: null });
    expect(await storedCrc32(ev.id)).toBe(crc | 0);
    expect((await getEvidence(investigator, ev.id)).custody.at(-1)).toMatchObject({ action: "VERIFY", ok: true, detail: null });
    expect((await lastVerifyAudit(ev.id)).crc32).toEqual({ before: null, after: hex(crc) });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("reports a recorded CRC-32 that the intact content does not match, and corrects it, audited", async () => {
    const c = await createCase(investigator);
    const { ev, crc } = await uploadItem(c.id);
    const wrong = (crc ^ 0x00010000) | 0;
    await db().evidence.update({ where: { id: ev.id }, data: { crc32: wrong } });

    const result = await verifyEvidence(ctxFor(investigator), ev.id);
    expect(result).toMatchObject({ ok: false, expected: ev.sha256, observed: ev.sha256 });
    expect(result.reason).toContain(`not the CRC-32 on record (${hex(wrong)}; the content's is ${hex(crc)})`);
    expect(await storedCrc32(ev.id)).toBe(crc | 0);
    const after = await getEvidence(investigator, ev.id);
    // The content is intact: the item is not flagged as altered, but the custody record shows the failed check.
    expect(after.integrity).toBe("OK");
    expect(after.custody.at(-1)).toMatchObject({ action: "VERIFY", ok: false, sha256Observed: ev.sha256, detail: result.reason });
    expect(await lastVerifyAudit(ev.id)).toMatchObject({ ok: { after: false }, crc32: { before: hex(wrong), after: hex(crc) } });

    // Corrected: the next check passes and changes nothing.
    expect(await verifyEvidence(ctxFor(investigator), ev.id)).toMatchObject({ ok: true, reason: null });
    expect((await lastVerifyAudit(ev.id)).crc32).toBeUndefined();
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("fails altered content as before and leaves its CRC-32 as recorded, missing or not", async () => {
    const c = await createCase(investigator);
    const { ev: withCrc, bytes, crc } = await uploadItem(c.id, "recorded CRC");
    const withoutCrc = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "again.txt", "text/plain"), { kind: "DOCUMENT", title: "no CRC" });
    await db().evidence.update({ where: { id: withoutCrc.id }, data: { crc32: null } });
    flipByteOfBlob(withCrc.sha256);

    for (const [ev, recorded] of [[withCrc, crc | 0], [withoutCrc, null]] as const) {
      expect(await verifyEvidence(ctxFor(investigator), ev.id)).toMatchObject({ ok: false, reason: "the stored content no longer matches its recorded hash" });
      expect(await storedCrc32(ev.id)).toBe(recorded);
      expect((await getEvidence(investigator, ev.id)).integrity).toBe("FAILED");
      expect((await lastVerifyAudit(ev.id)).crc32).toBeUndefined();
    }
  });
});

describe("verify-all", () => {
  it("fills in missing CRC-32s, lists and corrects wrong ones, and leaves those of altered content alone", async () => {
    const c = await createCase(investigator);
    const missing = await uploadItem(c.id, "missing CRC");
    const wrong = await uploadItem(c.id, "wrong CRC");
    const altered = await uploadItem(c.id, "altered");
    const wrongCrc = (wrong.crc ^ 1) | 0;
    await db().evidence.update({ where: { id: missing.ev.id }, data: { crc32: null } });
    await db().evidence.update({ where: { id: wrong.ev.id }, data: { crc32: wrongCrc } });
    await db().evidence.update({ where: { id: altered.ev.id }, data: { crc32: null } });
    flipByteOfBlob(altered.ev.sha256);

    const report = await verifyAllEvidence();
    const ours = new Set([missing.ev.id, wrong.ev.id, altered.ev.id]);
    expect(report.failures.filter((f) => ours.has(f.evidenceId)).sort((a, b) => a.problem.localeCompare(b.problem))).toEqual([
      { evidenceId: altered.ev.id, caseId: c.id, sha256: altered.ev.sha256, problem: "altered" },
      { evidenceId: wrong.ev.id, caseId: c.id, sha256: wrong.ev.sha256, problem: "crc32", crc32: { recorded: hex(wrongCrc), observed: hex(wrong.crc) } },
    ]);
    expect(await storedCrc32(missing.ev.id)).toBe(missing.crc | 0);
    expect(await storedCrc32(wrong.ev.id)).toBe(wrong.crc | 0);
    expect(await storedCrc32(altered.ev.id)).toBeNull();
    expect((await getEvidence(investigator, wrong.ev.id)).integrity).toBe("OK");
    expect(await lastVerifyAudit(wrong.ev.id)).toMatchObject({ ok: { after: false }, crc32: { before: hex(wrongCrc), after: hex(wrong.crc) } });
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const again = await verifyAllEvidence();
    expect(again.failures.filter((f) => ours.has(f.evidenceId)).map((f) => f.problem)).toEqual(["altered"]);
  });
});
