// The start-up work of `npm start`, run by the launcher (scripts/start.mjs) in a child process under
// tsx: validate configuration, migrate, sweep crash leftovers, create the first admin, build when
// needed; then send the launcher how to start the server, and exit. Nothing of this (tsx, Prisma,
// the app's modules) stays in memory beside the server.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { ensureSigningKey } from "@/lib/signing/signing-key";
import { EnvError, env } from "@/lib/env";
import { bootstrapFirstAdmin } from "@/lib/setup/bootstrap-admin";
import { buildIsStale } from "@/lib/setup/build-freshness";
import { DEV_SERVER_NODE_FLAGS, SERVER_NODE_FLAGS, serverMallocEnv } from "@/lib/setup/server-process";
import { blobStore } from "@/lib/storage/blob-store";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const dev = process.argv.includes("--dev");
// For a second server on an existing build (the crash test): never rebuild .next from under another.
const noBuild = process.argv.includes("--no-build");

/** How the launcher starts the server, sent to it over IPC. */
export type ServerSpawn = { args: string[]; env: NodeJS.ProcessEnv };

async function main(): Promise<void> {
  const sendToLauncher = process.send?.bind(process);
  if (!sendToLauncher) {
    console.error("scripts/start.ts is the set-up step of npm start; run `npm start` (node scripts/start.mjs).");
    process.exit(2);
  }
  const config = env();
  const { applied, searchIndexRebuilt, caseTallyRepaired } = await migrateDatabase();
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  if (searchIndexRebuilt) console.log("Rebuilt the case search index.");
  if (caseTallyRepaired) console.log("Repaired the count of restricted cases (CaseTally).");
  ensureAuthSecret();
  // The Ed25519 key that signs case files and audit checkpoints (decision 0024).
  console.log(`Signing key ${ensureSigningKey().keyId} (public key: GET /api/v1/signing-key).`);
  // Temporaries left by a crash mid-upload; an hour is longer than any upload in progress elsewhere.
  const swept = await blobStore().sweepStale(60 * 60 * 1000);
  if (swept) console.log(`Removed ${swept} unfinished upload(s) left by an earlier crash.`);

  const admin = await bootstrapFirstAdmin(config.LANTERN_ADMIN_EMAIL, config.LANTERN_ADMIN_PASSWORD);
  await db().$disconnect();
  if (admin.created) {
    console.log(`\nCreated the first admin: ${admin.email}`);
    if (admin.generatedPassword) {
      console.log(`Password (shown once, change it by creating your own admin): ${admin.generatedPassword}\n`);
    }
  }

  if (!dev && !noBuild && buildIsStale(root)) {
    console.log("Building Lantern (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: childEnv() });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const port = String(config.PORT);
  console.log(`Lantern on http://localhost:${port} — data in ${config.dataDir}`);
  const server: ServerSpawn = {
    args: [...(dev ? DEV_SERVER_NODE_FLAGS : SERVER_NODE_FLAGS), nextBin, dev ? "dev" : "start", "-p", port],
    env: serverMallocEnv(childEnv()),
  };
  await new Promise<void>((resolve, reject) => sendToLauncher({ server }, undefined, {}, (e) => (e ? reject(e) : resolve())));
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  // Without NEXTAUTH_URL, next-auth takes the origin from the request's Host header (an empty
  // value would break its client).
  if (!env.NEXTAUTH_URL) {
    delete env.NEXTAUTH_URL;
    env.AUTH_TRUST_HOST = "true";
  }
  return env;
}

main().then(() => process.exit(0), (e: unknown) => {
  if (e instanceof EnvError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
