// The case file export (issue 12 points 2 and 3): what the ZIP holds, that the export is audited
// (one audit event, one custody event per evidence item), that restricted cases stay hidden, and
// that verification, in the library and through `npm run verify-export`, names each file that was
// altered (one byte of evidence flipped, case.json edited), added or dropped. Also runs the README's
// commands for checking a case file without Lantern (unzip, openssl, base64, sed, sha256sum).
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { eventHash } from "@/lib/audit/canonical";
import { addNote } from "@/lib/notes/notes";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { exportCaseFile, type CaseFileExport } from "@/lib/export/export-case-file";
import { ManifestSchema } from "@/lib/export/manifest";
import { verifyCaseFile, type CaseFileReport } from "@/lib/export/verify-case-file";
import { verifyUploadedCaseFile } from "@/lib/export/verify-uploaded-case-file";
import { Readable } from "node:stream";
import { signingKey } from "@/lib/signing/signing-key";
import { isFileSegment, readSegment } from "@/lib/storage/file-segment";
import { verifySignature } from "@/lib/signing/verify-signature";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";
import { stageBytes } from "@/test/support/evidence-files";
import { seedIngestRun } from "@/test/support/seed-ingest-run";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-casefile-"));
const EVIDENCE_A = Buffer.from("request log line 1\nrequest log line 2\n".repeat(1000));
const EVIDENCE_B = Buffer.from("second item: a screenshot stand-in ".repeat(300));

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

async function exportTo(file: string, ...args: Parameters<typeof exportCaseFile>): Promise<string> {
  const out = await exportCaseFile(...args);
  await pipeline(caseFileBytes(out), fs.createWriteStream(file));
  return out.filename;
}

/** The export's bytes, its file segments (evidence) read as a consumer without a socket reads them. */
async function* caseFileBytes(out: CaseFileExport): AsyncGenerator<Buffer> {
  for await (const part of out.chunks) {
    if (isFileSegment(part)) yield* readSegment(part, out.pool);
    else yield part;
  }
}

function unzip(zip: string, into: string): void {
  fs.rmSync(into, { recursive: true, force: true });
  execFileSync("unzip", ["-q", zip, "-d", into]);
}

async function verifyCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Offline: no DATABASE_URL and a data folder that does not exist.
  const env = { ...process.env, DATABASE_URL: "file:/nonexistent/lantern.db", LANTERN_DATA_DIR: "/nonexistent" };
  return promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/verify-export.ts", ...args], { cwd: root, env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** Copies the ZIP, lets `change` edit its unpacked files, and packs it again with `zip`. */
function repack(zip: string, name: string, change: (folder: string) => void): string {
  const folder = path.join(dir, `${name}-files`);
  unzip(zip, folder);
  change(folder);
  const target = path.join(dir, `${name}.zip`);
  fs.rmSync(target, { force: true });
  execFileSync("zip", ["-q", "-r", "-X", target, "."], { cwd: folder });
  return target;
}

describe("case file export", () => {
  let investigator: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  let caseNumber: string;
  let zip: string;
  let evidenceIds: string[];
  const keyPem = () => path.join(dir, "key.pem");

  beforeAll(async () => {
    investigator = await createUser({ role: "INVESTIGATOR" });
    const c = await createCase(investigator, { title: "Harvesting via rotated keys", memberIds: [investigator.id] });
    caseId = c.id;
    caseNumber = c.number;
    await addNote(ctxFor(investigator), c.id, { body: "Keys rotate every 90 minutes." });
    const account = await createAccount(investigator, { externalId: "acct-export-1", attributes: [{ type: "IP", value: "203.0.113.7" }] });
    await attachAccount(investigator, c.id, account.id);
    const a = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(EVIDENCE_A, "requests.log", "text/plain"), { kind: "API_LOG", title: "Request log" });
    const b = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(EVIDENCE_B, "../weird/na\"me?.txt", "text/plain"), { kind: "DOCUMENT", title: "Odd name" });
    evidenceIds = [a.id, b.id];
    zip = path.join(dir, "case.zip");
    expect(await exportTo(zip, ctxFor(investigator), c.number)).toMatch(new RegExp(`^${caseNumber}-case-file-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    fs.writeFileSync(keyPem(), signingKey().publicKeyPem);
  });

  it("holds case.json, audit.jsonl, the key, report.pdf, the evidence, and a signed manifest listing every other file", async () => {
    const folder = path.join(dir, "intact");
    unzip(zip, folder);
    const entries = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
    const evidenceFiles = entries.filter((e) => e.startsWith("evidence/"));
    // An investigator's file: no checkpoint of the chain (decision 0020; an auditor's has one, below).
    expect(entries).toEqual(["case.json", "audit.jsonl", "signing-key.pem", "report.pdf", ...evidenceFiles, "manifest.json", "manifest.sig"]);
    expect(evidenceFiles).toEqual([`evidence/${evidenceIds[0]}-requests.log`, expect.stringMatching(new RegExp(`^evidence/${evidenceIds[1]}-[\\w .-]+$`))]);
    expect(fs.readFileSync(path.join(folder, evidenceFiles[0])).equals(EVIDENCE_A)).toBe(true);
    expect(fs.readFileSync(path.join(folder, evidenceFiles[1])).equals(EVIDENCE_B)).toBe(true);

    const manifestBytes = fs.readFileSync(path.join(folder, "manifest.json"));
    const manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString("utf8")));
    expect(manifest.files.map((f) => f.path)).toEqual(entries.slice(0, -2));
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(folder, f.path));
      expect({ path: f.path, size: bytes.length, sha256: sha(bytes) }).toEqual(f);
    }
    expect(manifest.keyId).toBe(signingKey().keyId);
    expect(verifySignature(manifestBytes, fs.readFileSync(path.join(folder, "manifest.sig"), "utf8"), signingKey().publicKeyPem)).toBe(true);
    expect(fs.readFileSync(path.join(folder, "report.pdf")).subarray(0, 5).toString()).toBe("%PDF-");

    const data = JSON.parse(fs.readFileSync(path.join(folder, "case.json"), "utf8"));
    expect(data).toMatchObject({ format: "lantern-case-file/1", schemaVersion: 1, case: { id: caseId, number: caseNumber, title: "Harvesting via rotated keys" } });
    expect(data.notes.map((n: { body: string }) => n.body)).toEqual(["Keys rotate every 90 minutes."]);
    expect(data.accounts).toMatchObject([{ externalId: "acct-export-1", attributes: [{ type: "IP", value: "203.0.113.7" }], role: "SUBJECT" }]);
    expect(data.statusHistory).toMatchObject([{ from: null, to: "OPEN" }]);
    expect([data.ingestRuns, data.findings]).toEqual([[], null]); // no log ingested on this case
    expect(data.evidence.map((e: { sha256: string; file: string }) => [e.sha256, e.file])).toEqual([
      [sha(EVIDENCE_A), evidenceFiles[0]],
      [sha(EVIDENCE_B), evidenceFiles[1]],
    ]);
    // The file shows its own export: a custody event per evidence item.
    for (const e of data.evidence) expect(e.custody.map((k: { action: string }) => k.action)).toEqual(["UPLOAD", "EXPORT"]);

    // audit.jsonl: the case's events, the last one the export's, without what an investigator may not
    // read of the audit trail: sequence numbers, the chain's hashes, addresses, request ids.
    const events = fs.readFileSync(path.join(folder, "audit.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual(["action", "actorEmail", "actorId", "at", "caseId", "changes", "entityId", "entityType"]);
      expect(e.caseId).toBe(caseId);
    }
    expect(events.map((e) => e.action)).toContain("case.export");
    expect(events.at(-1).action).toBe("evidence.export");
    expect(data.auditEvents).toEqual({ withChainFields: false, withheldFields: ["seq", "prevHash", "hash", "ip", "requestId"] });
    expect(data.statusHistory.map((h: { auditSeq: number | null }) => h.auditSeq)).toEqual([null]);
  });

  it("carries the audit chain's fields and a signed checkpoint only for exporters who read the chain (ADMIN, AUDITOR), not for a MANAGER", async () => {
    const contents = async (role: "ADMIN" | "AUDITOR" | "MANAGER") => {
      const actor = await createUser({ role });
      const file = path.join(dir, `by-${role}.zip`);
      await exportTo(file, { ...ctxFor(actor), ip: "198.51.100.23" }, caseId);
      expect((await verifyCaseFile(file, [{ publicKeyPem: signingKey().publicKeyPem }])).ok).toBe(true); // signed and whole either way
      const folder = path.join(dir, `by-${role}`);
      unzip(file, folder);
      const read = (name: string) => fs.readFileSync(path.join(folder, name), "utf8");
      return {
        events: read("audit.jsonl").trim().split("\n").map((l) => JSON.parse(l)),
        data: JSON.parse(read("case.json")),
        checkpoint: fs.existsSync(path.join(folder, "audit-checkpoint.json")) ? JSON.parse(read("audit-checkpoint.json")) : null,
      };
    };
    for (const role of ["ADMIN", "AUDITOR"] as const) {
      const { events, data, checkpoint } = await contents(role);
      // Every event with its chain fields, its hash recomputable; the export's own address is there.
      for (const e of events) {
        const { hash, ...fields } = e;
        expect(eventHash({ ...fields, at: new Date(fields.at) })).toBe(hash);
      }
      expect(events.find((e) => e.action === "case.export" && e.actorEmail !== investigator.email)).toMatchObject({ ip: "198.51.100.23", seq: expect.any(Number) });
      expect(data.auditEvents).toEqual({ withChainFields: true, withheldFields: [] });
      expect(data.statusHistory[0].auditSeq).toEqual(expect.any(Number));
      // The checkpoint covers the export's own events and is signed by the instance key.
      expect(checkpoint.checkpoint.seq).toBeGreaterThanOrEqual(events.at(-1).seq);
      expect(verifySignature(checkpoint.payload, checkpoint.signature, signingKey().publicKeyPem)).toBe(true);
    }
    const manager = await contents("MANAGER");
    expect(manager.checkpoint).toBeNull();
    expect(manager.data.auditEvents.withChainFields).toBe(false);
    for (const e of manager.events) for (const f of ["seq", "prevHash", "hash", "ip", "requestId"]) expect(e).not.toHaveProperty(f);
    expect(JSON.stringify(manager.events)).not.toContain("198.51.100.23");
  });

  it("carries the ingest runs and the distillation findings over the completed ones", async () => {
    const c = await createCase(investigator, { title: "Ingested", memberIds: [investigator.id] });
    const account = await createAccount(investigator, { externalId: "acct-ingested" });
    const rows = Array.from({ length: 40 }, (_, i) => ({ accountId: account.id, ts: new Date(Date.UTC(2026, 9, 1, i % 24, i)) }));
    const { runId } = await seedIngestRun(investigator, c.id, { state: "COMPLETED", rows });
    const file = path.join(dir, "ingested.zip");
    await exportTo(file, ctxFor(investigator), c.id);
    const folder = path.join(dir, "ingested");
    unzip(file, folder);
    const data = JSON.parse(fs.readFileSync(path.join(folder, "case.json"), "utf8"));
    expect(data.ingestRuns).toMatchObject([{ id: runId, state: "COMPLETED", linesOk: 40 }]);
    expect(data.findings).toMatchObject({ runs: [{ id: runId }], totals: { accounts: 1, requests: 40 }, flaggedAccounts: expect.any(Array), clusters: expect.any(Array) });
    expect(data.findings.threshold).toEqual(expect.any(Number));
  });

  it("is recorded: one case.export audit event and an EXPORT custody event per evidence item", async () => {
    expect(await db().auditEvent.count({ where: { caseId, action: "case.export", actorId: investigator.id } })).toBe(1);
    for (const id of evidenceIds) expect(await db().custodyEvent.count({ where: { evidenceId: id, action: "EXPORT", actorId: investigator.id } })).toBe(1);
  });

  it("answers 404 for a restricted case to outsiders, and exports it for members", async () => {
    const lead = await createUser({ role: "INVESTIGATOR" });
    const outsider = await createUser({ role: "INVESTIGATOR" });
    const secret = await createCase(lead, { title: "Restricted probe", restricted: true, memberIds: [lead.id] });
    const before = await db().auditEvent.count({ where: { action: "case.export" } });
    const e = await expectAppError(exportCaseFile(ctxFor(outsider), secret.id));
    expect(e.code).toBe("NOT_FOUND");
    expect(await db().auditEvent.count({ where: { action: "case.export" } })).toBe(before);
    const file = path.join(dir, "restricted.zip");
    await exportTo(file, ctxFor(lead), secret.id);
    expect((await verifyCaseFile(file, [{ publicKeyPem: signingKey().publicKeyPem }])).ok).toBe(true);
  });

  it("verifies intact: library and offline CLI (with --key and with the key inside the file)", async () => {
    const report = await verifyCaseFile(zip, [{ publicKeyPem: signingKey().publicKeyPem }]);
    expect(report).toMatchObject({ ok: true, signature: { status: "valid", keySource: "given", keyId: signingKey().keyId }, missing: [], extra: [], altered: [], problems: [] });
    const withKey = await verifyCli([zip, "--key", keyPem()]);
    expect(withKey.stderr).toBe("");
    expect(withKey.code).toBe(0);
    expect(withKey.stdout).toContain("OK: the signature and every file check out");
    const embedded = await verifyCli([zip]);
    expect(embedded.code).toBe(0);
    expect(embedded.stdout).toContain("under the key inside the file");
  }, 120_000);

  it("names an evidence file in which one byte was flipped", async () => {
    const bytes = fs.readFileSync(zip);
    const at = bytes.indexOf(EVIDENCE_A.subarray(0, 64)) + 100; // evidence is stored, not deflated
    expect(at).toBeGreaterThan(100);
    bytes[at] ^= 0x01;
    const flipped = path.join(dir, "flipped.zip");
    fs.writeFileSync(flipped, bytes);
    const report = await verifyCaseFile(flipped, [{ publicKeyPem: signingKey().publicKeyPem }]);
    expect(report.ok).toBe(false);
    expect(report.signature.status).toBe("valid");
    expect(report.altered).toEqual([{ path: `evidence/${evidenceIds[0]}-requests.log`, expected: { size: EVIDENCE_A.length, sha256: sha(EVIDENCE_A) }, actual: { size: EVIDENCE_A.length, sha256: expect.not.stringMatching(sha(EVIDENCE_A)) } }]);
    const cli = await verifyCli([flipped, "--key", keyPem()]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`ALTERED  evidence/${evidenceIds[0]}-requests.log: expected ${EVIDENCE_A.length} bytes sha256 ${sha(EVIDENCE_A)}`);
    expect(cli.stdout).toContain("FAILED");
  }, 120_000);

  it("names case.json when it was edited, a file that was added, and one that was dropped", async () => {
    const edited = repack(zip, "edited", (f) => {
      const p = path.join(f, "case.json");
      fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace("Harvesting via rotated keys", "Nothing to see"));
    });
    const added = repack(zip, "added", (f) => fs.writeFileSync(path.join(f, "evidence", "planted.txt"), "planted"));
    const dropped = repack(zip, "dropped", (f) => fs.rmSync(path.join(f, "report.pdf")));
    const key = [{ publicKeyPem: signingKey().publicKeyPem }];

    const e = await verifyCaseFile(edited, key);
    expect([e.ok, e.altered.map((a) => a.path), e.missing, e.extra]).toEqual([false, ["case.json"], [], []]);
    const a = await verifyCaseFile(added, key);
    expect([a.ok, a.altered, a.missing, a.extra]).toEqual([false, [], [], ["evidence/planted.txt"]]);
    const d = await verifyCaseFile(dropped, key);
    expect([d.ok, d.altered, d.missing, d.extra]).toEqual([false, [], ["report.pdf"], []]);

    expect((await verifyCli([edited, "--key", keyPem()])).stdout).toMatch(/^ALTERED {2}case\.json: expected/m);
    expect((await verifyCli([added, "--key", keyPem()])).stdout).toMatch(/^EXTRA {4}evidence\/planted\.txt$/m);
    const cliDropped = await verifyCli([dropped, "--key", keyPem()]);
    expect(cliDropped.code).toBe(1);
    expect(cliDropped.stdout).toMatch(/^MISSING {2}report\.pdf$/m);
  }, 120_000);

  it("the verify page's server function (POST /api/v1/case-files/verify) names the same findings, with this instance's keys", async () => {
    const upload = (file: string) => verifyUploadedCaseFile(investigator, Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, fs.statSync(file).size);
    const pick = (r: CaseFileReport) => ({ ok: r.ok, signature: r.signature.status, altered: r.altered.map((a) => a.path), missing: r.missing, extra: r.extra });
    expect(pick(await upload(zip))).toEqual({ ok: true, signature: "valid", altered: [], missing: [], extra: [] });
    expect(pick(await upload(path.join(dir, "flipped.zip")))).toEqual({ ok: false, signature: "valid", altered: [`evidence/${evidenceIds[0]}-requests.log`], missing: [], extra: [] });
    expect(pick(await upload(path.join(dir, "edited.zip")))).toEqual({ ok: false, signature: "valid", altered: ["case.json"], missing: [], extra: [] });
    expect(pick(await upload(path.join(dir, "added.zip")))).toEqual({ ok: false, signature: "valid", altered: [], missing: [], extra: ["evidence/planted.txt"] });
    expect(pick(await upload(path.join(dir, "dropped.zip")))).toEqual({ ok: false, signature: "valid", altered: [], missing: ["report.pdf"], extra: [] });
    const notZip = path.join(dir, "not.zip");
    fs.writeFileSync(notZip, "hello");
    expect((await upload(notZip)).problems[0]).toMatch(/^not a readable ZIP file/);
    expect((await expectAppError(verifyUploadedCaseFile(investigator, Readable.toWeb(fs.createReadStream(zip)) as ReadableStream<Uint8Array>, 1e15))).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a manifest that was edited to match an altered file, or signed by another key", async () => {
    const forged = repack(zip, "forged", (f) => {
      const p = path.join(f, "case.json");
      fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace("Harvesting", "Nothing"));
      const m = path.join(f, "manifest.json");
      const line = fs.readFileSync(m, "utf8").split("\n").find((l) => l.includes('"case.json"'))!;
      const bytes = fs.readFileSync(p);
      fs.writeFileSync(m, fs.readFileSync(m, "utf8").replace(line, JSON.stringify({ path: "case.json", size: bytes.length, sha256: sha(bytes) }) + ","));
    });
    const r = await verifyCaseFile(forged, [{ publicKeyPem: signingKey().publicKeyPem }]);
    expect([r.ok, r.signature.status, r.altered]).toEqual([false, "invalid", []]);
    const otherKey = path.join(dir, "other.pem");
    execFileSync("openssl", ["genpkey", "-algorithm", "ed25519", "-out", path.join(dir, "other-private.pem")]);
    execFileSync("openssl", ["pkey", "-in", path.join(dir, "other-private.pem"), "-pubout", "-out", otherKey]);
    const cli = await verifyCli([zip, "--key", otherKey]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain("Signature: INVALID");
  }, 120_000);

  it("lists evidence with the SHA-256 recorded at intake, so a blob altered at rest is named ALTERED by the recipient's check, under a valid signature", async () => {
    const c = await createCase(investigator, { title: "Altered at rest", memberIds: [investigator.id] });
    const original = Buffer.from("original bytes of the capture\n".repeat(500));
    const ev = await uploadEvidence(ctxFor(investigator), c.id, await stageBytes(original, "capture.txt", "text/plain"), { kind: "OTHER", title: "Capture" });
    // Flip one byte of the stored blob, as disk corruption or an intruder with the data folder would.
    const blob = path.join(env().evidenceDir, "sha256", ev.sha256.slice(0, 2), ev.sha256.slice(2, 4), ev.sha256);
    const altered = fs.readFileSync(blob);
    altered[7] ^= 0x01;
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, altered);
    const file = path.join(dir, "altered-at-rest.zip");
    await exportTo(file, ctxFor(investigator), c.id);
    const folder = path.join(dir, "altered-at-rest");
    // The ZIP's CRC-32 is the one recorded at intake too (decision 0031), so any unzip flags the
    // entry; the archive's structure is sound and every file still comes out.
    const tested = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(tested.status).not.toBe(0);
    expect(tested.stdout).toMatch(new RegExp(`evidence/${ev.id}-capture\\.txt\\s+bad CRC`));
    expect(tested.stdout.match(/bad CRC/g)).toHaveLength(1);
    spawnSync("unzip", ["-q", file, "-d", folder]);
    const manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8")));
    const listed = manifest.files.find((f) => f.path.startsWith(`evidence/${ev.id}-`))!;
    // The manifest vouches for the custody record, never for the altered bytes.
    expect(listed).toEqual({ path: `evidence/${ev.id}-capture.txt`, size: original.length, sha256: sha(original) });
    expect(fs.readFileSync(path.join(folder, listed.path)).equals(altered)).toBe(true);
    const report = await verifyCaseFile(file, [{ publicKeyPem: signingKey().publicKeyPem }]);
    expect([report.ok, report.signature.status, report.missing, report.extra]).toEqual([false, "valid", [], []]);
    expect(report.altered).toEqual([{ path: listed.path, expected: { size: original.length, sha256: sha(original) }, actual: { size: altered.length, sha256: sha(altered) } }]);
    // The custody event claims no observed hash: the export did not re-hash the blob.
    expect(await db().custodyEvent.findFirst({ where: { evidenceId: ev.id, action: "EXPORT" }, select: { sha256Observed: true, detail: true } })).toEqual({ sha256Observed: null, detail: expect.stringContaining("listed with its intake SHA-256") });
  });

  it("checks out with the README's commands alone: unzip, base64, openssl pkeyutl -verify, sed and sha256sum -c", async () => {
    const work = path.join(dir, "readme-check");
    fs.mkdirSync(work);
    fs.copyFileSync(zip, path.join(work, "case.zip"));
    fs.copyFileSync(keyPem(), path.join(work, "key.pem"));
    const script = fs.readFileSync(path.join(root, "README.md"), "utf8").match(/<!-- verify-case-file:start -->\n```sh\n([\s\S]*?)```\n<!-- verify-case-file:end -->/)?.[1];
    expect(script).toBeDefined();
    const run = (s: string) => execFileSync("bash", ["-euo", "pipefail", "-c", s], { cwd: work, encoding: "utf8" });
    const out = run(script!);
    expect(out).toContain("Signature Verified Successfully");
    expect(out).toMatch(new RegExp(`evidence/${evidenceIds[0]}-requests.log: OK`));
    expect(out).not.toContain("FAILED");
    const again = (file: string) => {
      fs.copyFileSync(file, path.join(work, "case.zip"));
      fs.rmSync(path.join(work, "case"), { recursive: true, force: true });
      return () => run(script!);
    };
    // The same commands fail on a flipped byte (unzip's CRC check), on an edited file packed again
    // with a fresh CRC (sha256sum), and on an added file.
    const bytes = fs.readFileSync(zip);
    bytes[bytes.indexOf(EVIDENCE_B.subarray(0, 64)) + 10] ^= 0x01;
    fs.writeFileSync(path.join(dir, "readme-flipped.zip"), bytes);
    expect(again(path.join(dir, "readme-flipped.zip"))).toThrow(new RegExp(`evidence/${evidenceIds[1]}-.*bad CRC`));
    const edited = repack(zip, "readme-edited", (f) => fs.appendFileSync(path.join(f, "audit.jsonl"), "{}\n"));
    expect(again(edited)).toThrow(/WARNING: 1 computed checksum did NOT match/);
    const added = repack(zip, "readme-added", (f) => fs.writeFileSync(path.join(f, "extra.txt"), "x"));
    let failure = "";
    try {
      again(added)();
    } catch (e) {
      failure = String((e as { stdout?: string }).stdout);
    }
    expect(failure).toContain("EXTRA: extra.txt");
  });
});
