// The case file export's per-byte work on the server, alone: a page-cached file through ZipWriter
// into a sink that drops the bytes, with the SHA-256 re-hash the export did before decision 0024's
// addendum (SHA-256 + CRC-32) and with the intake hash listed (CRC-32 only), in turn, 5 rounds each;
// CPU seconds (user + system, every thread of this process, so the reads too) per GiB.
// Less disturbed by a loaded machine than the end-to-end figures of bench/export-case-file.ts.
//   head -c 512M /dev/urandom > /tmp/blob.bin && npx tsx bench/zip-writer-cpu.ts /tmp/blob.bin
import fs from "node:fs";
import os from "node:os";
import { ZipWriter } from "@/lib/export/zip-writer";

const file = process.argv[2];
if (!file) throw new Error("usage: npx tsx bench/zip-writer-cpu.ts FILE");
const size = fs.statSync(file).size;

async function cpuPerGiB(listed: boolean): Promise<number> {
  const zip = new ZipWriter();
  const before = process.cpuUsage();
  const source = fs.createReadStream(file, { highWaterMark: 1024 * 1024 }); // as the local blob store reads
  for await (const chunk of zip.entry("evidence/x", source, listed ? { listed: { size, sha256: "0".repeat(64) } } : {})) void chunk;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6 / (size / 2 ** 30);
}

const rounds = { rehash: [] as number[], listed: [] as number[] };
for (let i = 0; i < 5; i++) {
  rounds.rehash.push(await cpuPerGiB(false));
  rounds.listed.push(await cpuPerGiB(true));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (xs: number[]) => `${median(xs).toFixed(2)} (${xs.map((x) => x.toFixed(2)).join(" ")})`;
console.log(`ZipWriter CPU seconds per GiB of ${(size / 2 ** 20).toFixed(0)} MiB, median of 5 (load average ${os.loadavg()[0].toFixed(1)}):`);
console.log(`  re-hashed (SHA-256 + CRC-32): ${show(rounds.rehash)}`);
console.log(`  listed    (CRC-32 only):      ${show(rounds.listed)}`);
