// Sends a file segment (lib/storage/file-segment.ts) of a streamed response: where the response
// allows it, the kernel moves the bytes from the page cache to the socket (sendfile(2) on a thread of
// the native addon native/sendfile), so the event loop neither copies nor checksums them; otherwise
// they are read into pooled buffers and written like any other chunk. The one importer of
// @lantern/sendfile (decision 0031, which records the figures). LANTERN_ZERO_COPY=false turns it off.
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { BufferPool } from "@/lib/storage/buffer-pool";
import { readSegment, type FileSegment } from "@/lib/storage/file-segment";

/** How the response writes ordinary chunks: `write` resolves false if the response closed;
 *  `flushed` resolves once every byte written so far has reached the kernel. */
export type ChunkWriter = { write(chunk: Buffer): Promise<boolean>; flushed(): Promise<void> };

/** Writes chunks to the response with the socket's backpressure (waits for 'drain' when it is
 *  full), calling `release` with each once the socket has taken it (the write's callback: the bytes
 *  are in the kernel; Next's compression middleware passes a callback given as the second argument
 *  on, not a third). The route's body writer (lib/api/api-handler.ts sendChunks). */
export function responseWriter(res: ServerResponse, release: (chunk: Buffer) => void): ChunkWriter {
  let lastWrite: Promise<void> = Promise.resolve();
  // A closed response may never call back its last write.
  const closed = new Promise<void>((resolve) => (res.destroyed ? resolve() : res.once("close", () => resolve())));
  return {
    async write(chunk) {
      if (res.destroyed) return false;
      let taken!: () => void;
      lastWrite = new Promise((resolve) => (taken = resolve));
      const more = res.write(chunk, (err) => {
        if (!err) release(chunk);
        taken();
      });
      return more || drained(res);
    },
    flushed: () => Promise.race([lastWrite, closed]),
  };
}

/** Resolves true at the response's next 'drain', false if it closes first. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

type Addon = NonNullable<typeof import("@lantern/sendfile")>;
let loading: Promise<Addon | null> | undefined;

/** The addon, loaded at first use; null where it was not built or LANTERN_ZERO_COPY=false. Loaded
 *  at run time, not bundled: Turbopack cannot place a .node file in a chunk. */
async function addon(): Promise<Addon | null> {
  if (process.env.LANTERN_ZERO_COPY === "false") return null;
  loading ??= import(/* webpackIgnore: true */ "@lantern/sendfile").then(
    (m: { default: Addon | null }) => m.default ?? null,
    () => null,
  );
  return loading;
}

/** Whether evidence goes to the socket without a copy here (for the bench and the tests). */
export async function zeroCopyAvailable(): Promise<boolean> {
  return (await addon()) !== null;
}

/** The transfers running in this process, and at most how many may (each holds a thread, and a
 *  client that stops reading holds it until it reads again or leaves; more are copied; tests lower
 *  `limit`). On globalThis under a global symbol: Next bundles this module into a chunk per server
 *  layer, and the limit must be counted once (docs/ARCHITECTURE.md, "Module state under next start"). */
const TRANSFERS = Symbol.for("lantern.storage.zeroCopyTransfers");
export const zeroCopyTransfers = ((globalThis as { [TRANSFERS]?: { running: number; limit: number } })[TRANSFERS] ??= { running: 0, limit: 64 });

/** The client went away or the response was closed: the transfer's end, not a server fault. */
const CLIENT_GONE = new Set(["EPIPE", "ECONNRESET", "ECANCELED", "ENOTCONN"]);

/** Sends the segment; resolves false if the response closed before it was all sent. A file that
 *  ended before its announced length cuts the response (destroyed), on either path, so the client
 *  sees a failed download, never a short file that looks complete. */
export async function sendFileSegment(res: ServerResponse, segment: FileSegment, writer: ChunkWriter, pool: BufferPool): Promise<boolean> {
  const open = (await sendWithoutCopy(res, segment, writer)) ?? (await copySegment(segment, writer, pool));
  if (open && segment.sent !== segment.length) {
    res.destroy(new Error(`the file ended after ${segment.sent} of ${segment.length} bytes`));
    return false;
  }
  return open;
}

async function copySegment(segment: FileSegment, writer: ChunkWriter, pool: BufferPool): Promise<boolean> {
  for await (const chunk of readSegment(segment, pool)) if (!(await writer.write(chunk))) return false;
  return true;
}

/** The segment sent by the addon; null when that cannot be done here (nothing was written then). */
async function sendWithoutCopy(res: ServerResponse, segment: FileSegment, writer: ChunkWriter): Promise<boolean | null> {
  const sendfile = await addon();
  if (!sendfile || zeroCopyTransfers.running >= zeroCopyTransfers.limit || !zeroCopySocket(res)) return null;
  if (segment.length === 0) {
    segment.sent = 0; // an empty chunk would end a chunked body
    return true;
  }
  await writer.flushed(); // the response's own bytes go first
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const stop = () => Atomics.store(cancel, 0, 1);
  res.once("close", stop);
  try {
    if (res.destroyed) return false; // closed while its bytes were flushed
    const socket = zeroCopySocket(res);
    if (!socket) return null;
    // Node frames an HTTP/1.1 body in chunks when it has no Content-Length: this segment is one
    // chunk, its header and trailer written by the addon's thread around the file's bytes.
    const chunked = (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true;
    const frame = chunked ? [Buffer.from(`${segment.length.toString(16)}\r\n`), Buffer.from("\r\n")] : [EMPTY, EMPTY];
    let transfer: Promise<number>;
    try {
      transfer = sendfile.send(fdOf(socket)!, segment.file.fd, segment.offset, segment.length, cancel, frame[0], frame[1]);
    } catch {
      return null; // no descriptor or thread to spare (EMFILE, EAGAIN): nothing was written, copy instead
    }
    zeroCopyTransfers.running++;
    try {
      segment.sent = await transfer;
      return true;
    } catch (e) {
      segment.sent = (e as { bytesSent?: number }).bytesSent ?? 0;
      if (CLIENT_GONE.has((e as NodeJS.ErrnoException).code ?? "")) {
        res.destroy();
        return false;
      }
      throw e;
    } finally {
      zeroCopyTransfers.running--;
    }
  } finally {
    res.off("close", stop);
  }
}

const EMPTY = Buffer.alloc(0);

/** The response's socket when the kernel may write to it directly: a plain TCP socket (not TLS),
 *  headers sent, and no content coding (Next's compression middleware writes through zlib when it
 *  sets Content-Encoding; it leaves application/zip alone). */
function zeroCopySocket(res: ServerResponse): Socket | null {
  if (!res.headersSent || res.getHeader("content-encoding") !== undefined) return null;
  const socket = res.socket;
  if (!socket || socket.destroyed || (socket as Socket & { encrypted?: boolean }).encrypted) return null;
  return fdOf(socket) === null ? null : socket;
}

function fdOf(socket: Socket): number | null {
  const fd = (socket as Socket & { _handle?: { fd?: unknown } | null })._handle?.fd;
  return typeof fd === "number" && fd >= 0 ? fd : null;
}
