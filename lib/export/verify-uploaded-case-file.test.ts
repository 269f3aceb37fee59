// The in-app verify refuses a ZIP that would cost far more to check than its upload: a deflate bomb
// (a small upload whose entry expands past its bound) and a name no case file holds, with 413,
// before the entry is inflated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { verifyUploadedCaseFile } from "@/lib/export/verify-uploaded-case-file";
import { ZipWriter } from "@/lib/export/zip-writer";
import { expectAppError } from "@/test/support/expect-app-error";

const actor = { id: "u1", email: "a@example.test", name: "A", role: "INVESTIGATOR" } as const;

async function writeZip(file: string, entries: { name: string; chunks: () => Iterable<Uint8Array>; compress?: boolean }[]): Promise<void> {
  const zip = new ZipWriter();
  const out = fs.createWriteStream(file);
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  for (const e of entries) for await (const chunk of zip.entry(e.name, e.chunks(), { compress: e.compress })) await write(chunk);
  for (const chunk of zip.finish()) await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

const upload = (file: string) => verifyUploadedCaseFile(actor, Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, fs.statSync(file).size);

describe("verifying an uploaded case file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-verify-limits-"));

  it("refuses a deflate bomb (100 MiB of zeros in a ~100 KiB upload) with 413", async () => {
    const bomb = path.join(dir, "bomb.zip");
    const MiB = Buffer.alloc(1024 * 1024);
    await writeZip(bomb, [{ name: "case.json", compress: true, chunks: function* () { for (let i = 0; i < 100; i++) yield MiB; } }]);
    expect(fs.statSync(bomb).size).toBeLessThan(1024 * 1024);
    const e = await expectAppError(upload(bomb));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    expect(e.message).toMatch(/expand to more than/);
  });

  it("refuses an entry name longer than any case file's with 413", async () => {
    const long = path.join(dir, "long.zip");
    await writeZip(long, [{ name: `evidence/${"a".repeat(2000)}`, chunks: function* () { yield Buffer.from("x"); } }]);
    expect((await expectAppError(upload(long))).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("still reads a small, ordinary ZIP and reports what it lacks", async () => {
    const plain = path.join(dir, "plain.zip");
    await writeZip(plain, [{ name: "notes.txt", chunks: function* () { yield Buffer.from("hello"); } }]);
    const report = await upload(plain);
    expect(report.ok).toBe(false);
    expect(report.missing).toContain("manifest.json");
  });
});
