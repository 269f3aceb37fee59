// In-app previews of evidence content. Text, JSON, JSON Lines and CSV are read here, a page at a
// time, and returned as data (never as markup); images (and PDFs, drawn by pdf.js) are shown by the
// page from content?view=1.
// Every other type, SVG and HTML included, is download-only. Each preview read is a VIEW custody
// event, recorded in the transaction that authorizes it.
import type { Readable } from "node:stream";
import type { RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { PREVIEWABLE } from "@/lib/evidence/media-type";
import { jsonPreviewBytes, PREVIEW_LIMITS, previewCsv, previewJson, previewJsonl, previewText } from "@/lib/evidence/preview-formats";
import { blobStore, type ByteRange } from "@/lib/storage/blob-store";
import { parseInput, ZPageQuery } from "@/lib/validation";

/** `page` (from 1) and `pageSize` (1..200, default 50), as for any list. */
export const ZPreviewQuery = ZPageQuery;

/** One page of rows or lines. `truncated`: something was cut: a line or cell over 10,000
 *  characters, or the content goes on past the 64 MiB a preview reads. */
export type PreviewPage = { page: number; pageSize: number; hasMore: boolean; truncated: boolean };

export type EvidencePreview =
  | ({ format: "csv"; columns: string[]; rows: string[][] } & PreviewPage)
  /** `n` is the line in the file; `text` is pretty-printed JSON when valid, the raw line when not. */
  | ({ format: "jsonl"; lines: { n: number; text: string; valid: boolean }[] } & PreviewPage)
  /** Pretty-printed when the document is at most 1 MiB and parses; else its raw first 256 KiB. */
  | { format: "json"; text: string; truncated: boolean }
  | ({ format: "text"; lines: { n: number; text: string }[] } & PreviewPage)
  /** Nothing is read here: the page shows content?view=1, and that request records the VIEW. */
  | { format: "image"; mediaType: string }
  /** Likewise: the page draws content?view=1 with pdf.js (no script of the document runs). */
  | { format: "pdf"; mediaType: "application/pdf" };

const TEXT_FORMATS: Record<string, "csv" | "jsonl" | "json" | "text"> = {
  "text/csv": "csv",
  "application/x-ndjson": "jsonl",
  "application/json": "json",
  "text/plain": "text",
};

export async function previewEvidence(ctx: RequestContext, evidenceId: string, query: unknown): Promise<EvidencePreview> {
  const paging = parseInput(ZPreviewQuery, query);
  let opening: NodeJS.ReadableStream | undefined;
  const opened = await db().$transaction(async (tx) => {
    const e = await requireEvidence(tx, ctx.actor, evidenceId, "read");
    if (e.removedAt) throw new AppError("NOT_FOUND", "This evidence was removed; its hash and custody history remain");
    const type = e.sniffedMediaType;
    if (PREVIEWABLE.has(type) && type.startsWith("image/")) return { format: "image", mediaType: type } as const;
    if (type === "application/pdf") return { format: "pdf", mediaType: type } as const;
    const format = PREVIEWABLE.has(type) ? TEXT_FORMATS[type] : undefined;
    if (!format) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${type} cannot be previewed; download it instead`);
    const sizeBytes = Number(e.sizeBytes);
    const range: ByteRange = { start: 0, end: Math.min(sizeBytes, format === "json" ? jsonPreviewBytes(sizeBytes) : PREVIEW_LIMITS.scanBytes) - 1 };
    await recordCustody(tx, ctx, e, "VIEW", { sha256Observed: e.sha256, detail: format === "json" ? "preview" : `preview page ${paging.page}` });
    // Opened last: a missing blob rolls the custody event back, and a failed write leaves no stream open.
    const stream = (opening = await blobStore().open(e.sha256, range));
    return { format, stream, sizeBytes, sha256: e.sha256, range };
  }).catch((err: unknown) => {
    // The commit can still fail after the blob was opened (a timeout, a busy database).
    (opening as Readable | undefined)?.destroy();
    throw err;
  });
  if (opened.format === "image" || opened.format === "pdf") return opened;

  const { format, stream, sizeBytes, sha256, range } = opened;
  const partial = sizeBytes > range.end + 1;
  switch (format) {
    case "json":
      return consume(stream, (bytes) => previewJson(bytes, sizeBytes));
    case "text":
      return consume(stream, (bytes) => previewText(bytes, paging, partial));
    case "jsonl":
      return consume(stream, (bytes) => previewJsonl(bytes, paging, partial));
    case "csv": {
      const csv = await consume(stream, (bytes) => previewCsv(bytes, paging, partial));
      // Bytes the CSV parser rejects (an unclosed quote, say) are still worth seeing: as text.
      return csv ?? consume(await blobStore().open(sha256, range), (bytes) => previewText(bytes, paging, partial));
    }
  }
}

/** Reads through `read`, then ends the stream whether or not it was read to the end (a page is
 *  usually done long before), releasing the file or the S3 connection. */
async function consume<T>(stream: NodeJS.ReadableStream, read: (bytes: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T> {
  try {
    return await read(stream as AsyncIterable<Uint8Array>);
  } finally {
    (stream as Readable).destroy();
  }
}
