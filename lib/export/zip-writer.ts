// A streaming ZIP writer (APPNOTE 6.3): each entry is written as its bytes arrive, with a data
// descriptor after them, so nothing is held in memory but the chunk in flight; ZIP64 records are
// added where a size, an offset or the entry count needs them. CRC-32 comes from @node-rs/crc32
// (SIMD; the pure-JS CRC of the common zip libraries runs at ~130 MB/s here, slower than the disk).
// While writing, every entry's size and SHA-256 are computed over its uncompressed bytes (the case
// file's manifest lists them, decision 0024), except for an entry given `listed` values: evidence is
// listed with the SHA-256 recorded at intake, not re-hashed (decision 0024, addendum), and its
// CRC-32 too where intake recorded one: then the writer never needs the bytes, and fileEntry()
// hands them on as a file segment for the socket to take without a copy (decision 0031).
import { createHash } from "node:crypto";
import { pipeline, Readable } from "node:stream";
import { createDeflateRaw } from "node:zlib";
import { crc32 } from "@node-rs/crc32";
import type { FileSegment } from "@/lib/storage/file-segment";

/** What the manifest lists for an entry. */
export type WrittenEntry = { path: string; size: number; sha256: string };

export type EntryOptions = {
  compress?: boolean;
  /** The size and SHA-256 to list for the entry instead of computing them from its bytes (evidence:
   *  the custody record from intake). Its bytes still get their CRC-32, which the ZIP needs. */
  listed?: Listed;
};

/** An entry's values as recorded elsewhere (evidence: at intake). With crc32, the writer takes the
 *  ZIP's CRC from here instead of computing it over the bytes. */
export type Listed = { size: number; sha256: string; crc32?: number | null };

type CentralRecord = {
  name: Buffer;
  method: 0 | 8;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
};

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
const MADE_BY = (3 << 8) | 45; // Unix, spec 4.5 (ZIP64)

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Entry names as the case file uses them: relative, forward slashes, no "..", no control characters. */
export function checkEntryName(name: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!name || name.startsWith("/") || name.includes("\\") || name.split("/").some((p) => p === "" || p === "." || p === "..") || /[\x00-\x1f]/.test(name)) {
    throw new Error(`Unsafe ZIP entry name: ${JSON.stringify(name)}`);
  }
}

export class ZipWriter {
  private offset = 0;
  private readonly central: CentralRecord[] = [];
  readonly written: WrittenEntry[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly modified = new Date()) {}

  /** Yields the entry's local header, its (optionally deflated) bytes and its data descriptor. */
  async *entry(path: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: EntryOptions = {}): AsyncGenerator<Buffer> {
    const { name, method, time, date, offset } = yield* this.begin(path, opts.compress ? 8 : 0);
    const hash = opts.listed ? null : createHash("sha256");
    const listedCrc = opts.listed?.crc32 ?? null;
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    async function* plain(): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (listedCrc === null) crc = crc32(buf, crc);
        hash?.update(buf);
        size += buf.length;
        yield buf;
      }
    }
    // pipeline() destroys the deflater with the source's error, so the loop below throws it.
    const body: AsyncIterable<Buffer> = method === 8 ? pipeline(Readable.from(plain(), { objectMode: false }), createDeflateRaw({ level: 6 }), () => {}) : plain();
    for await (const chunk of body) {
      compressedSize += chunk.length;
      yield* this.emit(chunk);
    }

    yield* this.end({ name, method, time, date, crc: listedCrc ?? crc, compressedSize, size, offset });
    this.written.push({ path, size: opts.listed?.size ?? size, sha256: opts.listed?.sha256 ?? hash!.digest("hex") });
  }

  /** A stored entry whose bytes are a file segment, yielded as it is for the consumer to send (and to
   *  set its `sent`); the ZIP records the bytes sent, with the CRC-32 and the manifest the size and
   *  SHA-256 recorded at intake. A file altered at rest so shows as ALTERED to the verifier and
   *  fails the CRC check of any unzip, instead of being vouched for. */
  async *fileEntry(path: string, segment: FileSegment, listed: Listed & { crc32: number }): AsyncGenerator<Buffer | FileSegment> {
    const { name, method, time, date, offset } = yield* this.begin(path, 0);
    yield segment;
    if (segment.sent === null) throw new Error(`The consumer moved past ${path} without sending it`);
    this.offset += segment.sent;
    yield* this.end({ name, method, time, date, crc: listed.crc32, compressedSize: segment.sent, size: segment.sent, offset });
    this.written.push({ path, size: listed.size, sha256: listed.sha256 });
  }

  /** Yields an entry's local header (CRC and sizes follow in its data descriptor). */
  private *begin(path: string, method: 0 | 8): Generator<Buffer, { name: Buffer; method: 0 | 8; time: number; date: number; offset: number }> {
    checkEntryName(path);
    if (this.names.has(path)) throw new Error(`Duplicate ZIP entry ${path}`);
    this.names.add(path);
    const name = Buffer.from(path, "utf8");
    const { time, date } = dosDateTime(this.modified);
    const offset = this.offset;

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // crc and sizes (14..25) stay 0: they follow in the data descriptor
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    yield* this.emit(header, name);

    return { name, method, time, date, offset };
  }

  /** Yields an entry's data descriptor and keeps its central directory record. */
  private *end(r: CentralRecord): Generator<Buffer> {
    const zip64 = r.size >= MAX32 || r.compressedSize >= MAX32;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(r.crc >>> 0, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(r.compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(r.size), 16);
    } else {
      descriptor.writeUInt32LE(r.compressedSize, 8);
      descriptor.writeUInt32LE(r.size, 12);
    }
    yield* this.emit(descriptor);
    this.central.push({ ...r, crc: r.crc >>> 0 });
  }

  /** Yields the central directory and the end records; the writer is done after it. */
  *finish(): Generator<Buffer> {
    const cdStart = this.offset;
    for (const r of this.central) {
      const extras: Buffer[] = [];
      if (r.size >= MAX32) extras.push(u64(r.size));
      if (r.compressedSize >= MAX32) extras.push(u64(r.compressedSize));
      if (r.offset >= MAX32) extras.push(u64(r.offset));
      const extraBody = Buffer.concat(extras);
      const extra = extras.length ? Buffer.concat([u16(0x0001), u16(extraBody.length), extraBody]) : Buffer.alloc(0);
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(MADE_BY, 4);
      h.writeUInt16LE(extras.length ? 45 : 20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt16LE(r.time, 12);
      h.writeUInt16LE(r.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(Math.min(r.compressedSize, MAX32), 20);
      h.writeUInt32LE(Math.min(r.size, MAX32), 24);
      h.writeUInt16LE(r.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      // comment length, disk number, internal attributes: 0
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE(Math.min(r.offset, MAX32), 42);
      yield* this.emit(h, r.name, extra);
    }
    const cdSize = this.offset - cdStart;
    const count = this.central.length;
    if (count >= MAX16 || cdSize >= MAX32 || cdStart >= MAX32) {
      const zip64End = this.offset;
      const rec = Buffer.alloc(56);
      rec.writeUInt32LE(0x06064b50, 0);
      rec.writeBigUInt64LE(44n, 4);
      rec.writeUInt16LE(MADE_BY, 12);
      rec.writeUInt16LE(45, 14);
      // disk numbers (16..23): 0
      rec.writeBigUInt64LE(BigInt(count), 24);
      rec.writeBigUInt64LE(BigInt(count), 32);
      rec.writeBigUInt64LE(BigInt(cdSize), 40);
      rec.writeBigUInt64LE(BigInt(cdStart), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(zip64End), 8);
      locator.writeUInt32LE(1, 16);
      yield* this.emit(rec, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(Math.min(cdSize, MAX32), 12);
    end.writeUInt32LE(Math.min(cdStart, MAX32), 16);
    yield* this.emit(end);
  }

  private *emit(...parts: Buffer[]): Generator<Buffer> {
    for (const p of parts) {
      if (p.length === 0) continue;
      this.offset += p.length;
      yield p;
    }
  }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n), 0);
  return b;
}
