// manifest.json and manifest.sig (decision 0024). The manifest lists every other file of the case
// file with its size and SHA-256, one file per line, so that standard tools can check it without
// Lantern (README, "Checking a case file without Lantern"); manifest.sig is the base64 Ed25519
// signature over manifest.json's exact bytes.
import { z } from "zod";
import { CASE_FILE_FORMAT } from "@/lib/export/case-file-format";


export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.sig";
export const PUBLIC_KEY_PATH = "signing-key.pem";

export type ManifestHeader = { caseId: string; caseNumber: string; exportedAt: string; keyId: string };

export const ManifestSchema = z.object({
  format: z.literal(CASE_FILE_FORMAT),
  caseId: z.string(),
  caseNumber: z.string(),
  exportedAt: z.string(),
  algorithm: z.literal("Ed25519"),
  keyId: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The manifest's exact text: valid JSON, one file per line (the line layout is part of the format). */
export function manifestText(header: ManifestHeader, files: { path: string; size: number; sha256: string }[]): string {
  const head = JSON.stringify({ format: CASE_FILE_FORMAT, caseId: header.caseId, caseNumber: header.caseNumber, exportedAt: header.exportedAt, algorithm: "Ed25519", keyId: header.keyId });
  const lines = files.map((f) => JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 }));
  return `${head.slice(0, -1)},"files":[\n${lines.join(",\n")}\n]}\n`;
}
