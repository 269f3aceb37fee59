// Issue 8, point 9: what `npm start` keeps in memory beside the server. The start-up work runs in a
// child that exits (scripts/start.ts under tsx); what stays is the launcher (scripts/start.mjs, a
// bare Node) and next-server. This starts the production server as `npm start` does (a server of
// its own: port LANTERN_E2E_MEMORY_PORT, default 3102, and a fresh data folder), lets it serve a
// few pages, then sums the resident memory (VmRSS) of every process of its tree but next-server,
// prints "resident beside next-server: N MB" and holds it under 60 MB. Then it kills next-server
// alone: the launcher must end with 128 + the signal's number (137), as a shell reports it, not
// report success (issue 14 point 4: a supervisor restarts a server that died).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { isNextServer, processTree } from "./support/process-tree";
import { recordMeasure } from "../support/measures";

const PORT = Number(process.env.LANTERN_E2E_MEMORY_PORT ?? 3102);
const ADMIN = { email: "admin@memory.e2e.test", password: "memory e2e admin password" };
const LIMIT_MB = 60;

let dataDir: string;
let server: OwnServer | undefined;

test.beforeAll(() => {
  fs.mkdirSync(path.resolve(".tmp"), { recursive: true });
  dataDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-memory-"));
});

test.afterAll(async () => {
  await server?.kill("SIGKILL");
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test(`npm start keeps under ${LIMIT_MB} MB beside next-server, and exits 137 when its server is killed`, async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN });
  await server.ready();
  for (const page of ["/login", "/api/health", "/api/v1/openapi.json"]) {
    expect((await fetch(`${server.baseUrl}${page}`)).status).toBe(200);
  }

  // Idle: the set-up child is gone, so the tree is the launcher and next-server.
  await expect.poll(() => processTree(server!.pid).length, { timeout: 30_000 }).toBe(2);
  const tree = processTree(server.pid);
  const nextServer = tree.filter(isNextServer);
  const beside = tree.filter((p) => !isNextServer(p));
  const mb = (kb: number) => Math.round(kb / 1024);
  const besideKb = beside.reduce((sum, p) => sum + p.rssKb, 0);
  recordMeasure(
    `resident beside next-server: ${mb(besideKb)} MB (${beside.map((p) => `${p.command.slice(0, 60)}: ${mb(p.rssKb)} MB`).join("; ")}); ` +
      `next-server: ${mb(nextServer.reduce((sum, p) => sum + p.rssKb, 0))} MB`,
  );
  expect(nextServer).toHaveLength(1);
  expect(beside.map((p) => p.pid)).toEqual([server.pid]); // the launcher alone
  expect(besideKb).toBeLessThan(LIMIT_MB * 1024);

  process.kill(nextServer[0].pid, "SIGKILL");
  await expect.poll(() => server!.exitCode(), { timeout: 15_000 }).toBe(137);
});
