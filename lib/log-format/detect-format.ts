// What a log file is, from its first bytes: gzip by its magic number (1f 8b), then, on the
// (decompressed) text, JSON Lines when its lines start with "{" (detectTextFormat), else CSV with a header
// row (whose columns log-line-parser.ts checks). Not the file name or the declared media type:
// those are often wrong for exports.
export type LogFormat = "jsonl" | "csv";

/** A file that cannot be read as an API usage log at all (the run fails; lines are not the issue). */
export class LogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogFormatError";
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The text format from the first (decompressed) bytes; undefined when they are all blank. JSON
 *  Lines when the first non-blank line starts with "{", or when most of the next lines (up to 20)
 *  do (a log whose first line is damaged); else CSV. */
export function detectTextFormat(head: Buffer): LogFormat | undefined {
  if (head.indexOf(0) !== -1) throw new LogFormatError("The file is binary (it contains NUL bytes), not JSON Lines or CSV");
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0; // UTF-8 byte order mark
  const firsts: number[] = [];
  let atLineStart = true;
  for (let i = start; i < head.length && firsts.length < 21; i++) {
    const b = head[i];
    if (b === 0x0a) {
      atLineStart = true;
      continue;
    }
    if (!atLineStart || b === 0x20 || b === 0x09 || b === 0x0d) continue;
    firsts.push(b);
    atLineStart = false;
  }
  if (firsts.length === 0) return undefined;
  if (firsts[0] === 0x7b /* { */) return "jsonl";
  const rest = firsts.slice(1);
  return rest.length > 0 && rest.filter((b) => b === 0x7b).length * 2 > rest.length ? "jsonl" : "csv";
}
