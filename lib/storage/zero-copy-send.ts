// Sends a file segment (lib/storage/file-segment.ts) of a streamed response: where the response
// allows it, the kernel moves the bytes from the page cache to the socket (sendfile(2) on a thread of
// the native addon native/sendfile), so the event loop neither copies nor checksums them; otherwise
// they are read into pooled buffers and written like any other chunk. The one importer of
// @lantern/sendfile (decision 0031, which records the figures). LANTERN_ZERO_COPY=false turns it off.
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { BufferPool } from "@/lib/storage/buffer-pool";
import { readSegment, type FileSegment } from "@/lib/storage/file-segment";

/** How the response writes ordinary chunks (lib/api/api-handler.ts): `write` resolves false if the
 *  response closed; `flushed` resolves once every byte written so far has reached the kernel. */
export type ChunkWriter = { write(chunk: Buffer): Promise<boolean>; flushed(): Promise<void> };

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

/** Sends the segment; resolves false if the response closed before it was all sent. */
export async function sendFileSegment(res: ServerResponse, segment: FileSegment, writer: ChunkWriter, pool: BufferPool): Promise<boolean> {
  const sendfile = await addon();
  const socket = sendfile && zeroCopySocket(res);
  if (!socket) {
    for await (const chunk of readSegment(segment, pool)) if (!(await writer.write(chunk))) return false;
    return true;
  }
  if (segment.length === 0) {
    segment.sent = 0; // an empty chunk would end a chunked body
    return true;
  }
  await writer.flushed(); // the response's own bytes go first
  if (res.destroyed) return false;
  // Node frames an HTTP/1.1 body in chunks when it has no Content-Length: this segment is one chunk.
  const chunked = (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true;
  if (chunked && !(await rawWrite(socket, `${segment.length.toString(16)}\r\n`))) return false;
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const stop = () => Atomics.store(cancel, 0, 1);
  res.once("close", stop);
  try {
    segment.sent = await sendfile.send(fdOf(socket)!, segment.file.fd, segment.offset, segment.length, cancel);
  } finally {
    res.off("close", stop);
  }
  if (segment.sent !== segment.length) {
    // The file shrank while it was sent: a chunk shorter than announced cannot be repaired.
    if (chunked) {
      res.destroy(new Error(`the file ended after ${segment.sent} of ${segment.length} bytes`));
      return false;
    }
  }
  if (chunked) socket.write("\r\n"); // ordered before anything res writes next (same socket)
  return true;
}

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

function rawWrite(socket: Socket, text: string): Promise<boolean> {
  return new Promise((resolve) => socket.write(text, (e) => resolve(!e)));
}
