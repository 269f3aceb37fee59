// Writes an upload to a new file while computing its SHA-256 and CRC-32, with the costly steps off the event
// loop: the event loop only copies each received chunk into a ring of slots shared with a worker
// thread (and adds it to the CRC-32, ~0.08 CPU-s per GiB, while the chunk is hot in the cache); the
// worker hashes every full slot and writes that same memory to the file.
// Why O_DIRECT: on our machines most of an upload's CPU went to the kernel copying it into the page
// cache (and to syncing that cache at the end); a direct write is a DMA from the slot, several
// times cheaper, and the page cache is not filled with evidence nobody is about to read. Where the
// filesystem refuses O_DIRECT (tmpfs, some overlays) the worker writes through the page cache and
// starts its write-back early instead (fdatasync every 64 MiB), so the final fsync has little left.
// Direct writes need a 512-aligned buffer, offset and length: slots are multiples of 512 at 512-
// aligned offsets in the file; the bytes after the last whole 512-byte block are written through a
// normal descriptor. JavaScript cannot see a buffer's address, so the worker finds an aligned start
// in its ring once, by trying an 8 KiB direct write at each 16-byte step (misaligned ones fail
// with EINVAL); the file is truncated to its true size at the end.
// Workers are kept for the next upload (an idle one or two), so only the first upload pays the
// ~30 ms start.
import { Writable } from "node:stream";
import { crc32 } from "@node-rs/crc32";
import { Worker } from "node:worker_threads";
import { tooLarge } from "@/lib/storage/metered-body";

export type HashedFile = {
  sha256: string;
  sizeBytes: number;
  /** CRC-32 (the ZIP/zlib polynomial) of the same bytes, unsigned (0 to 2^32 - 1). */
  crc32: number;
};

export type HashingWriterOptions = {
  /** Write through the page cache even where O_DIRECT works (tests of the fallback path). */
  buffered?: boolean;
  /** More bytes than this fail the write with PAYLOAD_TOO_LARGE, as soon as they arrive. */
  maxBytes: number;
  /** Sees every chunk as it is taken (the evidence stager keeps the first bytes for sniffing). */
  onChunk?: (chunk: Buffer) => void;
};

const SLOT_BYTES = 4 * 1024 * 1024; // a multiple of 512; one message and one write() per slot
const SLOTS = 4; // 16 MiB per worker: bounds memory per upload, and lets receiving overlap writing
const ALIGN_SLACK = 4096;
const WRITEBACK_STEP_BYTES = 64 * 1024 * 1024; // buffered fallback only
const IDLE_WORKERS_KEPT = 2;

// The worker's code is lib/storage/hashing-file-worker.mjs: plain JavaScript, because Node runs it as
// it is (vitest, tsx). `next build` sees `new Worker(new URL(..., import.meta.url))` below and emits
// that file as a worker entry of the server bundle, so the URL still points at it there; keep that
// expression literal, or the bundler will not find the file.

type Reply = { job: number } & (
  | { type: "opened"; base: number; direct: boolean }
  | { type: "free"; slot: number }
  | { type: "done"; sha256: string; sizeBytes: number }
  | { type: "aborted" }
  | { type: "failed"; message: string; code?: string }
);

let lastJob = 0;

type RingWorker = {
  worker: Worker;
  ring: SharedArrayBuffer;
  /** The current job's handler for the worker's replies. */
  onReply: ((reply: Reply) => void) | null;
  onExit: ((error: Error) => void) | null;
};

const idle: RingWorker[] = [];

/** How many writer workers wait idle for the next upload (for tests). */
export const idleWriterCount = () => idle.length;

function startWorker(): RingWorker {
  const ring = new SharedArrayBuffer(SLOTS * SLOT_BYTES + ALIGN_SLACK);
  // execArgv: none of the parent's flags or loaders (tsx under tests), which would only slow the start.
  const worker = new Worker(new URL("./hashing-file-worker.mjs", import.meta.url), {
    execArgv: [],
    workerData: { ring, slotBytes: SLOT_BYTES, alignSlack: ALIGN_SLACK, writebackStepBytes: WRITEBACK_STEP_BYTES },
  });
  const rw: RingWorker = { worker, ring, onReply: null, onExit: null };
  worker.on("message", (reply: Reply) => rw.onReply?.(reply));
  const gone = (error: Error) => {
    const i = idle.indexOf(rw);
    if (i >= 0) idle.splice(i, 1);
    rw.onExit?.(error);
  };
  worker.on("error", gone);
  worker.on("exit", (code) => gone(new Error(`The file writer stopped (exit code ${code})`)));
  return rw;
}

function release(rw: RingWorker) {
  rw.onReply = null;
  rw.onExit = null;
  // An idle writer never keeps the process alive (a busy one does: its caller awaits it).
  rw.worker.unref();
  if (idle.length < IDLE_WORKERS_KEPT) idle.push(rw);
  else void rw.worker.terminate();
}

/** A Writable for a new `file` (it must not exist): pipe the body into it; once it has finished,
 *  `hashed()` gives the content's SHA-256, CRC-32 and size, and the file is durable. Destroying it (or a
 *  failed pipeline) stops the worker's job and closes the file; the caller removes the file.
 *  Why a Writable and not an async loop: the stream machinery passes each chunk by callback, where
 *  an async iterator makes several promises per chunk, and with async hooks on (Next.js uses
 *  them) those cost more than the copy itself. */
export class HashingFileWriter extends Writable {
  /** Whether this file is written with O_DIRECT (false: through the page cache). */
  readonly direct: boolean;
  private readonly rw: RingWorker;
  private readonly ringBytes: Buffer;
  private readonly opts: HashingWriterOptions;
  private readonly freeSlots: number[] = [];
  private slot = -1;
  private filled = 0;
  private size = 0;
  /** CRC-32 of the bytes so far, computed here on each chunk as it arrives (hot in the cache), not
   *  in the worker: the worker's hashing paces the upload, the event loop has room (decision 0031). */
  private crc = 0;
  private result: HashedFile | null = null;
  private failure: Error | null = null;
  /** A write that found no free slot: the rest of its chunk and its callback. */
  private blocked: { chunk: Buffer; at: number; callback: (e?: Error | null) => void } | null = null;
  /** The one request (open, end, abort) waiting for its reply. */
  private waiting: { resolve(reply: Reply): void; reject(e: Error): void } | null = null;
  private released = false;
  /** Destroyed: slots coming back are not refilled. */
  private closing = false;
  private readonly job: number;

  private constructor(rw: RingWorker, job: number, base: number, direct: boolean, opts: HashingWriterOptions) {
    // A small buffer: the ring is the buffer. (Node counts bytes; one chunk is ~64 KiB.)
    super({ highWaterMark: 64 * 1024 });
    this.rw = rw;
    this.ringBytes = Buffer.from(rw.ring, base, SLOTS * SLOT_BYTES);
    this.direct = direct;
    this.opts = opts;
    this.job = job;
    for (let i = 0; i < SLOTS; i++) this.freeSlots.push(i);
    rw.onReply = (reply) => {
      if (reply.job === this.job) this.onReply(reply);
    };
    rw.onExit = (error) => this.fail(error);
  }

  static async open(file: string, opts: HashingWriterOptions): Promise<HashingFileWriter> {
    const rw = idle.pop() ?? startWorker();
    rw.worker.ref(); // a busy writer keeps the process alive: its caller awaits it
    const job = ++lastJob;
    const opened = await new Promise<Reply>((resolve, reject) => {
      rw.onReply = (reply) => {
        if (reply.job !== job) return; // a reply to an earlier job
        if (reply.type === "failed") reject(workerError(reply));
        else resolve(reply);
      };
      rw.onExit = reject;
      rw.worker.postMessage({ type: "open", job, file, buffered: opts.buffered ?? false });
    }).catch((e: unknown) => {
      void rw.worker.terminate(); // after a failure a worker is not reused
      throw e;
    });
    const { base, direct } = opened as Extract<Reply, { type: "opened" }>;
    return new HashingFileWriter(rw, job, base, direct, opts);
  }

  /** The content's SHA-256, CRC-32 and size; only after the stream has finished. */
  hashed(): HashedFile {
    if (!this.result) throw new Error("The file writer has not finished");
    return this.result;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    this.size += chunk.length;
    if (this.size > this.opts.maxBytes) return callback(tooLarge(this.opts.maxBytes));
    this.opts.onChunk?.(chunk);
    this.crc = crc32(chunk, this.crc);
    this.copy(chunk, 0, callback);
  }

  override _final(callback: (e?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    if (this.slot < 0) {
      if (this.freeSlots.length === 0) {
        // Every slot is with the worker: end once one comes back (or fail, if the worker does).
        this.blocked = { chunk: Buffer.alloc(0), at: 0, callback: (e) => (e ? callback(e) : this._final(callback)) };
        return;
      }
      this.takeSlot();
    }
    this.request({ type: "end", slot: this.slot, length: this.filled }).then((reply) => {
      const done = reply as Extract<Reply, { type: "done" }>;
      this.release();
      if (done.sizeBytes !== this.size) return callback(new Error(`The file writer stored ${done.sizeBytes} of ${this.size} bytes`));
      this.result = { sha256: done.sha256, sizeBytes: done.sizeBytes, crc32: this.crc >>> 0 };
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.closing = true;
    this.blocked = null; // its write is abandoned; nothing more goes to the worker but the abort
    if (this.released) return callback(error);
    if (this.failure) {
      this.terminate();
      return callback(error);
    }
    this.request({ type: "abort" }).then(
      () => {
        this.release();
        callback(error);
      },
      () => {
        this.terminate();
        callback(error);
      },
    );
  }

  /** Copies chunk[at..] into the ring, handing each full slot to the worker. */
  private copy(chunk: Buffer, at: number, callback: (e?: Error | null) => void): void {
    while (at < chunk.length) {
      if (this.slot < 0) {
        if (this.freeSlots.length === 0) {
          this.blocked = { chunk, at, callback };
          return;
        }
        this.takeSlot();
      }
      const n = Math.min(chunk.length - at, SLOT_BYTES - this.filled);
      // Buffer#copy is a plain memmove; TypedArray#set into shared memory takes V8's slower
      // race-safe path (measured: about twice the time).
      chunk.copy(this.ringBytes, this.slot * SLOT_BYTES + this.filled, at, at + n);
      this.filled += n;
      at += n;
      if (this.filled === SLOT_BYTES) {
        this.rw.worker.postMessage({ type: "chunk", job: this.job, slot: this.slot, length: SLOT_BYTES });
        this.slot = -1;
      }
    }
    callback();
  }

  private takeSlot() {
    this.slot = this.freeSlots.shift()!;
    this.filled = 0;
  }

  private onReply(reply: Reply) {
    if (reply.type === "free") {
      if (this.closing) return;
      this.freeSlots.push(reply.slot);
      const blocked = this.blocked;
      this.blocked = null;
      if (blocked) this.copy(blocked.chunk, blocked.at, blocked.callback);
    } else if (reply.type === "failed") {
      this.fail(workerError(reply));
    } else {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(reply);
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    const blocked = this.blocked;
    this.blocked = null;
    blocked?.callback(error);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  private request(message: { type: "end" | "abort"; slot?: number; length?: number }): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.rw.worker.postMessage({ ...message, job: this.job });
    });
  }

  private release() {
    if (this.released) return;
    this.released = true;
    release(this.rw);
  }

  private terminate() {
    if (this.released) return;
    this.released = true;
    void this.rw.worker.terminate();
  }
}

function workerError(reply: Extract<Reply, { type: "failed" }>): Error {
  return Object.assign(new Error(reply.message), { code: reply.code });
}
