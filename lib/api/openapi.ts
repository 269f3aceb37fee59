// The OpenAPI description of /api/v1, generated from the same zod schemas that validate requests.
import { z } from "zod";
import { ZPageQuery } from "@/lib/validation";
import {
  ZCaseTransitionInput,
  ZCreateCaseInput,
  ZCreateNoteInput,
  ZEditCaseInput,
  ZListCasesQuery,
} from "@/lib/cases/case-schemas";
import { ZListAuditQuery } from "@/lib/audit/list-audit-events";
import { ZListNotesQuery } from "@/lib/notes/notes";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { ZEditEvidenceInput } from "@/lib/evidence/edit-evidence-metadata";
import { ZPreviewQuery } from "@/lib/evidence/preview-evidence";
import { ZFindEvidenceQuery } from "@/lib/evidence/find-evidence";
import { accountPaths, accountSchemas, type OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { actionPaths, actionSchemas } from "@/lib/api/openapi-actions";
import { dashboardPaths, dashboardSchemas, withCsvFormat } from "@/lib/api/openapi-dashboard";
import { AUDIT_CSV_COLUMNS } from "@/lib/list-exports/export-audit";
import { CASE_CSV_COLUMNS } from "@/lib/list-exports/export-cases";
import { exportPaths, exportSchemas } from "@/lib/api/openapi-export";
import { stixPaths } from "@/lib/api/openapi-stix";
import { ingestPaths, ingestSchemas } from "@/lib/api/openapi-ingest";
import { distillationPaths, distillationSchemas } from "@/lib/api/openapi-distillation";
import { ZRemoveEvidenceInput } from "@/lib/evidence/remove-evidence";
import { distillationReportPaths, distillationReportSchemas } from "@/lib/api/openapi-distillation-report";
import { ZCaseDetail, ZCaseSummary } from "@/lib/cases/case-answer-schemas";
import { ZNote } from "@/lib/notes/note-answer-schemas";
import { ZCustodyEvent, ZEvidence, ZEvidenceDetail, ZEvidencePreview, ZFoundEvidence, ZUploadedEvidence, ZVerifyResult } from "@/lib/evidence/evidence-answer-schemas";
import { ZAuditEntry, ZAuditPage, ZChainReport } from "@/lib/audit/audit-answer-schemas";
import { withOperationIds } from "@/lib/api/openapi-operation-ids";

type Json = Record<string, unknown>;

const schema = (s: z.ZodType): Json => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
};

/**
 * An answer's JSON schema, from the zod schema of what the code answers (io "output"). Objects stay
 * open (no additionalProperties: false), so a field added to an answer later does not break clients
 * that validate; the integer bounds zod adds (the safe-integer range) are left out as noise.
 */
const SAFE = Number.MAX_SAFE_INTEGER;
const answer = (s: z.ZodType): Json => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, {
    io: "output",
    unrepresentable: "any",
    override: ({ jsonSchema: js }) => {
      if (js.additionalProperties === false) delete js.additionalProperties;
      if (js.minimum === -SAFE) delete js.minimum;
      if (js.maximum === SAFE) delete js.maximum;
    },
  }) as Json;
  return rest;
};

function queryParameters(s: z.ZodObject): Json[] {
  const js = schema(s) as { properties: Record<string, Json> };
  return Object.entries(js.properties).map(([name, p]) => ({ name, in: "query", required: false, schema: p }));
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "case id or number (LAN-YYYY-NNNN, or LAN-R-YYYY-NNNN for a case created restricted)" };
const evidenceParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "evidence id" };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const ok = (description: string, schemaRef?: Json) => ({
  description,
  ...(schemaRef && { content: { "application/json": { schema: schemaRef } } }),
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { "application/json": { schema: ref("Error") } } }]));

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; details.fieldErrors names the fields",
  401: "Missing or invalid token",
  403: "Your role may not do this",
  404: "Not found (also for restricted cases you may not see)",
  409: "Illegal state change or concurrent edit",
  413: "Body too large",
  415: "Unsupported media type",
  429: "Too many at a time or too often; details.limit names the limit, Retry-After when to try again",
  503: "Busy; Retry-After says when to try again",
};

const page = (item: Json) => ({
  type: "object",
  required: ["items", "total", "page", "pageSize"],
  properties: { items: { type: "array", items: item }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } },
});

export function openApiDocument(): Json {
  const helpers: OpenApiHelpers = { schema, answer, queryParameters, ref, body, ok, errors, page, idParam };
  return {
    openapi: "3.1.0",
    info: { title: "Lantern API", version: "1.0.0", description: "Case management for model-distillation investigations." },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Personal access token (Settings → API tokens)" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, details: {} } } },
        },
        CreateCase: schema(ZCreateCaseInput),
        UpdateCase: schema(ZEditCaseInput),
        CaseTransition: schema(ZCaseTransitionInput),
        CreateNote: schema(ZCreateNoteInput),
        Case: answer(ZCaseDetail),
        CaseSummary: answer(ZCaseSummary),
        EvidenceUpload: {
          type: "object",
          required: ["file", "kind", "title"],
          properties: { file: { type: "string", format: "binary" }, ...(schema(ZEvidenceMetadata) as { properties: object }).properties, supersedesId: { type: "string" } },
        },
        Evidence: answer(ZEvidence),
        EvidenceDetail: { ...answer(ZEvidenceDetail), description: "The evidence with its custody events (the first 1,000, oldest first) and custodyTotal" },
        UploadedEvidence: answer(ZUploadedEvidence),
        FoundEvidence: answer(ZFoundEvidence),
        CustodyEvent: answer(ZCustodyEvent),
        EvidenceVerification: answer(ZVerifyResult),
        Note: answer(ZNote),
        EvidencePreview: answer(ZEvidencePreview),
        AuditEvent: {
          ...answer(ZAuditEntry),
          description:
            "kind \"event\": at, actorId, actorEmail, actorName, action, entityType, entityId, caseId, caseNumber, subject, summary (one sentence), changes, people (names by id); " +
            "seq, requestId, ip and hash only for readers of the whole chain (ADMIN, AUDITOR). kind \"withheld\" (AUDITOR, an event of a restricted case they cannot see): seq, at, hash, summary only",
        },
        AuditPage: {
          type: "object",
          required: ["scope", "items", "total", "page", "pageSize"],
          properties: { scope: { ...answer(ZAuditPage.shape.scope), description: "all (ADMIN), chain (AUDITOR, withheld rows in place) or cases (the cases you can see)" }, ...page(ref("AuditEvent")).properties },
        },
        AuditChainReport: answer(ZChainReport),
        ...accountSchemas(helpers),
        ...actionSchemas(helpers),
        ...dashboardSchemas(helpers),
        ...exportSchemas(helpers),
        ...ingestSchemas(helpers),
        ...distillationReportSchemas(helpers),
        ...distillationSchemas(helpers),
      },
    },
    paths: withOperationIds({
      "/cases": {
        get: withCsvFormat({ summary: "List cases (or, with format=csv, export every matching one)", parameters: queryParameters(ZListCasesQuery), responses: { 200: ok("A page of cases", page(ref("CaseSummary"))), ...errors(400, 401) } }, CASE_CSV_COLUMNS),
        post: { summary: "Open a case", requestBody: body("CreateCase"), responses: { 201: ok("The created case", ref("Case")), ...errors(400, 401, 403, 413, 415) } },
      },
      "/cases/{id}": {
        get: { summary: "A case", parameters: [idParam], responses: { 200: ok("The case", ref("Case")), ...errors(401, 404) } },
        patch: { summary: "Edit a case (and its lead and members)", parameters: [idParam], requestBody: body("UpdateCase"), responses: { 200: ok("The case", ref("Case")), ...errors(400, 401, 403, 404, 409, 415) } },
      },
      "/cases/{id}/transitions": {
        post: { summary: "Change a case's status", parameters: [idParam], requestBody: body("CaseTransition"), responses: { 200: ok("The case", ref("Case")), ...errors(400, 401, 403, 404, 409, 415) } },
      },
      "/cases/{id}/notes": {
        get: { summary: "Notes of a case, pinned first", parameters: [idParam, ...queryParameters(ZListNotesQuery)], responses: { 200: ok("A page of notes", page(ref("Note"))), ...errors(401, 404) } },
        post: { summary: "Add a note", parameters: [idParam], requestBody: body("CreateNote"), responses: { 201: ok("The note", ref("Note")), ...errors(400, 401, 403, 404, 415) } },
      },
      "/cases/{id}/evidence": {
        get: { summary: "Evidence of a case", parameters: [idParam], responses: { 200: ok("A page of evidence", page(ref("Evidence"))), ...errors(401, 404) } },
        post: {
          summary: "Upload evidence (streams to storage while hashing). The answer adds sameContent: other items with the same SHA-256 on cases the caller can see ({id, title, caseNumber, sameCase, removed}). A superseding upload (supersedesId) without description or source keeps those of the item it replaces",
          parameters: [idParam],
          requestBody: { required: true, content: { "multipart/form-data": { schema: ref("EvidenceUpload") } } },
          responses: { 201: ok("The evidence", ref("UploadedEvidence")), ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      "/evidence": {
        get: { summary: "Find evidence across the cases you may see (title, filename or SHA-256 prefix)", parameters: queryParameters(ZFindEvidenceQuery), responses: { 200: ok("A page of evidence, each with caseNumber", page(ref("FoundEvidence"))), ...errors(400, 401) } },
      },
      "/evidence/{id}": {
        get: { summary: "Evidence metadata with its custody events", parameters: [evidenceParam], responses: { 200: ok("The evidence", ref("EvidenceDetail")), ...errors(401, 404) } },
        patch: { summary: "Edit metadata (kind, title, description, source, collectedAt); a kind that does not fit the stored content is refused with 415", parameters: [evidenceParam], requestBody: { required: true, content: { "application/json": { schema: schema(ZEditEvidenceInput) } } }, responses: { 200: ok("The evidence", ref("Evidence")), ...errors(400, 401, 403, 404, 409, 415) } },
        delete: { summary: "Remove (ADMIN; a tombstone keeping hash and custody); body {reason}", parameters: [evidenceParam], requestBody: { required: true, content: { "application/json": { schema: schema(ZRemoveEvidenceInput) } } }, responses: { 200: ok("The evidence", ref("EvidenceDetail")), ...errors(400, 401, 403, 404, 409, 413, 415) } },
      },
      "/evidence/{id}/custody": {
        get: { summary: "The chain of custody, newest first, paged", parameters: [evidenceParam, ...queryParameters(ZPageQuery)], responses: { 200: ok("A page of custody events", page(ref("CustodyEvent"))), ...errors(400, 401, 404) } },
      },
      "/evidence/{id}/content": {
        get: { summary: "The bytes: a download, or ?view=1 for an inline preview of safe types", parameters: [evidenceParam], responses: { 200: { description: "The content, with its stored media type", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, ...errors(401, 404, 415) } },
      },
      "/evidence/{id}/preview": {
        get: {
          summary: "A safe in-app preview (a page of CSV, JSON Lines or text; JSON; images by reference). Other types, SVG and HTML included, are download-only (415). Records a VIEW custody event",
          parameters: [evidenceParam, ...queryParameters(ZPreviewQuery)],
          responses: { 200: ok("The preview", ref("EvidencePreview")), ...errors(400, 401, 404, 415) },
        },
      },
      "/evidence/{id}/verify": {
        post: { summary: "Re-hash the stored content and record the result", description: "Reads the stored content once for its SHA-256 and CRC-32. `ok` is false when the SHA-256 differs from the one recorded at intake, and also when the content matches it but the recorded CRC-32 was wrong: then `observed` equals `expected` and the record is corrected. A missing CRC-32 (evidence recorded before intake kept one) is filled in.", parameters: [evidenceParam], responses: { 200: ok("The result, also recorded as a VERIFY custody event", ref("EvidenceVerification")), ...errors(401, 404) } },
      },
      "/audit": {
        get: withCsvFormat({ summary: "Audit events, newest first (or, with format=csv, every matching one): the whole chain for ADMIN and AUDITOR (an auditor gets events of restricted cases they cannot see as withheld rows, unless a filter names an actor, action, entity or case); managers and investigators get the events of the cases they can see, without sequence numbers (answer field scope: all, chain or cases)", parameters: queryParameters(ZListAuditQuery), responses: { 200: ok("A page of events", ref("AuditPage")), ...errors(400, 401, 403) } }, AUDIT_CSV_COLUMNS),
      },
      ...accountPaths(helpers),
      ...actionPaths(helpers),
      ...dashboardPaths(helpers),
      ...exportPaths(helpers),
      ...stixPaths(helpers),
      ...ingestPaths(helpers),
      ...distillationReportPaths(helpers),
      ...distillationPaths(helpers),
      "/audit/verify": {
        get: { summary: "Verify the audit hash chain", responses: { 200: ok("OK, or the first broken event", ref("AuditChainReport")), ...errors(401, 403) } },
      },
    }),
  };
}
