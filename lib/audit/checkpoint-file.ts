// The audit checkpoint as a file an outsider keeps (decision 0024). `payload` is the canonical
// JSON {"at","hash","seq"} whose exact UTF-8 bytes the signature covers, so any Ed25519 tool checks
// it: `printf %s "$payload" > payload.json; base64 -d sig.b64 > sig.bin; openssl pkeyutl -verify
// -pubin -inkey key.pem -rawin -in payload.json -sigfile sig.bin`.
import { z } from "zod";
import { canonicalJson } from "@/lib/audit/canonical";
import { verifySignature } from "@/lib/signing/verify-signature";

export const CHECKPOINT_FORMAT = "lantern-audit-checkpoint/1";

export type Checkpoint = { seq: number; hash: string; at: string };

export const CheckpointFileSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  algorithm: z.literal("Ed25519"),
  keyId: z.string(),
  publicKeyPem: z.string(),
  checkpoint: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.iso.datetime() }),
  payload: z.string(),
  signature: z.string(),
});

export type CheckpointFile = z.infer<typeof CheckpointFileSchema>;

/** The exact text that is signed. */
export function checkpointPayload(c: Checkpoint): string {
  return canonicalJson({ at: c.at, hash: c.hash, seq: c.seq });
}

export function toCheckpointFile(c: Checkpoint, signed: { keyId: string; signature: string; publicKeyPem: string }): CheckpointFile {
  return { format: CHECKPOINT_FORMAT, algorithm: "Ed25519", keyId: signed.keyId, publicKeyPem: signed.publicKeyPem, checkpoint: c, payload: checkpointPayload(c), signature: signed.signature };
}

/** Parses a checkpoint file's text; null with the reason when it is not one. */
export function parseCheckpointFile(text: string): { file: CheckpointFile } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: "not JSON" };
  }
  const parsed = CheckpointFileSchema.safeParse(value);
  if (!parsed.success) return { error: `not a Lantern audit checkpoint (${parsed.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("; ")})` };
  return { file: parsed.data };
}

/** Checks that the payload is the checkpoint's and that one of the trusted keys signed it (the
 *  file's own publicKeyPem is not trusted: it is only a hint of which key was meant). */
export function checkCheckpointSignature(file: CheckpointFile, trustedKeys: { keyId: string; publicKeyPem: string }[]): string | null {
  if (file.payload !== checkpointPayload(file.checkpoint)) return "the signed payload does not match the checkpoint's seq, hash and time";
  const candidates = trustedKeys.filter((k) => k.keyId === file.keyId);
  if (candidates.length === 0) return `the checkpoint was signed by key ${file.keyId}, which is not a key of this instance (current or retired)`;
  if (!candidates.some((k) => verifySignature(file.payload, file.signature, k.publicKeyPem))) return `the signature does not verify under key ${file.keyId}`;
  return null;
}
