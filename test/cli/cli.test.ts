// The command-line tools, run as a person would run them: npm scripts in a child process.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bootstrapFirstAdmin } from "@/lib/setup/bootstrap-admin";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

function tsx(script: string, args: string[], env: Record<string, string> = {}) {
  return node(path.join(root, "node_modules/tsx/dist/cli.mjs"), [script, ...args], env);
}

function node(script: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("npm start", () => {
  it("stops on a bad setting with a message naming the variable", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-cli-"));
    const r = await node("scripts/start.mjs", [], { PORT: "not-a-port", LANTERN_DATA_DIR: dataDir }).finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid configuration:\s+PORT:/);
  });

  it("does its set-up only for the launcher: scripts/start.ts run alone refuses and names npm start", async () => {
    const r = await tsx("scripts/start.ts", []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("run `npm start`");
  });

  it("creates the first admin once, with a generated password when none is configured", async () => {
    const first = await bootstrapFirstAdmin("root@example.test", undefined);
    expect(first.created).toBe(true);
    if (!first.created) return;
    const user = await db().user.findUniqueOrThrow({ where: { email: "root@example.test" } });
    expect(user.role).toBe("ADMIN");
    expect(await verifyPassword(user.passwordHash, first.generatedPassword!)).toBe(true);
    expect(await bootstrapFirstAdmin("other@example.test", "another password")).toEqual({ created: false });
  });
});

describe("npm run admin", () => {
  it("creates a user and a token; create-token prints only the token", async () => {
    const created = await tsx("scripts/admin.ts", ["create-user", "--email", "Ops@Example.test", "--role", "MANAGER", "--password", "a very long password"]);
    expect(created.code).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { email: "ops@example.test" } });
    expect(user.role).toBe("MANAGER");

    const token = await tsx("scripts/admin.ts", ["create-token", "--email", "ops@example.test", "--name", "pipeline"]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^lan_[A-Za-z0-9_-]{43}\n$/);
    expect(await db().apiToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a bad role and an unknown user with a clear message", async () => {
    const badRole = await tsx("scripts/admin.ts", ["create-user", "--email", "x@example.test", "--role", "BOSS"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role/i);
    const unknown = await tsx("scripts/admin.ts", ["create-token", "--email", "ghost@example.test", "--name", "n"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
  });

  it("reset-second-factor (break-glass): clears a user's second factor and ends their sessions, audited; refuses an unknown user", async () => {
    const user = await createUser({ role: "ADMIN", email: "locked-out@example.test" });
    await db().user.update({ where: { id: user.id }, data: { totpSecret: "sealed", totpEnabledAt: new Date(), totpLastStep: 1 } });
    await db().recoveryCode.create({ data: { userId: user.id, codeHash: "0".repeat(64) } });
    const session = await db().session.create({ data: { userId: user.id } });
    const reset = await tsx("scripts/admin.ts", ["reset-second-factor", "--email", "Locked-Out@example.test"]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr).toContain("Reset the second factor of locked-out@example.test: 1 recovery codes removed, 1 sessions ended");
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } })).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).endedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: user.id, action: "auth.second-factor-reset", actorEmail: "cli:npm run admin" } })).toBe(1);
    const unknown = await tsx("scripts/admin.ts", ["reset-second-factor", "--email", "ghost@example.test"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("User not found");
  });
});

describe("npm run audit -- verify", () => {
  it("says OK on an intact chain and names the broken event otherwise", async () => {
    await tsx("scripts/admin.ts", ["create-user", "--email", "a1@example.test", "--role", "AUDITOR", "--password", "a very long password"]);
    const ok = await tsx("scripts/audit.ts", ["verify"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ events/);
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorEmail" = 'mallory@example.test' WHERE "seq" = 1`);
    const broken = await tsx("scripts/audit.ts", ["verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at event 1:/);
  });
});

describe("npm run evidence -- verify-all", () => {
  it("exits 0 when every blob matches and 1 naming the altered item (or a wrong CRC-32 on record, corrected) otherwise", async () => {
    const user = await createUser();
    const c = await createCase(user);
    const ev = await uploadEvidence(ctxFor(user), c.id, await stageBytes(Buffer.from("cli evidence"), "c.txt"), { kind: "DOCUMENT", title: "CLI" });
    // zlib.crc32("cli evidence") is 0xb8975908; record another value.
    await db().evidence.update({ where: { id: ev.id }, data: { crc32: 0x0badc0de } });
    const wrongCrc = await tsx("scripts/evidence.ts", ["verify-all"]);
    expect(wrongCrc.code).toBe(1);
    expect(wrongCrc.stdout).toContain(`CRC32  evidence ${ev.id}  case ${c.id}  sha256 ${ev.sha256}  crc32 on record 0badc0de, content b8975908 (record corrected)`);
    const ok = await tsx("scripts/evidence.ts", ["verify-all"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK: 1 items verified/);
    const file = path.join(env().evidenceDir, "sha256", ev.sha256.slice(0, 2), ev.sha256.slice(2, 4), ev.sha256);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, "tampered");
    const bad = await tsx("scripts/evidence.ts", ["verify-all"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`ALTERED  evidence ${ev.id}`);
  });
});

describe("npm run evidence -- gc", () => {
  it("deletes an unreferenced blob only once it is older than LANTERN_BLOB_GC_GRACE_MINUTES", async () => {
    const orphan = await stageBytes(Buffer.from(`cli orphan ${Date.now()}`), "o.txt");
    await orphan.blob.commit(); // committed, then its row was never written
    await orphan.blob.discard();
    const file = path.join(env().evidenceDir, "sha256", orphan.blob.sha256.slice(0, 2), orphan.blob.sha256.slice(2, 4), orphan.blob.sha256);
    const young = await tsx("scripts/evidence.ts", ["gc"]); // default grace: an hour
    expect(young.code).toBe(0);
    expect(young.stdout).toMatch(/collected 0 unreferenced blob\(s\)/);
    expect(fs.existsSync(file)).toBe(true);
    const gc = await tsx("scripts/evidence.ts", ["gc"], { LANTERN_BLOB_GC_GRACE_MINUTES: "0" });
    expect(gc.code).toBe(0);
    expect(gc.stdout).toMatch(/collected 1 unreferenced blob\(s\)/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
