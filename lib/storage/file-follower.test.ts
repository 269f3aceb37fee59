// The follower hashes a file while it is written, on the calling thread for small files and on a
// worker for large ones; both must give the file's SHA-256, and a failed upload must leave neither
// a worker nor a temporary behind.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { followFile } from "@/lib/storage/file-follower";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { expectAppError } from "@/test/support/expect-app-error";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-follower-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const MiB = 1024 * 1024;

/** Writes the content in 1 MiB appends, reporting progress after each, as the blob store does. */
function writeFollowed(file: string, content: Buffer, offThreadAfterBytes: number) {
  const follower = followFile(file, { offThreadAfterBytes });
  const fd = fs.openSync(file, "wx");
  for (let at = 0; at < content.length; at += MiB) {
    fs.writeSync(fd, content, at, Math.min(MiB, content.length - at));
    follower.written(Math.min(at + MiB, content.length));
  }
  fs.closeSync(fd);
  return follower;
}

describe("following a file as it is written", () => {
  it("hashes a small file on the calling thread", async () => {
    const content = randomBytes(3 * MiB + 17);
    const follower = writeFollowed(path.join(dir, "small"), content, 64 * MiB);
    expect(await follower.sha256(content.length)).toBe(sha256(content));
  });

  it("hashes a large file on a worker, reading back only what was reported written", async () => {
    const content = randomBytes(13 * MiB + 5);
    const follower = writeFollowed(path.join(dir, "large"), content, 2 * MiB);
    expect(await follower.sha256(content.length)).toBe(sha256(content));
    await follower.stop(); // after the end: a no-op
  });

  it("refuses a file shorter than the bytes reported, on either path", async () => {
    const content = randomBytes(5 * MiB);
    for (const [name, offThreadAfterBytes] of [["short-inline", 64 * MiB], ["short-worker", 0]] as const) {
      const follower = writeFollowed(path.join(dir, name), content, offThreadAfterBytes);
      await expect(follower.sha256(content.length + 1)).rejects.toThrow(/shorter than/);
      await follower.stop();
    }
  });

  it("stops a worker part-way, before the end is known", async () => {
    const follower = writeFollowed(path.join(dir, "stopped"), randomBytes(9 * MiB), 0);
    await follower.stop();
    await follower.stop(); // idempotent
  });
});

describe("the local store with the hash off the event loop", () => {
  const root = path.join(dir, "store");
  const store = new LocalBlobStore({ root, hashOffThreadAfterBytes: 1 * MiB });
  const chunks = (content: Buffer) => Readable.from(Array.from({ length: Math.ceil(content.length / (256 * 1024)) }, (_, i) => content.subarray(i * 256 * 1024, (i + 1) * 256 * 1024)));

  it("stages a large body with the same hash and size as the bytes sent", async () => {
    const content = randomBytes(24 * MiB + 3);
    const staged = await store.stage(chunks(content), { maxBytes: 64 * MiB });
    expect(staged.sha256).toBe(sha256(content));
    expect(staged.sizeBytes).toBe(content.length);
    await staged.commit();
    expect(fs.readFileSync(store.blobPath(staged.sha256)).equals(content)).toBe(true);
  });

  it("stops the worker and removes the temporary when the body turns out too large", async () => {
    const content = randomBytes(24 * MiB);
    const e = await expectAppError(store.stage(chunks(content), { maxBytes: 20 * MiB }));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    expect(fs.readdirSync(path.join(root, "tmp"))).toEqual([]);
  });
});
