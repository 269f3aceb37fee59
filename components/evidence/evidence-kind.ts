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
  if (/distill|report/i.test(name)) return "DISTILLATION_REPORT";
  return "DOCUMENT";
}
