// sendFileSegment over real loopback HTTP (node:http server, real files, the built native addon):
// the bytes arrive intact framed as HTTP/1.1 chunks (a second request on the same kept-alive
// connection proves the framing) and close-delimited for HTTP/1.0; a file that ends early, a client
// that leaves, a response destroyed mid-transfer and a content-coded response each end the way they
// must, and no descriptor is left open. Also the addon's own argument checks and cancel flag.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BufferPool } from "@/lib/storage/buffer-pool";
import { fileSegment } from "@/lib/storage/file-segment";
import { responseWriter, sendFileSegment, zeroCopyAvailable, zeroCopyTransfers } from "@/lib/storage/zero-copy-send";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-zero-copy-"));
const BYTES = randomBytes(24 * 1024 * 1024 + 4321); // more than loopback's socket buffers hold
const file = path.join(dir, "blob.bin");
fs.writeFileSync(file, BYTES);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Outcome = { open: boolean | null; sent: number | null; error: unknown; reads: number };
type Options = { length?: number; contentEncoding?: string; afterStart?: (res: http.ServerResponse) => void };

/** A server whose every response is "HEAD" + the file as one segment + "TAIL"; `outcomes` records
 *  what sendFileSegment answered for each. */
async function startServer(opts: Options = {}) {
  const outcomes: Outcome[] = [];
  const pool = new BufferPool(1024 * 1024, 2);
  const server = http.createServer(async (_req, res) => {
    const outcome: Outcome = { open: null, sent: null, error: null, reads: 0 };
    outcomes.push(outcome);
    const handle = await fs.promises.open(file, "r");
    try {
      res.setHeader("content-type", "application/octet-stream");
      if (opts.contentEncoding) res.setHeader("content-encoding", opts.contentEncoding);
      const writer = responseWriter(res, (chunk) => pool.release(chunk));
      await writer.write(Buffer.from("HEAD"));
      const segment = fileSegment(handle, 0, opts.length ?? BYTES.length);
      const before = pool.taken;
      opts.afterStart?.(res);
      outcome.open = await sendFileSegment(res, segment, writer, pool);
      outcome.sent = segment.sent;
      outcome.reads = pool.taken - before;
      if (outcome.open) {
        await writer.write(Buffer.from("TAIL"));
        res.end();
      }
    } catch (e) {
      outcome.error = e;
      res.destroy();
    } finally {
      await handle.close();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, outcomes, close: () => new Promise((resolve) => server.close(resolve)) };
}

function get(port: number, agent: http.Agent): Promise<{ body: Buffer; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ body: Buffer.concat(parts), reusedSocket: req.reusedSocket }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/** A raw HTTP/1.0 request: the body is everything after the head, up to the server's close. */
function getHttp10(port: number, opts: { leaveAfter?: number } = {}): Promise<{ head: string; body: Buffer; closedEarly: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write("GET / HTTP/1.0\r\nHost: x\r\n\r\n"));
    const parts: Buffer[] = [];
    let received = 0;
    socket.on("data", (d: Buffer) => {
      parts.push(d);
      received += d.length;
      if (opts.leaveAfter !== undefined && received >= opts.leaveAfter) socket.destroy();
    });
    socket.on("close", () => {
      const all = Buffer.concat(parts);
      const end = all.indexOf("\r\n\r\n");
      resolve({ head: all.subarray(0, end).toString("latin1"), body: all.subarray(end + 4), closedEarly: opts.leaveAfter !== undefined });
    });
    socket.on("error", reject);
  });
}

const openDescriptors = () => fs.readdirSync("/proc/self/fd").length;
const expected = Buffer.concat([Buffer.from("HEAD"), BYTES, Buffer.from("TAIL")]);

describe("sendFileSegment", () => {
  beforeAll(async () => {
    // CI builds the addon at npm ci (scripts/build-native.mjs); without it these tests would only
    // exercise the copy fallback.
    expect(await zeroCopyAvailable()).toBe(process.platform === "linux");
  });

  it("sends the file as one HTTP/1.1 chunk without reading it; the kept-alive connection serves the next response intact", async () => {
    const server = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(server.port, agent);
      const second = await get(server.port, agent);
      expect(first.body.equals(expected)).toBe(true);
      expect(second.body.equals(expected)).toBe(true);
      expect(second.reusedSocket).toBe(true);
      expect(server.outcomes.map((o) => [o.open, o.sent, o.reads])).toEqual([
        [true, BYTES.length, 0],
        [true, BYTES.length, 0],
      ]);
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  it("sends a close-delimited HTTP/1.0 body", async () => {
    const server = await startServer();
    try {
      const { head, body } = await getHttp10(server.port);
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head.toLowerCase()).not.toContain("transfer-encoding");
      expect(body.equals(expected)).toBe(true);
      expect(server.outcomes[0]).toMatchObject({ open: true, sent: BYTES.length, reads: 0 });
    } finally {
      await server.close();
    }
  });

  it("cuts the response when the file ended before its length, over HTTP/1.0 and when copying too: nothing after it is sent", async () => {
    for (const contentEncoding of [undefined, "identity"]) {
      const server = await startServer({ length: BYTES.length + 1000, contentEncoding });
      try {
        const { body } = await getHttp10(server.port);
        expect(body.equals(expected.subarray(0, 4 + BYTES.length))).toBe(true); // no "TAIL"
        await vi.waitFor(() => expect(server.outcomes[0]).toMatchObject({ open: false, sent: BYTES.length, error: null }));
      } finally {
        await server.close();
      }
    }
  });

  it("cuts an HTTP/1.1 response whose file ended before the announced chunk: never a short body that looks complete", async () => {
    const server = await startServer({ length: BYTES.length + 1000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await expect(get(server.port, agent)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
      await vi.waitFor(() => expect(server.outcomes[0]).toMatchObject({ open: false, sent: BYTES.length }));
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  it("stops when the client leaves mid-transfer, and leaves no descriptor open", async () => {
    const server = await startServer();
    try {
      await get(server.port, new http.Agent({ keepAlive: false })); // first-use descriptors (the addon, the file) settle
      const before = openDescriptors();
      const { body } = await getHttp10(server.port, { leaveAfter: 1024 * 1024 });
      expect(body.length).toBeLessThan(BYTES.length);
      // The client leaving is the transfer's end, not a server error: false, nothing thrown.
      await vi.waitFor(() => expect(server.outcomes[1]).toMatchObject({ open: false, error: null }), { timeout: 10_000 });
      await vi.waitFor(() => expect(openDescriptors()).toBeLessThanOrEqual(before), { timeout: 10_000 });
      // And the server goes on serving.
      expect((await get(server.port, new http.Agent({ keepAlive: false }))).body.equals(expected)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("stops the transfer when the response is destroyed mid-transfer", async () => {
    const server = await startServer({ afterStart: (res) => setImmediate(() => res.destroy()) });
    try {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
      socket.pause(); // reads nothing: the transfer waits on a full socket until cancelled
      await vi.waitFor(() => expect(server.outcomes[0]).toMatchObject({ open: false, error: null }), { timeout: 10_000 });
      expect(server.outcomes[0].sent).toBeLessThan(BYTES.length);
      socket.destroy();
    } finally {
      await server.close();
    }
  });

  it("reads and writes the bytes when the response is content-coded (a compression middleware owns them)", async () => {
    const server = await startServer({ contentEncoding: "identity" });
    try {
      const { body } = await get(server.port, new http.Agent({ keepAlive: false }));
      expect(body.equals(expected)).toBe(true);
      expect(server.outcomes[0]).toMatchObject({ open: true, sent: BYTES.length });
      expect(server.outcomes[0].reads).toBeGreaterThanOrEqual(24);
    } finally {
      await server.close();
    }
  });

  it("copies the bytes once the limit of transfers at a time is reached", async () => {
    const limit = zeroCopyTransfers.limit;
    zeroCopyTransfers.limit = 0;
    const server = await startServer();
    try {
      const { body } = await get(server.port, new http.Agent({ keepAlive: false }));
      expect(body.equals(expected)).toBe(true);
      expect(server.outcomes[0].reads).toBeGreaterThanOrEqual(24);
    } finally {
      zeroCopyTransfers.limit = limit;
      await server.close();
    }
  });

  it("reads and writes the bytes with LANTERN_ZERO_COPY=false", async () => {
    vi.stubEnv("LANTERN_ZERO_COPY", "false");
    const server = await startServer();
    try {
      expect(await zeroCopyAvailable()).toBe(false);
      const { body } = await get(server.port, new http.Agent({ keepAlive: false }));
      expect(body.equals(expected)).toBe(true);
      expect(server.outcomes[0].reads).toBeGreaterThanOrEqual(24);
    } finally {
      vi.unstubAllEnvs();
      await server.close();
    }
  });
});

describe.runIf(process.platform === "linux")("the native addon", () => {
  const addon = createRequire(import.meta.url)("@lantern/sendfile") as { send: (...args: unknown[]) => Promise<number> };
  const cancel = () => new Int32Array(new SharedArrayBuffer(4));
  const none = Buffer.alloc(0);

  it("refuses arguments that are not descriptors, offsets, a cancel flag and short frames", () => {
    expect(() => addon.send(1, 2, 0, 10, cancel(), none)).toThrow(TypeError);
    expect(() => addon.send("1", 2, 0, 10, cancel(), none, none)).toThrow(TypeError);
    expect(() => addon.send(-1, 2, 0, 10, cancel(), none, none)).toThrow(TypeError);
    expect(() => addon.send(1, 2, 0, 10, new Uint8Array(4), none, none)).toThrow(TypeError);
    expect(() => addon.send(1, 2, 0, 10, cancel(), Buffer.alloc(65), none)).toThrow(TypeError);
    expect(() => addon.send(1, 2, 0, 10, cancel(), none, "\r\n")).toThrow(TypeError);
  });

  it("throws with the errno's name for a descriptor that is not open", () => {
    let thrown: unknown;
    try {
      void addon.send(987_654, 987_655, 0, 10, cancel(), none, none);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: "EBADF" });
  });

  it("stops at once with ECANCELED when the flag is already set, telling how far it got", async () => {
    const [a, b] = await socketPair();
    const handle = await fs.promises.open(file, "r");
    try {
      const flag = cancel();
      Atomics.store(flag, 0, 1);
      const fd = (a as net.Socket & { _handle: { fd: number } })._handle.fd;
      await expect(addon.send(fd, handle.fd, 0, BYTES.length, flag, Buffer.from("head"), none)).rejects.toMatchObject({ code: "ECANCELED", bytesSent: 0 });
    } finally {
      await handle.close();
      a.destroy();
      b.destroy();
    }
  });
});

describe.runIf(process.platform === "linux")("the native addon when its JS environment goes away mid-transfer", () => {
  it("a worker thread terminated while its transfer waits on a full socket: the process lives on", () => {
    // In a child process, so that a crash (the fault this guards against) is a failed test, not a dead runner.
    const script = path.join(dir, "teardown.mjs");
    fs.writeFileSync(
      script,
      `import { Worker } from "node:worker_threads";
import net from "node:net";
const server = net.createServer();
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const accepted = new Promise((r) => server.once("connection", r));
const client = net.connect(server.address().port, "127.0.0.1");
client.pause(); // the transfer fills the socket and waits in poll()
const sock = await accepted;
const worker = new Worker(\`
  const { parentPort, workerData } = require("node:worker_threads");
  const fs = require("node:fs");
  const addon = require(workerData.addon);
  const fd = fs.openSync(workerData.file, "r");
  addon.send(workerData.fd, fd, 0, fs.fstatSync(fd).size, new Int32Array(new SharedArrayBuffer(4)), Buffer.alloc(0), Buffer.alloc(0)).catch(() => {});
  parentPort.postMessage("started");
\`, { eval: true, workerData: { addon: ${JSON.stringify(createRequire(import.meta.url).resolve("@lantern/sendfile"))}, file: ${JSON.stringify(file)}, fd: sock._handle.fd } });
await new Promise((r) => worker.once("message", r));
await worker.terminate();
let got = 0;
client.on("data", (d) => (got += d.length));
client.resume();
sock.destroy();
await new Promise((r) => client.once("close", r));
server.close();
console.log("alive after", got, "bytes");
`,
    );
    const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: "" });
    expect(run.stdout).toMatch(/^alive after \d+ bytes/);
  });
});

function socketPair(): Promise<[net.Socket, net.Socket]> {
  return new Promise((resolve) => {
    const server = net.createServer((accepted) => {
      server.close();
      resolve([client, accepted]);
    });
    let client!: net.Socket;
    server.listen(0, "127.0.0.1", () => (client = net.connect((server.address() as AddressInfo).port, "127.0.0.1")));
  });
}
