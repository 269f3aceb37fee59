// copyBlobs: kernel copies on the thread pool, hashed here as they finish. Every listed blob arrives
// byte for byte, in the manifest in list order with the hash of the copy; a blob whose bytes no
// longer match its name is copied as it is and reported; one removed since it was listed is skipped.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyBlobs } from "@/lib/backup/copy-blobs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-copy-blobs-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Writes `bytes` where the blob store keeps them ("sha256/aa/bb/<hash>", read-only); answers that path. */
function putBlob(evidenceDir: string, bytes: Buffer, name = sha256(bytes)): string {
  const relative = `sha256/${name.slice(0, 2)}/${name.slice(2, 4)}/${name}`;
  const file = path.join(evidenceDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes, { mode: 0o444 });
  return relative;
}

describe("copyBlobs", () => {
  it("copies every blob byte for byte with the copy's hash, reports a damaged one and skips one gone since the listing", async () => {
    const source = path.join(scratch, "evidence");
    // More blobs than lanes; an empty one, sizes around the 1 MiB read chunk, and over the 4 MiB up
    // to which a copy is hashed on the thread pool (larger ones on the main thread).
    const MiB = 1024 * 1024;
    const sizes = [0, 1, 4095, MiB - 1, MiB, MiB + 1, 4 * MiB, 4 * MiB + 1, 6 * MiB + 17, ...Array.from({ length: 13 }, (_, i) => 1000 * (i + 1))];
    const contents = new Map<string, Buffer>();
    for (const size of sizes) {
      const bytes = randomBytes(size);
      contents.set(putBlob(source, bytes), bytes);
    }
    // Damaged at the source: stored under the name of other bytes.
    const damagedBytes = randomBytes(2048);
    const damaged = putBlob(source, damagedBytes, sha256(Buffer.from("what was uploaded")));
    contents.set(damaged, damagedBytes);
    const gone = `sha256/ab/cd/abcd${"0".repeat(60)}`;
    const listed = [...contents.keys()];
    listed.splice(5, 0, gone);

    const target = path.join(scratch, "backup", "evidence");
    const copied = await copyBlobs(source, target, listed, "evidence/");

    expect(copied.files.map((f) => f.path)).toEqual(listed.filter((b) => b !== gone).map((b) => `evidence/${b}`));
    for (const [blob, bytes] of contents) {
      const file = path.join(target, blob);
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(copied.files.find((f) => f.path === `evidence/${blob}`)).toEqual({ path: `evidence/${blob}`, bytes: bytes.length, sha256: sha256(bytes) });
    }
    expect(copied.damaged).toEqual([damaged]);
    expect(copied.bytes).toBe([...contents.values()].reduce((n, b) => n + b.length, 0));
    expect(fs.existsSync(path.join(target, gone))).toBe(false);
  });

  it("refuses to overwrite a file already in the target", async () => {
    const source = path.join(scratch, "evidence-2");
    const blob = putBlob(source, randomBytes(100));
    const target = path.join(scratch, "backup-2", "evidence");
    fs.mkdirSync(path.dirname(path.join(target, blob)), { recursive: true });
    fs.writeFileSync(path.join(target, blob), "already here");
    await expect(copyBlobs(source, target, [blob], "evidence/")).rejects.toMatchObject({ code: "EEXIST" });
    expect(fs.readFileSync(path.join(target, blob), "utf8")).toBe("already here");
  });
});
