// How the Node process that runs `next start` is started (npm start, the browser tests' server, the
// benchmark). Both settings were measured on the 1 GiB upload benchmark (decision 0008,
// docs/BENCHMARKS.md) and must be given at process start: Node refuses V8 flags in NODE_OPTIONS,
// and glibc reads its malloc settings once.
import path from "node:path";

/** Before Next sees a request: appends the socket's peer to X-Forwarded-For, so the client address
 *  cannot be chosen by the client (lib/http/client-address.ts, decision 0011), and answers an /api/
 *  path that does not decode with 400 in the API's error shape. */
const REQUEST_PRELOAD = path.join(import.meta.dirname, "request-preload.cjs");

/** --single-threaded-gc: V8 otherwise collects with helper threads (parallel scavenges, concurrent
 *  marking and array-buffer sweeping). During a large upload every 64 KiB socket read is a new
 *  buffer; on our 2-core machines the helpers fell behind, V8 answered with a full collection every
 *  ~70 ms, and they burnt ~1.1 CPU seconds per GiB that the event loop and the hashing worker
 *  needed. The heap is small (~50-90 MB), so collections on the event loop stay short. */
export const SERVER_NODE_FLAGS = ["--single-threaded-gc", "--require", REQUEST_PRELOAD];

/** `next dev` hands its flags on to workers through NODE_OPTIONS, which refuses V8 flags: the
 *  preload only. */
export const DEV_SERVER_NODE_FLAGS = ["--require", REQUEST_PRELOAD];

/** glibc malloc (decision 0008 step 7, revised in decision 0030):
 *  - MALLOC_TRIM_THRESHOLD_ 32 MiB: keep up to 32 MiB of freed memory at the top of an arena
 *    instead of handing it back to the kernel after every collection. Each collection during an
 *    upload frees the ~25 MB of socket buffers read since the last one; trimmed, the next 25 MB had
 *    to be faulted in again page by page (~235,000 page faults per GiB uploaded with glibc's
 *    defaults; ~10,000 with 32 MiB as with the 256 MiB kept before).
 *  - MALLOC_ARENA_MAX 2: the main thread's arena and one for every other thread (V8's compiler
 *    threads, libuv's pool, workers). With one arena per thread, each kept its own high-water mark
 *    of freed memory: 256 MiB kept and 8 arenas made the idle server ~60 MiB larger than with
 *    glibc's defaults (issue 11's RSS target). The freed memory kept is no longer topped up
 *    (MALLOC_TOP_PAD_ is left at glibc's default).
 *  Values already in the environment win. */
export function serverMallocEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    MALLOC_TRIM_THRESHOLD_: String(32 * 1024 * 1024),
    MALLOC_ARENA_MAX: "2",
    ...env,
  };
}
