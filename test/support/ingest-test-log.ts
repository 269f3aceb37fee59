// A deterministic API usage log for the ingest tests (e2e kill test, browser test): `lines` lines
// over 40 accounts sharing a few IPs and keys, every `badEvery`-th line malformed (a timestamp that
// is not a time) and every `blankEvery`-th blank, written as a stream (optionally gzip). Returns
// what a correct ingest must report.
import fs from "node:fs";
import { once } from "node:events";
import zlib from "node:zlib";

export type TestLogExpectation = { lines: number; linesOk: number; linesFailed: number; badLines: number[]; bytes: number };

export function testLogLine(i: number, badEvery: number, blankEvery: number): string {
  if (blankEvery > 0 && i % blankEvery === 0) return "";
  const ts = new Date(Date.UTC(2026, 9, 1) + i * 7_000).toISOString();
  return JSON.stringify({
    timestamp: badEvery > 0 && i % badEvery === 0 ? `day ${i}` : ts,
    account_id: `e2e-acct-${i % 40}`,
    model: i % 3 === 0 ? "frontier-large" : "frontier-mini",
    prompt_tokens: 50 + (i % 400),
    completion_tokens: 200 + (i % 900),
    api_key_id: `key-${i % 40}`,
    ip: `198.51.100.${i % 25}`,
    user_agent: `client/${i % 4}`,
    request_id: `req-${i}`,
    prompt: `Solve problem ${i} step by step and show every intermediate result of the derivation`,
    shard: i % 7,
  });
}

export function expectedOf(lines: number, badEvery: number, blankEvery: number): Omit<TestLogExpectation, "bytes"> {
  const badLines: number[] = [];
  let blank = 0;
  for (let i = 1; i <= lines; i++) {
    if (blankEvery > 0 && i % blankEvery === 0) blank++;
    else if (badEvery > 0 && i % badEvery === 0) badLines.push(i);
  }
  return { lines, linesOk: lines - blank - badLines.length, linesFailed: badLines.length, badLines };
}

export async function writeTestLog(file: string, opts: { lines: number; badEvery?: number; blankEvery?: number; gzip?: boolean }): Promise<TestLogExpectation> {
  const badEvery = opts.badEvery ?? 997;
  const blankEvery = opts.blankEvery ?? 5_003;
  const out = fs.createWriteStream(file);
  const sink = opts.gzip ? zlib.createGzip({ level: 1 }) : null;
  if (sink) sink.pipe(out);
  const target = sink ?? out;
  let chunk = "";
  for (let i = 1; i <= opts.lines; i++) {
    chunk += testLogLine(i, badEvery, blankEvery) + "\n";
    if (chunk.length > 1 << 16) {
      if (!target.write(chunk)) await once(target, "drain");
      chunk = "";
    }
  }
  target.end(chunk);
  await once(out, "finish");
  return { ...expectedOf(opts.lines, badEvery, blankEvery), bytes: fs.statSync(file).size };
}
