// The streaming ZIP writer, read back by `unzip` (Info-ZIP) and by yauzl: stored and deflated
// entries, UTF-8 names, sizes and SHA-256 reported per entry (or listed as given), ZIP64 end records once the entry
// count passes 65,535, and refusal of unsafe or duplicate names.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { ZipWriter } from "@/lib/export/zip-writer";

async function writeZip(file: string, build: (zip: ZipWriter) => AsyncGenerator<Buffer>): Promise<ZipWriter> {
  const zip = new ZipWriter(new Date(Date.UTC(2026, 10, 29, 12, 30, 10)));
  const out = fs.createWriteStream(file);
  for await (const chunk of build(zip)) if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return zip;
}

function readAll(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, s) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          s.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out)).on("error", reject);
      zip.readEntry();
    });
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("ZipWriter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-zip-"));

  it("writes stored and deflated entries that unzip and yauzl read back byte for byte", async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const text = Buffer.from('{"hello":"wörld"}\n'.repeat(5000));
    const file = path.join(dir, "a.zip");
    const zip = await writeZip(file, async function* (z) {
      yield* z.entry("case.json", [text], { compress: true });
      yield* z.entry("evidence/ünïcode name.bin", (async function* () {
        for (let i = 0; i < big.length; i += 65536) yield big.subarray(i, i + 65536);
      })());
      yield* z.entry("empty.txt", []);
      yield* z.finish();
    });
    expect(zip.written).toEqual([
      { path: "case.json", size: text.length, sha256: sha(text) },
      { path: "evidence/ünïcode name.bin", size: big.length, sha256: sha(big) },
      { path: "empty.txt", size: 0, sha256: sha(Buffer.alloc(0)) },
    ]);
    expect(fs.statSync(file).size).toBeLessThan(big.length + text.length / 10); // the JSON was deflated
    expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toContain("No errors detected");
    const back = await readAll(file);
    expect(back.get("case.json")!.equals(text)).toBe(true);
    expect(back.get("evidence/ünïcode name.bin")!.equals(big)).toBe(true);
    expect(back.get("empty.txt")!.length).toBe(0);
  });

  it("lists an entry with the size and SHA-256 it is given (evidence: the intake record) and still gives its bytes their own CRC-32", async () => {
    const bytes = Buffer.from("bytes as the store holds them now\n".repeat(100));
    const recorded = { size: 12, sha256: sha(Buffer.from("intake bytes")) };
    const file = path.join(dir, "listed.zip");
    const zip = await writeZip(file, async function* (z) {
      yield* z.entry("evidence/x.bin", [bytes], { listed: recorded });
      yield* z.finish();
    });
    expect(zip.written).toEqual([{ path: "evidence/x.bin", ...recorded }]);
    expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toContain("No errors detected");
    expect((await readAll(file)).get("evidence/x.bin")!.equals(bytes)).toBe(true);
  });

  it("adds ZIP64 end records when there are more than 65,535 entries", async () => {
    const file = path.join(dir, "many.zip");
    const n = 65_540;
    await writeZip(file, async function* (z) {
      for (let i = 0; i < n; i++) yield* z.entry(`f/${i}`, [Buffer.from(String(i))]);
      yield* z.finish();
    });
    expect(execFileSync("unzip", ["-t", "-q", file], { encoding: "utf8" })).toContain("No errors detected");
    const count = await new Promise<number>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true }, (err, zip) => (err ? reject(err) : (resolve(zip.entryCount), zip.close()))),
    );
    expect(count).toBe(n);
  }, 60_000);

  it("refuses unsafe and duplicate names", async () => {
    const z = new ZipWriter();
    for (const bad of ["/etc/passwd", "../x", "a/../b", "a\\b", "", "a//b", "x\ny"]) {
      await expect(z.entry(bad, []).next()).rejects.toThrow("Unsafe ZIP entry name");
    }
    for await (const _ of z.entry("once", [])) void _;
    await expect(z.entry("once", []).next()).rejects.toThrow("Duplicate ZIP entry once");
  });

  it("passes a failing source's error on, deflated or not", async () => {
    const failing = async function* () {
      yield Buffer.from("abc");
      throw new Error("disk gone");
    };
    const drain = async (g: AsyncGenerator<Buffer>) => {
      for await (const _ of g) void _;
    };
    await expect(drain(new ZipWriter().entry("a", failing()))).rejects.toThrow("disk gone");
    await expect(drain(new ZipWriter().entry("a", failing(), { compress: true }))).rejects.toThrow("disk gone");
  });
});
