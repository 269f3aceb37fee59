// A streaming multipart/form-data parser (RFC 7578) for evidence uploads: fields are collected as
// text, the file part's bytes are pushed to a Readable as they arrive, nothing is buffered beyond
// one part's headers and one field's value.
// Why not busboy (used before): its boundary search is a Boyer-Moore-Horspool loop in JavaScript,
// about 0.15-0.2 s of the event loop per GiB on our machines, in series with everything else the
// event loop does for an upload; here the search is Buffer#indexOf (native, vectorised), and each
// received chunk costs a few native calls whatever its content (decision 0008).
// The body is read as if it began with CRLF, so the first delimiter ("--boundary" at the very
// start, as clients send it) is found by the same search as the others ("\r\n--boundary"): the
// preamble is just a part whose bytes are dropped.
import { Readable, Writable } from "node:stream";

export type MultipartLimits = {
  /** Text fields beyond this many: an error. */
  fields: number;
  /** Bytes of one field's value. */
  fieldBytes: number;
  /** Bytes of one part's header block. */
  headerBytes: number;
  /** File parts beyond this many are read and dropped (not an error). */
  files: number;
};

export type FileInfo = { filename: string; mimeType: string };

export type MultipartHandlers = {
  field(name: string, value: string): void;
  /** A file part has begun; its bytes arrive on `stream`, which must be consumed (or resumed). */
  file(name: string, stream: Readable, info: FileInfo): void;
};

export class MultipartError extends Error {}

const CRLF = Buffer.from("\r\n");
/** Spaces and tabs allowed between a delimiter and its CRLF (RFC 2046 transport padding). */
const MAX_PADDING = 256;
const HEADER_END = Buffer.from("\r\n\r\n");

type State = "body" | "afterDelimiter" | "headers" | "end";
type Part =
  | { kind: "skip" }
  | { kind: "field"; name: string; chunks: Buffer[]; size: number }
  | { kind: "file"; stream: Readable };
/** A part whose bytes are dropped. Only "file" and "field" are ever looked for, so a mutant that
 *  empties this object changes nothing (docs/MUTATION.md). */
// Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, see above
const SKIP: Part = { kind: "skip" };

export class MultipartFormParser extends Writable {
  private readonly delimiter: Buffer;
  private readonly limits: MultipartLimits;
  private readonly handlers: MultipartHandlers;
  private state: State = "body";
  private part: Part = SKIP; // the preamble
  /** Bytes not yet processed: a possible start of the delimiter, or an incomplete header block. */
  private held: Buffer = CRLF;
  private fields = 0;
  private files = 0;
  /** The write waiting for the file's reader to want more. */
  private waiting: (() => void) | null = null;

  constructor(boundary: string, handlers: MultipartHandlers, limits: MultipartLimits) {
    super({ highWaterMark: 64 * 1024 });
    this.delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
    this.handlers = handlers;
    this.limits = limits;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error | null) => void): void {
    try {
      const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
      this.held = EMPTY;
      this.consume(data);
    } catch (e) {
      return callback(e as Error);
    }
    if (this.part.kind === "file" && this.part.stream.readableLength >= this.part.stream.readableHighWaterMark && !this.part.stream.destroyed) {
      this.waiting = () => callback();
      return;
    }
    callback();
  }

  override _final(callback: (e?: Error | null) => void): void {
    if (this.state === "end") return callback();
    callback(new MultipartError("the body ended before the closing boundary"));
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    if (this.part.kind === "file") this.part.stream.destroy(error ?? new MultipartError("the upload was interrupted"));
    callback(error);
  }

  private consume(data: Buffer): void {
    let at = 0;
    while (at < data.length) {
      switch (this.state) {
        case "body": {
          const found = data.indexOf(this.delimiter, at);
          if (found < 0) {
            // Keep back what could be the start of a delimiter split across chunks. Concatenating
            // it with the next chunk copies that chunk once, which only happens for the held tail:
            // keep it short by holding only a real prefix match.
            const keep = partialMatchAtEnd(data, this.delimiter, Math.max(at, data.length - this.delimiter.length + 1));
            this.deliver(data.subarray(at, data.length - keep));
            this.held = keep > 0 ? Buffer.from(data.subarray(data.length - keep)) : EMPTY;
            return;
          }
          this.deliver(data.subarray(at, found));
          this.endPart();
          at = found + this.delimiter.length;
          this.state = "afterDelimiter";
          break;
        }
        case "afterDelimiter": {
          // "--" closes the form; otherwise optional whitespace, then CRLF and the next part's headers.
          if (data.length - at < 2) return this.hold(data, at);
          if (data[at] === 0x2d && data[at + 1] === 0x2d) {
            this.state = "end";
            return;
          }
          // At most MAX_PADDING bytes before the CRLF, whether the line comes in one chunk or is
          // held (then it may also hold the CR of its CRLF).
          const eol = data.indexOf(CRLF, at);
          if (eol < 0) {
            if (data.length - at > MAX_PADDING + 1) throw new MultipartError("malformed delimiter line");
            return this.hold(data, at);
          }
          if (eol - at > MAX_PADDING || !/^[ \t]*$/.test(data.toString("latin1", at, eol))) throw new MultipartError("malformed delimiter line");
          at = eol + 2;
          this.state = "headers";
          break;
        }
        case "headers": {
          // The header block ends at the first empty line (CRLF CRLF), or at once when empty.
          if (data.length - at < 2) return this.hold(data, at);
          if (data[at] === 0x0d && data[at + 1] === 0x0a) {
            this.beginPart("");
            at += 2;
            this.state = "body";
            break;
          }
          // A held block may end with the first 3 bytes of its CRLF CRLF: they do not count.
          const end = data.indexOf(HEADER_END, at);
          if (end < 0 || end - at > this.limits.headerBytes) {
            if (data.length - at > this.limits.headerBytes + HEADER_END.length - 1) throw new MultipartError("a part's headers are too large");
            return this.hold(data, at);
          }
          this.beginPart(data.toString("utf8", at, end));
          at = end + 4;
          this.state = "body";
          break;
        }
        case "end":
          return; // the epilogue is ignored
      }
    }
  }

  /** Keeps data[at..] (a copy: the chunk is not ours) until the next chunk completes it. */
  private hold(data: Buffer, at: number): void {
    this.held = Buffer.from(data.subarray(at));
  }

  private beginPart(headerBlock: string): void {
    const headers = parseHeaders(headerBlock);
    const disposition = parseDisposition(headers.get("content-disposition"));
    if (!disposition) {
      this.part = SKIP; // not a form-data part: nothing a form field could mean
      return;
    }
    if (disposition.filename === undefined) {
      if (++this.fields > this.limits.fields) throw new MultipartError(`more than ${this.limits.fields} fields`);
      this.part = { kind: "field", name: disposition.name, chunks: [], size: 0 };
      return;
    }
    if (++this.files > this.limits.files) {
      this.part = SKIP;
      return;
    }
    const stream = new Readable({ read: () => this.resume(), highWaterMark: 64 * 1024 });
    // The parser may fail (body cut short) before the consumer has attached its listeners (it
    // may still be opening its file); unheard, that 'error' would be an uncaught exception. A
    // consumer that attaches later still sees the stream as errored (pipeline, finished).
    stream.on("error", () => {});
    this.part = { kind: "file", stream };
    this.handlers.file(disposition.name, stream, {
      filename: basename(disposition.filename),
      mimeType: (headers.get("content-type") ?? "application/octet-stream").split(";")[0].trim().toLowerCase(),
    });
  }

  /** Hands a part's bytes to where they go: the file stream, the field's value, or nowhere. */
  private deliver(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const part = this.part;
    if (part.kind === "file") {
      if (!part.stream.destroyed) part.stream.push(bytes);
    } else if (part.kind === "field") {
      part.size += bytes.length;
      if (part.size > this.limits.fieldBytes) throw new MultipartError(`the field '${part.name}' is longer than ${this.limits.fieldBytes} bytes`);
      part.chunks.push(Buffer.from(bytes));
    }
  }

  private endPart(): void {
    const part = this.part;
    this.part = SKIP;
    if (part.kind === "file") {
      part.stream.push(null);
      this.resume();
    } else if (part.kind === "field") {
      this.handlers.field(part.name, Buffer.concat(part.chunks).toString("utf8"));
    }
  }

  private resume(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}

const EMPTY = Buffer.alloc(0);

/** How many bytes at the end of `data` (from `from` on) are a proper prefix of `needle`. */
function partialMatchAtEnd(data: Buffer, needle: Buffer, from: number): number {
  for (let start = Math.max(from, 0); start < data.length; start++) {
    const n = data.length - start;
    if (data[start] === needle[0] && data.compare(needle, 0, n, start, data.length) === 0) return n;
  }
  return 0;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `form-data; name="x"; filename="y"` (quoted strings with \-escapes, or tokens); filename*
 *  (RFC 5987, UTF-8 percent-encoded) wins over filename. Null when not form-data or nameless. */
export function parseDisposition(value: string | undefined): { name: string; filename?: string } | null {
  if (!value) return null;
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  if (!/^form-data\s*(;|$)/i.test(value)) return null;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    params.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3].trim());
  }
  const name = params.get("name");
  if (name === undefined) return null;
  const extended = params.get("filename*");
  if (extended !== undefined) {
    const ext = /^utf-8'[^']*'(.*)$/i.exec(extended);
    if (ext) {
      try {
        return { name, filename: decodeURIComponent(ext[1]) };
      } catch {
        /* malformed: fall back to filename */
      }
    }
  }
  return { name, filename: params.get("filename") };
}

/** What a browser running on Windows may send as a full path: keep the last segment only. */
function basename(filename: string): string {
  return filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
}

/** The boundary parameter of a multipart Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}
