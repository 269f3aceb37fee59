// The ring writer must store exactly the bytes it is given and report their SHA-256 and CRC-32, with O_DIRECT
// and through the page cache alike, around every alignment edge (512-byte blocks, 4 MiB slots,
// the ring wrapping), with several uploads at once, and must leave a usable worker behind after a
// refusal or an abort.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { HashingFileWriter, idleWriterCount } from "@/lib/storage/hashing-file-writer";
import { expectAppError } from "@/test/support/expect-app-error";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-writer-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** What the writer must report for content: zlib's CRC-32 is the reference (the ZIP polynomial). */
const hashedOf = (b: Buffer) => ({ sha256: sha256(b), sizeBytes: b.length, crc32: zlib.crc32(b) >>> 0 });
let n = 0;
const newFile = () => path.join(dir, `f${n++}`);

/** The content in chunks of varying size (as a socket delivers them). */
function chunked(content: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < content.length; i++) {
    const size = [65536, 1, 4096, 100_000, 511][i % 5];
    chunks.push(content.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

async function write(content: Buffer, opts: { buffered?: boolean; maxBytes?: number } = {}) {
  const file = newFile();
  const writer = await HashingFileWriter.open(file, { maxBytes: opts.maxBytes ?? 64 * MiB, buffered: opts.buffered });
  await pipeline(chunked(content), writer);
  return { file, writer, hashed: writer.hashed() };
}

const SIZES = [0, 1, 511, 512, 513, 8191, 4 * MiB - 1, 4 * MiB, 4 * MiB + 1, 16 * MiB + 4097];

describe("HashingFileWriter", () => {
  for (const buffered of [false, true]) {
    it(`stores the bytes and their SHA-256 and CRC-32 at every alignment edge (${buffered ? "page cache" : "O_DIRECT where the filesystem allows"})`, async () => {
      for (const size of SIZES) {
        const content = randomBytes(size);
        const { file, writer, hashed } = await write(content, { buffered });
        if (buffered) expect(writer.direct).toBe(false);
        expect(hashed, `size ${size}`).toEqual(hashedOf(content));
        expect(fs.readFileSync(file).equals(content), `size ${size}`).toBe(true);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      }
    });
  }

  it("writes with O_DIRECT exactly where the filesystem takes it", async () => {
    const probe = newFile();
    let supported = true;
    try {
      fs.closeSync(fs.openSync(probe, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_DIRECT));
    } catch {
      supported = false; // tmpfs and some overlays refuse it
    }
    const { writer } = await write(randomBytes(1024));
    expect(writer.direct).toBe(supported);
  });

  it("writes several files at once, each with its own worker, and keeps at most two idle", async () => {
    const contents = [randomBytes(9 * MiB), randomBytes(5 * MiB + 3), randomBytes(700_000)];
    const results = await Promise.all(contents.map((c) => write(c)));
    results.forEach(({ file, hashed }, i) => {
      expect(hashed).toEqual(hashedOf(contents[i]));
      expect(fs.readFileSync(file).equals(contents[i])).toBe(true);
    });
    expect(idleWriterCount()).toBeLessThanOrEqual(2);
  });

  it("refuses more than maxBytes as soon as they arrive, and the worker serves the next file", async () => {
    const e = await expectAppError(write(randomBytes(6 * MiB), { maxBytes: 5 * MiB }));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    const next = randomBytes(3 * MiB);
    expect((await write(next)).hashed.sha256).toBe(sha256(next));
  });

  it("stops when destroyed mid-file, and the worker serves the next file", async () => {
    const writer = await HashingFileWriter.open(newFile(), { maxBytes: 64 * MiB });
    const failed = new Promise((resolve) => writer.once("error", resolve));
    writer.write(randomBytes(9 * MiB));
    writer.destroy(new Error("client gone"));
    expect(await failed).toMatchObject({ message: "client gone" });
    expect(() => writer.hashed()).toThrow(/not finished/);
    const next = randomBytes(MiB);
    expect((await write(next)).hashed.sha256).toBe(sha256(next));
  });

  it("fails, never hangs, when the disk refuses a write while the stream is ending", () => {
    // 2048 blocks of 1 KiB: the first slot's write fits half, the rest fail with EFBIG.
    const script = path.resolve(import.meta.dirname, "../../test/support/write-past-file-limit.ts");
    const run = spawnSync("bash", ["-c", `ulimit -f 2048 && exec "${process.execPath}" --import tsx "${script}" "${newFile()}"`], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stdout.trim(), run.stderr).toBe("failed EFBIG");
    expect(run.signal).toBeNull(); // ended by itself: nothing left holding the process
  });

  it("an abandoned upload's leftovers never reach the next upload on the same worker", async () => {
    for (let i = 0; i < 5; i++) {
      const first = await HashingFileWriter.open(newFile(), { maxBytes: 64 * MiB });
      first.on("error", () => {});
      first.write(randomBytes(20 * MiB)); // more than the ring holds: part of it waits for slots
      const closed = new Promise((resolve) => first.once("close", resolve));
      first.destroy(new Error("client gone"));
      await closed;
      const next = randomBytes(5 * MiB + 1);
      expect((await write(next)).hashed).toEqual(hashedOf(next)); // neither hash carries over
    }
  });

  it("never reuses an existing file", async () => {
    const file = newFile();
    fs.writeFileSync(file, "already here");
    await expect(HashingFileWriter.open(file, { maxBytes: MiB })).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(file, "utf8")).toBe("already here");
    const next = randomBytes(2000);
    expect((await write(next)).hashed.sha256).toBe(sha256(next));
  });
});
