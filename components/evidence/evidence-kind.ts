// Evidence kinds as the UI names them, and a first guess of the kind from a dropped file, which
// the investigator can change before uploading. Client-safe: no server imports.
import { EVIDENCE_KINDS } from "@/lib/evidence/evidence-schemas";

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const KIND_LABELS: Record<EvidenceKind, string> = {
  DISTILLATION_REPORT: "Distillation report",
  API_LOG: "API usage log",
  DOCUMENT: "Document",
  SCREENSHOT: "Screenshot",
  EMAIL: "Email",
  OTHER: "Other",
};

export const KIND_OPTIONS = EVIDENCE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as EvidenceKind] ?? kind;
}

/** The likely kind of a file from its name and browser-reported type. */
export function guessKind(name: string, type: string): EvidenceKind {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (type.startsWith("image/") && ext !== "svg") return "SCREENSHOT";
  if (["jsonl", "ndjson", "log", "csv", "tsv", "gz"].includes(ext)) return "API_LOG";
  if (ext === "eml" || type === "message/rfc822") return "EMAIL";
  // "distillation-analysis.pdf" is a distillation report; "analysis-report.pdf" is just a document
  // unless the investigator says otherwise.
  if (/distill/i.test(name)) return "DISTILLATION_REPORT";
  return "DOCUMENT";
}

const TOKEN_COLUMNS = ["prompt_tokens", "completion_tokens", "total_tokens", "tokens", "input_tokens", "output_tokens"];

/** The field names of the first record: a JSON object's keys (JSON Lines) or a CSV/TSV header. */
export function firstRecordFields(head: string): string[] {
  const first = head.replace(/^\ufeff/, "").split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  if (first.startsWith("{")) {
    try {
      const value = JSON.parse(first) as unknown;
      return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).map((k) => k.toLowerCase()) : [];
    } catch {
      return []; // a first line longer than the head read, or not JSON
    }
  }
  const separator = first.includes("\t") ? "\t" : ",";
  if (!first.includes(separator)) return [];
  return first.split(separator).map((c) => c.trim().replace(/^"(.*)"$/, "$1").toLowerCase());
}

/**
 * A guess from the file's first bytes, better than the name's where it finds something: records
 * with a timestamp, an account id and token counts are an API usage log, whatever the file is called.
 * Nothing (keep the name's guess) otherwise.
 */
export function guessKindFromContent(_name: string, head: string): EvidenceKind | null {
  const fields = new Set(firstRecordFields(head));
  if (fields.has("timestamp") && fields.has("account_id") && TOKEN_COLUMNS.some((c) => fields.has(c))) return "API_LOG";
  return null;
}

/** The first bytes of a picked file, as text (enough for a header or a first record). */
export async function readHead(file: Blob, bytes = 16_384): Promise<string> {
  try {
    return await file.slice(0, bytes).text();
  } catch {
    return "";
  }
}
