// Evidence metadata, validated once at the edge (multipart fields, forms, OpenAPI).
import { z } from "zod";
import { emptyToUndefined } from "@/lib/validation";

export const EVIDENCE_KINDS = ["DISTILLATION_REPORT", "API_LOG", "DOCUMENT", "SCREENSHOT", "EMAIL", "OTHER"] as const;
export const ZEvidenceKind = z.enum(EVIDENCE_KINDS);

export const ZEvidenceMetadata = z.object({
  kind: ZEvidenceKind,
  title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  description: z.preprocess(emptyToUndefined, z.string().trim().max(10_000).default("")),
  source: z.preprocess(emptyToUndefined, z.string().trim().max(500).default("")),
  collectedAt: z.preprocess(
    emptyToUndefined,
    z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).transform((s) => new Date(s)).optional(),
  ),
});
export type TEvidenceMetadata = z.output<typeof ZEvidenceMetadata>;
