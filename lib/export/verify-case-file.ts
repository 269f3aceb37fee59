// Verifies a case file (decision 0024) with nothing but the ZIP and a public key: no database, no
// data folder. Checks manifest.sig over manifest.json's exact bytes, then every file's size and
// SHA-256 against the manifest, and names each file that is missing, extra or altered. Used by
// `npm run verify-export` (offline) and by the in-app "Verify a case file" page.
import { createHash } from "node:crypto";
import { createPublicKey } from "node:crypto";
import yauzl from "yauzl";
import { MANIFEST_PATH, ManifestSchema, PUBLIC_KEY_PATH, SIGNATURE_PATH, type Manifest } from "@/lib/export/manifest";
import { verifySignature } from "@/lib/signing/verify-signature";

export type PublicKey = { keyId?: string; publicKeyPem: string };

export type AlteredFile = { path: string; expected: { size: number; sha256: string }; actual: { size: number; sha256: string } | null; detail?: string };

export type CaseFileReport = {
  ok: boolean;
  signature: {
    status: "valid" | "invalid" | "missing";
    /** given: a key the caller passed (--key, or the instance's keys in the app); embedded: the
     *  signing-key.pem inside the file, which proves integrity but not origin. */
    keySource: "given" | "embedded" | "none";
    keyId: string | null;
  };
  manifest: Pick<Manifest, "caseId" | "caseNumber" | "exportedAt" | "keyId"> & { files: number } | null;
  missing: string[];
  extra: string[];
  altered: AlteredFile[];
  problems: string[];
};

/** Bytes of manifest.json, manifest.sig and signing-key.pem read into memory at most. */
const SMALL_FILE_LIMIT = 64 * 1024 * 1024;

type Seen = { size: number; sha256: string } | { error: string };

/** Bounds for a ZIP from someone else (the in-app verify): what its entries may expand to in all
 *  (their declared sizes, which yauzl holds each entry to, so a deflate or overlapping-entry bomb
 *  is refused before it is inflated) and how many entries and how long a name it may hold. */
export type ZipLimits = { maxUncompressedBytes: number; maxEntries: number; maxNameLength: number };

/** Thrown by verifyCaseFile when the ZIP exceeds its ZipLimits. */
export class ZipLimitError extends Error {}

export async function verifyCaseFile(zipPath: string, trustedKeys: PublicKey[] | null, limits?: ZipLimits): Promise<CaseFileReport> {
  const report: CaseFileReport = { ok: false, signature: { status: "missing", keySource: "none", keyId: null }, manifest: null, missing: [], extra: [], altered: [], problems: [] };
  const seen = new Map<string, Seen>();
  const small = new Map<string, Buffer>();
  try {
    await readEntries(zipPath, seen, small, report.problems, limits);
  } catch (e) {
    if (e instanceof ZipLimitError) throw e;
    report.problems.push(`not a readable ZIP file: ${e instanceof Error ? e.message : String(e)}`);
    return report;
  }

  const manifestBytes = small.get(MANIFEST_PATH);
  const signatureText = small.get(SIGNATURE_PATH)?.toString("utf8");
  if (!manifestBytes) {
    report.missing.push(MANIFEST_PATH);
    report.problems.push("manifest.json is missing: no file can be checked");
  }
  if (signatureText === undefined) report.missing.push(SIGNATURE_PATH);

  // The signature first: a manifest that does not verify proves nothing about the other files.
  const keys: PublicKey[] = trustedKeys ?? (small.has(PUBLIC_KEY_PATH) ? [{ publicKeyPem: small.get(PUBLIC_KEY_PATH)!.toString("utf8") }] : []);
  report.signature.keySource = trustedKeys ? "given" : keys.length ? "embedded" : "none";
  if (manifestBytes && signatureText !== undefined) {
    const signer = keys.find((k) => verifySignature(manifestBytes, signatureText, k.publicKeyPem));
    report.signature.status = signer ? "valid" : "invalid";
    report.signature.keyId = signer ? (signer.keyId ?? keyIdOfPem(signer.publicKeyPem)) : null;
    if (!signer) report.problems.push(keys.length ? "manifest.sig is not a valid signature of manifest.json under the key used" : "no public key to check manifest.sig with (pass one)");
  }

  let manifest: Manifest | null = null;
  if (manifestBytes) {
    try {
      const parsed = ManifestSchema.safeParse(JSON.parse(manifestBytes.toString("utf8")));
      if (parsed.success) manifest = parsed.data;
      else report.problems.push(`manifest.json is not a Lantern case file manifest: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
    } catch {
      report.problems.push("manifest.json is not valid JSON");
    }
  }
  if (manifest) {
    report.manifest = { caseId: manifest.caseId, caseNumber: manifest.caseNumber, exportedAt: manifest.exportedAt, keyId: manifest.keyId, files: manifest.files.length };
    const listed = new Set<string>();
    for (const f of manifest.files) {
      listed.add(f.path);
      const got = seen.get(f.path);
      if (!got) report.missing.push(f.path);
      else if ("error" in got) report.altered.push({ path: f.path, expected: { size: f.size, sha256: f.sha256 }, actual: null, detail: got.error });
      else if (got.size !== f.size || got.sha256 !== f.sha256) report.altered.push({ path: f.path, expected: { size: f.size, sha256: f.sha256 }, actual: got });
    }
    for (const path of seen.keys()) if (!listed.has(path) && path !== MANIFEST_PATH && path !== SIGNATURE_PATH) report.extra.push(path);
  }
  report.ok = report.signature.status === "valid" && manifest !== null && report.missing.length === 0 && report.extra.length === 0 && report.altered.length === 0 && report.problems.length === 0;
  return report;
}

function keyIdOfPem(pem: string): string | null {
  try {
    return createHash("sha256").update(createPublicKey(pem).export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
  } catch {
    return null;
  }
}

/** Reads every entry once, hashing it as it streams; keeps only the small control files. */
function readEntries(zipPath: string, seen: Map<string, Seen>, small: Map<string, Buffer>, problems: string[], limits?: ZipLimits): Promise<void> {
  let declared = 0;
  let entries = 0;
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (limits) {
          declared += entry.uncompressedSize;
          entries += 1;
          const over =
            entries > limits.maxEntries ? `more than ${limits.maxEntries} entries`
            : name.length > limits.maxNameLength ? `an entry name longer than ${limits.maxNameLength} characters`
            : declared > limits.maxUncompressedBytes ? `entries that expand to more than ${limits.maxUncompressedBytes} bytes`
            : null;
          if (over) {
            zip.close();
            return reject(new ZipLimitError(`The ZIP holds ${over}`));
          }
        }
        if (name.endsWith("/")) return zip.readEntry(); // a folder entry holds no bytes
        if (seen.has(name)) {
          problems.push(`${name} appears twice in the ZIP`);
          return zip.readEntry();
        }
        const keep = name === MANIFEST_PATH || name === SIGNATURE_PATH || name === PUBLIC_KEY_PATH;
        zip.openReadStream(entry, (e, stream) => {
          if (e) {
            seen.set(name, { error: e.message });
            return zip.readEntry();
          }
          const hash = createHash("sha256");
          const chunks: Buffer[] = [];
          let size = 0;
          let done = false;
          const finish = (result: Seen) => {
            if (done) return;
            done = true;
            seen.set(name, result);
            if (keep && !("error" in result)) small.set(name, Buffer.concat(chunks));
            zip.readEntry();
          };
          stream.on("data", (c: Buffer) => {
            size += c.length;
            hash.update(c);
            if (keep && size <= SMALL_FILE_LIMIT) chunks.push(c);
          });
          stream.on("error", (se: Error) => finish({ error: se.message }));
          stream.on("end", () => finish(keep && size > SMALL_FILE_LIMIT ? { error: "too large" } : { size, sha256: hash.digest("hex") }));
        });
      });
      zip.readEntry();
    });
  });
}

/** A person-readable account of the report, one finding per line (the CLI prints it). */
export function describeReport(r: CaseFileReport): string[] {
  const lines: string[] = [];
  if (r.manifest) lines.push(`Case file of ${r.manifest.caseNumber} (${r.manifest.caseId}), exported ${r.manifest.exportedAt}, ${r.manifest.files} files listed`);
  const sig = r.signature;
  if (sig.status === "valid") {
    lines.push(`Signature: valid (key ${sig.keyId})${sig.keySource === "embedded" ? " — under the key inside the file; compare it with the instance's published key (GET /api/v1/signing-key) or pass --key to prove where it came from" : ""}`);
  } else lines.push(`Signature: ${sig.status.toUpperCase()}`);
  for (const p of r.missing) lines.push(`MISSING  ${p}`);
  for (const p of r.extra) lines.push(`EXTRA    ${p}`);
  for (const a of r.altered) lines.push(`ALTERED  ${a.path}: ${a.actual ? `expected ${a.expected.size} bytes sha256 ${a.expected.sha256}, found ${a.actual.size} bytes sha256 ${a.actual.sha256}` : `unreadable (${a.detail})`}`);
  for (const p of r.problems) lines.push(`PROBLEM  ${p}`);
  lines.push(r.ok ? "OK: the signature and every file check out" : "FAILED: this case file is not as it was exported");
  return lines;
}
