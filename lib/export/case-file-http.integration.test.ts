// The case file export as the route sends it (pages/api/v1/cases/[id]/export.ts). With the native
// addon (decision 0031), evidence files go from the page cache to the socket without being read:
// no pooled read at all, the file verifies, and the kept-alive connection serves a second export.
// Without it (LANTERN_ZERO_COPY=false, or no addon), evidence is read into pooled 1 MiB buffers that
// are read into again once the socket has taken their bytes (lib/storage/buffer-pool.ts,
// nodeStreamResponse's release). There the client holds off reading until the server's socket is
// full, so writes wait in the socket's queue while evidence is read ahead; the file must still
// verify, and ~11 MiB of evidence must have gone through a handful of buffers, not one per read.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { EVIDENCE_READS } from "@/lib/export/export-case-file";
import { verifyCaseFile } from "@/lib/export/verify-case-file";
import { signingKey } from "@/lib/signing/signing-key";
import { zeroCopyAvailable } from "@/lib/storage/zero-copy-send";
import exportRoute from "@/pages/api/v1/cases/[id]/export";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-casefile-http-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function caseWithEvidence() {
  const user = await createUser({ role: "INVESTIGATOR" });
  const c = await createCase(user, { title: "Zero-copy export", memberIds: [user.id] });
  for (const [i, n] of [3 * 1024 * 1024 + 123, 0, 9 * 1024 * 1024 + 1].entries()) {
    const bytes = n === 0 ? Buffer.from("a small file\n") : randomBytes(n);
    await uploadEvidence(ctxFor(user), c.id, await stageBytes(bytes, `capture-${i}.bin`, "application/octet-stream"), { kind: "OTHER", title: `Capture ${i}` });
  }
  const { token } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "export test" });
  return { c, token };
}

function download(port: number, caseId: string, token: string, agent: http.Agent, file: string): Promise<{ status: number | undefined; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: `/api/v1/cases/${caseId}/export`, headers: { authorization: `Bearer ${token}` }, agent }, (res) => {
      pipeline(res, fs.createWriteStream(file)).then(() => resolve({ status: res.statusCode, reusedSocket: req.reusedSocket }), reject);
    });
    req.on("error", reject);
  });
}

describe("case file export over HTTP", () => {
  it("hands evidence files to the socket unread, as HTTP/1.1 chunks: the file verifies, unzip finds every CRC right, the connection serves the next export", async () => {
    expect(await zeroCopyAvailable()).toBe(process.platform === "linux"); // CI builds the addon at npm ci
    const { c, token } = await caseWithEvidence();
    const server = http.createServer((req, res) => {
      Object.assign(req, { query: { id: c.id } });
      void exportRoute(req as NextApiRequest, res as NextApiResponse);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const { port } = server.address() as AddressInfo;
      const taken = EVIDENCE_READS.taken;
      const zips = [path.join(dir, "first.zip"), path.join(dir, "second.zip")];
      expect(await download(port, c.id, token, agent, zips[0])).toEqual({ status: 200, reusedSocket: false });
      expect(await download(port, c.id, token, agent, zips[1])).toEqual({ status: 200, reusedSocket: true });
      for (const zip of zips) {
        const report = await verifyCaseFile(zip, [{ publicKeyPem: signingKey().publicKeyPem }]);
        expect(report).toMatchObject({ ok: true, altered: [], missing: [], extra: [], problems: [] });
        expect(execFileSync("unzip", ["-tq", zip], { encoding: "utf8" })).toMatch(/No errors detected/);
      }
      if (await zeroCopyAvailable()) expect(EVIDENCE_READS.taken - taken).toBe(0);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answers HEAD with the GET's headers and no body, without making or recording an export; 404 to an outsider", async () => {
    const { c, token } = await caseWithEvidence();
    const outsider = await createUser({ role: "INVESTIGATOR" });
    const { token: outsiderToken } = await createApiToken(outsider.id, SYSTEM_CONTEXT, { name: "outsider" });
    await db().case.update({ where: { id: c.id }, data: { restricted: true } });
    const server = http.createServer((req, res) => {
      Object.assign(req, { query: { id: c.id } });
      void exportRoute(req as NextApiRequest, res as NextApiResponse);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const head = (bearer: string) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, method: "HEAD", path: `/api/v1/cases/${c.id}/export`, headers: { authorization: `Bearer ${bearer}` } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      const before = await db().auditEvent.count({ where: { caseId: c.id } });
      const res = await head(token);
      expect([res.statusCode, res.headers["content-type"], res.headers["content-disposition"]]).toEqual([200, "application/zip", expect.stringMatching(/^attachment; filename=".+-case-file-\d{4}-\d{2}-\d{2}\.zip"$/)]);
      expect(await db().auditEvent.count({ where: { caseId: c.id } })).toBe(before);
      expect(await db().custodyEvent.count({ where: { evidence: { caseId: c.id }, action: "EXPORT" } })).toBe(0);
      expect((await head(outsiderToken)).statusCode).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads evidence recorded before intake kept a CRC-32, computing the CRC as it streams: the file verifies and unzips clean", async () => {
    const { c, token } = await caseWithEvidence();
    const legacy = await db().evidence.findFirstOrThrow({ where: { caseId: c.id }, orderBy: { createdAt: "asc" }, select: { id: true } });
    await db().evidence.update({ where: { id: legacy.id }, data: { crc32: null } });
    const server = http.createServer((req, res) => {
      Object.assign(req, { query: { id: c.id } });
      void exportRoute(req as NextApiRequest, res as NextApiResponse);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const taken = EVIDENCE_READS.taken;
      const zip = path.join(dir, "legacy.zip");
      expect(await download(port, c.id, token, new http.Agent({ keepAlive: false }), zip)).toMatchObject({ status: 200 });
      expect(await verifyCaseFile(zip, [{ publicKeyPem: signingKey().publicKeyPem }])).toMatchObject({ ok: true, altered: [] });
      expect(execFileSync("unzip", ["-tq", zip], { encoding: "utf8" })).toMatch(/No errors detected/);
      expect(EVIDENCE_READS.taken - taken).toBeGreaterThanOrEqual(4); // the 3 MiB file, read
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("sends evidence read into reused buffers intact, with the socket full along the way: the file verifies", async () => {
    vi.stubEnv("LANTERN_ZERO_COPY", "false");
    onTestFinished(() => void vi.unstubAllEnvs());
    const user = await createUser({ role: "INVESTIGATOR" });
    const c = await createCase(user, { title: "Pooled reads", memberIds: [user.id] });
    // Sizes off the 1 MiB read size, so chunks are also joined with the ZIP's records.
    const evidence = [3 * 1024 * 1024 + 123, 2 * 1024 * 1024 + 77_777, 5 * 1024 * 1024 + 1].map((n) => randomBytes(n));
    for (const [i, bytes] of evidence.entries()) {
      await uploadEvidence(ctxFor(user), c.id, await stageBytes(bytes, `capture-${i}.bin`, "application/octet-stream"), { kind: "OTHER", title: `Capture ${i}` });
    }
    const { token } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "export test" });

    const before = { taken: EVIDENCE_READS.taken, allocated: EVIDENCE_READS.allocated };
    let socketFull = false;
    const server = http.createServer((req, res) => {
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      res.write = ((...args: unknown[]) => {
        const more = write(...args);
        if (!more) socketFull = true;
        return more;
      }) as typeof res.write;
      Object.assign(req, { query: { id: c.id } });
      void exportRoute(req as NextApiRequest, res as NextApiResponse);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const zip = path.join(dir, "case.zip");
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get({ host: "127.0.0.1", port, path: `/api/v1/cases/${c.id}/export`, headers: { authorization: `Bearer ${token}` } }, resolve).on("error", reject),
      );
      expect(res.statusCode).toBe(200);
      res.pause();
      await vi.waitFor(() => expect(socketFull).toBe(true), { timeout: 10_000 });
      await pipeline(res, fs.createWriteStream(zip));

      const report = await verifyCaseFile(zip, [{ publicKeyPem: signingKey().publicKeyPem }]);
      expect(report).toMatchObject({ ok: true, altered: [], missing: [], extra: [], problems: [] });
      expect(report.manifest?.files).toBeGreaterThanOrEqual(evidence.length + 4);
      // Every entry's CRC-32 and sizes, as any unzip checks them.
      expect(execFileSync("unzip", ["-tq", zip], { encoding: "utf8" })).toMatch(/No errors detected/);
      // 13 reads of 1 MiB or less; the one in the socket's queue and the one read ahead, reused.
      expect(EVIDENCE_READS.taken - before.taken).toBeGreaterThanOrEqual(13);
      expect(EVIDENCE_READS.allocated - before.allocated).toBeLessThanOrEqual(3);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
