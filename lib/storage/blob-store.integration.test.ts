// One suite, two backends: the local folder and the S3 store (against s3rver on loopback) must
// behave identically, so the evidence code above them never needs to know which one it has.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "@/lib/storage/blob-store";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { S3BlobStore } from "@/lib/storage/s3-blob-store";
import { expectAppError } from "@/test/support/expect-app-error";
import { startS3Server } from "@/test/support/s3-server";

type Harness = {
  store: BlobStore;
  countBlobs(): Promise<number>;
  countTemps(): Promise<number>;
  /** Backdates every temporary present now by ageMs. */
  ageTemps(ageMs: number): Promise<void>;
  teardown(): Promise<void>;
};

const backends: { name: string; setup(): Promise<Harness> }[] = [
  {
    name: "local",
    async setup() {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-blobs-"));
      const tmpDir = path.join(root, "tmp");
      const tempNames = () => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir) : []);
      return {
        store: new LocalBlobStore({ root }),
        countBlobs: async () =>
          fs.existsSync(path.join(root, "sha256"))
            ? fs.readdirSync(path.join(root, "sha256"), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length
            : 0,
        countTemps: async () => tempNames().length,
        ageTemps: async (ageMs) => {
          const when = new Date(Date.now() - ageMs);
          for (const name of tempNames()) fs.utimesSync(path.join(tmpDir, name), when, when);
        },
        teardown: async () => fs.rmSync(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "s3",
    async setup() {
      const server = await startS3Server();
      const store = new S3BlobStore({
        bucket: server.bucket,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      });
      const keys = async (prefix: string) => {
        const res = await store.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix }));
        return (res.Contents ?? []).map((o) => o.Key!);
      };
      return {
        store,
        countBlobs: async () => (await keys("sha256/")).length,
        countTemps: async () => (await keys("tmp/")).length,
        ageTemps: async (ageMs) => {
          for (const key of await keys("tmp/")) server.backdate(key, ageMs);
        },
        teardown: async () => {
          store.client.destroy();
          await server.stop();
        },
      };
    },
  },
];

const MIB = 1024 * 1024;
const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** A generated body: random chunks, hashed as they are produced, never held whole in memory. */
function generated(totalBytes: number, chunkBytes = 64 * 1024) {
  const hash = createHash("sha256");
  const state = { produced: 0, sha256: () => hash.digest("hex") };
  async function* body(): AsyncGenerator<Uint8Array> {
    while (state.produced < totalBytes) {
      const chunk = new Uint8Array(randomBytes(Math.min(chunkBytes, totalBytes - state.produced)));
      state.produced += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
  }
  return { body: body(), state };
}

describe.each(backends)("$name blob store", (backend) => {
  let h: Harness;
  const limit = { maxBytes: 64 * MIB };

  beforeAll(async () => {
    h = await backend.setup();
  });
  afterAll(async () => {
    await h?.teardown();
  });

  it("stages, commits and reads back the same bytes with their SHA-256 and size", async () => {
    const bytes = randomBytes(100_000);
    const staged = await h.store.stage(Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]), limit);
    expect(staged.sha256).toBe(sha256Of(bytes));
    expect(staged.sizeBytes).toBe(bytes.length);
    expect(await h.store.exists(staged.sha256)).toBe(false); // not visible before commit
    await staged.commit();
    expect(await h.store.exists(staged.sha256)).toBe(true);
    expect(Buffer.compare(await readAll(await h.store.open(staged.sha256)), bytes)).toBe(0);
    expect(await h.countTemps()).toBe(0);
  });

  it("streams a 20 MB generated body (multipart on S3) and hashes it correctly", async () => {
    const { body, state } = generated(20 * 1000 * 1000);
    const staged = await h.store.stage(body, limit);
    const expected = state.sha256();
    expect(staged).toMatchObject({ sha256: expected, sizeBytes: 20_000_000 });
    await staged.commit();
    const reread = createHash("sha256");
    let size = 0;
    for await (const c of await h.store.open(expected)) {
      reread.update(c as Uint8Array);
      size += (c as Uint8Array).length;
    }
    expect({ sha256: reread.digest("hex"), size }).toEqual({ sha256: expected, size: 20_000_000 });
  });

  it("keeps one blob when the same content is committed twice, and both commits succeed", async () => {
    const bytes = randomBytes(4096);
    const before = await h.countBlobs();
    const first = await h.store.stage(Readable.from([bytes]), limit);
    const second = await h.store.stage(Readable.from([bytes]), limit);
    expect(second.sha256).toBe(first.sha256);
    await first.commit();
    await second.commit();
    await second.commit(); // a retried commit is harmless too
    await first.discard(); // and so is a discard after commit (cleanup in a finally block)
    expect(await h.countBlobs()).toBe(before + 1);
    expect(await h.countTemps()).toBe(0);
    expect(Buffer.compare(await readAll(await h.store.open(first.sha256)), bytes)).toBe(0);
  });

  it("lists committed blobs by hash, not temporaries", async () => {
    const committed = await h.store.stage(Readable.from([randomBytes(2048)]), limit);
    await committed.commit();
    const pending = await h.store.stage(Readable.from([randomBytes(2048)]), limit);
    const listed: string[] = [];
    for await (const sha256 of h.store.list()) listed.push(sha256);
    expect(listed).toContain(committed.sha256);
    expect(listed).not.toContain(pending.sha256);
    expect(listed.length).toBe(await h.countBlobs());
    await pending.discard();
  });

  it("keeps one blob when the same content is committed concurrently", async () => {
    const bytes = randomBytes(8192);
    const before = await h.countBlobs();
    const staged = await Promise.all([1, 2, 3].map(() => h.store.stage(Readable.from([bytes]), limit)));
    await Promise.all(staged.map((s) => s.commit()));
    expect(await h.countBlobs()).toBe(before + 1);
    expect(await h.countTemps()).toBe(0);
  });

  it("refuses an empty body with INVALID_INPUT and leaves nothing behind", async () => {
    const before = await h.countBlobs();
    const e = await expectAppError(h.store.stage(Readable.from([]), limit));
    expect(e.code).toBe("INVALID_INPUT");
    expect(await h.countTemps()).toBe(0);
    expect(await h.countBlobs()).toBe(before);
  });

  it.each([
    ["a small body", 1000, 5000],
    ["a multi-part body", 6 * MIB, 20 * MIB],
  ])("refuses %s over maxBytes with PAYLOAD_TOO_LARGE as soon as the limit is crossed, leaving nothing", async (_, maxBytes, total) => {
    const before = await h.countBlobs();
    const { body, state } = generated(total, 1000);
    const e = await expectAppError(h.store.stage(body, { maxBytes }));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    // Reading stopped near the limit, not at the end of the body (allow for stream buffering).
    expect(state.produced).toBeLessThan(maxBytes + MIB);
    expect(await h.countTemps()).toBe(0);
    expect(await h.countBlobs()).toBe(before);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const staged = await h.store.stage(Readable.from([randomBytes(1000)]), { maxBytes: 1000 });
    expect(staged.sizeBytes).toBe(1000);
    await staged.discard();
  });

  it("passes on a failing source's error and leaves nothing behind", async () => {
    async function* failing() {
      yield new Uint8Array(randomBytes(10_000));
      throw new Error("client went away");
    }
    await expect(h.store.stage(failing(), limit)).rejects.toThrow("client went away");
    expect(await h.countTemps()).toBe(0);
  });

  it("discard leaves nothing", async () => {
    const before = await h.countBlobs();
    const staged = await h.store.stage(Readable.from([randomBytes(2048)]), limit);
    expect(await h.countTemps()).toBe(1);
    await staged.discard();
    await staged.discard();
    expect(await h.countTemps()).toBe(0);
    expect(await h.countBlobs()).toBe(before);
    expect(await h.store.exists(staged.sha256)).toBe(false);
  });

  it("answers NOT_FOUND for a missing blob and INVALID_INPUT for something that is not a hash", async () => {
    const missing = sha256Of(randomBytes(16));
    expect(await h.store.exists(missing)).toBe(false);
    expect((await expectAppError(h.store.open(missing))).code).toBe("NOT_FOUND");
    expect((await expectAppError(h.store.open(missing, { start: 0, end: 1 }))).code).toBe("NOT_FOUND");
    expect((await expectAppError(h.store.open("../../etc/passwd"))).code).toBe("INVALID_INPUT");
    expect((await expectAppError(h.store.exists(missing.toUpperCase()))).code).toBe("INVALID_INPUT");
  });

  it("reads byte ranges (inclusive), clamping an end past the last byte", async () => {
    const bytes = randomBytes(1000);
    const staged = await h.store.stage(Readable.from([bytes]), limit);
    await staged.commit();
    const read = async (start: number, end: number) => readAll(await h.store.open(staged.sha256, { start, end }));
    expect(Buffer.compare(await read(10, 19), bytes.subarray(10, 20))).toBe(0);
    expect(Buffer.compare(await read(0, 4), bytes.subarray(0, 5))).toBe(0);
    expect(Buffer.compare(await read(990, 5000), bytes.subarray(990))).toBe(0);
    expect((await expectAppError(h.store.open(staged.sha256, { start: 1000, end: 1001 }))).code).toBe("INVALID_INPUT");
    expect((await expectAppError(h.store.open(staged.sha256, { start: 5, end: 4 }))).code).toBe("INVALID_INPUT");
  });

  it("sweeps temporaries older than the threshold, not fresh ones", async () => {
    const old = await h.store.stage(Readable.from([randomBytes(1024)]), limit);
    await h.ageTemps(2 * 60 * 60 * 1000);
    const fresh = await h.store.stage(Readable.from([randomBytes(1024)]), limit);
    expect(await h.countTemps()).toBe(2);
    expect(await h.store.sweepStale(60 * 60 * 1000)).toBe(1);
    expect(await h.countTemps()).toBe(1);
    await fresh.commit(); // the fresh one was left intact
    expect(await h.store.exists(fresh.sha256)).toBe(true);
    expect(await h.store.exists(old.sha256)).toBe(false);
    expect(await h.countTemps()).toBe(0);
    expect(await h.store.sweepStale(0)).toBe(0);
  });
});
