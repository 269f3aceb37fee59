// One suite, two backends: the local folder and the S3 store (against s3rver on loopback) must
// behave identically, so the evidence code above them never needs to know which one it has.
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "@/lib/storage/blob-store";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { S3BlobStore } from "@/lib/storage/s3-blob-store";
import { expectAppError } from "@/test/support/expect-app-error";
import { startS3Server } from "@/test/support/s3-server";

type Harness = {
  store: BlobStore;
  /** The store's configuration, for a child process (test/support/stage-and-hang.ts). */
  spec: string;
  countBlobs(): Promise<number>;
  countTemps(): Promise<number>;
  /** Commit claims on one hash (uploads committing it whose row is not written yet). */
  countClaims(sha256: string): Promise<number>;
  /** Backdates every temporary present now by ageMs. */
  ageTemps(ageMs: number): Promise<void>;
  /** Backdates a committed blob by ageMs. */
  ageBlob(sha256: string, ageMs: number): Promise<void>;
  /** A temporary as an instance on another host leaves it (its owner cannot be checked from here). */
  putForeignTemp(): Promise<void>;
  /** The other host's lease as its process writes it while uploading, renewed ageMs ago. */
  putForeignLease(ageMs: number): Promise<void>;
  /** The names under leases/. */
  leases(): Promise<string[]>;
  teardown(): Promise<void>;
};

const FOREIGN_OWNER = "0000beef-1-1"; // a host id that is not this one's (upload-owner.ts)

const backends: { name: string; setup(): Promise<Harness> }[] = [
  {
    name: "local",
    async setup() {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-blobs-"));
      const tmpDir = path.join(root, "tmp");
      const tempNames = () => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir) : []);
      const store = new LocalBlobStore({ root });
      return {
        store,
        spec: JSON.stringify({ local: root }),
        countClaims: async (sha256) =>
          fs.existsSync(path.join(root, "claims")) ? fs.readdirSync(path.join(root, "claims")).filter((n) => n.includes(`.${sha256}.`)).length : 0,
        ageBlob: async (sha256, ageMs) => {
          const when = new Date(Date.now() - ageMs);
          fs.utimesSync(store.blobPath(sha256), when, when);
        },
        putForeignTemp: async () => {
          fs.mkdirSync(tmpDir, { recursive: true });
          fs.writeFileSync(path.join(tmpDir, `${FOREIGN_OWNER}.${randomUUID()}`), randomBytes(64));
        },
        putForeignLease: async (ageMs) => {
          fs.mkdirSync(path.join(root, "leases"), { recursive: true });
          const file = path.join(root, "leases", FOREIGN_OWNER);
          fs.writeFileSync(file, "");
          const when = new Date(Date.now() - ageMs);
          fs.utimesSync(file, when, when);
        },
        leases: async () => (fs.existsSync(path.join(root, "leases")) ? fs.readdirSync(path.join(root, "leases")) : []),
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
      const options = {
        bucket: server.bucket,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      };
      const store = new S3BlobStore(options);
      const keys = async (prefix: string) => {
        const res = await store.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix }));
        return (res.Contents ?? []).map((o) => o.Key!);
      };
      return {
        store,
        spec: JSON.stringify({ s3: options }),
        countClaims: async (sha256) => (await keys(`claims/${sha256}/`)).length,
        ageBlob: async (sha256, ageMs) => server.backdate(`sha256/${sha256}`, ageMs),
        putForeignTemp: async () => {
          await store.client.send(new PutObjectCommand({ Bucket: server.bucket, Key: `tmp/${FOREIGN_OWNER}.${randomUUID()}`, Body: randomBytes(64) }));
        },
        putForeignLease: async (ageMs) => {
          await store.client.send(new PutObjectCommand({ Bucket: server.bucket, Key: `leases/${FOREIGN_OWNER}`, Body: "" }));
          server.backdate(`leases/${FOREIGN_OWNER}`, ageMs);
        },
        leases: async () => (await keys("leases/")).map((k) => k.slice("leases/".length)),
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
  let crc = 0;
  const state = { produced: 0, sha256: () => hash.digest("hex"), crc32: () => crc >>> 0 };
  async function* body(): AsyncGenerator<Uint8Array> {
    while (state.produced < totalBytes) {
      const chunk = new Uint8Array(randomBytes(Math.min(chunkBytes, totalBytes - state.produced)));
      state.produced += chunk.length;
      hash.update(chunk);
      crc = zlib.crc32(chunk, crc);
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

  it("stages, commits and reads back the same bytes with their SHA-256, CRC-32 and size", async () => {
    const bytes = randomBytes(100_000);
    const staged = await h.store.stage(Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]), limit);
    expect(staged.sha256).toBe(sha256Of(bytes));
    expect(staged.crc32).toBe(zlib.crc32(bytes) >>> 0);
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
    expect(staged).toMatchObject({ sha256: expected, crc32: state.crc32(), sizeBytes: 20_000_000 });
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

  it("sweeps another host's temporaries once older than the threshold, and never a live process's", async () => {
    const mine = await h.store.stage(Readable.from([randomBytes(1024)]), limit);
    await h.putForeignTemp();
    await h.ageTemps(2 * 60 * 60 * 1000); // both untouched for two hours
    await h.putForeignTemp(); // a fresh one
    expect(await h.countTemps()).toBe(3);
    expect(await h.store.sweepStale(60 * 60 * 1000)).toBe(1); // the old foreign one
    expect(await h.countTemps()).toBe(2);
    await mine.commit(); // this process is alive: its temporary was left intact, however old
    await mine.discard();
    expect(await h.store.exists(mine.sha256)).toBe(true);
    expect(await h.countTemps()).toBe(1);
    expect(await h.store.sweepStale(0)).toBe(1);
    expect(await h.store.sweepStale(0)).toBe(0);
  });

  it("keeps another host's old temporary while its owner renews its lease, and sweeps it once the lease is as old", async () => {
    const HOUR = 60 * 60 * 1000;
    await h.putForeignTemp();
    await h.ageTemps(3 * HOUR); // an upload that began three hours ago (S3 dates a multipart upload by its start)
    await h.putForeignLease(30 * 1000); // renewed half a minute ago: its process is still uploading
    expect(await h.store.sweepStale(HOUR)).toBe(0);
    expect(await h.countTemps()).toBe(1);
    await h.putForeignLease(2 * HOUR); // the owner stopped renewing two hours ago: it died
    expect(await h.store.sweepStale(HOUR)).toBe(1);
    expect(await h.countTemps()).toBe(0);
    expect(await h.leases()).not.toContain(FOREIGN_OWNER); // its lease is swept with it
  });

  it("writes this process's lease when an upload starts", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield randomBytes(1024);
      await gate;
      yield randomBytes(1024);
    }
    const staging = h.store.stage(slow(), limit);
    const deadline = Date.now() + 10_000;
    while ((await h.leases()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await h.leases()).some((name) => name !== FOREIGN_OWNER)).toBe(true);
    release();
    const staged = await staging;
    await staged.discard();
  });

  it("sweeps at once, whatever its age, the temporary of a process of this host that was killed", async () => {
    const { sha256 } = await runKilled(h.spec, "stage");
    expect(await h.countTemps()).toBe(1);
    expect(await h.store.sweepStale(60 * 60 * 1000)).toBe(1);
    expect(await h.countTemps()).toBe(0);
    expect(await h.store.exists(sha256)).toBe(false);
  });

  describe("collect (the unreferenced-blob gc)", () => {
    const HOUR = 60 * 60 * 1000;
    const graceOfAnHour = () => new Date(Date.now() - HOUR);
    const unreferenced = async () => false;
    async function committed(bytes = randomBytes(2048)): Promise<string> {
      const staged = await h.store.stage(Readable.from([bytes]), limit);
      await staged.commit();
      await staged.discard(); // the row was written (or failed): the claim is gone
      return staged.sha256;
    }

    it("deletes an unreferenced blob older than the grace period; keeps a young one and a referenced one", async () => {
      const [old, young, referenced] = [await committed(), await committed(), await committed()];
      await h.ageBlob(old, 2 * HOUR);
      await h.ageBlob(referenced, 2 * HOUR);
      expect(await h.store.collect(old, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("deleted");
      expect(await h.store.collect(young, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("young");
      expect(await h.store.collect(referenced, { modifiedBefore: graceOfAnHour(), isReferenced: async () => true })).toBe("referenced");
      expect([await h.store.exists(old), await h.store.exists(young), await h.store.exists(referenced)]).toEqual([false, true, true]);
      expect(await h.store.collect(old, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("missing");
    });

    it("keeps a blob that an upload has committed and not yet recorded, however old", async () => {
      const bytes = randomBytes(2048);
      const sha256 = await committed(bytes);
      await h.ageBlob(sha256, 2 * HOUR);
      // A second upload of the same content: committed (the blob already existed), row not yet written.
      const second = await h.store.stage(Readable.from([bytes]), limit);
      await second.commit();
      expect(await h.store.collect(sha256, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("claimed");
      expect(await h.store.exists(sha256)).toBe(true);
      await second.discard(); // its row failed: nothing holds the blob any more
      expect(await h.countClaims(sha256)).toBe(0);
      expect(await h.store.collect(sha256, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("deleted");
    });

    it("an upload that commits the content while the gc deletes it waits, then stores its own copy", async () => {
      const bytes = randomBytes(4096);
      const sha256 = await committed(bytes);
      await h.ageBlob(sha256, 2 * HOUR);
      const racer = await h.store.stage(Readable.from([bytes]), limit);
      let racing: Promise<void> | undefined;
      const outcome = await h.store.collect(sha256, {
        modifiedBefore: graceOfAnHour(),
        // The gc holds its mark now. The upload commits the same content: it claims it (too late
        // for this gc to see) and must then wait for the mark to go before looking for the blob.
        isReferenced: async () => {
          racing = racer.commit();
          await waitFor(async () => (await h.countClaims(sha256)) === 1);
          return false;
        },
      });
      expect(outcome).toBe("deleted");
      await racing;
      expect(await h.store.exists(sha256)).toBe(true);
      expect(Buffer.compare(await readAll(await h.store.open(sha256)), bytes)).toBe(0);
      await racer.discard();
      expect(await h.countClaims(sha256)).toBe(0);
    });

    it("ignores the claim of a killed upload (and the sweep removes it)", async () => {
      const { sha256 } = await runKilled(h.spec, "commit");
      expect(await h.countClaims(sha256)).toBe(1);
      await h.ageBlob(sha256, 2 * HOUR);
      expect(await h.store.collect(sha256, { modifiedBefore: graceOfAnHour(), isReferenced: unreferenced })).toBe("deleted");
      await h.store.sweepStale(HOUR);
      expect(await h.countClaims(sha256)).toBe(0);
    });
  });
});

const root = path.resolve(import.meta.dirname, "../..");

/** Runs test/support/stage-and-hang.ts against the store, then SIGKILLs it once it has staged. */
async function runKilled(spec: string, mode: "stage" | "commit"): Promise<{ sha256: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/stage-and-hang.ts", mode, spec], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sha256 = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /STAGED ([0-9a-f]{64})/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`stage-and-hang ended early (${code})`)));
  });
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  return { sha256 };
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
