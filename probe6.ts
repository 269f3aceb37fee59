import { spawn } from "node:child_process";
process.env.DATABASE_URL = "file:/tmp/bench-probe/lantern.db"; process.env.LANTERN_DATA_DIR = "/tmp/bench-probe";
const { db } = await import("@/lib/db/client");
const [u] = await db().$queryRawUnsafe<any[]>(`SELECT id FROM "User" WHERE email='user5@bench.test'`);
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { SYSTEM_CONTEXT } = await import("@/lib/audit/audit-context");
const { token } = await createApiToken(u.id, SYSTEM_CONTEXT, { name: "p" });
await db().$disconnect();
const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir=/tmp/prof", "node_modules/next/dist/bin/next", "start", "-p", "3300"], { env: { ...process.env, AUTH_TRUST_HOST: "true", NODE_ENV: "production" }, stdio: "inherit" });
for (;;) { try { if ((await fetch("http://127.0.0.1:3300/api/health")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const { load, formatRow } = await import("@/bench/http-load");
console.log(formatRow(await load("list", "http://127.0.0.1:3300/api/v1/cases", { authorization: `Bearer ${token}` }, 6)));
child.kill("SIGINT");
await new Promise((r) => child.on("exit", r));
process.exit(0);
