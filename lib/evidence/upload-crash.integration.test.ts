// SIGKILL in the middle of an upload: no evidence row appears, the blob store holds no blob for
// it, only a temporary that the start-up sweep removes at once (its owner is gone), however fresh.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { blobStore } from "@/lib/storage/blob-store";
import { createCase, createUser } from "@/test/factories";

const root = path.resolve(import.meta.dirname, "../..");

describe("a crash mid-upload", () => {
  it("leaves no evidence row and only a temporary that the sweep removes", async () => {
    const user = await createUser();
    const c = await createCase(user);
    // One process (node --import tsx), so SIGKILL stops the writer itself, not a wrapper.
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/upload-child.ts", c.id, user.id], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "pipe", "ignore"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("STREAMING") && resolve());
      child.on("exit", (code) => reject(new Error(`upload process ended early (${code})`)));
    });
    // Wait for the bytes to reach the temporary on disk (the open and first flush are asynchronous).
    const tmp = path.join(env().evidenceDir, "tmp");
    const deadline = Date.now() + 15_000;
    while (!(fs.existsSync(tmp) && fs.readdirSync(tmp).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    child.stdout.destroy();

    expect(fs.readdirSync(tmp).length).toBe(1);
    expect(await db().evidence.count({ where: { caseId: c.id } })).toBe(0);
    expect(fs.existsSync(path.join(env().evidenceDir, "sha256")) ? fs.readdirSync(path.join(env().evidenceDir, "sha256")) : []).toEqual([]);
    // As at the next start, at once: its owner (the killed process) is gone, so nobody is writing it.
    expect(await blobStore().sweepStale(3_600_000)).toBe(1);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
