// Signed audit checkpoints (decision 0024): the chain head {seq, hash, at} signed with the
// instance's Ed25519 key, kept in AuditCheckpoint, published on a schedule (a periodic job,
// LANTERN_AUDIT_CHECKPOINT_MINUTES) and on demand (GET /api/v1/audit/checkpoint, `npm run audit --
// checkpoint`). An outsider who holds one can later tell whether the chain was cut or rewritten
// before it: verifyAgainstCheckpoint().
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { checkCheckpointSignature, checkpointPayload, toCheckpointFile, type CheckpointFile } from "@/lib/audit/checkpoint-file";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { knownPublicKeys, signBytes } from "@/lib/signing/signing-key";

type CheckpointRow = { seq: number; hash: string; at: Date; keyId: string; signature: string };

function fileOf(row: CheckpointRow): CheckpointFile {
  const publicKeyPem = knownPublicKeys().find((k) => k.keyId === row.keyId)?.publicKeyPem ?? "";
  return toCheckpointFile({ seq: row.seq, hash: row.hash, at: row.at.toISOString() }, { keyId: row.keyId, signature: row.signature, publicKeyPem });
}

/** Signs and stores a checkpoint of the current head, unless the newest one already covers it
 *  (then that one is returned). Null while the chain is empty. */
export async function publishCheckpoint(client: Db = db()): Promise<CheckpointFile | null> {
  const head = await client.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (!head) return null;
  const existing = await client.auditCheckpoint.findUnique({ where: { seq: head.seq } });
  if (existing) return fileOf(existing);
  const at = new Date();
  const { keyId, signature } = signBytes(checkpointPayload({ seq: head.seq, hash: head.hash, at: at.toISOString() }));
  try {
    return fileOf(await client.auditCheckpoint.create({ data: { seq: head.seq, hash: head.hash, at, keyId, signature } }));
  } catch (e) {
    // Another process signed the same head meanwhile: theirs is as good.
    const raced = await client.auditCheckpoint.findUnique({ where: { seq: head.seq } });
    if (raced) return fileOf(raced);
    throw e;
  }
}

/** The newest stored checkpoint, or null. */
export async function latestCheckpoint(client: Db = db()): Promise<CheckpointFile | null> {
  const row = await client.auditCheckpoint.findFirst({ orderBy: { seq: "desc" } });
  return row ? fileOf(row) : null;
}

/** GET /api/v1/audit/checkpoint: a checkpoint of the head now, for admins and auditors. */
export async function checkpointForReader(actor: Actor): Promise<CheckpointFile> {
  assertCan(actor, "audit:read", "Only admins and auditors can take audit checkpoints");
  const file = await publishCheckpoint();
  if (!file) throw new AppError("CONFLICT", "The audit trail is empty; there is nothing to checkpoint yet");
  return file;
}

export type CheckpointReport =
  | { ok: true; events: number; headHash: string; checkpointSeq: number }
  | { ok: false; reason: string; brokenSeq?: number };

/** Verifies the whole chain and that it still holds the checkpoint's event with the same hash. */
export async function verifyAgainstCheckpoint(file: CheckpointFile, client: Db = db()): Promise<CheckpointReport> {
  const signatureProblem = checkCheckpointSignature(file, knownPublicKeys());
  if (signatureProblem) return { ok: false, reason: `checkpoint not trusted: ${signatureProblem}` };
  const { seq, hash } = file.checkpoint;
  const chain = await verifyAuditChain(client);
  if (!chain.ok) return { ok: false, reason: chain.reason, brokenSeq: chain.brokenSeq };
  if (chain.events < seq) {
    return { ok: false, reason: `the chain was cut: it ends at event ${chain.events}, but the checkpoint of ${file.checkpoint.at} covers events up to ${seq}`, brokenSeq: chain.events + 1 };
  }
  const event = await client.auditEvent.findUnique({ where: { seq }, select: { hash: true } });
  if (event?.hash !== hash) {
    return { ok: false, reason: `the chain was rewritten: event ${seq} hashes to ${event?.hash ?? "nothing"}, the checkpoint says ${hash}; events up to ${seq} are not those the checkpoint signed`, brokenSeq: seq };
  }
  return { ok: true, events: chain.events, headHash: chain.headHash, checkpointSeq: seq };
}
