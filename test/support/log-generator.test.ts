// The synthetic log generator behind `npm run gen:logs` and the distillation tests: deterministic by
// seed, the malformed lines exactly where the ground truth says (checked with the ingest's own line
// parser, JSON Lines and CSV), planted accounts present, withheld operations without prompt text.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { LogLineParser } from "@/lib/log-format/log-line-parser";
import type { LineError, LogRow } from "@/lib/log-format/log-row";
import { generateLogLines, writeLogFile, type GeneratorConfig, type GroundTruth } from "@/test/support/log-generator";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-genlogs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function parse(bytes: Buffer, format: "jsonl" | "csv") {
  const rows: LogRow[] = [];
  const errors: LineError[] = [];
  const parser = new LogLineParser(format, { row: (r) => rows.push(r), error: (e) => errors.push(e) });
  parser.push(bytes);
  parser.end();
  return { rows, errors };
}

function generate(config: GeneratorConfig): { text: string; truth: GroundTruth } {
  const holder: { value?: GroundTruth } = {};
  const text = [...generateLogLines(config, holder)].join("\n") + "\n";
  return { text, truth: holder.value! };
}

describe("the log generator", () => {
  it("is deterministic by seed and differs between seeds", () => {
    const hash = (seed: number) => createHash("sha256").update(generate({ lines: 3_000, seed }).text).digest("hex");
    expect(hash(5)).toBe(hash(5));
    expect(hash(5)).not.toBe(hash(6));
  });

  for (const format of ["jsonl", "csv"] as const) {
    it(`puts the malformed lines where the ground truth says (${format}, read by the ingest's parser)`, () => {
      const { text, truth } = generate({ lines: 20_000, seed: 21, format, malformed: 9 });
      const { rows, errors } = parse(Buffer.from(text), format);
      expect(truth.firstDataLine).toBe(format === "csv" ? 2 : 1);
      expect(truth.malformed).toHaveLength(9);
      expect(errors.map((e) => e.line)).toEqual(truth.malformed.map((m) => m.line));
      expect(rows).toHaveLength(20_000 - 9);
      // Every planted account sends requests; withheld operations send a hash and no text.
      const seen = new Set(rows.map((r) => r.accountExternalId));
      for (const p of truth.planted) expect(seen.has(p.accountId)).toBe(true);
      const withheld = new Set(truth.operations.filter((o) => o.withheld).flatMap((o) => o.accountIds));
      const theirs = rows.filter((r) => withheld.has(r.accountExternalId));
      expect(theirs.length).toBeGreaterThan(100);
      expect(theirs.every((r) => r.prompt === null && r.promptHash !== null)).toBe(true);
    });
  }

  it("writes the file (gzip on request) and the ground truth beside it, in time order", async () => {
    const out = path.join(dir, "log.jsonl.gz");
    const truth = await writeLogFile({ lines: 5_000, seed: 8, out, gzip: true });
    const text = gunzipSync(fs.readFileSync(out)).toString("utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(5_000);
    expect(JSON.parse(fs.readFileSync(`${out}.truth.json`, "utf8"))).toMatchObject({ seed: 8, lines: 5_000, planted: truth.planted });
    const { rows } = parse(Buffer.from(text), "jsonl");
    const times = rows.map((r) => r.ts.getTime());
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expect(new Set(truth.legitimateHeavy.map((h) => h.kind))).toEqual(new Set(["corporate", "support-bot", "writing-tool", "ci"]));
  });
});
