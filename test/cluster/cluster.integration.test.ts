// Two real app instances as a team that outgrows one machine runs them (issue 14): `npm start`
// (scripts/start.mjs) twice, started at the same moment on one EMPTY PostgreSQL database and one
// S3-compatible store (s3rver), with the same secret. PostgreSQL lane only (vitest.config.ts keeps
// it out of the SQLite lane); it serves the production build, building first when it is stale.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createDb, type Db } from "@/lib/db/client";
import { buildIsStale } from "@/lib/setup/build-freshness";
import { startOwnServer, type OwnServer } from "@/test/e2e/support/own-server";
import { startS3Server, type TestS3Server } from "@/test/support/s3-server";

const root = path.resolve(import.meta.dirname, "../..");
const ADMIN = { email: "admin@cluster.test", password: "cluster admin password" };
const year = new Date().getUTCFullYear();

let s3: TestS3Server;
let url: string;
let database: Db;
let a: OwnServer;
let b: OwnServer;
let token: string;
const dataDirs: string[] = [];
const auth = () => ({ authorization: `Bearer ${token}` });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function onServer(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

beforeAll(async () => {
  if (buildIsStale(root)) {
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const adminUrl = inject("pgAdminUrl");
  const name = `lantern_cluster_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await onServer(adminUrl, `CREATE DATABASE ${name}`); // empty: the instances migrate it
  url = adminUrl.replace(/\/postgres$/, `/${name}`);
  s3 = await startS3Server("lantern-cluster");
  const env = {
    DATABASE_URL: url,
    AUTH_SECRET: "cluster-secret-cluster-secret-cluster-secret-0123",
    LANTERN_STORAGE: "s3",
    LANTERN_S3_ENDPOINT: s3.endpoint,
    LANTERN_S3_BUCKET: s3.bucket,
    LANTERN_S3_ACCESS_KEY_ID: s3.accessKeyId,
    LANTERN_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    LANTERN_S3_FORCE_PATH_STYLE: "true",
    LANTERN_BLOB_GC_INTERVAL_MINUTES: "0",
  };
  const start = async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-cluster-"));
    dataDirs.push(dataDir);
    return startOwnServer({ port: await freePort(), dataDir, admin: ADMIN, env });
  };
  // At the same moment, on the empty database: both migrate, both bootstrap the first admin.
  [a, b] = await Promise.all([start(), start()]);
  await Promise.all([a.ready(180_000), b.ready(180_000)]);
  database = createDb(url);
  token = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin.ts", "create-token", "--email", ADMIN.email, "--name", "cluster"], {
    cwd: root,
    env: { ...process.env, ...env, LANTERN_DATA_DIR: dataDirs[0] },
    encoding: "utf8",
  }).trim();
}, 900_000);

afterAll(async () => {
  await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")]);
  await database?.$disconnect();
  await s3?.stop();
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
}, 120_000);

/** A next-auth sign-in through the credentials callback: the session cookie. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
    redirect: "manual",
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`no session cookie (status ${res.status})`);
  return `${csrfCookie}; ${session.split(";")[0]}`;
}

async function signOut(base: string, cookie: string): Promise<void> {
  const { csrfToken } = (await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, json: "true" }),
    redirect: "manual",
  });
  expect(res.status).toBeLessThan(400);
}

const createCase = (base: string, title: string) =>
  fetch(`${base}/api/v1/cases`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ title }) });

/** Numbers of the normal series, sorted, and whether they are exactly 1..n. */
async function normalSeries(): Promise<{ n: number; gapFree: boolean }> {
  const numbers = (await database.case.findMany({ where: { number: { startsWith: `LAN-${year}-` } }, select: { number: true } }))
    .map((c) => Number(c.number.split("-")[2]))
    .sort((x, y) => x - y);
  return { n: numbers.length, gapFree: numbers.every((v, i) => v === i + 1) };
}

describe("two instances on one PostgreSQL database and one S3 store", () => {
  it("both came up on the empty database, with exactly one first admin", async () => {
    expect(a.exitCode()).toBeNull();
    expect(b.exitCode()).toBeNull();
    expect(await database.user.count()).toBe(1);
    expect(await database.user.count({ where: { email: ADMIN.email, role: "ADMIN" } })).toBe(1);
  });

  it("numbers cases gap-free under concurrent creates on both", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => createCase(i % 2 ? b.baseUrl : a.baseUrl, `Concurrent ${i}`)));
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(await normalSeries()).toEqual({ n: 40, gapFree: true });
  });

  it("takes a session signed in on one on the other, and a sign-out on the other ends it on both", async () => {
    const cookie = await signIn(a.baseUrl);
    expect((await fetch(`${b.baseUrl}/api/v1/cases?pageSize=1`, { headers: { cookie } })).status).toBe(200);
    await signOut(b.baseUrl, cookie);
    expect((await fetch(`${a.baseUrl}/api/v1/cases?pageSize=1`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${b.baseUrl}/api/v1/cases?pageSize=1`, { headers: { cookie } })).status).toBe(401);
  });

  it("reads and verifies on one the evidence uploaded on the other", async () => {
    const c = (await (await createCase(a.baseUrl, "Evidence across instances")).json()) as { id: string };
    const bytes = Buffer.from(randomBytes(1536 * 1024 + 17).toString("hex")); // 3 MiB of text
    const form = new FormData();
    form.set("kind", "DOCUMENT");
    form.set("title", "Shared blob");
    form.set("file", new Blob([bytes], { type: "text/plain" }), "notes.txt");
    const up = await fetch(`${a.baseUrl}/api/v1/cases/${c.id}/evidence`, { method: "POST", headers: auth(), body: form });
    expect(up.status).toBe(201);
    const ev = (await up.json()) as { id: string; sha256: string };
    expect(ev.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const down = await fetch(`${b.baseUrl}/api/v1/evidence/${ev.id}/content`, { headers: auth() });
    expect(down.status).toBe(200);
    expect(createHash("sha256").update(Buffer.from(await down.arrayBuffer())).digest("hex")).toBe(ev.sha256);
    const verify = await fetch(`${b.baseUrl}/api/v1/evidence/${ev.id}/verify`, { method: "POST", headers: auth() });
    expect(await verify.json()).toMatchObject({ ok: true, observed: ev.sha256 });
  });

  it("answers every request on one while the other's server is killed mid-load; the killed one's npm start exits 137", async () => {
    const statuses: number[] = [];
    let stop = false;
    const client = async (k: number) => {
      for (let i = 0; !stop; i++) {
        const res = i % 3 === 0 ? await createCase(b.baseUrl, `Under load ${k}.${i}`) : await fetch(`${b.baseUrl}/api/v1/cases?pageSize=5`, { headers: auth() });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    };
    // A's clients too, until A dies: its in-flight writes may be cut off, which must cost B nothing.
    const aClient = async () => {
      // The kill may land between an answer's headers and its body, so the body's read may fail too.
    while (!stop)
      await createCase(a.baseUrl, "On the dying instance")
        .then((r) => r.arrayBuffer())
        .catch(() => new Promise((r) => setTimeout(r, 50)));
    };
    const clients = [...Array.from({ length: 6 }, (_, k) => client(k)), aClient(), aClient()];
    while (statuses.length < 30) await new Promise((r) => setTimeout(r, 20));
    killServerOf(a.pid, "SIGKILL"); // like the OOM killer: the server, not the launcher
    const deadline = Date.now() + 30_000;
    while (a.exitCode() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const atDeath = statuses.length;
    while (statuses.length < atDeath + 100) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(clients);
    expect(a.exitCode()).toBe(137);
    expect(statuses.length).toBeGreaterThan(atDeath);
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
  });

  it("leaves the case numbers gap-free and the audit chain whole", async () => {
    expect((await normalSeries()).gapFree).toBe(true);
    const counter = await database.caseCounter.findUnique({ where: { year_restricted: { year, restricted: false } } });
    expect(counter?.lastSeq).toBe((await normalSeries()).n);
    const chain = await verifyAuditChain(database);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.events).toBeGreaterThan(50); // 40 + the creates under load, sign-in, sign-out, upload…
  });
});

/** Sends `signal` to every process under the launcher `pid` (the server and anything it started),
 *  not to the launcher itself. */
function killServerOf(pid: number, signal: NodeJS.Signals): void {
  const children = (p: number): number[] => {
    try {
      return fs
        .readdirSync(`/proc/${p}/task`)
        .flatMap((tid) => fs.readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const all: number[] = [];
  const walk = (p: number) => {
    for (const c of children(p)) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  if (all.length === 0) throw new Error(`launcher ${pid} has no server process`);
  for (const p of all) process.kill(p, signal);
}
