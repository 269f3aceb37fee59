// The evidence-upload benchmark (issue 3): a generated file (1 GiB unless BENCH_UPLOAD_MB says
// otherwise) is copied with `cp`, hashed with a bare SHA-256 pass, and uploaded through
// POST /api/v1/cases/{id}/evidence as one streamed multipart request, all in the same run, while
// the server's RSS is sampled. Nothing here holds the file in memory, on either side.
import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { cpuSeconds, minorFaults, peakRssBytes, processTree, resetPeakRss, rssBytes, sampleRss, threadCpuSeconds } from "./process-tree";

const MiB = 1024 * 1024;
const MB = 1e6; // rates and memory are reported in MB (10^6 bytes), as the targets are
const BLOCK_BYTES = 16 * MiB;
const READ_CHUNK_BYTES = 1 * MiB; // for the hash pass and the client's reads alike
const TARGET_RATIO = 0.5;
const TARGET_GROWTH_MB = 100;

/** One round: a bare hash pass of each kind, then the upload, back to back, so that each ratio
 *  compares figures taken under the same load (these machines are noisy). */
export type UploadRound = {
  hashMBps: number;
  /** The same pass with the `sha256sum` command (coreutils), the command-line peer of `cp`. */
  sha256sumMBps: number;
  uploadMBps: number;
  uploadSeconds: number;
  /** From the last byte handed to the socket to the 201: the server's fsync, commit and row. */
  answerMs: number;
  serverCpuSeconds: number;
  serverMinorFaults: number;
  /** The server's busiest threads during the upload, CPU seconds each, busiest first. */
  serverThreads: { thread: string; cpuSeconds: number }[];
  clientCpuSeconds: number;
};

export type UploadBenchResult = {
  bytes: number;
  cpMBps: number;
  /** In the order run; the verdict is on the median ratio. */
  rounds: UploadRound[];
  serverProcesses: number;
  rssBaselineMB: number;
  rssPeakMB: number;
  rssSamples: number;
};

type Target = { baseUrl: string; pid: number; token: string };

export async function benchUpload(server: Target, sizeBytes: number, roundCount: number): Promise<UploadBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-upload-"));
  try {
    const source = path.join(dir, "evidence.bin");
    await generateFile(source, sizeBytes);
    const cpSeconds = await timeCp(source, path.join(dir, "copy.bin"));

    const caseId = await createCase(server);
    // A small upload first, so loading the route's code is not counted as upload memory.
    const warmup = path.join(dir, "warmup.bin");
    await generateFile(warmup, 1 * MiB);
    await upload(server, caseId, warmup);

    const pids = processTree(server.pid);
    const baseline = await steadyRss(pids);
    const hwmReset = resetPeakRss(pids);
    const sampler = sampleRss(server.pid);
    const rounds: UploadRound[] = [];
    let tree = pids;
    for (let i = 0; i < roundCount; i++) {
      const { seconds: hashSeconds, sha256 } = await timeHash(source);
      const sha256sumSeconds = await timeSha256sum(source, sha256);
      const cpuBefore = cpuSeconds(tree);
      const faultsBefore = minorFaults(tree);
      const threadsBefore = threadCpuSeconds(tree);
      const clientBefore = process.cpuUsage();
      const t = performance.now();
      // The same content each round: after the first, the store finds the blob already there and
      // drops the new copy instead of renaming it; receiving, hashing, writing and syncing it are
      // the same work.
      const body = await upload(server, caseId, source);
      const uploadSeconds = (performance.now() - t) / 1000;
      const client = process.cpuUsage(clientBefore);
      tree = processTree(server.pid);
      if (body.sha256 !== sha256 || body.sizeBytes !== sizeBytes) {
        throw new Error(`The server recorded sha256 ${body.sha256} (${body.sizeBytes} bytes); the file is ${sha256} (${sizeBytes} bytes)`);
      }
      rounds.push({
        hashMBps: sizeBytes / MB / hashSeconds,
        sha256sumMBps: sizeBytes / MB / sha256sumSeconds,
        uploadMBps: sizeBytes / MB / uploadSeconds,
        uploadSeconds,
        answerMs: body.answerMs,
        serverCpuSeconds: cpuSeconds(tree) - cpuBefore,
        serverMinorFaults: minorFaults(tree) - faultsBefore,
        serverThreads: [...threadCpuSeconds(tree)]
          .map(([thread, seconds]) => ({ thread, cpuSeconds: seconds - (threadsBefore.get(thread) ?? 0) }))
          .filter((th) => th.cpuSeconds >= 0.05)
          .sort((a, b) => b.cpuSeconds - a.cpuSeconds),
        clientCpuSeconds: (client.user + client.system) / 1e6,
      });
    }
    const sampled = sampler.stop();
    const peak = Math.max(sampled.peak, hwmReset ? peakRssBytes(tree) : 0);
    return {
      bytes: sizeBytes,
      cpMBps: sizeBytes / MB / cpSeconds,
      rounds,
      serverProcesses: tree.length,
      rssBaselineMB: baseline / MB,
      rssPeakMB: peak / MB,
      rssSamples: sampled.samples,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function formatUploadResult(r: UploadBenchResult): string {
  const ratios = r.rounds.map((x) => x.uploadMBps / x.hashMBps);
  const sumRatios = r.rounds.map((x) => x.uploadMBps / x.sha256sumMBps);
  const ratio = median(ratios);
  const sumRatio = median(sumRatios);
  // The round whose ratio is the median one (for an odd count), to show where its time went.
  const typical = r.rounds[ratios.indexOf([...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)])];
  const growth = r.rssPeakMB - r.rssBaselineMB;
  const mark = (ok: boolean) => (ok ? "PASS" : "MISS");
  const list = (xs: number[], digits: number) => xs.map((x) => x.toFixed(digits)).join(" / ");
  const rate = (label: string, mbps: number[], note: string) => `${label.padEnd(30)} ${list(mbps, 0).padStart(16)} MB/s   ${note}`;
  return [
    `Evidence upload: ${(r.bytes / MiB).toFixed(0)} MiB of random bytes, one streamed multipart request on loopback (${os.cpus().length} cores), ${r.rounds.length} rounds`,
    rate("cp (coreutils, no fsync)", [r.cpMBps], "(once; a new file of the same size, as the upload writes)"),
    rate("bare SHA-256 pass (Node)", r.rounds.map((x) => x.hashMBps), `(node:crypto, OpenSSL with the CPU's SHA instructions; ${READ_CHUNK_BYTES / MiB} MiB reads)`),
    rate("bare SHA-256 pass (sha256sum)", r.rounds.map((x) => x.sha256sumMBps), "(coreutils, the command-line peer of cp)"),
    rate("upload POST /evidence", r.rounds.map((x) => x.uploadMBps), "(to the 201: fsync, commit and row included)"),
    `  median round: ${typical.uploadSeconds.toFixed(2)} s, of which ${typical.answerMs.toFixed(0)} ms after the last byte; CPU: server ${typical.serverCpuSeconds.toFixed(1)} s (${typical.serverMinorFaults} page faults), client ${typical.clientCpuSeconds.toFixed(1)} s`,
    `  server CPU by thread: ${typical.serverThreads.map((t) => `${t.thread} ${t.cpuSeconds.toFixed(2)} s`).join(", ")}`,
    "",
    `upload / Node hash pass, per round: ${list(ratios, 2)}; median ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x)   ${mark(ratio >= TARGET_RATIO)}`,
    `upload / sha256sum pass, per round: ${list(sumRatios, 2)}; median ${sumRatio.toFixed(2)}x (target >= ${TARGET_RATIO}x)   ${mark(sumRatio >= TARGET_RATIO)}   (upload / cp: ${(median(r.rounds.map((x) => x.uploadMBps)) / r.cpMBps).toFixed(2)}x)`,
    `server RSS (${r.serverProcesses} process${r.serverProcesses === 1 ? "" : "es"}, ${r.rssSamples} samples, all rounds): baseline ${r.rssBaselineMB.toFixed(0)} MB, peak ${r.rssPeakMB.toFixed(0)} MB, growth ${growth.toFixed(0)} MB (target < ${TARGET_GROWTH_MB} MB)   ${mark(growth < TARGET_GROWTH_MB)}`,
    `every round: the server's sha256 and size match the file's`,
  ].join("\n");
}

/** Random (incompressible) content, written block by block and synced, so its write-back does not
 *  land in the middle of the timings that follow. */
async function generateFile(file: string, sizeBytes: number): Promise<void> {
  const handle = await fs.promises.open(file, "wx", 0o600);
  try {
    for (let written = 0; written < sizeBytes; written += BLOCK_BYTES) {
      await handle.write(randomBytes(Math.min(BLOCK_BYTES, sizeBytes - written)));
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The `cp` command, as the issue names it; the copy is removed at once (unsynced, so cheaply). */
async function timeCp(source: string, target: string): Promise<number> {
  const t = performance.now();
  await promisify(execFile)("cp", [source, target]);
  const seconds = (performance.now() - t) / 1000;
  fs.rmSync(target);
  return seconds;
}

/** Reads into one reused buffer: the barest pass there is, with no allocation per chunk. */
async function timeHash(file: string): Promise<{ seconds: number; sha256: string }> {
  const t = performance.now();
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const handle = await fs.promises.open(file, "r");
  try {
    for (let n; (n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest("hex");
  return { seconds: (performance.now() - t) / 1000, sha256 };
}

/** The `sha256sum` command over the same file; its answer must match. */
async function timeSha256sum(file: string, expected: string): Promise<number> {
  const t = performance.now();
  const { stdout } = await promisify(execFile)("sha256sum", [file]);
  const seconds = (performance.now() - t) / 1000;
  if (!stdout.startsWith(expected)) throw new Error(`sha256sum disagrees: ${stdout}`);
  return seconds;
}

async function createCase(server: Target): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/v1/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Upload benchmark" }),
  });
  if (res.status !== 201) throw new Error(`Creating the benchmark case answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The median RSS over half a second: one reading can catch a collection half-way. */
async function steadyRss(pids: number[]): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 10; i++) {
    readings.push(rssBytes(pids));
    await new Promise((r) => setTimeout(r, 50));
  }
  return readings.sort((a, b) => a - b)[5];
}

/** POSTs the file as multipart/form-data: preamble, the file streamed from disk, epilogue, with a
 *  Content-Length (computed up front) rather than chunked encoding. */
async function upload(server: Target, caseId: string, file: string): Promise<{ sha256: string; sizeBytes: number; answerMs: number }> {
  const boundary = `lantern-bench-${randomUUID()}`;
  const fields = { kind: "OTHER", title: `Upload benchmark ${path.basename(file)}` };
  const preamble = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = preamble.length + fs.statSync(file).size + epilogue.length;
  const req = http.request(`${server.baseUrl}/api/v1/cases/${caseId}/evidence`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${server.token}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(length),
    },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
  });
  // A refused upload answers before the body is sent and may close the socket under us; the
  // response says why, so a send error only matters when there is no response.
  let lastByteSentAt = 0;
  const sent = sendBody(req, preamble, file, epilogue).then(
    () => void (lastByteSentAt = performance.now()),
    (e: unknown) => e,
  );
  const { status, text } = await response;
  const answeredAt = performance.now();
  if (status !== 201) throw new Error(`Upload answered ${status}: ${text}`);
  await sent;
  return { ...(JSON.parse(text) as { sha256: string; sizeBytes: number }), answerMs: answeredAt - lastByteSentAt };
}

/** Writes preamble, file, epilogue. The file goes through a few reused buffers, each refilled
 *  only once the socket has taken it: a fresh buffer per chunk would make the client's garbage
 *  collector a noticeable share of the CPU the server competes for. */
async function sendBody(req: http.ClientRequest, preamble: Buffer, file: string, epilogue: Buffer): Promise<void> {
  const write = (chunk: Buffer) => {
    const flushed = new Promise<void>((resolve, reject) => req.write(chunk, (e) => (e ? reject(e) : resolve())));
    flushed.catch(() => {}); // awaited below; a failure also surfaces as the request's error
    return flushed;
  };
  const pool = Array.from({ length: 4 }, () => Buffer.allocUnsafe(READ_CHUNK_BYTES));
  const flushed: Promise<void>[] = [write(preamble)];
  const handle = await fs.promises.open(file, "r");
  try {
    for (let i = 0; ; i = (i + 1) % pool.length) {
      await flushed[i + 1];
      const { bytesRead } = await handle.read(pool[i], 0, READ_CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      // No wait for 'drain' here: the pool already bounds what is in flight (a write holds its
      // buffer until the socket has taken it), and reading the next buffers while the socket
      // drains keeps it from running dry between reads (the server would wait on the client).
      flushed[i + 1] = write(pool[i].subarray(0, bytesRead));
    }
    await Promise.all(flushed);
  } finally {
    await handle.close();
  }
  await new Promise<void>((resolve) => req.end(epilogue, () => resolve()));
}

