// Follows a file while a write stream appends to it: hashes the bytes already written and, for a
// large file, does so on a worker thread that also starts their write-back to disk early.
// Why a worker: SHA-256 is the costliest per-byte step of an upload (about 0.5 s per GiB on the
// development machine). On the event loop it runs in series with receiving and parsing the body;
// on a worker it runs beside them, and the event loop stays free for other requests. The worker
// reads the bytes back from the page cache (they were just written), so hashing what is in the
// file is hashing exactly what the store keeps.
// Why early write-back: otherwise the kernel holds the whole upload dirty until the final fsync,
// which then waits for all of it (about 0.3 s per GiB here); syncing as we go leaves it little to do.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Worker } from "node:worker_threads";

export type FileFollower = {
  /** How many bytes of the file are written so far (WriteStream.bytesWritten): safe to read back. */
  written(bytes: number): void;
  /** SHA-256 (lowercase hex) of the file's first sizeBytes bytes; call once the writer is done. */
  sha256(sizeBytes: number): Promise<string>;
  /** Stops following (on failure) and releases the worker and its file descriptor; idempotent. */
  stop(): Promise<void>;
};

export type FollowOptions = {
  /** Smaller files are hashed at the end on the calling thread: a worker takes ~20 ms to start. */
  offThreadAfterBytes: number;
};

const PROGRESS_STEP_BYTES = 4 * 1024 * 1024; // how far the writer gets before the worker is told
const READ_BYTES = 1024 * 1024;
const WRITEBACK_STEP_BYTES = 64 * 1024 * 1024;

// Plain CommonJS, evaluated as the worker's script: no bundler or loader involved. The worker owns
// its descriptor and closes it on every way out (done, stopped, failed).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { openSync, readSync, fdatasyncSync, closeSync } = require("node:fs");
const { file, readBytes, writebackStepBytes } = workerData;
const fd = openSync(file, "r");
const hash = createHash("sha256");
const buffer = Buffer.allocUnsafe(readBytes);
let hashed = 0;
let synced = 0;
let closed = false;
function close() {
  if (closed) return;
  closed = true;
  closeSync(fd);
  parentPort.close();
}
parentPort.on("message", ({ upTo, end, stop }) => {
  if (stop) return close();
  try {
    while (hashed < upTo) {
      const n = readSync(fd, buffer, 0, Math.min(readBytes, upTo - hashed), hashed);
      if (n === 0) throw new Error("The file is shorter than the " + upTo + " bytes reported written");
      hash.update(buffer.subarray(0, n));
      hashed += n;
    }
    if (end) {
      parentPort.postMessage(hash.digest("hex"));
      return close();
    }
    if (hashed - synced >= writebackStepBytes) {
      fdatasyncSync(fd);
      synced = hashed;
    }
  } catch (e) {
    close();
    throw e;
  }
});`;

export function followFile(file: string, opts: FollowOptions): FileFollower {
  let worker: HashWorker | undefined;
  let announced = 0;
  return {
    written(bytes) {
      if (!worker && bytes >= opts.offThreadAfterBytes) worker = startHashWorker(file);
      if (worker && bytes - announced >= PROGRESS_STEP_BYTES) {
        worker.hashUpTo(bytes);
        announced = bytes;
      }
    },
    sha256: (sizeBytes) => (worker ? worker.finish(sizeBytes) : hashFile(file, sizeBytes)),
    stop: async () => worker?.stop(),
  };
}

type HashWorker = { hashUpTo(bytes: number): void; finish(sizeBytes: number): Promise<string>; stop(): Promise<void> };

function startHashWorker(file: string): HashWorker {
  // execArgv: none of the parent's flags or loaders (tsx under tests), which would only slow the start.
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { file, readBytes: READ_BYTES, writebackStepBytes: WRITEBACK_STEP_BYTES },
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const digest = new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", () => reject(new Error("The hashing worker stopped before it finished")));
  });
  digest.catch(() => {}); // surfaced by finish(); a stopped follower never asks
  return {
    hashUpTo: (bytes) => worker.postMessage({ upTo: bytes }),
    finish(sizeBytes) {
      worker.postMessage({ upTo: sizeBytes, end: true });
      return digest;
    },
    stop() {
      worker.postMessage({ stop: true }); // ignored once the worker has exited
      return exited;
    },
  };
}

async function hashFile(file: string, sizeBytes: number): Promise<string> {
  const hash = createHash("sha256");
  let hashed = 0;
  if (sizeBytes > 0) {
    for await (const chunk of createReadStream(file, { start: 0, end: sizeBytes - 1, highWaterMark: READ_BYTES })) {
      hash.update(chunk as Buffer);
      hashed += (chunk as Buffer).length;
    }
  }
  if (hashed !== sizeBytes) throw new Error(`The file is shorter than the ${sizeBytes} bytes reported written`);
  return hash.digest("hex");
}
