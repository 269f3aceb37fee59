// The answers of the evidence routes as zod schemas: the OpenAPI document describes them from
// these, and the compile-time checks below keep them equal to the types the code answers with.
import { z } from "zod";
import type { CustodyEventView, EvidenceView } from "@/lib/evidence/evidence-view";
import type { SameContentItem } from "@/lib/evidence/same-content";
import type { VerifyResult } from "@/lib/evidence/verify-evidence";
import type { EvidencePreview } from "@/lib/evidence/preview-evidence";
import type { FoundEvidence } from "@/lib/evidence/find-evidence";
import type { getEvidence } from "@/lib/evidence/get-evidence";

export const ZCustodyEvent = z.object({
  id: z.string(),
  action: z.string().describe("UPLOAD, VIEW, DOWNLOAD, VERIFY, EXPORT, ..."),
  at: z.string(),
  actorEmail: z.string().nullable(),
  ip: z.string().nullable(),
  sha256Observed: z.string().nullable(),
  ok: z.boolean().nullable(),
  detail: z.string().nullable(),
});

export const ZEvidence = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  source: z.string(),
  collectedAt: z.string().nullable(),
  originalFilename: z.string(),
  mediaType: z.string().describe("sniffed from the content"),
  declaredMediaType: z.string(),
  mediaTypeMismatch: z.boolean(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdAt: z.string(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  lastVerifiedAt: z.string().nullable(),
  integrity: z.enum(["UNVERIFIED", "OK", "FAILED"]),
  removed: z.boolean(),
  version: z.number().int().describe("send it back with PATCH to get 409 on a concurrent edit"),
  removal: z.object({ at: z.string(), reason: z.string() }).nullable().describe("when and why an admin removed it (a tombstone: hash and custody stay)"),
});

export const ZEvidenceDetail = ZEvidence.extend({
  custody: z.array(ZCustodyEvent).describe("the first 1,000 custody events, oldest first"),
  custodyTotal: z.number().int(),
});

export const ZSameContentItem = z.object({ id: z.string(), title: z.string(), caseNumber: z.string(), sameCase: z.boolean(), removed: z.boolean() });

export const ZUploadedEvidence = ZEvidence.extend({
  sameContent: z.array(ZSameContentItem).describe("other items with the same SHA-256 on cases the caller can see"),
});

export const ZFoundEvidence = ZEvidence.extend({ caseNumber: z.string() });

export const ZVerifyResult = z.object({ ok: z.boolean(), expected: z.string(), observed: z.string().nullable(), reason: z.string().nullable() });

const previewPage = { page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean(), truncated: z.boolean() };

export const ZEvidencePreview = z
  .discriminatedUnion("format", [
    z.object({ format: z.literal("csv"), columns: z.array(z.string()), rows: z.array(z.array(z.string())), ...previewPage }),
    z.object({ format: z.literal("jsonl"), lines: z.array(z.object({ n: z.number().int(), text: z.string(), valid: z.boolean() })), ...previewPage }),
    z.object({ format: z.literal("json"), text: z.string(), truncated: z.boolean() }),
    z.object({ format: z.literal("text"), lines: z.array(z.object({ n: z.number().int(), text: z.string() })), ...previewPage }),
    z.object({ format: z.literal("image"), mediaType: z.string() }),
    z.object({ format: z.literal("pdf"), mediaType: z.literal("application/pdf") }),
  ])
  .describe(
    "By format. csv: columns (the header, on every page), rows; jsonl: lines (text pretty-printed when valid); text: lines; these three also carry page, pageSize, hasMore, truncated. " +
      "json: text (pretty-printed, or the raw start when over 1 MiB or malformed), truncated. image, pdf: mediaType (show content?view=1). " +
      "truncated: a line or cell over 10,000 characters was cut, or the preview stopped at 64 MiB.",
  );

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type EvidenceAnswerSchemasAgree = [
  Assert<Same<z.output<typeof ZCustodyEvent>, CustodyEventView>>,
  Assert<Same<z.output<typeof ZEvidence>, EvidenceView>>,
  Assert<Same<z.output<typeof ZEvidenceDetail>, Awaited<ReturnType<typeof getEvidence>>>>,
  Assert<Same<z.output<typeof ZSameContentItem>, SameContentItem>>,
  Assert<Same<z.output<typeof ZFoundEvidence>, FoundEvidence>>,
  Assert<Same<z.output<typeof ZVerifyResult>, VerifyResult>>,
  Assert<Same<z.output<typeof ZEvidencePreview>, EvidencePreview>>,
];
