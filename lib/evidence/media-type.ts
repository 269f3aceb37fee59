// The media type is decided from the bytes, not from what the client declares. Only the types we
// can show safely are previewed in the app; everything else is download-only.
const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ["image/png", (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/gif", (b) => ascii(b, 0, 4) === "GIF8"],
  ["image/webp", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP"],
  ["application/pdf", (b) => ascii(b, 0, 5) === "%PDF-"],
  ["application/gzip", (b) => b[0] === 0x1f && b[1] === 0x8b],
  ["application/zip", (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04],
];

function ascii(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...b.subarray(start, end));
}

/** The media type of content from its first bytes (up to 8 KiB). */
export function sniffMediaType(head: Uint8Array, filename = ""): string {
  for (const [type, test] of SIGNATURES) if (head.length >= 4 && test(head)) return type;
  if (!looksLikeText(head)) return "application/octet-stream";
  const text = new TextDecoder().decode(head).trimStart().toLowerCase();
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg"))) return "image/svg+xml";
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return "text/html";
  const lower = filename.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || isJsonLines(text)) return "application/x-ndjson";
  if (text.startsWith("{") || text.startsWith("[")) return "application/json";
  if (lower.endsWith(".csv")) return "text/csv";
  if (lower.endsWith(".eml") || /^(from|received|return-path|message-id):/m.test(text.slice(0, 512))) return "message/rfc822";
  return "text/plain";
}

// Two or more lines that each parse as a JSON object (the last line of the head may be cut off).
function isJsonLines(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim());
  if (lines.length < 2) return false;
  return lines.slice(0, -1).every((l) => {
    try {
      return typeof JSON.parse(l) === "object";
    } catch {
      return false;
    }
  });
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** Types previewed in the app; everything else (SVG and HTML included) is download-only. A PDF is
 *  drawn by pdf.js in the page (its scripts never run); served for that with ?view=1 under the
 *  content route's sandbox policy, so opened directly it runs nothing either. */
export const PREVIEWABLE = new Set(["text/plain", "application/json", "application/x-ndjson", "text/csv", "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

const TEXTUAL = ["text/plain", "application/json", "application/x-ndjson", "text/csv"];
const ACCEPTED: Record<string, readonly string[] | "any"> = {
  API_LOG: [...TEXTUAL, "application/gzip"],
  SCREENSHOT: ["image/png", "image/jpeg", "image/gif", "image/webp"],
  EMAIL: ["message/rfc822", "text/plain"],
  DISTILLATION_REPORT: [...TEXTUAL, "application/pdf", "text/html", "application/zip"],
  DOCUMENT: "any",
  OTHER: "any",
};

/** Whether the server takes content of this sniffed type as evidence of this kind. */
export function acceptsKind(kind: string, sniffed: string): boolean {
  const accepted = ACCEPTED[kind];
  return accepted === "any" || (accepted?.includes(sniffed) ?? false);
}

export function acceptedTypes(kind: string): string {
  const accepted = ACCEPTED[kind];
  return accepted === "any" ? "any type" : (accepted ?? []).join(", ");
}
