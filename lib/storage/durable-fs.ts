// fsync helpers. A rename is only durable once the directory holding the new entry is synced;
// without it a power cut can "undo" a commit that the database already recorded.
import fs from "node:fs/promises";
import path from "node:path";

/** fsync works on the file, not the descriptor: a fresh read-only handle flushes what a stream
 *  wrote through its own (already closed) one. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p, then syncs the parent of every directory it created so the new entries persist. */
export async function mkdirDurable(dir: string): Promise<void> {
  const firstCreated = await fs.mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  for (let d = dir; ; d = path.dirname(d)) {
    await fsyncDir(path.dirname(d));
    if (d === firstCreated) break;
  }
}

/** unlink that treats "already gone" as success: cleanup paths must be idempotent. */
export async function unlinkIfExists(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}
