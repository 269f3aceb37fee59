// `npm run db -- <command>`: Lantern's offline database tool. See lib/db/migrations.ts.
import path from "node:path";
import { env } from "@/lib/env";
import {
  createMigration,
  generateClients,
  pendingSchemaChanges,
} from "@/lib/db/migrations";

const USAGE = `Usage: npm run db -- <command>

  generate   write prisma/postgresql/schema.prisma and generate both Prisma clients (no database)
  migrate    apply pending migrations to DATABASE_URL (SQLite by default)
  new NAME   create a migration for each provider from the schema change since the last one
  check      exit 1 if prisma/schema.prisma changed without a migration`;

/** The URL without its password, for messages. */
function describe(url: string): string {
  if (url.startsWith("file:")) return `SQLite ${url.slice("file:".length)}`;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return "PostgreSQL";
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "generate":
      await generateClients();
      return 0;

    case "migrate": {
      const url = env().databaseUrl;
      // Imported here: it needs the generated client, which `generate` (postinstall) creates.
      const { migrateDatabase } = await import("@/lib/db/migrate-database");
      const { db } = await import("@/lib/db/client");
      const { applied, searchIndexRebuilt, caseTallyRepaired } = await migrateDatabase();
      await db().$disconnect();
      if (applied.length === 0) console.log(`No pending migrations (${describe(url)}).`);
      else console.log(`Applied ${applied.length} migration(s) to ${describe(url)}:\n${applied.map((n) => `  ${n}`).join("\n")}`);
      if (searchIndexRebuilt) console.log("Rebuilt the case search index.");
      if (caseTallyRepaired) console.log("Repaired the count of restricted cases (CaseTally).");
      return 0;
    }

    case "new": {
      const name = rest.join("_");
      if (name === "") {
        console.error("Usage: npm run db -- new NAME");
        return 2;
      }
      const created = await createMigration(name);
      if (created.length === 0) {
        console.log("No schema changes since the last migration; nothing written.");
        return 0;
      }
      for (const m of created) console.log(`Created ${path.relative(process.cwd(), m.dir)}`);
      console.log("Review the SQL, then apply it with: npm run db -- migrate");
      return 0;
    }

    case "check": {
      const changes = await pendingSchemaChanges();
      if (changes.length === 0) {
        console.log("Migrations are up to date with prisma/schema.prisma.");
        return 0;
      }
      console.error("prisma/schema.prisma has changes without a migration. Run: npm run db -- new <name>\n");
      for (const c of changes) console.error(`[${c.provider}]\n${c.summary}\n`);
      return 1;
    }

    default:
      console.error(command === undefined || command === "help" || command === "--help" ? USAGE : `Unknown command "${command}".\n\n${USAGE}`);
      return command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
