// Streams an incoming file into the blob store (hashing as it goes) and keeps its first bytes for
// sniffing the media type. Nothing is visible until uploadEvidence() records it.
import { stripInvisible } from "@/lib/validation";
import { blobStore, type StagedBlob } from "@/lib/storage/blob-store";
import { env } from "@/lib/env";
import { sniffMediaType } from "@/lib/evidence/media-type";

const HEAD_BYTES = 8192;

export type StagedEvidenceFile = {
  blob: StagedBlob;
  originalFilename: string;
  declaredMediaType: string;
  sniffedMediaType: string;
};

export async function stageEvidenceFile(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  info: { filename: string; mimeType: string },
): Promise<StagedEvidenceFile> {
  const head: Buffer[] = [];
  let headSize = 0;
  const keepHead = (chunk: Buffer) => {
    if (headSize >= HEAD_BYTES) return;
    head.push(chunk.subarray(0, HEAD_BYTES - headSize));
    headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
  };
  const blob = await blobStore().stage(stream, { maxBytes: env().LANTERN_MAX_UPLOAD_BYTES, onChunk: keepHead });
  // The name is kept for display and download only, never for a path.
  // Direction overrides and invisible characters are taken out ("report‮fdp.exe" shows reversed).
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  const originalFilename = (stripInvisible(info.filename ?? "") || "unnamed").replace(/[\u0000-\u001f\u007f/\\]/g, "_").slice(0, 255);
  return {
    blob,
    originalFilename,
    declaredMediaType: (info.mimeType || "application/octet-stream").slice(0, 200),
    sniffedMediaType: sniffMediaType(Buffer.concat(head), originalFilename),
  };
}
