// The multipart parser must give the same fields and the same file bytes however the body is cut
// into chunks (a delimiter split across two reads, a CRLF at a chunk's end, bytes in the file that
// look like the start of a delimiter), and must refuse what is malformed or over a limit.
import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MultipartError, MultipartFormParser, multipartBoundary, parseDisposition, type FileInfo, type MultipartLimits } from "@/lib/http/multipart-form-parser";

const BOUNDARY = "----LanternBoundary7MA4YWxkTrZu0gW";
const LIMITS: MultipartLimits = { files: 1, fields: 20, fieldBytes: 64 * 1024, headerBytes: 16 * 1024 };

type Parsed = { fields: Record<string, string>; files: { name: string; info: FileInfo; bytes: Buffer }[] };

function body(parts: ({ name: string; value: string } | { name: string; filename: string; type?: string; bytes: Buffer })[], opts: { preamble?: string; epilogue?: string } = {}): Buffer {
  const chunks: Buffer[] = [Buffer.from(opts.preamble ?? "")];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n`));
    if ("value" in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`));
      chunks.push(p.bytes, Buffer.from("\r\n"));
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n${opts.epilogue ?? ""}`));
  return Buffer.concat(chunks);
}

/** Feeds the chunks in order (respecting back-pressure) and collects what the parser gives. */
async function parse(chunks: Buffer[], limits = LIMITS, boundary = BOUNDARY): Promise<Parsed> {
  const parsed: Parsed = { fields: {}, files: [] };
  const reading: Promise<void>[] = [];
  const parser = new MultipartFormParser(
    boundary,
    {
      field: (name, value) => void (parsed.fields[name] = value),
      file: (name, stream, info) => reading.push(collect(stream).then((bytes) => void parsed.files.push({ name, info, bytes }))),
    },
    limits,
  );
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("error", reject);
  });
  finished.catch(() => {}); // awaited below, after the writes
  for (const c of chunks) {
    if (parser.destroyed) break;
    if (!parser.write(c)) await Promise.race([new Promise((r) => parser.once("drain", r)), finished.catch(() => {})]);
  }
  if (!parser.destroyed) parser.end();
  await finished;
  await Promise.all(reading);
  return parsed;
}

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

const split = (b: Buffer, at: number[]) => [0, ...at, b.length].slice(1).map((end, i, ends) => b.subarray(i === 0 ? 0 : ends[i - 1], end));

describe("MultipartFormParser", () => {
  // File content full of near-misses: CRLFs, "--", and every proper prefix of the delimiter.
  const tricky = Buffer.concat([
    Buffer.from("\r\n\r\n--\r\n-"),
    ...Array.from({ length: BOUNDARY.length + 3 }, (_, n) => Buffer.from(`\r\n--${BOUNDARY}`.slice(0, n) + "x")),
    Buffer.from(`--${BOUNDARY}`), // a delimiter without its CRLF is content
    Buffer.from("\r\n"),
  ]);
  const form = body(
    [
      { name: "kind", value: "API_LOG" },
      { name: "title", value: "Küche — log\r\nline two" },
      { name: "file", filename: "usage.jsonl", type: "application/x-ndjson", bytes: tricky },
      { name: "source", value: "" },
    ],
    { preamble: "ignored preamble\r\n", epilogue: "ignored epilogue" },
  );
  const expected = {
    fields: { kind: "API_LOG", title: "Küche — log\r\nline two", source: "" },
    files: [{ name: "file", info: { filename: "usage.jsonl", mimeType: "application/x-ndjson" }, bytes: tricky }],
  };

  it("gives the same fields and bytes for every two-chunk split of the body", async () => {
    for (let at = 1; at < form.length; at++) {
      expect(await parse(split(form, [at])), `split at ${at}`).toEqual(expected);
    }
  });

  it("gives the same fields and bytes one byte at a time", async () => {
    expect(await parse(Array.from(form, (b) => Buffer.from([b])))).toEqual(expected);
  });

  it("streams a large random file across random chunk sizes, byte for byte", async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const whole = body([{ name: "title", value: "Big" }, { name: "file", filename: "big.bin", bytes: content }]);
    const cuts: number[] = [];
    for (let at = 0; ; ) {
      at += 1 + Math.floor(Math.random() * 200_000);
      if (at >= whole.length) break;
      cuts.push(at);
    }
    const parsed = await parse(split(whole, cuts));
    expect(parsed.fields).toEqual({ title: "Big" });
    expect(createHash("sha256").update(parsed.files[0].bytes).digest("hex")).toBe(createHash("sha256").update(content).digest("hex"));
  });

  it("reads a body whose first delimiter is not at the very start, and a part without headers, however split", async () => {
    const raw = Buffer.from(`preamble\r\n--${BOUNDARY}\r\n\r\nheaderless\r\n--${BOUNDARY}  \t\r\nContent-Disposition: form-data; name=plain\r\n\r\nv\r\n--${BOUNDARY}--`);
    for (let at = 1; at < raw.length; at++) expect(await parse(split(raw, [at])), `split at ${at}`).toEqual({ fields: { plain: "v" }, files: [] });
  });

  it("keeps only the last segment of a file name sent as a path, and prefers filename*", async () => {
    const parsed = await parse([body([{ name: "file", filename: "C:\\\\Users\\\\ana\\\\report.pdf", bytes: Buffer.from("%PDF") }])]);
    expect(parsed.files[0].info.filename).toBe("report.pdf");
    expect(parseDisposition(`form-data; name="file"; filename="x.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`)).toEqual({ name: "file", filename: "€ rates.txt" });
    expect(parseDisposition(`form-data; name="file"; filename="say \\"hi\\".txt"`)).toEqual({ name: "file", filename: 'say "hi".txt' });
    expect(parseDisposition(`attachment; name="file"`)).toBeNull();
    expect(parseDisposition(`form-data; filename="nameless.txt"`)).toBeNull();
  });

  it("decodes a raw UTF-8 file name as browsers send it", async () => {
    const parsed = await parse([body([{ name: "file", filename: "журнал.csv", bytes: Buffer.from("a,b\n") }])]);
    expect(parsed.files[0].info.filename).toBe("журнал.csv");
  });

  it("drops file parts beyond the limit and keeps the first", async () => {
    const parsed = await parse([body([{ name: "file", filename: "a.txt", bytes: Buffer.from("first") }, { name: "file", filename: "b.txt", bytes: Buffer.from("second") }])]);
    expect(parsed.files.map((f) => f.bytes.toString())).toEqual(["first"]);
  });

  it("refuses a body that ends before the closing delimiter", async () => {
    const cut = form.subarray(0, form.indexOf("source"));
    await expect(parse([cut])).rejects.toThrow(/before the closing boundary/);
  });

  it("refuses too many fields, a field over its size, and oversized part headers", async () => {
    const many = body(Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, value: "x" })));
    await expect(parse([many])).rejects.toThrow(/more than 20 fields/);
    const long = body([{ name: "description", value: "y".repeat(64 * 1024 + 1) }]);
    await expect(parse([long])).rejects.toThrow(/'description' is longer than 65536 bytes/);
    const headers = Buffer.from(`--${BOUNDARY}\r\nX-Padding: ${"z".repeat(17 * 1024)}\r\n\r\nv\r\n--${BOUNDARY}--`);
    await expect(parse([headers])).rejects.toThrow(/headers are too large/);
  });

  it("holds back the body while the file's reader is not reading (bounded memory)", async () => {
    let fileStream: Readable | undefined;
    const parser = new MultipartFormParser(BOUNDARY, { field: () => {}, file: (_n, s) => void (fileStream = s) }, LIMITS);
    const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n`);
    parser.write(head);
    let accepted = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    while (parser.write(chunk)) accepted += chunk.length;
    // The reader has not read: the file stream holds about its high-water mark, the parser's own
    // buffer the rest up to its mark, and the writer is told to wait.
    expect(fileStream!.readableLength).toBeLessThanOrEqual(fileStream!.readableHighWaterMark + chunk.length);
    expect(accepted).toBeLessThan(4 * 1024 * 1024);
    const reading = collect(fileStream!);
    parser.end(Buffer.from(`\r\n--${BOUNDARY}--`));
    expect((await reading).length).toBe(accepted + chunk.length);
  });

  it("errors the file stream when the parser is destroyed mid-file", async () => {
    let fileStream: Readable | undefined;
    const parser = new MultipartFormParser(BOUNDARY, { field: () => {}, file: (_n, s) => void (fileStream = s) }, LIMITS);
    parser.on("error", () => {});
    parser.write(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\npartial`));
    const reading = collect(fileStream!);
    parser.destroy(new Error("client gone"));
    await expect(reading).rejects.toThrow(/client gone/);
  });
});

describe("multipartBoundary", () => {
  it("reads a token or a quoted boundary, and nothing else", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary(`multipart/form-data; charset=utf-8; boundary="a b:c"`)).toBe("a b:c");
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(multipartBoundary(`multipart/form-data; boundary=${"x".repeat(71)}`)).toBeNull();
  });

  it("takes 1 to 70 characters, the parameter in any case and place, with or without spaces", () => {
    const ct = (params: string) => multipartBoundary(`multipart/form-data${params}`);
    expect(ct(`; boundary=${"x".repeat(70)}`)).toBe("x".repeat(70));
    expect(ct(`; boundary="${"y".repeat(70)}"`)).toBe("y".repeat(70));
    expect(ct(`; boundary="${"y".repeat(71)}"`)).toBeNull();
    expect(ct(`;boundary=b`)).toBe("b");
    expect(ct(`; BOUNDARY = abc ; charset=utf-8`)).toBe("abc");
    expect(ct(`; boundary="q";charset=utf-8`)).toBe("q");
    expect(ct(`; boundary=`)).toBeNull();
    expect(ct(`; boundary=""`)).toBeNull();
    expect(ct(`; boundary=abc def`)).toBeNull();
    expect(ct(`; boundary=ab"c`)).toBeNull();
    expect(ct(`; xboundary=abc`)).toBeNull();
  });
});

describe("a failure before the file's reader attaches", () => {
  it("is not an uncaught error, and the late reader still sees it", async () => {
    let fileStream: Readable | undefined;
    const parser = new MultipartFormParser(BOUNDARY, { field: () => {}, file: (_n, s) => void (fileStream = s) }, LIMITS);
    const failed = new Promise((resolve) => parser.once("error", resolve));
    parser.end(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\ncut short`));
    expect(await failed).toMatchObject({ message: expect.stringContaining("before the closing boundary") });
    await new Promise((r) => setImmediate(r)); // the stream's 'error' has been emitted by now
    await expect(collect(fileStream!)).rejects.toThrow(/before the closing boundary/);
  });
});

/** Parses `raw` cut in two at every position; the outcome must not depend on where the cut fell. */
async function everySplit(raw: Buffer, limits = LIMITS): Promise<Parsed | Error> {
  const outcomes: (Parsed | Error)[] = [];
  for (let at = 0; at < raw.length; at++) {
    outcomes.push(await parse(at === 0 ? [raw] : split(raw, [at]), limits).catch((e: Error) => e));
  }
  for (const [at, o] of outcomes.entries()) expect(o, `split at ${at}`).toEqual(outcomes[0]);
  return outcomes[0];
}

const part = (headers: string, value: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${value}\r\n`;
const close = `--${BOUNDARY}--\r\n`;

describe("MultipartFormParser limits, at their exact edge, however the body is cut", () => {
  const small: MultipartLimits = { files: 1, fields: 3, fieldBytes: 8, headerBytes: 64 };

  it("takes as many fields as the limit, and refuses one more", async () => {
    const fields = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, "v")).join("") + close);
    expect(await everySplit(fields(3), small)).toEqual({ fields: { f0: "v", f1: "v", f2: "v" }, files: [] });
    expect(await everySplit(fields(4), small)).toEqual(new MultipartError("more than 3 fields"));
  });

  it("takes a field value of exactly the limit's bytes, and refuses one byte more", async () => {
    const field = (value: string) => Buffer.from(part(`Content-Disposition: form-data; name="t"`, value) + close);
    expect(await everySplit(field("12345678"), small)).toEqual({ fields: { t: "12345678" }, files: [] });
    expect(await everySplit(field("123456789"), small)).toEqual(new MultipartError("the field 't' is longer than 8 bytes"));
    // Bytes, not characters: "é" is two.
    expect(await everySplit(field("1234567é"), small)).toEqual(new MultipartError("the field 't' is longer than 8 bytes"));
  });

  it("takes a header block of exactly the limit's bytes, and refuses one byte more", async () => {
    const disposition = `Content-Disposition: form-data; name="h"`;
    const block = (size: number) => `${disposition}\r\nX-Pad: ${"p".repeat(size - disposition.length - 9)}`;
    expect(block(64)).toHaveLength(64);
    expect(await everySplit(Buffer.from(part(block(64), "v") + close), small)).toEqual({ fields: { h: "v" }, files: [] });
    expect(await everySplit(Buffer.from(part(block(65), "v") + close), small)).toEqual(new MultipartError("a part's headers are too large"));
  });

  it("keeps as many file parts as the limit and drops the rest unread", async () => {
    const files = Buffer.from(
      ["a", "b", "c"].map((n) => part(`Content-Disposition: form-data; name="file"; filename="${n}.txt"`, n.repeat(3))).join("") + close,
    );
    const names = async (limit: number) => {
      const parsed = await parse([files], { ...small, files: limit });
      return parsed.files.map((f) => `${f.info.filename}=${f.bytes.toString()}`).sort();
    };
    expect(await names(0)).toEqual([]);
    expect(await names(2)).toEqual(["a.txt=aaa", "b.txt=bbb"]);
    expect(await names(3)).toEqual(["a.txt=aaa", "b.txt=bbb", "c.txt=ccc"]);
  });
});

describe("MultipartFormParser delimiter lines", () => {
  const field = part(`Content-Disposition: form-data; name="k"`, "v");

  it.each([`--${BOUNDARY}junk\r\n`, `--${BOUNDARY}-x\r\n`, `--${BOUNDARY}x-\r\n`, `--${BOUNDARY} \tjunk\r\n`, `--${BOUNDARY}\r\r\n`])(
    "refuses junk after a delimiter: %j",
    async (line) => {
      const raw = Buffer.from(field + line + `Content-Disposition: form-data; name="z"\r\n\r\nw\r\n` + close);
      expect(await everySplit(raw)).toEqual(new MultipartError("malformed delimiter line"));
    },
  );

  it("takes spaces and tabs before the line's CRLF (transport padding), up to 256 bytes", async () => {
    const padded = (padding: string) => Buffer.from(field.replace(`${BOUNDARY}\r\n`, `${BOUNDARY}${padding}\r\n`) + close);
    expect(await everySplit(padded(" \t ".repeat(85) + " "))).toEqual({ fields: { k: "v" }, files: [] });
    expect(await everySplit(padded(" ".repeat(257)))).toEqual(new MultipartError("malformed delimiter line"));
  });

  it("refuses a delimiter line that never ends", async () => {
    const raw = Buffer.from(`--${BOUNDARY}${" ".repeat(300)}`);
    await expect(parse([raw])).rejects.toThrow("malformed delimiter line");
    await expect(parse(Array.from(raw, (b) => Buffer.from([b])))).rejects.toThrow("malformed delimiter line");
  });

  it("ends at the close delimiter and ignores whatever follows it", async () => {
    const raw = Buffer.from(field + `--${BOUNDARY}--junk\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="late"\r\n\r\nx\r\n`);
    expect(await everySplit(raw)).toEqual({ fields: { k: "v" }, files: [] });
  });

  it("refuses a body that ends inside a part's headers or right after a delimiter", async () => {
    for (const cut of [`--${BOUNDARY}`, `--${BOUNDARY}\r\n`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="k"\r\n`, `--${BOUNDARY}-`]) {
      await expect(parse([Buffer.from(cut)]), cut).rejects.toThrow("the body ended before the closing boundary");
    }
  });

  it("refuses a body with no delimiter at all", async () => {
    await expect(parse([Buffer.from("just some bytes\r\n")])).rejects.toThrow("the body ended before the closing boundary");
  });
});

describe("MultipartFormParser part headers", () => {
  const file = (headers: string) => Buffer.from(part(headers, "data") + close);

  it("reads header names in any case, trims values, and ignores lines that are not headers", async () => {
    const parsed = await parse([file(`not a header\r\n: no name\r\nCONTENT-DISPOSITION :  form-data; name="f"; filename="a.txt"  \r\ncontent-type:\tText/Plain; charset=UTF-8`)]);
    expect(parsed.files).toEqual([{ name: "f", info: { filename: "a.txt", mimeType: "text/plain" }, bytes: Buffer.from("data") }]);
  });

  it("calls a file without a Content-Type application/octet-stream", async () => {
    const parsed = await parse([file(`Content-Disposition: form-data; name="f"; filename="a.bin"`)]);
    expect(parsed.files[0].info).toEqual({ filename: "a.bin", mimeType: "application/octet-stream" });
  });

  it("skips a part that is not form-data, and one without a name", async () => {
    const raw = Buffer.from(
      part(`Content-Disposition: attachment; name="a"`, "x") +
        part(`Content-Disposition: form-data; filename="b.txt"`, "y") +
        part(`Content-Type: text/plain`, "z") +
        part(`Content-Disposition: form-data; name="kept"`, "w") +
        close,
    );
    expect(await everySplit(raw)).toEqual({ fields: { kept: "w" }, files: [] });
  });

  it("keeps the last path segment of a file name with either slash", async () => {
    const names = ["dir/sub/a.txt", "C:\\\\x\\\\b.txt", "mixed\\\\dir/c.txt", "plain.txt", "trailing/"];
    const got = [];
    for (const n of names) got.push((await parse([file(`Content-Disposition: form-data; name="f"; filename="${n}"`)])).files[0].info.filename);
    expect(got).toEqual(["a.txt", "b.txt", "c.txt", "plain.txt", ""]);
  });
});

describe("parseDisposition", () => {
  it("reads tokens and quoted strings, names in any case, values trimmed", () => {
    expect(parseDisposition("Form-Data;NAME=title")).toEqual({ name: "title", filename: undefined });
    expect(parseDisposition(`form-data ; name = "a; b" ; FileName = report.pdf `)).toEqual({ name: "a; b", filename: "report.pdf" });
    expect(parseDisposition(`form-data; name=""`)).toEqual({ name: "", filename: undefined });
    expect(parseDisposition(`form-data; name="f"; filename=""`)).toEqual({ name: "f", filename: "" });
  });

  it("takes form-data only as the whole first word", () => {
    expect(parseDisposition(`form-datax; name="a"`)).toBeNull();
    expect(parseDisposition(`xform-data; name="a"`)).toBeNull();
    expect(parseDisposition(`form-data`)).toBeNull();
    expect(parseDisposition(undefined)).toBeNull();
    expect(parseDisposition("")).toBeNull();
  });

  it("prefers a UTF-8 filename*, in any case of its charset, and falls back to filename otherwise", () => {
    expect(parseDisposition(`form-data; name="f"; filename*=utf-8'en'%C3%A9t%C3%A9.txt; filename="ete.txt"`)).toEqual({ name: "f", filename: "été.txt" });
    expect(parseDisposition(`form-data; name="f"; filename*=ISO-8859-1''%E9t%E9.txt; filename="ete.txt"`)).toEqual({ name: "f", filename: "ete.txt" });
    expect(parseDisposition(`form-data; name="f"; filename*=UTF-8''%E9t%E9.txt; filename="ete.txt"`)).toEqual({ name: "f", filename: "ete.txt" });
    expect(parseDisposition(`form-data; name="f"; filename*=UTF-8''only.txt`)).toEqual({ name: "f", filename: "only.txt" });
  });
});

describe("MultipartFormParser when destroyed", () => {
  it("errors the file stream with 'interrupted' when destroyed without a reason", async () => {
    let fileStream: Readable | undefined;
    const parser = new MultipartFormParser(BOUNDARY, { field: () => {}, file: (_n, s) => void (fileStream = s) }, LIMITS);
    parser.write(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\npartial`));
    const reading = collect(fileStream!);
    parser.destroy();
    await expect(reading).rejects.toThrow("the upload was interrupted");
  });

  it("keeps reading the body after the file's reader has gone", async () => {
    const content = Buffer.alloc(512 * 1024, 0x62);
    const raw = body([{ name: "file", filename: "f.bin", bytes: content }, { name: "after", value: "still read" }]);
    const fields: Record<string, string> = {};
    const parser = new MultipartFormParser(BOUNDARY, { field: (n, v) => void (fields[n] = v), file: (_n, s) => void s.destroy() }, LIMITS);
    const finished = new Promise((resolve, reject) => parser.on("finish", resolve).on("error", reject));
    for (let at = 0; at < raw.length; at += 16 * 1024) {
      if (!parser.write(raw.subarray(at, at + 16 * 1024))) await new Promise((r) => parser.once("drain", r));
    }
    parser.end();
    await finished;
    expect(fields).toEqual({ after: "still read" });
  });
});

describe("MultipartFormParser, details a mutant showed untested", () => {
  it("matches a boundary with a non-ASCII character byte for byte, as the header carries it (latin1)", async () => {
    const boundary = "b\u00e9"; // "bé": 0x62 0xE9 on the wire, as Node decodes a header value
    const raw = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n--${boundary}--`, "latin1");
    expect(await parse([raw], LIMITS, boundary)).toEqual({ fields: { k: "v" }, files: [] });
  });

  it("skips a part without headers even when its content looks like a header block", async () => {
    const raw = Buffer.from(`--${BOUNDARY}\r\n\r\nContent-Disposition: form-data; name="smuggled"\r\n\r\nx\r\n` + part(`Content-Disposition: form-data; name="k"`, "v") + close);
    expect(await everySplit(raw)).toEqual({ fields: { k: "v" }, files: [] });
  });

  it("refuses part headers one byte over the limit even when the body ends right after them", async () => {
    const block = `X-Padding: ${"z".repeat(54)}`;
    expect(block).toHaveLength(65);
    const raw = Buffer.from(`--${BOUNDARY}\r\n${block}\r\n\r\n`);
    await expect(parse([raw], { ...LIMITS, headerBytes: 64 })).rejects.toThrow("a part's headers are too large");
  });

  it("reads the media type without parameters or spaces, in lower case", async () => {
    const parsed = await parse([Buffer.from(part(`Content-Disposition: form-data; name="f"; filename="a.csv"\r\nContent-Type: Text/CSV ; charset=utf-8`, "a,b") + close)]);
    expect(parsed.files[0].info.mimeType).toBe("text/csv");
  });

  it("takes filename* only when the whole value is UTF-8''…", () => {
    expect(parseDisposition(`form-data; name="f"; filename*=xutf-8''%41.txt; filename="plain.txt"`)).toEqual({ name: "f", filename: "plain.txt" });
    expect(parseDisposition(`form-data; name="f"; filename*=UTF-8''a\nb.txt; filename="plain.txt"`)).toEqual({ name: "f", filename: "plain.txt" });
  });

  it("buffers up to 64 KiB of the body before telling the writer to wait", () => {
    const parser = new MultipartFormParser(BOUNDARY, { field: () => {}, file: () => {} }, LIMITS);
    expect(parser.writableHighWaterMark).toBe(64 * 1024);
  });
});
