// A run of bytes of a stored file that a streamed response hands on as it is, without reading it:
// the case file export yields one per evidence file (decision 0031). The consumer either gives it
// to the socket with zero copies (lib/storage/zero-copy-send.ts) or reads it (readSegment), and
// records in `sent` how many bytes went out before it asks for the next part: the producer writes
// that count into the ZIP's records. (The route cuts the response when a file ended early.)
// The producer owns the file handle and closes it once the consumer has moved on.
import type { FileHandle } from "node:fs/promises";
import type { BufferPool } from "@/lib/storage/buffer-pool";

export type FileSegment = {
  readonly kind: "file-segment";
  readonly file: FileHandle;
  readonly offset: number;
  /** The bytes to send: the file's size when it was opened, less the offset. */
  readonly length: number;
  /** Set by the consumer: the bytes it sent (fewer than `length` only if the file shrank meanwhile). */
  sent: number | null;
};

export function fileSegment(file: FileHandle, offset: number, length: number): FileSegment {
  return { kind: "file-segment", file, offset, length, sent: null };
}

export function isFileSegment(part: unknown): part is FileSegment {
  return typeof part === "object" && part !== null && (part as { kind?: unknown }).kind === "file-segment";
}

/** The segment's bytes in the pool's buffers, one read each (hand each back with pool.release()
 *  once sent); sets `sent` as it goes. Leaves the file open: the producer closes it. */
export async function* readSegment(segment: FileSegment, pool: BufferPool): AsyncGenerator<Buffer> {
  segment.sent = 0;
  yield* readIntoPool(segment.file, pool, segment.offset, segment.offset + segment.length, (n) => (segment.sent = (segment.sent ?? 0) + n));
}

/** Bytes [start, end) of an open file, each read straight into a buffer the pool lends (each chunk
 *  is one object, never merged, so the consumer can release it). Stops early at the end of the
 *  file. Does not close the file. */
export async function* readIntoPool(file: FileHandle, pool: BufferPool, start: number, end: number, onRead?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let position = start;
  while (position < end) {
    const buffer = pool.take();
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, end - position), position).catch((e: unknown) => {
      pool.release(buffer);
      throw e;
    });
    if (bytesRead === 0) {
      pool.release(buffer);
      return;
    }
    position += bytesRead;
    onRead?.(bytesRead);
    yield buffer.subarray(0, bytesRead);
  }
}
