// Issue 15, point 3: `npm run backup` during a write load, `npm run restore` into an empty folder,
// then the audit chain and every evidence blob verify on the restored data, and every write
// acknowledged before the backup began is there. The CLIs run as a person runs them (child
// processes); the load runs in this process through lib/, as the server would.
import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@/lib/backup/create-backup";
import { ZBackupManifest } from "@/lib/backup/backup-manifest";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { ensureSigningKey } from "@/lib/signing/signing-key";
import type { Actor } from "@/lib/access/actor";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { recordMeasure } from "@/test/support/measures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
const meta = { kind: "DOCUMENT", title: "Load memo", source: "backup test" };
const SEED_BLOBS = 32; // 2 MiB each (64 MiB), so the timing compares copying data, not starting processes
/** Backup and cp -a timed in turn this many times each; their medians are compared. */
const TIMED_ROUNDS = 7;
const AUTH_SECRET_FILE = "auth-secret-from-the-data-folder-0123456789abcdef";

let scratch: string;
let investigator: Actor;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-backup-"));
  investigator = await createUser({ role: "INVESTIGATOR" });
  // What an instance keeps in its data folder besides the database and the blobs.
  ensureSigningKey();
  const retired = path.join(env().dataDir, "signing-keys-retired");
  fs.mkdirSync(retired, { recursive: true });
  fs.writeFileSync(path.join(retired, "old.pem"), generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }));
  fs.writeFileSync(path.join(env().dataDir, "auth-secret"), AUTH_SECRET_FILE, { mode: 0o600 });
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A CLI with this file's instance (or the overrides); AUTH_SECRET unset, so the data folder's file counts. */
function cli(script: string, args: string[], overrides: Record<string, string | undefined> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  delete childEnv.AUTH_SECRET;
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete childEnv[k];
  return run(process.execPath, [tsxCli, script, ...args], { cwd: root, env: childEnv, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** An instance whose data folder is `dataDir` and nothing else (database and evidence inside it). */
const instanceAt = (dataDir: string) => ({ LANTERN_DATA_DIR: dataDir, DATABASE_URL: undefined, LANTERN_EVIDENCE_DIR: undefined });

/** Bytes in the regular files under `dir`. */
function folderBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).reduce((n, d) => n + (d.isFile() ? fs.statSync(path.join(d.parentPath, d.name)).size : 0), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function upload(caseId: string, body: string | Buffer, name: string) {
  return uploadEvidence(ctxFor(investigator), caseId, await stageBytes(Buffer.from(body), name, "text/plain"), meta);
}

describe("npm run backup and npm run restore", () => {
  it("back up during a write load, restore into an empty folder: audit and evidence verify, every write acknowledged before the backup is there", { timeout: 240_000 }, async () => {
    const seedCase = await createCase(investigator);
    for (let i = 0; i < SEED_BLOBS; i += 1) await upload(seedCase.id, randomBytes(1024 * 1024).toString("hex"), `seed-${i}.txt`);

    // The load: a case and an evidence item after another; a write counts once its call returned.
    const acknowledged: Array<{ caseId: string; evidenceId: string; at: number }> = [];
    const loadErrors: unknown[] = [];
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i += 1) {
        try {
          const c = await createCase(investigator);
          const ev = await upload(c.id, `observation ${i} ${randomBytes(8).toString("hex")}`, `obs-${i}.txt`);
          acknowledged.push({ caseId: c.id, evidenceId: ev.id, at: Date.now() });
        } catch (e) {
          loadErrors.push(e);
        }
      }
    })();
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));

    const backupDir = path.join(scratch, "backup");
    const cliStarted = performance.now();
    const backup = await cli("scripts/backup.ts", [backupDir]);
    const cliMs = performance.now() - cliStarted;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const [, backupMs, databaseMs, blobsMs] = (/ in (\d+) ms \(database (\d+) ms, blobs (\d+) ms\)/.exec(backup.stdout) ?? []).map(Number);

    // The same data folder copied by cp -a, under the same load, right after.
    const cpStarted = performance.now();
    await run("cp", ["-a", env().dataDir, path.join(scratch, "cp-copy")]);
    const cpMs = performance.now() - cpStarted;

    const ackedDuringBackup = acknowledged.length;
    const manifest = ZBackupManifest.parse(JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")));
    const snapshotAt = Date.parse(manifest.startedAt);
    // The writes went on past the snapshot (usually already during the backup; at worst wait for one).
    while (!acknowledged.some((w) => w.at > snapshotAt) && loadErrors.length === 0) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await load;
    expect(loadErrors).toEqual([]);
    const before = acknowledged.filter((w) => w.at < snapshotAt);
    expect(acknowledged.length).toBeGreaterThan(before.length);
    expect(manifest.secrets.sort()).toEqual(["auth-secret", "signing-key.pem", "signing-keys-retired/old.pem"]);
    const blobFiles = manifest.files.filter((f) => f.path.startsWith("evidence/sha256/"));
    expect(manifest.evidence.blobs).toBe(blobFiles.length);
    expect(manifest.evidence.bytes).toBe(blobFiles.reduce((n, f) => n + f.bytes, 0));
    expect(blobFiles.length).toBeGreaterThanOrEqual(SEED_BLOBS + before.length);

    const restored = path.join(scratch, "restored", "data"); // does not exist yet: an empty folder
    const restore = await cli("scripts/restore.ts", [backupDir], instanceAt(restored));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);

    const [audit, evidence, migrate] = await Promise.all([
      cli("scripts/audit.ts", ["verify"], instanceAt(restored)),
      cli("scripts/evidence.ts", ["verify-all"], instanceAt(restored)),
      // npm start's first step on the restored folder: the schema is already current.
      cli("scripts/db.ts", ["migrate"], instanceAt(restored)),
    ]);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain("No pending migrations");
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(evidence.code, evidence.stdout + evidence.stderr).toBe(0);
    expect(evidence.stdout).not.toMatch(/FAILED|MISSING|CORRUPT/);

    const restoredDb = createDb(`file:${path.join(restored, "lantern.db")}`);
    try {
      const cases = new Set((await restoredDb.case.findMany({ where: { id: { in: before.map((w) => w.caseId) } }, select: { id: true } })).map((c) => c.id));
      const items = new Set((await restoredDb.evidence.findMany({ where: { id: { in: before.map((w) => w.evidenceId) } }, select: { id: true } })).map((e) => e.id));
      const present = before.filter((w) => cases.has(w.caseId) && items.has(w.evidenceId));
      recordMeasure(
        `backup (issue 15): writes acknowledged before the backup began ${before.length}, present after the restore ${present.length}` +
          ` (${ackedDuringBackup} acknowledged by the end of the backup)`,
      );
      recordMeasure(
        `backup (issue 15): ${manifest.files.length} files, ${(manifest.files.reduce((n, f) => n + f.bytes, 0) / 1024 ** 2).toFixed(1)} MiB under a write load, once:` +
          ` npm run backup ${backupMs} ms (database ${databaseMs} ms, blobs ${blobsMs} ms; whole CLI with Node/tsx start ${Math.round(cliMs)} ms), cp -a of the data folder ${Math.round(cpMs)} ms`,
      );
      expect(present.map((w) => w.caseId)).toEqual(before.map((w) => w.caseId));
    } finally {
      await restoredDb.$disconnect();
    }
    expect(fs.readFileSync(path.join(restored, "auth-secret"), "utf8")).toBe(AUTH_SECRET_FILE);
    expect(fs.readFileSync(path.join(restored, "signing-key.pem"), "utf8")).toBe(fs.readFileSync(path.join(env().dataDir, "signing-key.pem"), "utf8"));

    // The target's comparison, made fair: the same data folder, quiet now and page-cached for both
    // (just written, backed up and copied), the backup (the CLI's function, without Node's start)
    // and cp -a (with its process start) in turn, the first of each pair alternating; medians.
    const backupRuns: number[] = [];
    const databaseRuns: number[] = [];
    const cpRuns: number[] = [];
    let cpBytes = 0;
    const timed = {
      backup: async (round: number) => {
        const started = performance.now();
        const { phases } = await createBackup(path.join(scratch, `timed-backup-${round}`));
        backupRuns.push(performance.now() - started);
        databaseRuns.push(phases.databaseMs);
      },
      cp: async (round: number) => {
        const started = performance.now();
        await run("cp", ["-a", env().dataDir, path.join(scratch, `timed-cp-${round}`)]);
        cpRuns.push(performance.now() - started);
        cpBytes = folderBytes(path.join(scratch, `timed-cp-${round}`));
      },
    };
    for (let round = 0; round < TIMED_ROUNDS; round += 1) {
      for (const which of round % 2 === 0 ? (["backup", "cp"] as const) : (["cp", "backup"] as const)) await timed[which](round);
      for (const copy of [`timed-backup-${round}`, `timed-cp-${round}`]) fs.rmSync(path.join(scratch, copy), { recursive: true, force: true });
    }
    const [backupMedian, cpMedian] = [median(backupRuns), median(cpRuns)];
    // Each round's two runs are seconds apart, so their ratio is less at the mercy of the machine's other load.
    const pairedRatio = median(backupRuns.map((ms, round) => ms / cpRuns[round]));
    const show = (runs: number[]) => runs.map((ms) => Math.round(ms)).join(", ");
    recordMeasure(
      `backup (issue 15): ${(manifest.files.reduce((n, f) => n + f.bytes, 0) / 1024 ** 2).toFixed(1)} MiB backed up (${(cpBytes / 1024 ** 2).toFixed(1)} MiB in the data folder), quiet and page-cached, ${TIMED_ROUNDS} rounds in turn:` +
        ` backup median ${Math.round(backupMedian)} ms (${show(backupRuns)}; of which the database snapshot ${Math.round(median(databaseRuns))} ms), cp -a median ${Math.round(cpMedian)} ms (${show(cpRuns)}): ${(backupMedian / cpMedian).toFixed(2)}x (target <= 2x; median of the rounds' own ratios ${pairedRatio.toFixed(2)}x; load average ${os.loadavg()[0].toFixed(2)})`,
    );
  });

  it("refuses a non-empty backup folder, an altered or missing file in the backup, and a non-empty data folder", { timeout: 120_000 }, async () => {
    const c = await createCase(investigator);
    await upload(c.id, "refusal memo", "memo.txt");

    const occupied = path.join(scratch, "occupied");
    fs.mkdirSync(occupied, { recursive: true });
    fs.writeFileSync(path.join(occupied, "keep.txt"), "mine");
    const intoOccupied = await cli("scripts/backup.ts", [occupied]);
    expect(intoOccupied.code).toBe(1);
    expect(intoOccupied.stderr).toContain("is not empty");
    expect(fs.readdirSync(occupied)).toEqual(["keep.txt"]);

    const good = path.join(scratch, "good");
    const { manifest } = await createBackup(good);
    const blob = manifest.files.find((f) => f.path.startsWith("evidence/"))!.path;

    const altered = path.join(scratch, "altered");
    fs.cpSync(good, altered, { recursive: true });
    const alteredFile = path.join(altered, ...blob.split("/"));
    fs.chmodSync(alteredFile, 0o600);
    const bytes = fs.readFileSync(alteredFile);
    bytes[0] ^= 1;
    fs.writeFileSync(alteredFile, bytes);
    const missing = path.join(scratch, "missing");
    fs.cpSync(good, missing, { recursive: true });
    fs.rmSync(path.join(missing, "signing-key.pem"));

    const emptyA = path.join(scratch, "empty-a");
    const emptyB = path.join(scratch, "empty-b");
    const busy = path.join(scratch, "busy");
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, "lantern.db"), "");
    const [fromAltered, fromMissing, intoBusy] = await Promise.all([
      cli("scripts/restore.ts", [altered], instanceAt(emptyA)),
      cli("scripts/restore.ts", [missing], instanceAt(emptyB)),
      cli("scripts/restore.ts", [good], instanceAt(busy)),
    ]);
    expect(fromAltered.code).toBe(1);
    expect(fromAltered.stderr).toContain(`${blob} does not match`);
    expect(fromMissing.code).toBe(1);
    expect(fromMissing.stderr).toContain("signing-key.pem is missing");
    expect(intoBusy.code).toBe(1);
    expect(intoBusy.stderr).toMatch(/data folder .* is not empty/);
    // Nothing was restored by a refused run.
    expect(fs.existsSync(emptyA) && fs.readdirSync(emptyA).length).toBeFalsy();
    expect(fs.existsSync(emptyB) && fs.readdirSync(emptyB).length).toBeFalsy();
    expect(fs.readdirSync(busy)).toEqual(["lantern.db"]);
  });

  it("copies a blob damaged at the source as it is and reports it; the backup restores and verify-all names the item", { timeout: 120_000 }, async () => {
    const c = await createCase(investigator);
    const memo = `memo to be damaged ${randomBytes(8).toString("hex")}`;
    const item = await upload(c.id, memo, "damaged.txt");
    const name = createHash("sha256").update(memo).digest("hex");
    const blob = `sha256/${name.slice(0, 2)}/${name.slice(2, 4)}/${name}`;
    const file = path.join(env().evidenceDir, ...blob.split("/"));
    const mode = fs.statSync(file).mode & 0o777;
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, memo.toUpperCase());
    try {
      const target = path.join(scratch, "with-damaged");
      const { damagedBlobs, manifest } = await createBackup(target);
      expect(damagedBlobs).toEqual([blob]);
      expect(manifest.files.find((f) => f.path === `evidence/${blob}`)?.sha256).toBe(createHash("sha256").update(memo.toUpperCase()).digest("hex"));
      const restored = path.join(scratch, "restored-damaged", "data");
      const restore = await cli("scripts/restore.ts", [target], instanceAt(restored));
      expect(restore.code, restore.stderr).toBe(0);
      const verifyAll = await cli("scripts/evidence.ts", ["verify-all"], instanceAt(restored));
      expect(verifyAll.code).toBe(1);
      expect(verifyAll.stdout + verifyAll.stderr).toContain(item.id);
    } finally {
      fs.writeFileSync(file, memo);
      fs.chmodSync(file, mode);
    }
  });

  it("refuses PostgreSQL and S3 configurations, pointing to the README", { timeout: 60_000 }, async () => {
    const target = path.join(scratch, "never");
    const [pg, s3] = await Promise.all([
      cli("scripts/backup.ts", [target], { DATABASE_URL: "postgresql://lantern@127.0.0.1:1/lantern" }),
      cli("scripts/backup.ts", [target], { LANTERN_STORAGE: "s3", LANTERN_S3_BUCKET: "evidence" }),
    ]);
    expect(pg.code).toBe(1);
    expect(pg.stderr).toMatch(/pg_dump.*README/);
    expect(s3.code).toBe(1);
    expect(s3.stderr).toMatch(/versioning.*README/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
