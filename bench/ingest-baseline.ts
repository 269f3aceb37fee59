// The raw baseline of `npm run bench -- ingest`: stream-parse the log with the same parser as the
// app (lib/log-format: gzip detection, line numbering, typed rows, prompt fingerprints) and insert
// every row into ApiRequest of a twin SQLite database with one prepared better-sqlite3 statement,
// 5,000 rows a transaction. No registry, no accounts, no job: what the ingest job adds on top of
// this is what its ratio measures.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { LogLineParser } from "@/lib/log-format/log-line-parser";
import type { LogRow } from "@/lib/log-format/log-row";
import { readLogStream } from "@/lib/log-format/read-log-stream";

const BATCH = 5_000;

export type BaselineResult = { lines: number; rows: number; seconds: number; linesPerSecond: number };

export async function runIngestBaseline(logFile: string, sqliteFile: string): Promise<BaselineResult> {
  const db = new Database(sqliteFile);
  db.pragma("journal_mode = WAL");
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "createdAt", "updatedAt") VALUES ('baseline-user', 'b@example.test', 'b', 'ADMIN', 'x', ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Case" ("id", "number", "title", "createdById", "createdAt", "updatedAt") VALUES ('baseline-case', 'LAN-2000-0001', 'b', 'baseline-user', ?, ?)`).run(now, now);
  db.prepare(
    `INSERT INTO "Evidence" ("id", "caseId", "kind", "title", "originalFilename", "declaredMediaType", "sniffedMediaType", "sizeBytes", "sha256", "uploadedById", "createdAt")
     VALUES ('baseline-ev', 'baseline-case', 'API_LOG', 'b', 'b', 'b', 'b', 0, 'b', 'baseline-user', ?)`,
  ).run(now);
  db.prepare(`INSERT INTO "IngestRun" ("id", "caseId", "evidenceId", "createdById", "createdAt", "updatedAt") VALUES ('baseline-run', 'baseline-case', 'baseline-ev', 'baseline-user', ?, ?)`).run(now, now);
  const insert = db.prepare(
    `INSERT INTO "ApiRequest" ("runId", "line", "caseId", "accountId", "ts", "model", "promptTokens", "completionTokens", "apiKeyId",
       "orgId", "ip", "userAgent", "endpoint", "status", "requestId", "prompt", "promptHash", "promptKey", "promptSimhash", "extra")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = db.transaction((rows: LogRow[]) => {
    for (const r of rows) {
      insert.run(
        "baseline-run", r.line, "baseline-case", r.accountExternalId, r.ts.toISOString().replace("Z", "+00:00"), r.model, r.promptTokens, r.completionTokens,
        r.apiKeyId, r.orgId, r.ip, r.userAgent, r.endpoint, r.status, r.requestId, r.prompt, r.promptHash, r.promptKey, r.promptSimhash, r.extra,
      );
    }
  });
  const started = performance.now();
  const stream = await readLogStream(fs.createReadStream(logFile));
  let rows: LogRow[] = [];
  let total = 0;
  let lines = 0;
  const parser = new LogLineParser(stream.format, { row: (r) => rows.push(r), error: () => void lines++ });
  for await (const chunk of stream.chunks) {
    parser.push(chunk);
    if (rows.length >= BATCH) {
      write(rows);
      total += rows.length;
      rows = [];
    }
  }
  parser.end();
  write(rows);
  total += rows.length;
  const seconds = (performance.now() - started) / 1000;
  db.close();
  lines += total;
  return { lines, rows: total, seconds, linesPerSecond: lines / seconds };
}
