// POST /api/v1/case-files/verify, behind the "Verify a case file" page: the ZIP streams to a
// temporary file (memory stays flat; more than LANTERN_VERIFY_MAX_BYTES is refused as it
// arrives), is checked against this instance's signing keys (current and retired) and removed.
// The temporary's folder is swept at start-up if a crash left it, and only so many verifications
// run at once (verify-temporaries.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Actor } from "@/lib/access/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { verifyCaseFile, ZipLimitError, type CaseFileReport } from "@/lib/export/verify-case-file";
import { makeVerifyTempDir, withVerificationSlot } from "@/lib/export/verify-temporaries";
import { knownPublicKeys } from "@/lib/signing/signing-key";

/** More entries than any case file holds (its evidence items and six files), and far longer names. */
export const MAX_ENTRIES = 100_000;
export const MAX_NAME_LENGTH = 1024;

export async function verifyUploadedCaseFile(actor: Actor, body: ReadableStream<Uint8Array> | null, declaredLength: number | null): Promise<CaseFileReport> {
  const limit = env().LANTERN_VERIFY_MAX_BYTES;
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `Case files over ${limit} bytes cannot be verified here; use npm run verify-export`);
  if (!body) throw new AppError("INVALID_INPUT", "Send the case file (a ZIP) as the request body", { fieldErrors: { body: ["is required"] } });
  if (declaredLength !== null && declaredLength > limit) throw tooLarge();
  return withVerificationSlot(actor.id, () => verifyStream(body, limit, tooLarge));
}

async function verifyStream(body: ReadableStream<Uint8Array>, limit: number, tooLarge: () => AppError): Promise<CaseFileReport> {
  const dir = await makeVerifyTempDir();
  const file = path.join(dir, `${randomUUID()}.zip`);
  try {
    let size = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > limit ? tooLarge() : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), limiter, fs.createWriteStream(file, { mode: 0o600 }));
    if (size === 0) throw new AppError("INVALID_INPUT", "The case file is empty", { fieldErrors: { body: ["is empty"] } });
    // A case file's entries are mostly stored (evidence) or JSON deflated a few times over, so they
    // may expand to 100 times the upload (at least 64 MiB) and never past the upload limit: a ZIP
    // bomb is refused before it is inflated, not hashed for minutes.
    const limits = { maxUncompressedBytes: Math.min(limit, Math.max(size * 100, 64 * 1024 ** 2)), maxEntries: MAX_ENTRIES, maxNameLength: MAX_NAME_LENGTH };
    return await verifyCaseFile(file, knownPublicKeys(), limits).catch((e: unknown) => {
      throw e instanceof ZipLimitError ? new AppError("PAYLOAD_TOO_LARGE", `${e.message}; this is not a case file that can be verified here (npm run verify-export checks any size)`) : e;
    });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
