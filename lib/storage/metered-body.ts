// Counts and hashes (SHA-256 and CRC-32) a body as it flows through, one chunk at a time (memory stays
// flat), and stops the flow the moment the limit is crossed rather than after the whole body has
// arrived.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

export type Meter = {
  /** A pass-through stage for stream.pipeline or Readable.from: yields the same bytes. */
  through(source: AsyncIterable<unknown>): AsyncGenerator<Buffer>;
  sizeBytes(): number;
  /** Lowercase hex; call only once the body has been fully consumed. */
  sha256(): string;
  /** CRC-32 of the bytes so far, unsigned; the whole body's once it has been consumed. */
  crc32(): number;
};

/** A CRC-32 (ZIP/zlib polynomial) with zlib.crc32's signature: crc32(data, crcSoFar). */
export type Crc32 = (data: Buffer, value?: number) => number;

/** Counts, limits and hashes a body passing through (the S3 store's; the local store's writer
 *  does the same in its worker). onChunk sees each chunk after the limit check. The CRC-32
 *  function is the caller's, so this module (loaded by the local store too, for its errors) loads
 *  no native addon: the S3 store passes @node-rs/crc32's. */
export function createMeter(maxBytes: number, crc32: Crc32, onChunk?: (chunk: Buffer) => void): Meter {
  const hash = createHash("sha256");
  let crc = 0;
  let size = 0;
  return {
    async *through(source) {
      for await (const raw of source) {
        const chunk = toBuffer(raw);
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(maxBytes);
        hash.update(chunk);
        crc = crc32(chunk, crc);
        onChunk?.(chunk);
        yield chunk;
      }
    },
    sizeBytes: () => size,
    sha256: () => hash.digest("hex"),
    crc32: () => crc >>> 0,
  };
}

export const emptyBody = () => new AppError("INVALID_INPUT", "The file is empty");

export const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the maximum of ${maxBytes} bytes`, { maxBytes });

// Node streams may hand out strings (setEncoding) or plain Uint8Arrays (web streams); the hash
// and the sinks want Buffers. Wrapping a Uint8Array does not copy it.
function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new TypeError("Evidence body must yield bytes");
}
