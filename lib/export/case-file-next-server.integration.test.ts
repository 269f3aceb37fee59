// The case file export on the connection shapes `next start` gives it that the other HTTP tests do
// not: behind Next's compression middleware (router-server wraps every response with it; a browser
// sends Accept-Encoding: gzip), as a pipelined request behind another export, and as a HEAD before a
// GET on one kept-alive connection. With the native addon (decision 0031) the evidence goes to the
// raw socket beside the response's own writes, so each case must still end in whole, verifiable
// files, framed so that the connection serves what follows.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { EVIDENCE_READS } from "@/lib/export/export-case-file";
import { verifyCaseFile } from "@/lib/export/verify-case-file";
import { signingKey } from "@/lib/signing/signing-key";
import { zeroCopyAvailable } from "@/lib/storage/zero-copy-send";
import exportRoute from "@/pages/api/v1/cases/[id]/export";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
/** The compression middleware exactly as `next start` applies it (next/dist/server/lib/router-server.js). */
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => Middleware;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-casefile-next-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function caseWithEvidence() {
  const user = await createUser({ role: "INVESTIGATOR" });
  const c = await createCase(user, { title: "Export as next start serves it", memberIds: [user.id] });
  for (const [i, n] of [2 * 1024 * 1024 + 321, 6 * 1024 * 1024 + 5].entries()) {
    await uploadEvidence(ctxFor(user), c.id, await stageBytes(randomBytes(n), `capture-${i}.bin`, "application/octet-stream"), { kind: "OTHER", title: `Capture ${i}` });
  }
  const { token } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "export test" });
  return { c, token };
}

/** A server that answers like `next start`: the compression middleware first, then the route. */
async function startServer(caseId: string) {
  const compress = compression();
  const server = http.createServer((req, res) => {
    compress(req, res, () => {});
    Object.assign(req, { query: { id: caseId } });
    void exportRoute(req as NextApiRequest, res as NextApiResponse);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function expectVerifies(zip: string) {
  expect(await verifyCaseFile(zip, [{ publicKeyPem: signingKey().publicKeyPem }])).toMatchObject({ ok: true, altered: [], missing: [], extra: [], problems: [] });
  expect(execFileSync("unzip", ["-tq", zip], { encoding: "utf8" })).toMatch(/No errors detected/);
}

type Answer = { status: number | undefined; headers: http.IncomingHttpHeaders; body: Buffer; reusedSocket: boolean };

function download(port: number, caseId: string, token: string, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, "accept-encoding": "gzip, deflate, br" };
    const req = http.request({ host: "127.0.0.1", port, path: `/api/v1/cases/${caseId}/export`, headers, agent }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts), reusedSocket: req.reusedSocket }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The bodies of the HTTP/1.1 responses in `raw`, each de-chunked; throws on a framing error. */
function chunkedBodies(raw: Buffer): { head: string; body: Buffer }[] {
  const out: { head: string; body: Buffer }[] = [];
  let at = 0;
  while (at < raw.length) {
    const headEnd = raw.indexOf("\r\n\r\n", at);
    const head = raw.subarray(at, headEnd).toString("latin1");
    if (!/^transfer-encoding: chunked$/im.test(head)) throw new Error(`not chunked: ${head}`);
    at = headEnd + 4;
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = raw.indexOf("\r\n", at);
      const size = Number.parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
      if (!Number.isInteger(size)) throw new Error(`bad chunk size line at ${at}`);
      at = lineEnd + 2;
      if (size === 0) {
        at += 2;
        break;
      }
      parts.push(raw.subarray(at, at + size));
      if (raw.subarray(at + size, at + size + 2).toString("latin1") !== "\r\n") throw new Error(`chunk not closed at ${at + size}`);
      at += size + 2;
    }
    out.push({ head, body: Buffer.concat(parts) });
  }
  return out;
}

describe("case file export as next start serves it", () => {
  it("behind Next's compression middleware with Accept-Encoding: gzip: no content coding, evidence sent unread, two exports on one kept-alive connection both verify", async () => {
    const { c, token } = await caseWithEvidence();
    const server = await startServer(c.id);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const taken = EVIDENCE_READS.taken;
      for (const [i, reused] of [false, true].entries()) {
        const answer = await download(server.port, c.id, token, agent);
        expect(answer).toMatchObject({ status: 200, reusedSocket: reused });
        expect(answer.headers["content-encoding"]).toBeUndefined();
        expect(answer.headers["transfer-encoding"]).toBe("chunked");
        const zip = path.join(dir, `compressed-${i}.zip`);
        fs.writeFileSync(zip, answer.body);
        await expectVerifies(zip);
      }
      // The middleware wraps res.write: the writes' callbacks must still arrive, or the export
      // would wait forever before its first evidence file; and the addon must have been used.
      if (await zeroCopyAvailable()) expect(EVIDENCE_READS.taken - taken).toBe(0);
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  it("answers two export requests pipelined on one connection, each whole and framed (the second waits behind the first)", async () => {
    const { c, token } = await caseWithEvidence();
    const server = await startServer(c.id);
    try {
      const get = (last: boolean) =>
        `GET /api/v1/cases/${c.id}/export HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nAccept-Encoding: gzip\r\n${last ? "Connection: close\r\n" : ""}\r\n`;
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const socket = net.connect(server.port, "127.0.0.1", () => socket.write(get(false) + get(true)));
        const parts: Buffer[] = [];
        socket.on("data", (d: Buffer) => parts.push(d));
        socket.on("end", () => resolve(Buffer.concat(parts)));
        socket.on("error", reject);
      });
      const answers = chunkedBodies(raw);
      expect(answers.map((a) => a.head.split("\r\n")[0])).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
      for (const [i, answer] of answers.entries()) {
        const zip = path.join(dir, `pipelined-${i}.zip`);
        fs.writeFileSync(zip, answer.body);
        await expectVerifies(zip);
      }
    } finally {
      await server.close();
    }
  });

  it("answers HEAD with the headers and no body; the same connection then serves the export whole", async () => {
    const { c, token } = await caseWithEvidence();
    const server = await startServer(c.id);
    try {
      const ask = (method: string, last: boolean) =>
        `${method} /api/v1/cases/${c.id}/export HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nAccept-Encoding: gzip\r\n${last ? "Connection: close\r\n" : ""}\r\n`;
      // HEAD first; the GET goes on the same connection once the HEAD's answer is in.
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const socket = net.connect(server.port, "127.0.0.1", () => socket.write(ask("HEAD", false)));
        const parts: Buffer[] = [];
        let asked = false;
        socket.on("data", (d: Buffer) => {
          parts.push(d);
          if (!asked && Buffer.concat(parts).includes("\r\n\r\n")) {
            asked = true;
            socket.write(ask("GET", true));
          }
        });
        socket.on("end", () => resolve(Buffer.concat(parts)));
        socket.on("error", reject);
      });
      const headEnd = raw.indexOf("\r\n\r\n") + 4;
      const head = raw.subarray(0, headEnd).toString("latin1");
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head).toMatch(/^content-type: application\/zip\r$/im);
      const [answer, ...more] = chunkedBodies(raw.subarray(headEnd)); // nothing of a body after the HEAD's headers
      expect(more).toEqual([]);
      expect(answer.head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const zip = path.join(dir, "after-head.zip");
      fs.writeFileSync(zip, answer.body);
      await expectVerifies(zip);
    } finally {
      await server.close();
    }
  });
});
