// `npm run bench -- accounts` (run by bench/run.ts in a process of its own, so peak RSS is this
// part's): generates a CSV of 100,000 accounts with 500,000 attributes, imports it through the
// same function the API uses (importAccounts), and, in the same run, inserts the same rows into a
// twin database with prepared better-sqlite3 statements in batched transactions. Then computes the
// suggested links over all of them. Prints one JSON line for bench/run.ts.
// On PostgreSQL (`--db postgresql`, bench/bench-database.ts) the twin gets the same rows through pg,
// one multi-row INSERT … SELECT FROM unnest(…) per table and batch, one transaction per batch.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { createBenchDatabase, describeBenchDatabase, type BenchDatabase } from "./bench-database";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const BATCH = 2_000;
const PUBLIC_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "qq.com"];
const NAT_IPS = ["100.64.0.1", "100.64.0.2", "100.64.0.3", "100.64.0.4", "100.64.0.5"];

export type AccountsBenchResult = {
  accounts: number;
  attributes: number;
  csvMiB: number;
  importSeconds: number;
  importRowsPerSecond: number;
  rawSeconds: number;
  rawRowsPerSecond: number;
  ratio: number;
  suggestSeconds: number;
  suggestedLinks: number;
  peakRssMiB: number;
  database?: string;
};

type Gen = { externalId: string; name: string; email: string; org: string; country: string; risk: number; ip: string; key: string; pf: string; dev: string; domain: string };

/** Deterministic data with the shapes suggestions meet in practice: rings of 4 accounts sharing a
 *  payment fingerprint and a device (10%), pairs sharing an IP (4%), NAT addresses and public email
 *  domains shared by thousands (noise), and unique API keys. Made on the fly, row by row. */
function generate(i: number, n: number): Gen {
  const ring = i < n / 10 ? Math.floor(i / 4) : -1;
  const publicMail = i % 10 < 6;
  return {
    externalId: `acct-${String(i).padStart(7, "0")}`,
    name: `Bench account ${i}`,
    email: publicMail ? `user${i}@${PUBLIC_DOMAINS[i % 5]}` : `ops${i}@org${i % 5000}.example`,
    org: `Org ${i % 5000}`,
    country: ["US", "DE", "SG", "CN", "BR"][i % 5],
    risk: (i * 37) % 101,
    ip: i % 50 === 0 ? NAT_IPS[i % 5] : i >= n / 10 && i < n / 10 + n / 25 ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i >> 1) & 127}` : `172.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    key: `sk-${i.toString(36)}-${(i * 7919).toString(36)}`,
    pf: ring >= 0 ? `pf_ring_${ring}` : `pf_${i.toString(36)}`,
    dev: ring >= 0 ? `dev-ring-${ring}` : `dev-${i.toString(36)}`,
    domain: publicMail ? PUBLIC_DOMAINS[i % 5] : `org${i % 5000}.example`,
  };
}

function toCsv(n: number): string {
  // Written line by line into one buffer, so each line's string dies young (a list of 100,000
  // strings joined at the end was ~130 MB of old-generation garbage before the run even started).
  let buf = Buffer.allocUnsafe(16 * 1024 * 1024);
  let at = buf.write("externalId,displayName,emails,organization,country,riskScore,IP,API_KEY,PAYMENT_FINGERPRINT,DEVICE_ID,EMAIL_DOMAIN\n", "latin1");
  for (let i = 0; i < n; i++) {
    const r = generate(i, n);
    const line = `${r.externalId},${r.name},${r.email},${r.org},${r.country},${r.risk},${r.ip},${r.key},${r.pf},${r.dev},${r.domain}\n`;
    if (at + line.length > buf.length) buf = Buffer.concat([buf.subarray(0, at), Buffer.allocUnsafe(buf.length)]);
    at += buf.write(line, at, "latin1");
  }
  return buf.toString("latin1", 0, at);
}

/** The same rows into the twin database: prepared statements, one transaction per 2,000 accounts. */
function rawInsert(file: string, n: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const iso = new Date().toISOString().replace("Z", "+00:00");
  const account = db.prepare(
    `INSERT INTO "Account" ("id", "externalId", "displayName", "emails", "organization", "country", "providerCreatedAt", "status", "riskScore", "version", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, NULL, 'ACTIVE', ?, 1, ?, ?)`,
  );
  const attribute = db.prepare(`INSERT INTO "AccountAttribute" ("accountId", "type", "value") VALUES (?, ?, ?)`);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = generate(i, n);
      const id = `c${randomUUID().replaceAll("-", "").slice(0, 24)}`;
      account.run(id, r.externalId, r.name, r.email, r.org, r.country, r.risk, iso, iso);
      attribute.run(id, "IP", r.ip);
      attribute.run(id, "API_KEY", r.key);
      attribute.run(id, "PAYMENT_FINGERPRINT", r.pf);
      attribute.run(id, "DEVICE_ID", r.dev);
      attribute.run(id, "EMAIL_DOMAIN", r.domain);
    }
  });
  const t = performance.now();
  for (let i = 0; i < n; i += BATCH) batch(i, Math.min(n, i + BATCH));
  const seconds = (performance.now() - t) / 1000;
  db.close();
  return seconds;
}

/** The same rows into a PostgreSQL twin: one transaction per 2,000 accounts. */
async function rawInsertPostgres(url: string, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const at = new Date().toISOString();
  const t = performance.now();
  for (let from = 0; from < n; from += BATCH) {
    const a = { id: [] as string[], ext: [] as string[], name: [] as string[], email: [] as string[], org: [] as string[], country: [] as string[], risk: [] as number[] };
    const attr = { id: [] as string[], type: [] as string[], value: [] as string[] };
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const r = generate(i, n);
      const id = `c${randomUUID().replaceAll("-", "").slice(0, 24)}`;
      a.id.push(id);
      a.ext.push(r.externalId);
      a.name.push(r.name);
      a.email.push(r.email);
      a.org.push(r.org);
      a.country.push(r.country);
      a.risk.push(r.risk);
      for (const [type, value] of [["IP", r.ip], ["API_KEY", r.key], ["PAYMENT_FINGERPRINT", r.pf], ["DEVICE_ID", r.dev], ["EMAIL_DOMAIN", r.domain]]) {
        attr.id.push(id);
        attr.type.push(type);
        attr.value.push(value);
      }
    }
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Account" ("id", "externalId", "displayName", "emails", "organization", "country", "status", "riskScore", "version", "createdAt", "updatedAt")
       SELECT id, ext, name, email, org, country, 'ACTIVE'::"AccountStatus", risk, 1, $8::timestamp(3), $8::timestamp(3) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(id, ext, name, email, org, country, risk)`,
      [a.id, a.ext, a.name, a.email, a.org, a.country, a.risk, at],
    );
    await client.query(`INSERT INTO "AccountAttribute" ("accountId", "type", "value") SELECT id, type::"AttributeType", value FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, type, value)`, [attr.id, attr.type, attr.value]);
    await client.query("COMMIT");
  }
  const seconds = (performance.now() - t) / 1000;
  await client.end();
  return seconds;
}

/** This process's peak RSS: VmHWM, the high-water mark of its own memory. (getrusage's maxRSS
 *  would also count the parent's RSS copied at fork, before exec: Linux carries it across exec.) */
function peakRssMiB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const trace = (label: string) => {
  if (!process.env.BENCH_TRACE) return;
  const m = process.memoryUsage();
  console.error(`${label}: rss ${Math.round(m.rss / 1048576)} MiB, heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)}, peak ${Math.round(peakRssMiB())}`);
};

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-accounts-"));
  process.env.LANTERN_DATA_DIR = dataDir;
  const databases: BenchDatabase[] = [];
  try {
    const main = await createBenchDatabase(dataDir, "accounts");
    databases.push(main);
    const twin = await createBenchDatabase(dataDir, "raw");
    databases.push(twin);
    process.env.DATABASE_URL = main.url;
    trace("migrated");
    const { db } = await import("@/lib/db/client");
    const { importAccounts } = await import("@/lib/accounts/import-accounts");
    const { recomputeSuggestedLinks } = await import("@/lib/link-suggestions/suggest-links");
    const user = await db().user.create({ data: { email: "bench@bench.test", name: "Bench", role: "ADMIN", passwordHash: "x" }, select: { id: true, email: true, name: true, role: true } });

    trace("client");
    const csv = toCsv(ACCOUNTS);
    trace("csv");
    const rawSeconds = twin.provider === "sqlite" ? rawInsert(twin.url.slice("file:".length), ACCOUNTS) : await rawInsertPostgres(twin.url, ACCOUNTS);
    trace("raw");

    const t = performance.now();
    const result = await importAccounts({ actor: user, requestId: "bench", ip: null }, { text: csv, filename: "bench.csv", mediaType: "text/csv" }, { recomputeLinks: false });
    const importSeconds = (performance.now() - t) / 1000;
    if (result.created !== ACCOUNTS || result.refused !== 0) throw new Error(`import did not create every account: ${JSON.stringify({ ...result, errors: result.errors.slice(0, 5) })}`);
    trace("imported");
    const attributes = await db().accountAttribute.count();

    const s = performance.now();
    const links = await recomputeSuggestedLinks();
    const suggestSeconds = (performance.now() - s) / 1000;
    trace("suggested");
    await db().$disconnect();

    const out: AccountsBenchResult = {
      accounts: ACCOUNTS,
      attributes,
      csvMiB: Buffer.byteLength(csv) / 1024 / 1024,
      importSeconds,
      importRowsPerSecond: ACCOUNTS / importSeconds,
      rawSeconds,
      rawRowsPerSecond: ACCOUNTS / rawSeconds,
      ratio: rawSeconds / importSeconds,
      suggestSeconds,
      suggestedLinks: links.created,
      peakRssMiB: peakRssMiB(),
      database: await describeBenchDatabase(main),
    };
    console.log(`ACCOUNTS-BENCH ${JSON.stringify(out)}`);
  } finally {
    for (const d of databases) await d.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatAccountsResult(r: AccountsBenchResult): string {
  const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `Accounts: ${f(r.accounts)} accounts with ${f(r.attributes)} attributes from a ${f(r.csvMiB, 1)} MiB CSV, on ${r.database ?? "SQLite"}`,
    `  import (importAccounts, as POST /accounts/import) ${f(r.importSeconds, 2)} s = ${f(r.importRowsPerSecond)} rows/s`,
    `  raw ${r.database?.startsWith("PostgreSQL") ? "pg unnest inserts (2,000 a batch)" : "prepared better-sqlite3 inserts"}, same rows     ${f(r.rawSeconds, 2)} s = ${f(r.rawRowsPerSecond)} rows/s`,
    `  import / raw = ${r.ratio.toFixed(2)}x (target >= 0.3x)`,
    `  suggested links over all accounts: ${f(r.suggestSeconds, 2)} s, ${f(r.suggestedLinks)} links (target < 10 s)`,
    `  peak RSS of the accounts part: ${f(r.peakRssMiB)} MiB = ${f((r.peakRssMiB * 1024 * 1024) / 1e6)} MB (target < 400 MB)`,
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
