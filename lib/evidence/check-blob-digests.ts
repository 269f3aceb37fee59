// One read of a stored blob for verification: its SHA-256 and its CRC-32 (ZIP/zlib polynomial) in
// the same pass, and what they say about an item's record. The SHA-256 decides whether the content
// is intact. The CRC-32 is what the case file export writes into the ZIP unread (decision 0031), so
// once the content is proven by its SHA-256: a missing one (items recorded before intake computed
// it) is filled in, and a recorded one that differs is a wrong record: the check fails with a
// message that says so, and the record is corrected to the content's. A CRC-32 observed on content
// that fails its SHA-256 is never recorded.
import { createHash } from "node:crypto";
import { crc32 } from "@node-rs/crc32";
import { isAppError } from "@/lib/errors";
import { blobStore } from "@/lib/storage/blob-store";

/** What one read of a blob observed; crc32 unsigned. */
export type BlobDigests = { sha256: string; crc32: number };

/** The item's record: crc32 as stored (signed, `>>> 0` reads it; null before intake recorded it). */
export type RecordedDigests = { sha256: string; crc32: number | null };

type Crc32Change = { before: string | null; after: string };
type Crc32Fix = { crc32ToRecord: number; crc32Change: Crc32Change };
type NoCrc32Fix = { crc32ToRecord: null; crc32Change: null };

/**
 * ok: the check passed (content intact, and the CRC-32 on record, if any, right). contentOk: the
 * content matches its SHA-256 (the item's integrity flag, lastVerifyOk). crc32ToRecord: the CRC-32
 * to store (signed) when the record lacks it or has it wrong; crc32Change: the same for the audit
 * trail, as 8 hex digits (as `unzip -v` prints them).
 */
export type BlobCheck =
  | ({ ok: true; contentOk: true; problem: null; reason: null } & (Crc32Fix | NoCrc32Fix))
  | ({ ok: false; contentOk: false; problem: "missing" | "altered"; reason: string } & NoCrc32Fix)
  | { ok: false; contentOk: true; problem: "crc32"; reason: string; crc32ToRecord: number; crc32Change: Crc32Change & { before: string } };

/** Re-reads a blob once, hashing and checksumming each chunk; null when it is not stored. */
export async function readBlobDigests(sha256: string): Promise<BlobDigests | null> {
  try {
    const hash = createHash("sha256");
    let crc = 0;
    for await (const chunk of await blobStore().open(sha256)) {
      hash.update(chunk as Buffer);
      crc = crc32(chunk as Buffer, crc);
    }
    return { sha256: hash.digest("hex"), crc32: crc >>> 0 };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

export const formatCrc32 = (crc: number): string => (crc >>> 0).toString(16).padStart(8, "0");

export function checkBlobDigests(recorded: RecordedDigests, observed: BlobDigests | null): BlobCheck {
  const none = { crc32ToRecord: null, crc32Change: null };
  if (observed === null) return { ok: false, contentOk: false, problem: "missing", reason: "the stored content is missing", ...none };
  if (observed.sha256 !== recorded.sha256) return { ok: false, contentOk: false, problem: "altered", reason: "the stored content no longer matches its recorded hash", ...none };
  const after = formatCrc32(observed.crc32);
  if (recorded.crc32 === null) return { ok: true, contentOk: true, problem: null, reason: null, crc32ToRecord: observed.crc32 | 0, crc32Change: { before: null, after } };
  if (recorded.crc32 >>> 0 === observed.crc32) return { ok: true, contentOk: true, problem: null, reason: null, ...none };
  const before = formatCrc32(recorded.crc32);
  return {
    ok: false,
    contentOk: true,
    problem: "crc32",
    reason:
      `the content matches its SHA-256, but not the CRC-32 on record (${before}; the content's is ${after}): ` +
      "the record is corrected; case files exported before now carry the wrong CRC-32 for this file",
    crc32ToRecord: observed.crc32 | 0,
    crc32Change: { before, after },
  };
}
