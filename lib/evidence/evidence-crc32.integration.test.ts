// Intake records each item's CRC-32 (Evidence.crc32) from the same pass that computes its SHA-256,
// so the case file export can name it without reading the blob: the stored value, read back with
// `>>> 0`, must be zlib's CRC-32 of exactly the bytes stored, on the local store (the ring writer's
// worker, below one slot and across several) and on the S3 store (the meter, across parts).
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { sniffMediaType } from "@/lib/evidence/media-type";
import { stageEvidenceFile, type StagedEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { S3BlobStore } from "@/lib/storage/s3-blob-store";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";
import { startS3Server, type TestS3Server } from "@/test/support/s3-server";

const MiB = 1024 * 1024;
const SLOT_BYTES = 4 * MiB; // the ring writer's slot (hashing-file-writer.ts)

/** Content with a known CRC whose top bit is set, so a stored value must survive the signed column. */
function contentOf(size: number): Buffer {
  for (;;) {
    const bytes = randomBytes(size);
    if (zlib.crc32(bytes) >>> 31 === 1) return bytes;
  }
}

/** The content as a socket delivers it: chunks of varying size. */
function chunked(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = [65536, 1, 100_000, 511][i % 4];
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

async function storedCrc(id: string): Promise<number | null> {
  return (await db().evidence.findUniqueOrThrow({ where: { id }, select: { crc32: true } })).crc32;
}

let investigator: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
});

const meta = (title: string) => ({ kind: "OTHER", title });

describe("Evidence.crc32 on the local store", () => {
  it.each([
    ["smaller than one ring slot", 100_000],
    ["spanning several slots (and wrapping the ring)", 4 * SLOT_BYTES + SLOT_BYTES / 2 + 513],
  ])("is the CRC-32 of the stored bytes for a file %s", async (_, size) => {
    const c = await createCase(investigator);
    const bytes = contentOf(size);
    const staged = await stageEvidenceFile(chunked(bytes), { filename: "blob.bin", mimeType: "application/octet-stream" });
    const ev = await uploadEvidence(ctxFor(investigator), c.id, staged, meta(`${size} bytes`));
    const crc = await storedCrc(ev.id);
    expect(crc).not.toBeNull();
    expect(crc! >>> 0).toBe(zlib.crc32(bytes) >>> 0);
    expect(crc).toBeLessThan(0); // the top bit set: stored signed (`crc | 0`)
  });

  it("is recorded for the second item of content already stored (the blob is reused)", async () => {
    const c = await createCase(investigator);
    const bytes = contentOf(9000);
    const first = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "a.bin"), meta("first"));
    const second = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(bytes, "b.bin"), meta("second"));
    expect(second.sha256).toBe(first.sha256);
    expect((await storedCrc(second.id))! >>> 0).toBe(zlib.crc32(bytes) >>> 0);
    expect(await storedCrc(second.id)).toBe(await storedCrc(first.id));
  });

  it("has no empty file to record: intake refuses 0 bytes before any row", async () => {
    expect((await expectAppError(stageBytes(Buffer.alloc(0), "empty.bin"))).code).toBe("INVALID_INPUT");
  });
});

describe("Evidence.crc32 on the S3 store (s3rver)", () => {
  let server: TestS3Server;
  let store: S3BlobStore;
  beforeAll(async () => {
    server = await startS3Server();
    store = new S3BlobStore({
      bucket: server.bucket,
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
  });
  afterAll(async () => {
    store?.client.destroy();
    await server?.stop();
  });

  /** What stageEvidenceFile makes, staged on this store instead of the configured one. */
  async function stageOnS3(bytes: Buffer): Promise<StagedEvidenceFile> {
    const blob = await store.stage(chunked(bytes), { maxBytes: 64 * MiB });
    const mediaType = sniffMediaType(bytes.subarray(0, 8192), "blob.bin");
    return { blob, originalFilename: "blob.bin", declaredMediaType: "application/octet-stream", sniffedMediaType: mediaType };
  }

  it.each([
    ["in one part", 100_000],
    ["in several multipart parts", 12 * MiB + 7],
  ])("is the CRC-32 of the stored bytes for a file %s", async (_, size) => {
    const c = await createCase(investigator);
    const bytes = contentOf(size);
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageOnS3(bytes), meta(`${size} bytes on S3`));
    expect((await storedCrc(ev.id))! >>> 0).toBe(zlib.crc32(bytes) >>> 0);
    expect(await store.exists(ev.sha256)).toBe(true);
  });
});
