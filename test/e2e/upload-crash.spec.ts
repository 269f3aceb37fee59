// SIGKILL the real production server in the middle of an evidence upload: no evidence row, no
// blob, exactly one temporary; the next start sweeps that temporary away and the server takes
// uploads again. It runs a server of its own (port LANTERN_E2E_CRASH_PORT, default 3101, and a
// fresh data folder) so the shared e2e server is never touched.
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { createToken, createUser } from "./support/cli";
import { startOwnServer, type OwnServer } from "./support/own-server";

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

test("SIGKILL mid-upload leaves no row and no blob; the next start sweeps the temporary and takes uploads", async () => {
  test.setTimeout(240_000);
  const evidenceDir = path.join(dataDir, "evidence");
  const tmpDir = path.join(evidenceDir, "tmp");
  const start = async () => {
    server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN });
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

  // The upload: metadata, then a file that never ends, its bytes still arriving when the kill lands.
  const upload = startEndlessUpload(`${s.baseUrl}/api/v1/cases/${caseId}/evidence`, auth);
  try {
    // Polling, never a fixed sleep: bytes have reached a temporary on disk.
    const deadline = Date.now() + 60_000;
    while (!temporaries(tmpDir).some((t) => t.size > 0)) {
      if (upload.answer() !== null) throw new Error(`The server answered the endless upload: ${upload.answer()}`);
      if (Date.now() > deadline) throw new Error("No temporary with bytes in it appeared under evidence/tmp within 60 s");
      await tick(25);
    }
    await s.kill("SIGKILL");
  } finally {
    upload.stop();
  }

  // Nothing recorded, nothing committed, one temporary left behind.
  const db = new Database(path.join(dataDir, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    expect(db.prepare(`SELECT count(*) AS n FROM "Case" WHERE "id" = ?`).get(caseId)).toEqual({ n: 1 }); // the right database
    expect(db.prepare(`SELECT count(*) AS n FROM "Evidence"`).get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  expect(filesUnder(path.join(evidenceDir, "sha256"))).toEqual([]);
  const left = temporaries(tmpDir);
  expect(left).toHaveLength(1);
  expect(left[0].size).toBeGreaterThan(0);

  // As the next start finds it after a while: older than the sweep's hour.
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  fs.utimesSync(left[0].file, twoHoursAgo, twoHoursAgo);
  s = await start();
  expect(s.output()).toContain("Removed 1 unfinished upload(s) left by an earlier crash.");
  expect(fs.readdirSync(tmpDir)).toEqual([]);

  // And it takes uploads again: the blob lands where its hash says, the row points at it.
  const bytes = Buffer.from("after the crash, a small file\n".repeat(100));
  const form = new FormData();
  form.set("kind", "DOCUMENT");
  form.set("title", "After the crash");
  form.set("file", new Blob([bytes], { type: "text/plain" }), "after.txt");
  const res = await fetch(`${s.baseUrl}/api/v1/cases/${caseId}/evidence`, { method: "POST", headers: auth, body: form });
  expect(res.status).toBe(201);
  const ev = (await res.json()) as { sha256: string; sizeBytes: number };
  expect(ev).toMatchObject({ sha256: sha(bytes), sizeBytes: bytes.length });
  const blob = path.join(evidenceDir, "sha256", ev.sha256.slice(0, 2), ev.sha256.slice(2, 4), ev.sha256);
  expect(sha(fs.readFileSync(blob))).toBe(ev.sha256);
  expect(filesUnder(path.join(evidenceDir, "sha256"))).toEqual([blob]);
  expect(fs.readdirSync(tmpDir)).toEqual([]);

  await s.kill("SIGTERM");
});

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
