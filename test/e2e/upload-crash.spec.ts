// SIGKILL the real production server in the middle of an evidence upload: no evidence row, no
// blob, exactly one temporary; the next start sweeps that temporary away at once (its owner is
// gone, however fresh it is) and the server takes uploads again. Blobs stored with no evidence row
// (the database write after the commit failed) are collected by the gc: the server's own run at
// start and `npm run evidence -- gc`, with a grace period of 0 for the test. It ends by printing
// "leftover temporaries: N, unreferenced blobs: M" (both 0). It runs a server of its own (port
// LANTERN_E2E_CRASH_PORT, default 3101, and a fresh data folder) so the shared e2e server is never
// touched.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { createToken, createUser } from "./support/cli";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { recordMeasure } from "../support/measures";

const PORT = Number(process.env.LANTERN_E2E_CRASH_PORT ?? 3101);
const ADMIN = { email: "admin@crash.e2e.test", password: "crash e2e admin password" };
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let dataDir: string;
let server: OwnServer | undefined;

test.beforeAll(() => {
  fs.mkdirSync(path.resolve(".tmp"), { recursive: true });
  dataDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-crash-"));
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server output", { body: server.output(), contentType: "text/plain" });
  }
});

test.afterAll(async () => {
  // Whatever happened, no server of ours outlives the spec, nor its data.
  await server?.kill("SIGKILL");
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test("SIGKILL mid-upload: the next start sweeps the temporary at once, the gc takes blobs no row refers to, uploads work", async () => {
  test.setTimeout(240_000);
  const evidenceDir = path.join(dataDir, "evidence");
  const tmpDir = path.join(evidenceDir, "tmp");
  const start = async (env?: Record<string, string>) => {
    server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN, env });
    await server.ready();
    return server;
  };

  let s = await start();
  expect(s.output()).not.toContain("unfinished upload");
  const user = createUser("INVESTIGATOR", undefined, dataDir);
  const token = createToken(user.email, dataDir);
  const auth = { Authorization: `Bearer ${token}` };
  const created = await fetch(`${s.baseUrl}/api/v1/cases`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ title: "Crash mid-upload" }),
  });
  expect(created.status).toBe(201);
  const caseId = ((await created.json()) as { id: string }).id;
  const upload = async (text: string) => {
    const form = new FormData();
    form.set("kind", "DOCUMENT");
    form.set("title", "A small file");
    form.set("file", new Blob([Buffer.from(text.repeat(100))], { type: "text/plain" }), "small.txt");
    return fetch(`${s.baseUrl}/api/v1/cases/${caseId}/evidence`, { method: "POST", headers: auth, body: form });
  };

  // A blob with no row: the database refuses the evidence row after the blob was committed.
  const failed = await withEvidenceRowsRefused(() => upload("committed, never recorded\n"));
  expect(failed.status).toBe(500);
  const orphan = sha(Buffer.from("committed, never recorded\n".repeat(100)));
  expect(unreferencedBlobs()).toEqual([orphan]);

  // The upload: metadata, then a file that never ends, its bytes still arriving when the kill lands.
  const endless = startEndlessUpload(`${s.baseUrl}/api/v1/cases/${caseId}/evidence`, auth);
  try {
    // Polling, never a fixed sleep: bytes have reached a temporary on disk.
    const deadline = Date.now() + 60_000;
    while (!temporaries(tmpDir).some((t) => t.size > 0)) {
      if (endless.answer() !== null) throw new Error(`The server answered the endless upload: ${endless.answer()}`);
      if (Date.now() > deadline) throw new Error("No temporary with bytes in it appeared under evidence/tmp within 60 s");
      await tick(25);
    }
    await s.kill("SIGKILL");
  } finally {
    endless.stop();
  }

  // Nothing recorded, nothing committed by the killed upload, one temporary left behind.
  const db = new Database(path.join(dataDir, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    expect(db.prepare(`SELECT count(*) AS n FROM "Case" WHERE "id" = ?`).get(caseId)).toEqual({ n: 1 }); // the right database
    expect(db.prepare(`SELECT count(*) AS n FROM "Evidence"`).get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  expect(unreferencedBlobs()).toEqual([orphan]);
  const left = temporaries(tmpDir);
  expect(left).toHaveLength(1);
  expect(left[0].size).toBeGreaterThan(0);

  // The next start, at once (the temporary is seconds old): its owner is gone, so it goes. The
  // server's own gc runs at start too; with a grace of 0 it takes the orphan blob.
  s = await start({ LANTERN_BLOB_GC_GRACE_MINUTES: "0" });
  expect(s.output()).toContain("Removed 1 unfinished upload(s) left by an earlier crash.");
  expect(temporaries(tmpDir)).toEqual([]);
  await expect.poll(() => unreferencedBlobs(), { timeout: 30_000 }).toEqual([]);
  // The gc logs once its deletion is done, a moment after the file is gone.
  await expect.poll(() => s!.output(), { timeout: 10_000 }).toContain("collected 1 unreferenced blob(s)");

  // `npm run evidence -- gc` does the same on demand.
  const again = await withEvidenceRowsRefused(() => upload("committed again, never recorded\n"));
  expect(again.status).toBe(500);
  expect(unreferencedBlobs()).toHaveLength(1);
  expect(evidenceCli(["gc"], { LANTERN_BLOB_GC_GRACE_MINUTES: "0" })).toMatch(/collected 1 unreferenced blob\(s\)/);
  expect(unreferencedBlobs()).toEqual([]);
  expect(evidenceCli(["verify-all"])).not.toContain("UNREFERENCED");

  // And it takes uploads again: the blob lands where its hash says, the row points at it.
  const bytes = Buffer.from("after the crash, a small file\n".repeat(100));
  const res = await upload("after the crash, a small file\n");
  expect(res.status).toBe(201);
  const ev = (await res.json()) as { sha256: string; sizeBytes: number };
  expect(ev).toMatchObject({ sha256: sha(bytes), sizeBytes: bytes.length });
  const blob = path.join(evidenceDir, "sha256", ev.sha256.slice(0, 2), ev.sha256.slice(2, 4), ev.sha256);
  expect(sha(fs.readFileSync(blob))).toBe(ev.sha256);
  expect(filesUnder(path.join(evidenceDir, "sha256"))).toEqual([blob]);
  expect(fs.readdirSync(tmpDir)).toEqual([]);

  await s.kill("SIGTERM");
  const counts = { temporaries: temporaries(tmpDir).length, unreferenced: unreferencedBlobs().length };
  recordMeasure(`leftover temporaries: ${counts.temporaries}, unreferenced blobs: ${counts.unreferenced}`);
  expect(counts).toEqual({ temporaries: 0, unreferenced: 0 });
});

/** Runs fn while the database refuses every new evidence row (a trigger on the live database). */
async function withEvidenceRowsRefused<T>(fn: () => Promise<T>): Promise<T> {
  const db = new Database(path.join(dataDir, "lantern.db"), { fileMustExist: true });
  try {
    db.exec(`CREATE TRIGGER lantern_e2e_refuse BEFORE INSERT ON "Evidence" BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    return await fn();
  } finally {
    db.exec(`DROP TRIGGER IF EXISTS lantern_e2e_refuse`);
    db.close();
  }
}

/** Blobs on disk that no evidence row refers to, read from the files and the database directly. */
function unreferencedBlobs(): string[] {
  const db = new Database(path.join(dataDir, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    const known = new Set((db.prepare(`SELECT "sha256" FROM "Evidence"`).all() as { sha256: string }[]).map((r) => r.sha256));
    return filesUnder(path.join(dataDir, "evidence", "sha256"))
      .map((f) => path.basename(f))
      .filter((h) => !known.has(h));
  } finally {
    db.close();
  }
}

function evidenceCli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/evidence.ts", ...args], {
    env: { ...process.env, LANTERN_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    encoding: "utf8",
  });
}

/**
 * A multipart upload whose file part never ends: 4 MiB at once, then 64 KiB every few
 * milliseconds (whenever the socket takes it) until stop(). answer() is the status the server
 * gave, if it gave one — it never should.
 */
function startEndlessUpload(url: string, headers: Record<string, string>) {
  const boundary = "----lantern-crash-" + Date.now().toString(16);
  const head = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="kind"',
      "",
      "DOCUMENT",
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      "",
      "Never finishes",
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="endless.txt"',
      "Content-Type: text/plain",
      "",
      "",
    ].join("\r\n"),
  );
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let answer: string | null = null;
  let stopped = false;
  const req = http.request(url, {
    method: "POST",
    headers: { ...headers, "Content-Type": `multipart/form-data; boundary=${boundary}` },
  });
  req.on("response", (res) => {
    let body = "";
    res.on("data", (d: Buffer) => (body += d.toString()));
    res.on("end", () => (answer = `${res.statusCode} ${body}`));
    res.on("error", () => (answer ??= `${res.statusCode}`));
  });
  req.on("error", () => {}); // the connection dies with the server: expected
  req.write(head);
  for (let i = 0; i < 64; i++) req.write(chunk);
  const trickle = setInterval(() => {
    if (!stopped && req.writableLength < chunk.length) req.write(chunk);
  }, 5);
  return {
    answer: () => answer,
    stop: () => {
      stopped = true;
      clearInterval(trickle);
      req.destroy();
    },
  };
}

function tick(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function temporaries(dir: string): { file: string; size: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? [{ file, size: stat.size }] : [];
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.join(e.parentPath, e.name));
}
