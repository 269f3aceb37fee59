// GET /api/v1/cases/{id}/export: the case file, a ZIP streamed to the client as it is written
// (decision 0024). Evidence goes from the blob store into the response chunk by chunk, so the
// server's memory stays flat whatever the evidence weighs. manifest.json (written last) lists every
// file's size and SHA-256, and manifest.sig signs it: for the files made here, computed on the way;
// for evidence, the values recorded at intake (custody), not a re-hash of what the store holds now,
// so a blob altered at rest is named as altered by whoever verifies the file (decision 0024, addendum).
// With the CRC-32 recorded at intake too, an evidence file in the local store is handed on as a file
// segment, which the route gives to the socket without reading it (decision 0031).
// The export is an audit event, and a custody event for each evidence item in it, committed before
// the first byte goes out (the file then shows its own export).
// What the file tells about the audit trail follows what the exporter may read there (decision 0020):
// ADMIN and AUDITOR files carry the chain's fields and a checkpoint; MANAGER and INVESTIGATOR files
// carry the case's events without them (decision 0024, addendum).
import type { Readable } from "node:stream";
import type { RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { publishCheckpoint } from "@/lib/audit/checkpoints";
import { db } from "@/lib/db/client";
import { recordCustody } from "@/lib/evidence/custody";
import { caseFileCarriesChain, readCaseFileData, readCaseFindings, WITHHELD_AUDIT_FIELDS, type CaseFileData } from "@/lib/export/case-file-data";
import { caseReportPdf, TIMELINE_LIMIT, type TimelineEntry } from "@/lib/export/case-report-pdf";
import { MANIFEST_PATH, manifestText, PUBLIC_KEY_PATH, SIGNATURE_PATH } from "@/lib/export/manifest";
import { ZipWriter } from "@/lib/export/zip-writer";
import { signBytes, signingKey } from "@/lib/signing/signing-key";
import { blobStore } from "@/lib/storage/blob-store";
import { BufferPool } from "@/lib/storage/buffer-pool";
import { fileSegment, isFileSegment, type FileSegment } from "@/lib/storage/file-segment";

/** The ZIP's bytes in order: chunks, and file segments (evidence files) that the consumer sends or
 *  reads (readSegment into `pool`) and marks as sent before asking for the next part. `release`
 *  hands a chunk's memory back once it has been sent (the socket took it): evidence is read into
 *  pooled buffers (EVIDENCE_READS). A consumer that never calls it is still correct, it just lets
 *  every buffer go to the garbage collector. */
export type CaseFileExport = { filename: string; chunks: AsyncGenerator<Buffer | FileSegment>; release: (chunk: Buffer) => void; pool: BufferPool };

const AUDIT_BATCH = 2_000;

export async function exportCaseFile(ctx: RequestContext, idOrNumber: string): Promise<CaseFileExport> {
  const exportedAt = new Date();
  const snapshot = await db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "read");
    const items = await tx.evidence.findMany({ where: { caseId: access.id, removedAt: null }, select: { id: true, caseId: true, sha256: true, crc32: true }, orderBy: { createdAt: "asc" } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.export",
      entityType: "Case",
      entityId: access.id,
      caseId: access.id,
      changes: { evidenceItems: { after: items.length }, format: { after: "lantern-case-file/1" } },
    });
    // Not re-hashed at export, so no observed hash: the manifest lists the one recorded at intake.
    for (const e of items) await recordCustody(tx, ctx, e, "EXPORT", { detail: `in the case file of ${exportedAt.toISOString()} (request ${ctx.requestId}), listed with its intake SHA-256` });
    const data = await readCaseFileData(tx, ctx.actor, access.id, exportedAt);
    const chain = caseFileCarriesChain(ctx.actor);
    const timeline = await tx.auditEvent.findMany({
      where: { caseId: access.id },
      orderBy: { seq: "asc" },
      take: TIMELINE_LIMIT,
      select: { seq: true, at: true, actorEmail: true, action: true, entityType: true, entityId: true },
    });
    // The chain is locked by this transaction's appends: the head is its last custody event.
    const head = await tx.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: { seq: true } });
    const timelineTotal = await tx.auditEvent.count({ where: { caseId: access.id } });
    const crc32ById = new Map(items.flatMap((e) => (e.crc32 === null ? [] : [[e.id, e.crc32 >>> 0] as const])));
    return { data, chain, crc32ById, exportSeq: head.seq, timeline: timeline.map((t): TimelineEntry => ({ ...t, seq: chain ? t.seq : null, at: t.at.toISOString() })), timelineTotal };
  });
  // Findings are computed after the commit: on SQLite the transaction holds the write lock.
  const data: CaseFileData = { ...snapshot.data, findings: await readCaseFindings(snapshot.data.case.id) };
  // A checkpoint covering the export's own events, so the file carries proof of the chain up to them
  // (for exporters who may read the chain: its seq counts the events of every case).
  const checkpoint = snapshot.chain ? await publishCheckpoint() : null;
  const filename = caseFileName(snapshot.data.case.number, exportedAt);
  const release = (chunk: Buffer) => EVIDENCE_READS.release(chunk);
  return { filename, chunks: coalesce(caseFileChunks({ ...snapshot, data }, checkpoint), OUT_CHUNK_BYTES, release), release, pool: EVIDENCE_READS };
}

const caseFileName = (caseNumber: string, at: Date) => `${caseNumber}-case-file-${at.toISOString().slice(0, 10)}.zip`;

/** What a HEAD request of the export answers with: the file's name, once the actor may read the case
 *  (404 otherwise, as for GET). No export is made, so nothing is recorded. */
export async function caseFileHead(ctx: RequestContext, idOrNumber: string): Promise<{ filename: string }> {
  const access = await requireCase(db(), ctx.actor, idOrNumber, "read");
  return { filename: caseFileName(access.number, new Date()) };
}

/** Evidence is read 1 MiB at a time into these buffers, each used again once the socket has taken
 *  its bytes (lib/storage/buffer-pool.ts: a new buffer per read cost page faults and full garbage
 *  collections). A few are kept between exports (8 MiB); concurrent exports take more as needed. */
export const EVIDENCE_READS = new BufferPool(1024 * 1024, 8);

/** The response goes out in chunks of about this size: each chunk costs the same fixed work on its
 *  way through Next's response streams, so the blob store's 64 KiB reads, sent one by one, made the
 *  export CPU-bound at a tenth of disk speed (bench: npm run bench -- dashboard-export b). */
const OUT_CHUNK_BYTES = 1024 * 1024;

async function* coalesce(chunks: AsyncIterable<Buffer | FileSegment>, size: number, release: (chunk: Buffer) => void): AsyncGenerator<Buffer | FileSegment> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** The pending chunks as one; each is copied, so a pooled buffer among them is free again. */
  const joined = () => {
    const out = Buffer.concat(pending, pendingBytes);
    for (const p of pending) release(p);
    pending = [];
    pendingBytes = 0;
    return out;
  };
  for await (const chunk of chunks) {
    if (isFileSegment(chunk)) {
      if (pendingBytes > 0) yield joined(); // the bytes before it go first, then the segment as it is
      yield chunk;
    } else if (chunk.length >= size && pendingBytes === 0) {
      yield chunk;
    } else {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= size) yield joined();
    }
  }
  if (pendingBytes > 0) yield joined();
}

type Snapshot = { data: CaseFileData; chain: boolean; crc32ById: Map<string, number>; exportSeq: number; timeline: TimelineEntry[]; timelineTotal: number };

async function* caseFileChunks(s: Snapshot, checkpoint: Awaited<ReturnType<typeof publishCheckpoint>>): AsyncGenerator<Buffer | FileSegment> {
  const zip = new ZipWriter(new Date(s.data.exportedAt));
  const json = (v: unknown) => [Buffer.from(`${JSON.stringify(v, null, 2)}\n`, "utf8")];
  yield* zip.entry("case.json", json(s.data), { compress: true });
  yield* zip.entry("audit.jsonl", auditLines(s.data.case.id, s.exportSeq, s.chain), { compress: true });
  if (checkpoint) yield* zip.entry("audit-checkpoint.json", json(checkpoint), { compress: true });
  yield* zip.entry(PUBLIC_KEY_PATH, [Buffer.from(signingKey().publicKeyPem, "utf8")]);
  yield* zip.entry("report.pdf", caseReportPdf(s.data, s.timeline, s.timelineTotal, checkpoint?.checkpoint ?? null) as unknown as AsyncIterable<Buffer>);
  const store = blobStore();
  for (const e of s.data.evidence) {
    if (!e.file) continue;
    // Listed as recorded at intake: the signature vouches for the custody record, never for bytes
    // the store holds now, so an alteration at rest shows as this file ALTERED when verified.
    const listed = { size: e.sizeBytes, sha256: e.sha256, crc32: s.crc32ById.get(e.id) ?? null };
    if (listed.crc32 !== null && store.openFile) {
      const file = await store.openFile(e.sha256);
      try {
        yield* zip.fileEntry(e.file, fileSegment(file, 0, (await file.stat()).size), { ...listed, crc32: listed.crc32 });
      } finally {
        await file.close();
      }
    } else {
      // Another store (S3), or evidence recorded before intake kept its CRC-32: read and streamed.
      yield* zip.entry(e.file, (await store.open(e.sha256, undefined, { pool: EVIDENCE_READS })) as Readable, { listed });
    }
  }
  const manifest = manifestText({ caseId: s.data.case.id, caseNumber: s.data.case.number, exportedAt: s.data.exportedAt, keyId: signingKey().keyId }, zip.written);
  yield* zip.entry(MANIFEST_PATH, [Buffer.from(manifest, "utf8")], { compress: true });
  yield* zip.entry(SIGNATURE_PATH, [Buffer.from(`${signBytes(manifest).signature}\n`, "utf8")]);
  yield* zip.finish();
}

/** The case's audit events, one JSON object per line, up to the export's own events: with `chain`,
 *  every hashed field, the hash and the previous event's hash; without, the WITHHELD_AUDIT_FIELDS
 *  left out. */
async function* auditLines(caseId: string, maxSeq: number, chain: boolean): AsyncGenerator<Buffer> {
  const line = (r: Record<string, unknown> & { at: Date }) => {
    const row: Record<string, unknown> = { ...r, at: r.at.toISOString() };
    if (!chain) for (const f of WITHHELD_AUDIT_FIELDS) delete row[f];
    return JSON.stringify(row);
  };
  let after = 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { caseId, seq: { gt: after, lte: maxSeq } }, orderBy: { seq: "asc" }, take: AUDIT_BATCH });
    if (rows.length === 0) return;
    yield Buffer.from(rows.map(line).join("\n") + "\n", "utf8");
    after = rows[rows.length - 1].seq;
  }
}
