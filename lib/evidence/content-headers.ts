// Headers for serving evidence bytes: never sniffed, never scripted, attachment unless previewable.
import type { EvidenceContent } from "@/lib/evidence/open-evidence-content";

export function evidenceResponseHeaders(c: Pick<EvidenceContent, "mediaType" | "sizeBytes" | "filename" | "inline" | "sha256">): Headers {
  const asciiName = c.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Headers({
    "content-type": c.inline ? c.mediaType : "application/octet-stream",
    "content-length": String(c.sizeBytes),
    "content-disposition": `${c.inline ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(c.filename)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "cache-control": "private, no-store",
    "x-evidence-sha256": c.sha256,
  });
}
