import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LogFormatError } from "@/lib/log-format/detect-format";
import { LogLineParser } from "@/lib/log-format/log-line-parser";
import type { LineError, LogRow } from "@/lib/log-format/log-row";
import { promptKey, simhash64 } from "@/lib/log-format/prompt-fingerprint";
import { readLogStream } from "@/lib/log-format/read-log-stream";

const ok = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ timestamp: `2026-03-01T10:00:0${i % 10}Z`, account_id: `acct-${i}`, model: "m-large", prompt_tokens: 10 + i, completion_tokens: 20, ...extra });
const CSV_HEADER = "timestamp,account_id,model,prompt_tokens,completion_tokens,ip,prompt";

async function parse(bytes: Buffer, chunkSize = 1 << 16, skipThrough = 0, maxTextBytes?: number) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const stream = await readLogStream(Readable.from(chunks), { maxTextBytes });
  const rows: LogRow[] = [];
  const errors: LineError[] = [];
  const parser = new LogLineParser(stream.format, { row: (r) => rows.push(r), error: (e) => errors.push(e) }, { skipThrough });
  for await (const chunk of stream.chunks) parser.push(chunk);
  parser.end();
  return { rows, errors, format: stream.format, compressed: stream.compressed, completedThrough: parser.completedThrough, raw: stream.rawBytesRead() };
}

describe("content detection", () => {
  const jsonl = Buffer.from([ok(1), ok(2)].join("\n") + "\n");
  const csv = Buffer.from(`${CSV_HEADER}\n2026-03-01T10:00:00Z,a1,m,1,2,10.0.0.1,hi\n`);
  it.each([
    ["plain JSON Lines", jsonl, "jsonl", false, 2],
    ["gzip JSON Lines", gzipSync(jsonl), "jsonl", true, 2],
    ["plain CSV", csv, "csv", false, 1],
    ["gzip CSV", gzipSync(csv), "csv", true, 1],
  ] as const)("%s", async (_name, bytes, format, compressed, count) => {
    const out = await parse(bytes, 3);
    expect(out).toMatchObject({ format, compressed, errors: [] });
    expect(out.rows).toHaveLength(count);
    expect(out.raw).toBe(bytes.length);
  });

  it("reads a JSON Lines log whose first line is damaged as JSON Lines", async () => {
    const out = await parse(Buffer.from(["garbage", ok(2), ok(3), "", ok(5)].join("\n")));
    expect(out.format).toBe("jsonl");
    expect(out.errors.map((e) => e.line)).toEqual([1]);
    expect(out.rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it("refuses empty, binary, header-less CSV and corrupt gzip content as a whole", async () => {
    await expect(parse(Buffer.from(""))).rejects.toThrow(LogFormatError);
    await expect(parse(Buffer.from("\n \n"))).rejects.toThrow(/no content/);
    await expect(parse(Buffer.from([0x50, 0x4b, 0x03, 0x00, 0x00]))).rejects.toThrow(/binary/);
    await expect(parse(Buffer.from("name,email\nx,y\n"))).rejects.toThrow(/missing: timestamp, account_id, model/);
    const gz = gzipSync(Buffer.from(Array.from({ length: 2000 }, (_, i) => ok(i)).join("\n")));
    await expect(parse(gz.subarray(0, gz.length - 200))).rejects.toThrow(/gzip data is corrupt/);
  });
});

describe("gzip bombs", () => {
  // 4 MiB of one line repeated: gzip shrinks it ~250-fold.
  const text = Buffer.from(`${ok(1)}\n`.repeat(Math.ceil((4 << 20) / (ok(1).length + 1))));
  const bomb = gzipSync(text, { level: 9 });

  it("fails a gzip log once its text passes the cap, before reading the rest", async () => {
    expect(text.length / bomb.length).toBeGreaterThan(100);
    const stream = await readLogStream(Readable.from([bomb]), { maxTextBytes: 1 << 20 });
    let seen = 0;
    await expect(
      (async () => {
        for await (const chunk of stream.chunks) seen += chunk.length;
      })(),
    ).rejects.toThrow(/decompresses to more than 1\.0 MiB .*gzip bomb/);
    expect(seen).toBeLessThanOrEqual(1 << 20);
    // Past the format detection too: a cap below the first 64 KiB fails while opening.
    await expect(parse(bomb, 1 << 16, 0, 10_000)).rejects.toThrow(/gzip bomb/);
  });

  it("reads a gzip log within the cap whole, and never caps plain text (its size is what is stored)", async () => {
    expect((await parse(bomb, 1 << 16, 0, text.length)).rows).toHaveLength(text.length / (ok(1).length + 1));
    expect((await parse(text, 1 << 16, 0, 1 << 20)).rows).toHaveLength(text.length / (ok(1).length + 1));
  });
});

describe("malformed JSON Lines", () => {
  it("reports each bad line with its own number and reason, through CRLF and blank lines", async () => {
    const lines = [
      ok(1), // 1
      "", // 2 blank
      ok(3, { timestamp: "2026-02-30T00:00:00Z" }), // 3 no such day
      "   ", // 4 blank
      ok(5, { prompt_tokens: -1 }), // 5
      '{"timestamp": "2026-03-01T10:00:00Z", "model": "m"', // 6 bad JSON
      JSON.stringify({ timestamp: "2026-03-01T10:00:00Z", model: "m" }), // 7 missing fields
      "[1,2]", // 8
      ok(9, { completion_tokens: 1.5 }), // 9
      ok(10, { timestamp: "yesterday" }), // 10
      ok(11, { account_id: "has space" }), // 11
      ok(12), // 12, no line break after it
    ];
    const out = await parse(Buffer.from(lines.join("\r\n")), 7);
    expect(out.rows.map((r) => r.line)).toEqual([1, 12]);
    expect(out.errors.map((e) => e.line)).toEqual([3, 5, 6, 7, 8, 9, 10, 11]);
    const reason = (line: number) => out.errors.find((e) => e.line === line)!.reason;
    expect(reason(3)).toMatch(/^timestamp "2026-02-30T00:00:00Z" is not an ISO 8601 time$/);
    expect(reason(5)).toBe("prompt_tokens must be an integer >= 0 (got -1)");
    expect(reason(6)).toMatch(/^not valid JSON/);
    expect(reason(7)).toBe("account_id is missing; prompt_tokens is missing; completion_tokens is missing");
    expect(reason(8)).toBe("not a JSON object");
    expect(reason(9)).toMatch(/completion_tokens must be an integer >= 0/);
    expect(reason(10)).toMatch(/timestamp "yesterday"/);
    expect(reason(11)).toMatch(/account_id "has space" must be 1-200 characters without spaces/);
    expect(out.completedThrough).toBe(12);
  });

  it("types the row, keeps unknown fields in extra and fingerprints the prompt", async () => {
    const line = ok(1, { timestamp: "2026-03-01 12:30:00.5+02:00", ip: "10.1.2.3", status: 200, prompt: "Solve  42 now", region: "eu", nested: { a: 1 }, api_key_id: "" });
    const { rows } = await parse(Buffer.from(line));
    expect(rows[0]).toMatchObject({
      line: 1,
      accountExternalId: "acct-1",
      model: "m-large",
      promptTokens: 11,
      completionTokens: 20,
      ip: "10.1.2.3",
      status: "200",
      apiKeyId: null,
      promptHash: null,
      promptKey: promptKey("solve 0 now"),
      promptSimhash: simhash64("Solve 7 now"),
    });
    expect(rows[0].ts.toISOString()).toBe("2026-03-01T10:30:00.500Z");
    expect(JSON.parse(rows[0].extra!)).toEqual({ region: "eu", nested: { a: 1 } });
  });

  it("uses prompt_hash as the key when the text is withheld, and no extra when there are no unknown fields", async () => {
    const { rows } = await parse(Buffer.from(ok(1, { prompt_hash: "abc" })));
    expect(rows[0]).toMatchObject({ promptKey: "abc", promptSimhash: null, prompt: null, extra: null });
  });

  it("gives the same outcome whatever the chunking", async () => {
    const body = Buffer.from([ok(1), "x", ok(3, { prompt: "héllo wörld ✓" }), "", ok(5)].join("\n"));
    const whole = await parse(body);
    for (const size of [1, 2, 5, 64]) expect(await parse(body, size)).toEqual(whole);
  });

  it("reports an overlong line once and carries on with the next", async () => {
    const body = Buffer.from([ok(1), "x".repeat(3000), ok(3)].join("\n"));
    const chunks = [body.subarray(0, 500), body.subarray(500, 1500), body.subarray(1500)];
    const rows: LogRow[] = [];
    const errors: LineError[] = [];
    const parser = new LogLineParser("jsonl", { row: (r) => rows.push(r), error: (e) => errors.push(e) }, { maxLineChars: 1000 });
    for (const c of chunks) parser.push(c);
    parser.end();
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(errors).toEqual([{ line: 2, reason: "the line is longer than 1000 characters" }]);
  });

  it("passes over the lines up to skipThrough without reporting them", async () => {
    const body = Buffer.from([ok(1), "bad", ok(3), "bad", ok(5)].join("\n") + "\n");
    const out = await parse(body, 4, 3);
    expect(out.rows.map((r) => r.line)).toEqual([5]);
    expect(out.errors.map((e) => e.line)).toEqual([4]);
  });
});

describe("CSV", () => {
  it("numbers records by their first line through CRLF, blank lines and quoted line breaks", async () => {
    const body = [
      CSV_HEADER, // 1
      "2026-03-01T10:00:00Z,a1,m,1,2,10.0.0.1,plain", // 2
      "", // 3
      '2026-03-01T10:00:00Z,a2,m,1,2,,"two\r\nlines, ""quoted"""', // 4-5
      "2026-03-01T10:00:00Z,a3,m,1,2", // 6 too few columns
      "2026-03-01T10:00:00Z,a4,m,-3,2,,x", // 7 negative tokens
      '2026-03-01T10:00:00Z,a5,m,1,2,,"ok"junk', // 8 bad quoting
      "not-a-time,a6,m,1,2,,x", // 9
      "2026-03-01T10:00:00Z,,m,1,2,,x", // 10 empty account
      "2026-03-01T10:00:00Z,a7,m,1,2,,x,extra", // 11 too many
      "2026-03-01T10:00:00Z,a8,m,1,2,,last", // 12
    ].join("\r\n");
    const out = await parse(Buffer.from(body), 6);
    expect(out.rows.map((r) => [r.line, r.accountExternalId])).toEqual([
      [2, "a1"],
      [4, "a2"],
      [12, "a8"],
    ]);
    expect(out.rows[1].prompt).toBe('two\nlines, "quoted"');
    expect(out.rows[1].ip).toBeNull();
    expect(out.errors).toEqual([
      { line: 6, reason: "expected 7 columns (as in the header), found 5" },
      { line: 7, reason: 'prompt_tokens must be an integer >= 0 (got "-3")' },
      { line: 8, reason: 'unexpected "j" after the closing quote of column 7' },
      { line: 9, reason: 'timestamp "not-a-time" is not an ISO 8601 time' },
      { line: 10, reason: "account_id is missing" },
      { line: 11, reason: "expected 7 columns (as in the header), found 8" },
    ]);
  });

  it("keeps unknown columns, matches known ones case-insensitively", async () => {
    const body = "Timestamp, ACCOUNT_ID ,model,prompt_tokens,completion_tokens,Region,tier\n2026-03-01T10:00:00Z,a1,m,1,2,eu,\n";
    const { rows } = await parse(Buffer.from(body));
    expect(rows[0].accountExternalId).toBe("a1");
    expect(JSON.parse(rows[0].extra!)).toEqual({ Region: "eu" });
  });

  it("an unclosed quote is the error of its line, and the lines after it are read again", async () => {
    const body = [CSV_HEADER, '2026-03-01T10:00:00Z,a1,m,1,2,,"never closed', "2026-03-01T10:00:00Z,a2,m,1,2,,fine", "2026-03-01T10:00:00Z,a3,m,1,2,,fine"].join("\n");
    const out = await parse(Buffer.from(body));
    expect(out.errors).toEqual([{ line: 2, reason: "a quoted field opened on this line is not closed before the end of the file" }]);
    expect(out.rows.map((r) => r.line)).toEqual([3, 4]);
  });

  it("resumes after skipThrough: the header is still read, the lines up to it are not parsed", async () => {
    const body = [CSV_HEADER, "bad,row", '2026-03-01T10:00:00Z,a1,m,1,2,,"two\nlines"', "2026-03-01T10:00:00Z,a2,m,1,2,,x", "also,bad"].join("\n");
    const out = await parse(Buffer.from(body), 5, 4);
    expect(out.rows.map((r) => [r.line, r.accountExternalId])).toEqual([[5, "a2"]]);
    expect(out.errors.map((e) => e.line)).toEqual([6]);
  });

  it("does not count a record as complete while its quoted field is open", () => {
    const parser = new LogLineParser("csv", { row: () => {}, error: () => {} });
    parser.push(Buffer.from(`${CSV_HEADER}\n2026-03-01T10:00:00Z,a1,m,1,2,,x\n2026-03-01T10:00:00Z,a2,m,1,2,,"open\nstill`));
    expect(parser.completedThrough).toBe(2);
    parser.push(Buffer.from(' open"\n'));
    expect(parser.completedThrough).toBe(4);
  });
});
