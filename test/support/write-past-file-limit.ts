// Run by hashing-file-writer.test.ts under `ulimit -f` (a file-size limit), so that the worker's
// writes fail with EFBIG part-way: writes 16 MiB (every slot of the ring with the worker when the
// stream ends), then prints how the writer settled, or "hung" after 10 s.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { HashingFileWriter } from "@/lib/storage/hashing-file-writer";

const file = process.argv[2];
const writer = await HashingFileWriter.open(file, { maxBytes: 64 * 1024 * 1024 });
const content = randomBytes(16 * 1024 * 1024);
const chunks = Array.from({ length: 256 }, (_, i) => content.subarray(i * 65536, (i + 1) * 65536));
const settled = pipeline(Readable.from(chunks), writer).then(
  () => "finished",
  (e: NodeJS.ErrnoException) => `failed ${e.code ?? e.message}`,
);
const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("hung"), 10_000).unref());
// After a failure the writer's worker is terminated, so the process ends by itself; a hang keeps
// it alive until the test's timeout kills it.
console.log(await Promise.race([settled, timeout]));
