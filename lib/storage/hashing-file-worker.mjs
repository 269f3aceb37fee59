// @ts-check
// The worker thread of lib/storage/hashing-file-writer.ts (read that file's header first): it
// hashes every full slot of the ring shared with the writer (SHA-256, and the CRC-32 that a ZIP
// entry of the blob needs, so the case file export never reads the bytes for it) and writes that
// same memory to the file, with O_DIRECT where the filesystem allows it.
// Plain JavaScript that Node runs as it is (Node 20 cannot run TypeScript), type-checked through
// its JSDoc types (tsconfig.json includes this file) and linted like the rest. Messages are handled
// strictly in order (one promise chain), so "end" or "abort" always follows the writes sent before
// it. Every way out of a job closes both descriptors. Every message and reply names its job: a
// chunk that arrives after its job was aborted or failed is dropped, and the writer drops replies
// that are not for its own job, so one upload's leftovers never reach the next.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

/** @typedef {{ ring: SharedArrayBuffer; slotBytes: number; alignSlack: number; writebackStepBytes: number }} WorkerData */
/** @typedef {{ id: number; fd: number; directFd: number; hash: import("node:crypto").Hash; size: number; synced: number }} Job */
/**
 * @typedef {{ type: "open"; job: number; file: string; buffered: boolean }
 *   | { type: "chunk"; job: number; slot: number; length: number }
 *   | { type: "end"; job: number; slot: number; length: number }
 *   | { type: "abort"; job: number }} Message
 */

const port = parentPort;
if (!port) throw new Error("hashing-file-worker.mjs runs only as a worker thread");
const { ring, slotBytes, alignSlack, writebackStepBytes } = /** @type {WorkerData} */ (workerData);
const O_DIRECT = fs.constants.O_DIRECT;
const PROBE_BYTES = 8192;
/** The first 512-aligned byte of the ring once probed; -1: none found. @type {number | undefined} */
let aligned;
/** @type {Job | null} */
let job = null;
let queue = Promise.resolve();

const base = () => (aligned !== undefined && aligned >= 0 ? aligned : 0); // buffered writes need no alignment

/** @param {unknown} e */
const codeOf = (e) => (e && typeof e === "object" && "code" in e ? e.code : undefined);

/** @param {number} slot @param {number} length */
function view(slot, length) {
  return Buffer.from(ring, base() + slot * slotBytes, length);
}

/** @param {number} fd @param {Buffer} buffer @param {number} position @returns {Promise<void>} */
function writeAt(fd, buffer, position) {
  return new Promise((resolve, reject) => {
    let done = 0;
    const next = () =>
      fs.write(fd, buffer, done, buffer.length - done, position + done, (e, n) => {
        if (e) return reject(e);
        done += n;
        if (done < buffer.length) return next();
        resolve();
      });
    next();
  });
}

/** The probe spans a page boundary: a misaligned write that stays within one page can succeed. @param {number} fd */
function findAlignedBase(fd) {
  for (let offset = 0; offset < alignSlack; offset += 16) {
    try {
      fs.writeSync(fd, Buffer.from(ring, offset, PROBE_BYTES), 0, PROBE_BYTES, 0);
      return offset;
    } catch (e) {
      if (codeOf(e) !== "EINVAL") throw e;
    }
  }
  return -1;
}

/** @param {Extract<Message, { type: "open" }>} message */
function open({ job: id, file, buffered }) {
  // The normal descriptor creates the file ("wx": never reuse one) and writes the unaligned tail.
  const fd = fs.openSync(file, "wx", 0o600);
  let directFd = -1;
  if (!buffered && O_DIRECT) {
    try {
      directFd = fs.openSync(file, fs.constants.O_WRONLY | O_DIRECT);
      if (aligned === undefined) aligned = findAlignedBase(directFd);
      if (aligned < 0) {
        fs.closeSync(directFd);
        directFd = -1;
      }
    } catch (e) {
      if (directFd >= 0) fs.closeSync(directFd);
      directFd = -1;
      if (codeOf(e) !== "EINVAL" && codeOf(e) !== "EOPNOTSUPP") {
        fs.closeSync(fd);
        throw e;
      }
    }
  }
  job = { id, fd, directFd, hash: createHash("sha256"), size: 0, synced: 0 };
  return { type: "opened", base: base(), direct: directFd >= 0 };
}

function close() {
  if (!job) return;
  const { fd, directFd } = job;
  job = null;
  if (directFd >= 0) fs.closeSync(directFd);
  fs.closeSync(fd);
}

/** @param {Extract<Message, { type: "chunk" }>} message */
async function chunk({ job: id, slot, length }) {
  if (!job || job.id !== id) return null; // its job was aborted or failed
  const current = job;
  const bytes = view(slot, length);
  const direct = current.directFd >= 0;
  const written = writeAt(direct ? current.directFd : current.fd, bytes, current.size);
  // While the write is in flight: the kernel only reads this memory.
  current.hash.update(bytes);
  try {
    await written;
  } catch (e) {
    // A filesystem with stricter alignment than the one the ring was probed on: go on buffered.
    if (!direct || codeOf(e) !== "EINVAL") throw e;
    fs.closeSync(current.directFd);
    current.directFd = -1;
    await writeAt(current.fd, bytes, current.size);
  }
  current.size += length;
  if (!direct && current.size - current.synced >= writebackStepBytes) {
    fs.fdatasyncSync(current.fd);
    current.synced = current.size;
  }
  return { type: "free", slot };
}

/** @param {Extract<Message, { type: "end" }>} message */
async function end({ job: id, slot, length }) {
  if (!job || job.id !== id) throw new Error("The file writer's job is gone");
  const current = job;
  const bytes = view(slot, length);
  current.hash.update(bytes);
  let whole = current.directFd >= 0 ? length - (length % 512) : 0;
  if (whole > 0) {
    try {
      await writeAt(current.directFd, bytes.subarray(0, whole), current.size);
    } catch (e) {
      // Stricter alignment than 512 (a disk with 4 KiB sectors): write it all buffered.
      if (codeOf(e) !== "EINVAL") throw e;
      whole = 0;
    }
  }
  if (length > whole) await writeAt(current.fd, bytes.subarray(whole), current.size + whole);
  current.size += length;
  fs.ftruncateSync(current.fd, current.size); // the alignment probe may have written past a small file's end
  fs.fdatasyncSync(current.fd);
  const result = { type: "done", sha256: current.hash.digest("hex"), sizeBytes: current.size };
  close();
  return result;
}

/** @param {Extract<Message, { type: "abort" }>} message */
function abort({ job: id }) {
  if (job && job.id === id) close();
  return { type: "aborted" };
}

/** @param {Message} message @returns {Promise<object | null> | object | null} */
function handle(message) {
  switch (message.type) {
    case "open":
      return open(message);
    case "chunk":
      return chunk(message);
    case "end":
      return end(message);
    case "abort":
      return abort(message);
  }
}

port.on("message", (/** @type {Message} */ message) => {
  queue = queue.then(async () => {
    try {
      const reply = await handle(message);
      if (reply) port.postMessage({ ...reply, job: message.job });
    } catch (e) {
      if (job && job.id === message.job) {
        try {
          close();
        } catch {
          // the failure below is the one to report
        }
      }
      port.postMessage({ type: "failed", job: message.job, message: String((e instanceof Error && e.message) || e), code: codeOf(e) });
    }
  });
});
