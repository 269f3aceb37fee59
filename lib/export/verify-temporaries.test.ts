// The in-app case-file verification's temporaries and limits: a process killed mid-upload leaves a
// folder the start-up sweep removes at once (its owner is gone), while a running verification's
// folder and a fresh one of an owner that cannot be checked stay; and a user, or the instance, past
// its number of verifications at a time is refused at once with the limit named.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyUploadedCaseFile } from "@/lib/export/verify-uploaded-case-file";
import { MAX_VERIFICATIONS, MAX_VERIFICATIONS_PER_USER, STALE_VERIFY_MS, sweepStaleVerifyTemporaries, verifyTempRoot } from "@/lib/export/verify-temporaries";
import { ZipWriter } from "@/lib/export/zip-writer";
import { expectAppError } from "@/test/support/expect-app-error";

const root = path.resolve(import.meta.dirname, "../..");
const actor = (id: string): Actor => ({ id, email: `${id}@example.test`, name: id, role: "INVESTIGATOR" }) as Actor;
const folders = () => (fs.existsSync(verifyTempRoot()) ? fs.readdirSync(verifyTempRoot()).sort() : []);

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A small ZIP (not a case file: the report says what it lacks). */
async function plainZip(): Promise<Buffer> {
  const zip = new ZipWriter();
  const parts: Buffer[] = [];
  for await (const c of zip.entry("notes.txt", [Buffer.from("hello")], { compress: false })) parts.push(Buffer.from(c));
  for (const c of zip.finish()) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** An upload the test holds open: it sends nothing until `finish` sends the whole ZIP. */
function heldUpload(): { body: ReadableStream<Uint8Array>; finish: () => Promise<void> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    body,
    finish: async () => {
      controller.enqueue(new Uint8Array(await plainZip()));
      controller.close();
    },
  };
}

describe("the verification's temporaries", () => {
  it("are swept when their process was killed mid-upload, and kept while their owner runs", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/verify-child.ts"], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "ignore"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("STREAMING") && resolve());
      child.on("exit", (code) => reject(new Error(`verify process ended early (${code})`)));
    });
    const written = () => folders().some((f) => fs.readdirSync(path.join(verifyTempRoot(), f)).some((z) => fs.statSync(path.join(verifyTempRoot(), f, z)).size > 0));
    await waitFor(written, "the upload to reach the disk");
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    child.stdout.destroy();
    const crashed = folders();
    expect(crashed).toHaveLength(1);

    // A verification of this process in flight, and a fresh folder of another host's process.
    const held = heldUpload();
    const running = verifyUploadedCaseFile(actor("sweeper"), held.body, null);
    await waitFor(() => folders().length === 2, "the running verification's folder");
    const elsewhere = path.join(verifyTempRoot(), "verify-0badc0de-4242-1.abc123");
    fs.mkdirSync(elsewhere);

    // As at the next start: the killed process's folder goes, however fresh; the others stay.
    expect(await sweepStaleVerifyTemporaries()).toBe(1);
    expect(folders()).not.toContain(crashed[0]);
    expect(folders()).toHaveLength(2);
    expect(folders()).toContain("verify-0badc0de-4242-1.abc123");

    // Another host's folder is taken once it is older than STALE_VERIFY_MS.
    const old = (Date.now() - STALE_VERIFY_MS - 60_000) / 1000;
    fs.utimesSync(elsewhere, old, old);
    expect(await sweepStaleVerifyTemporaries()).toBe(1);

    await held.finish();
    expect((await running).missing).toContain("manifest.json");
    expect(folders()).toEqual([]); // its own folder is removed when it ends
  }, 60_000);
});

describe("verifications at a time", () => {
  it("refuses a user's second one (429) and the instance's third (503), naming the limit, and frees the slots when they end", async () => {
    expect(MAX_VERIFICATIONS_PER_USER).toBe(1);
    expect(MAX_VERIFICATIONS).toBe(2);
    const first = heldUpload();
    const a = verifyUploadedCaseFile(actor("alice"), first.body, null);

    const again = await expectAppError(verifyUploadedCaseFile(actor("alice"), Readable.toWeb(Readable.from([Buffer.from("x")])) as ReadableStream<Uint8Array>, 1));
    expect(again.status).toBe(429);
    expect(again.code).toBe("RATE_LIMITED");
    expect(again.message).toMatch(/at most 1 at a time per user/);
    expect(again.details).toMatchObject({ limit: 1, scope: "user", retryAfterSeconds: expect.any(Number) });

    const second = heldUpload();
    const b = verifyUploadedCaseFile(actor("bob"), second.body, null);
    const full = await expectAppError(verifyUploadedCaseFile(actor("carol"), Readable.toWeb(Readable.from([Buffer.from("x")])) as ReadableStream<Uint8Array>, 1));
    expect(full.status).toBe(503);
    expect(full.code).toBe("UNAVAILABLE");
    expect(full.message).toMatch(/its limit of 2 at a time/);
    expect(full.details).toMatchObject({ limit: 2, scope: "instance" });

    await first.finish();
    await second.finish();
    await Promise.all([a, b]);
    // Slots free again: carol's goes through (and alice may verify again).
    const carol = heldUpload();
    const c = verifyUploadedCaseFile(actor("carol"), carol.body, null);
    await carol.finish();
    expect((await c).ok).toBe(false);
    expect(folders()).toEqual([]);
  });
});
