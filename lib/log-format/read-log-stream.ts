// Opens a stored log for parsing: looks at the first bytes for gzip, decompresses as it streams,
// looks at the first text for the format, and hands out the text bytes chunk by chunk. Memory stays
// flat whatever the size (one chunk in flight plus zlib's window); `rawBytesRead()` counts the
// stored bytes consumed so far (compressed ones for gzip), for progress. A gzip stream may expand
// ~1,000-fold (a "gzip bomb"): `maxTextBytes` caps what it may decompress to, and the stream fails
// with a LogFormatError once past it, before the rows behind it fill the database.
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { detectTextFormat, isGzip, LogFormatError, type LogFormat } from "@/lib/log-format/detect-format";

export type LogStream = {
  compressed: boolean;
  format: LogFormat;
  chunks: AsyncIterable<Buffer>;
  rawBytesRead(): number;
  /** Stops reading (on an early exit); safe to call twice. */
  close(): void;
};

const DETECT_LIMIT = 64 * 1024;

export type ReadLogOptions = {
  /** For gzip input: the most bytes of text it may decompress to (default: no cap). */
  maxTextBytes?: number;
};

export async function readLogStream(source: NodeJS.ReadableStream | Readable, options: ReadLogOptions = {}): Promise<LogStream> {
  const input = source instanceof Readable ? source : Readable.from(source as AsyncIterable<Buffer>);
  let rawBytes = 0;
  const raw = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const rawHead: Buffer[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await raw.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    rawBytes += chunk.length;
    rawHead.push(chunk);
    headLength += chunk.length;
  }
  const compressed = isGzip(Buffer.concat(rawHead));
  async function* rawChunks(): AsyncGenerator<Buffer> {
    yield* rawHead;
    for (;;) {
      const next = await raw.next();
      if (next.done) return;
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      rawBytes += chunk.length;
      yield chunk;
    }
  }
  // pipeline (not pipe) so that a failed read of the stored bytes also ends the text stream.
  const text: Readable = compressed ? pipeline(Readable.from(rawChunks()), createGunzip(), () => {}) : Readable.from(rawChunks());
  const textIterator = text[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const maxText = compressed ? (options.maxTextBytes ?? Infinity) : Infinity;
  let textBytes = 0;
  /** The next chunk of text; past the cap, a LogFormatError (the stream is closed by the caller). */
  const nextText = async (): Promise<IteratorResult<Buffer>> => {
    const next = await textIterator.next();
    if (!next.done) {
      textBytes += next.value.length;
      if (textBytes > maxText) {
        throw new LogFormatError(
          `The gzip data decompresses to more than ${formatBytes(maxText)} (from the first ${formatBytes(rawBytes)} of the stored file): ` +
            "refused as a possible gzip bomb (LANTERN_INGEST_MAX_GZIP_RATIO sets the cap)",
        );
      }
    }
    return next;
  };
  const head: Buffer[] = [];
  let format: LogFormat | undefined;
  let seen = 0;
  try {
    // Enough text to judge by (or the whole file when it is shorter).
    while (seen < DETECT_LIMIT) {
      const next = await nextText();
      if (next.done) break;
      head.push(next.value);
      seen += next.value.length;
    }
    format = detectTextFormat(Buffer.concat(head).subarray(0, DETECT_LIMIT));
  } catch (e) {
    close();
    throw compressed && isZlibError(e) ? new LogFormatError(`The gzip data is corrupt: ${(e as Error).message}`) : e;
  }
  if (format === undefined) {
    close();
    throw new LogFormatError(seen === 0 ? "The log is empty" : "The log has no content (only blank lines)");
  }
  function close() {
    text.destroy();
    input.destroy();
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      for (;;) {
        const next = await nextText();
        if (next.done) return;
        yield next.value;
      }
    } catch (e) {
      throw compressed && isZlibError(e) ? new LogFormatError(`The gzip data is corrupt: ${(e as Error).message}`) : e;
    } finally {
      close();
    }
  }
  return { compressed, format, chunks: chunks(), rawBytesRead: () => rawBytes, close };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1)} MiB` : `${n.toLocaleString("en-US")} bytes`;
}

function isZlibError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}
