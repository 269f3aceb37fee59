// Stored blobs that no evidence row (removed ones included) refers to: left by an upload whose
// database write failed, or was cut short, after its blob was committed.
import { db } from "@/lib/db/client";
import { blobStore } from "@/lib/storage/blob-store";

const BATCH = 500;

export async function listUnreferencedBlobs(): Promise<string[]> {
  const out: string[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const referenced = await db().evidence.findMany({ where: { sha256: { in: batch } }, select: { sha256: true }, distinct: ["sha256"] });
    const known = new Set(referenced.map((r) => r.sha256));
    out.push(...batch.filter((h) => !known.has(h)));
    batch = [];
  };
  for await (const sha256 of blobStore().list()) {
    batch.push(sha256);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  return out.sort();
}

export async function isBlobReferenced(sha256: string): Promise<boolean> {
  return (await db().evidence.count({ where: { sha256 } })) > 0;
}
