// What a log file is, from its first bytes: gzip by its magic number (1f 8b), then, on the
// (decompressed) text, JSON Lines when the first non-blank character is "{", else CSV with a header
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

/** The text format from the first (decompressed) bytes; undefined when they are all blank so far. */
export function detectTextFormat(head: Buffer): LogFormat | undefined {
  if (head.indexOf(0) !== -1) throw new LogFormatError("The file is binary (it contains NUL bytes), not JSON Lines or CSV");
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // UTF-8 byte order mark
  for (; i < head.length; i++) {
    const b = head[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b /* { */ ? "jsonl" : "csv";
  }
  return undefined;
}
