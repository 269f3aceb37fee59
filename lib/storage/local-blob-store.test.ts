// What the shared suite cannot see from outside: where the local store puts things on disk.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { BufferPool } from "@/lib/storage/buffer-pool";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { ownerTagOf, uploadOwnerTag } from "@/lib/storage/upload-owner";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-local-blobs-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("local blob store layout", () => {
  const store = new LocalBlobStore({ root });
  const bytes = Buffer.from("the same bytes, wherever they came from");
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  it("stages under <root>/tmp/<owner>.<uuid>, owner-only, and commits to <root>/sha256/<aa>/<bb>/<hash>, read-only", async () => {
    const staged = await store.stage(Readable.from([bytes]), { maxBytes: 1024 });
    const [tmpName] = fs.readdirSync(path.join(root, "tmp"));
    expect(tmpName).toMatch(/^[0-9a-f]{8}-\d+-\d+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ownerTagOf(tmpName!)).toBe(uploadOwnerTag()); // this process: host, pid, start time
    expect(uploadOwnerTag().split("-")[1]).toBe(String(process.pid));
    expect(fs.statSync(path.join(root, "tmp", tmpName!)).mode & 0o777).toBe(0o600);

    await staged.commit();
    const blob = path.join(root, "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(store.blobPath(sha256)).toBe(blob);
    expect(fs.readFileSync(blob)).toEqual(bytes);
    expect(fs.statSync(blob).mode & 0o777).toBe(0o444);
    expect(fs.readdirSync(path.join(root, "tmp"))).toEqual([]);
    // Claimed until the row is written: discard() is what lets the gc have it.
    const claims = fs.readdirSync(path.join(root, "claims"));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(new RegExp(`^${uploadOwnerTag()}\\.${sha256}\\.[0-9a-f-]{36}$`));
    await staged.discard();
    expect(fs.readdirSync(path.join(root, "claims"))).toEqual([]);
  });

  it("never builds a path from anything but a well-formed hash", () => {
    expect(() => store.blobPath("../../etc/passwd")).toThrow(/SHA-256/);
    expect(() => store.blobPath(`${sha256.slice(0, 63)}/`)).toThrow(/SHA-256/);
  });

  it("reads a blob into pooled buffers, one chunk per read, released chunks read into again", async () => {
    const big = Buffer.alloc(10_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    const staged = await store.stage(Readable.from([big]), { maxBytes: 1e6 });
    await staged.commit();
    await staged.discard();
    const pool = new BufferPool(4096, 2);
    const read = async (range?: { start: number; end: number }) => {
      const parts: Buffer[] = [];
      const memory = new Set<ArrayBufferLike>();
      for await (const chunk of await store.open(staged.sha256, range, { pool })) {
        const b = chunk as Buffer;
        memory.add(b.buffer);
        parts.push(Buffer.from(b)); // a copy: the buffer is read into again once released
        pool.release(b);
      }
      return { bytes: Buffer.concat(parts), sizes: parts.map((p) => p.length), buffers: memory.size };
    };
    const whole = await read();
    expect(whole.bytes.equals(big)).toBe(true);
    expect(whole.sizes).toEqual([4096, 4096, 1808]);
    // Each chunk released as soon as it is used: the one in hand and the one read ahead, then reused.
    expect(whole.buffers).toBe(2);
    const part = await read({ start: 5000, end: 9100 });
    expect(part.bytes.equals(big.subarray(5000, 9101))).toBe(true);
    expect(part.sizes).toEqual([4096, 5]);
  });

  it("sweeps nothing when no temporary directory exists yet", async () => {
    const empty = new LocalBlobStore({ root: path.join(root, "never-used") });
    expect(await empty.sweepStale(0)).toBe(0);
  });
});
