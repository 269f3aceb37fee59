// A process that stages a small blob in the store named by its argument (and, with "commit",
// commits it without ever discarding: an upload killed before its evidence row was written),
// prints "STAGED <sha256>" and then waits to be killed. The storage suite kills it with SIGKILL to
// leave what a crashed instance leaves.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { S3BlobStore, type S3BlobStoreOptions } from "@/lib/storage/s3-blob-store";

const [mode, spec] = process.argv.slice(2);
const config = JSON.parse(spec) as { local: string } | { s3: S3BlobStoreOptions };
const store = "local" in config ? new LocalBlobStore({ root: config.local }) : new S3BlobStore(config.s3);
const staged = await store.stage(Readable.from([randomBytes(4096)]), { maxBytes: 1024 * 1024 });
if (mode === "commit") await staged.commit();
process.stdout.write(`STAGED ${staged.sha256}\n`);
setInterval(() => {}, 60_000);
