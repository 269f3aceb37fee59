// Which database a benchmark part runs on, shared by every part: SQLite (the default, a file in the
// part's data folder) or, with `npm run bench -- <part> --db postgresql`, PostgreSQL: a database of
// the part's own on a throwaway cluster that the bench starts as the tests do
// (test/support/postgres-cluster.ts), or on the server of a given
// `DATABASE_URL=postgresql://…` (its role needs CREATEDB; the bench's databases are dropped at the
// end, the given database itself is not touched).
// bench/run.ts reads the option once (takeDbOption) and passes it on to parts that run in processes
// of their own through the environment: BENCH_DB, and BENCH_PG_SERVER_URL once a server is chosen,
// so one cluster serves the whole run.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startCluster, type Cluster } from "@/test/support/postgres-cluster";

export type BenchProvider = "sqlite" | "postgresql";

export type BenchDatabase = {
  provider: BenchProvider;
  /** A DATABASE_URL for the app, migrated. */
  url: string;
  /** Drops a PostgreSQL database (a SQLite file goes with its data folder). */
  drop: () => Promise<void>;
};

/** Removes `--db <provider>` / `--db=<provider>` from the arguments and records the choice in
 *  BENCH_DB for this process and its children. */
export function takeDbOption(args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    if (a === "--db") value = args[++i];
    else if (a.startsWith("--db=")) value = a.slice("--db=".length);
    else {
      rest.push(a);
      continue;
    }
    if (value !== "sqlite" && value !== "postgresql") throw new Error(`--db takes sqlite or postgresql, not '${value ?? ""}'`);
    process.env.BENCH_DB = value;
  }
  // A PostgreSQL DATABASE_URL given without --db means PostgreSQL.
  if (!process.env.BENCH_DB && /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) process.env.BENCH_DB = "postgresql";
  return rest;
}

export function benchProvider(): BenchProvider {
  return process.env.BENCH_DB === "postgresql" ? "postgresql" : "sqlite";
}

let cluster: Cluster | undefined;

/** The PostgreSQL server the bench creates its databases on: chosen once per run (bench/run.ts
 *  calls it before starting parts in processes of their own, so they share it). */
export async function postgresServerUrl(): Promise<string> {
  if (process.env.BENCH_PG_SERVER_URL) return process.env.BENCH_PG_SERVER_URL;
  const given = process.env.DATABASE_URL;
  if (given && /^postgres(ql)?:/.test(given)) {
    process.env.BENCH_PG_SERVER_URL = given;
  } else {
    cluster = await startCluster();
    process.env.BENCH_PG_SERVER_URL = cluster.url("postgres");
    // Synchronous stop (pg_ctl), so it also runs when the run ends by an error.
    process.once("exit", () => cluster?.stop());
    console.log("Started a throwaway PostgreSQL cluster for the benchmark.");
  }
  return process.env.BENCH_PG_SERVER_URL;
}

/** A fresh, migrated database for one benchmark part: `<dataDir>/<name>.db` on SQLite, a new
 *  database `lantern_bench_<name>_<random>` on PostgreSQL. */
export async function createBenchDatabase(dataDir: string, name = "lantern"): Promise<BenchDatabase> {
  const { applyPendingMigrations } = await import("@/lib/db/migrations");
  if (benchProvider() === "sqlite") {
    const url = `file:${path.join(dataDir, `${name}.db`)}`;
    await applyPendingMigrations(url);
    return { provider: "sqlite", url, drop: async () => {} };
  }
  const server = await postgresServerUrl();
  const database = `lantern_bench_${name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  await onServer(server, `CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  await applyPendingMigrations(url.toString());
  return {
    provider: "postgresql",
    url: url.toString(),
    drop: () => onServer(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** "SQLite" or "PostgreSQL <version>", for the benchmark's printed header. */
export async function describeBenchDatabase(d: BenchDatabase): Promise<string> {
  if (d.provider === "sqlite") return "SQLite";
  const client = new pg.Client({ connectionString: d.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return `PostgreSQL ${rows[0].v.split(" ")[0]}`;
  } finally {
    await client.end();
  }
}
