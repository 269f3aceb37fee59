// A push parser for API usage logs: feed it decompressed bytes in any chunking, it calls back with
// each request as a typed row or each malformed line with its number and reason, in file order.
// Lines are numbered from 1 in the file as written (blank lines and the CSV header count; CRLF and
// LF both end a line; a CSV record with quoted line breaks has the number of its first line). Blank
// lines carry no request and are neither rows nor errors.
// `completedThrough` is the last line whose outcome has been called back: a caller that commits up
// to it can resume later with `skipThrough` set to it, and lines up to there are passed over
// without being parsed (a CSV header is still read).
import { StringDecoder } from "node:string_decoder";
import { splitCsvRecord } from "@/lib/log-format/csv-fields";
import { LogFormatError, type LogFormat } from "@/lib/log-format/detect-format";
import { REQUIRED_FIELDS, OPTIONAL_FIELDS, toLogRow, isLineError, type LineError, type LogRow } from "@/lib/log-format/log-row";

export type ParserSink = { row(row: LogRow): void; error(error: LineError): void };
export type ParserOptions = {
  /** Lines up to this one were handled by an earlier run: count them, do not parse them. */
  skipThrough?: number;
  /** A line (or CSV record) longer than this many characters is an error (default 1 MiB). */
  maxLineChars?: number;
};

export const DEFAULT_MAX_LINE_CHARS = 1 << 20;
const KNOWN_LOWER = new Map<string, string>([...REQUIRED_FIELDS, ...OPTIONAL_FIELDS].map((f) => [f, f]));

export class LogLineParser {
  private readonly decoder = new StringDecoder("utf8");
  private readonly skipThrough: number;
  private readonly maxChars: number;
  private pending = "";
  private lineNo = 0;
  private started = false;
  /** Skipping the rest of an overlong line up to its end. */
  private discarding = false;
  private header: string[] | null = null;
  /** A CSV record whose quoted field spans lines: its lines so far (the first at openStart). */
  private open: string[] | null = null;
  private openStart = 0;
  private openChars = 0;
  completedThrough = 0;

  constructor(
    readonly format: LogFormat,
    private readonly sink: ParserSink,
    options: ParserOptions = {},
  ) {
    this.skipThrough = options.skipThrough ?? 0;
    this.maxChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  }

  push(chunk: Buffer): void {
    let text = this.decoder.write(chunk);
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(text, false);
  }

  /** The end of the file: the last line (without a line break) and any open record. */
  end(): void {
    this.scan(this.decoder.end(), true);
    while (this.open) this.failOpenRecord("a quoted field opened on this line is not closed before the end of the file");
    if (this.format === "csv" && this.header === null) throw new LogFormatError("The CSV file has no header row");
  }

  private scan(text: string, last: boolean): void {
    let buffer = this.pending + text;
    let from = 0;
    for (;;) {
      const nl = buffer.indexOf("\n", from);
      if (nl === -1) break;
      const end = nl > from && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.lineNo++;
      if (this.discarding) {
        this.discarding = false;
        this.complete(this.lineNo);
      } else {
        this.handle(buffer.slice(from, end), this.lineNo);
      }
      from = nl + 1;
    }
    buffer = buffer.slice(from);
    if (last) {
      if (this.discarding) {
        this.discarding = false;
        this.lineNo++;
        this.complete(this.lineNo);
      } else if (buffer.length > 0) {
        this.lineNo++;
        this.handle(buffer.endsWith("\r") ? buffer.slice(0, -1) : buffer, this.lineNo);
      }
      this.pending = "";
      return;
    }
    if (this.discarding) {
      buffer = "";
    } else if (buffer.length > this.maxChars) {
      // An overlong line: reported now, its remaining bytes dropped as they come.
      if (this.open) this.failOpenRecord(`a quoted field opened on this line is not closed within ${this.maxChars} characters`);
      const line = this.lineNo + 1;
      if (line > this.skipThrough) this.sink.error({ line, reason: `the line is longer than ${this.maxChars} characters` });
      this.discarding = true;
      buffer = "";
    }
    this.pending = buffer;
  }

  private complete(line: number): void {
    if (!this.open) this.completedThrough = line;
  }

  private handle(text: string, line: number): void {
    if (this.format === "csv" && this.header === null) {
      if (text.trim() === "") return this.complete(line);
      this.readHeader(text);
      return this.complete(line);
    }
    if (line <= this.skipThrough) return this.complete(line);
    if (this.format === "jsonl") this.handleJson(text, line);
    else this.handleCsv(text, line);
    this.complete(line);
  }

  private handleJson(text: string, line: number): void {
    if (isBlank(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.sink.error({ line, reason: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.sink.error({ line, reason: "not a JSON object" });
      return;
    }
    this.emit(toLogRow(value as Record<string, unknown>, line));
  }

  private handleCsv(text: string, line: number): void {
    if (this.open) {
      this.open.push(text);
      this.openChars += text.length + 1;
      if (this.openChars > this.maxChars) {
        this.failOpenRecord(`a quoted field opened on this line is not closed within ${this.maxChars} characters`);
        return;
      }
      this.tryRecord(this.open.join("\n"), this.openStart);
      return;
    }
    if (isBlank(text)) return;
    this.tryRecord(text, line);
  }

  private tryRecord(text: string, start: number): void {
    const split = splitCsvRecord(text);
    if ("open" in split) {
      if (!this.open) {
        this.open = [text];
        this.openStart = start;
        this.openChars = text.length;
      }
      return;
    }
    this.open = null;
    if ("error" in split) {
      this.sink.error({ line: start, reason: split.error });
      return;
    }
    const header = this.header!;
    if (split.cells.length !== header.length) {
      this.sink.error({ line: start, reason: `expected ${header.length} columns (as in the header), found ${split.cells.length}` });
      return;
    }
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      if (split.cells[i] !== "") fields[header[i]] = split.cells[i];
    }
    this.emit(toLogRow(fields, start));
  }

  /** The record open since openStart cannot be closed: that line is the error, and the lines it
   *  swallowed are read again as lines of their own. */
  private failOpenRecord(reason: string): void {
    const lines = this.open!;
    const start = this.openStart;
    this.open = null;
    this.sink.error({ line: start, reason });
    for (let i = 1; i < lines.length; i++) {
      this.handleCsv(lines[i], start + i);
      this.complete(start + i);
    }
  }

  private readHeader(text: string): void {
    const split = splitCsvRecord(text);
    if (!("cells" in split)) throw new LogFormatError(`The CSV header row cannot be read: ${"error" in split ? split.error : "a quote is not closed"}`);
    const names = split.cells.map((c) => {
      const name = c.trim();
      return KNOWN_LOWER.get(name.toLowerCase()) ?? name;
    });
    const seen = new Set<string>();
    for (const n of names) {
      if (n === "") throw new LogFormatError("The CSV header row has an empty column name");
      if (seen.has(n)) throw new LogFormatError(`The CSV header row names the column ${n} twice`);
      seen.add(n);
    }
    const missing = REQUIRED_FIELDS.filter((f) => !seen.has(f));
    if (missing.length > 0) {
      throw new LogFormatError(
        `Not an API usage log: the first line is neither a JSON object nor a CSV header with the required columns (missing: ${missing.join(", ")})`,
      );
    }
    this.header = names;
  }

  private emit(result: LogRow | LineError): void {
    if (isLineError(result)) this.sink.error(result);
    else this.sink.row(result);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
