// The case file, signing key and audit checkpoint part of the OpenAPI description (decision 0024),
// from zod schemas of the answers.
import { z } from "zod";
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { CheckpointFileSchema } from "@/lib/audit/checkpoint-file";

type Json = Record<string, unknown>;

const ZPublicKey = z.object({ keyId: z.string().describe("first 16 hex digits of SHA-256 over the key's DER (SPKI)"), publicKeyPem: z.string() });

export const ZSigningKeyAnswer = z.object({
  algorithm: z.literal("Ed25519"),
  keyId: z.string(),
  publicKeyPem: z.string().describe("SPKI PEM; `openssl pkeyutl -verify -pubin -inkey key.pem -rawin …` takes it as is"),
  retiredKeys: z.array(ZPublicKey).describe("keys rotated out, still accepted for what they signed"),
});

const ZFileDigest = z.object({ size: z.number().int(), sha256: z.string() });

export const ZCaseFileReport = z.object({
  ok: z.boolean().describe("true only when the signature is valid and every file matches"),
  signature: z.object({ status: z.enum(["valid", "invalid", "missing"]), keySource: z.enum(["given", "embedded", "none"]), keyId: z.string().nullable() }),
  manifest: z.object({ caseId: z.string(), caseNumber: z.string(), exportedAt: z.string(), keyId: z.string(), files: z.number().int() }).nullable(),
  missing: z.array(z.string()).describe("listed in the manifest, absent from the ZIP"),
  extra: z.array(z.string()).describe("in the ZIP, not listed in the manifest"),
  altered: z.array(z.object({ path: z.string(), expected: ZFileDigest, actual: ZFileDigest.nullable(), detail: z.string().optional() })),
  problems: z.array(z.string()),
});

export function exportSchemas({ schema }: OpenApiHelpers): Json {
  return { SigningKey: schema(ZSigningKeyAnswer), AuditCheckpoint: schema(CheckpointFileSchema), CaseFileReport: schema(ZCaseFileReport) };
}

export function exportPaths({ ref, ok, errors, idParam }: OpenApiHelpers): Json {
  return {
    "/cases/{id}/export": {
      get: {
        summary:
          "The case file: a ZIP streamed as it is written, holding case.json (schema lantern-case-file/1, docs/CASE-FILE.md), audit.jsonl (the chain's fields and " +
          "audit-checkpoint.json only for ADMIN and AUDITOR exporters), " +
          "signing-key.pem, report.pdf, evidence/…, manifest.json (size and SHA-256 of every other file) and manifest.sig (base64 Ed25519 over manifest.json). " +
          "An audit event, and a custody event per evidence item",
        parameters: [idParam],
        responses: { 200: { description: "The ZIP", content: { "application/zip": { schema: { type: "string", format: "binary" } } } }, ...errors(401, 404) },
      },
    },
    "/case-files/verify": {
      post: {
        summary: "Check a case file against this instance's signing keys: the manifest's signature, then every file's size and SHA-256",
        description: "At most 1 verification at a time per user (429) and 2 per instance (503); the upload waits in a folder of the data folder that the next start-up removes if the server crashed meanwhile",
        requestBody: { required: true, content: { "application/zip": { schema: { type: "string", format: "binary" } } } },
        responses: { 200: ok("What was found (ok is false when anything is missing, extra or altered)", ref("CaseFileReport")), ...errors(400, 401, 413, 429, 503) },
      },
    },
    "/signing-key": {
      get: { summary: "The instance's Ed25519 public key (no token needed)", security: [], responses: { 200: ok("The key", ref("SigningKey")) } },
    },
    "/audit/checkpoint": {
      get: {
        summary: "A signed checkpoint of the audit chain's head {seq, hash, at} (a new one when the head moved); keep it to detect a chain later cut or rewritten (ADMIN, AUDITOR)",
        responses: { 200: ok("The checkpoint; payload is the exact text signed", ref("AuditCheckpoint")), ...errors(401, 403, 409) },
      },
    },
  };
}
