// The one place that reads process.env. Every setting is validated here at start-up; a bad value
// stops the process with a message that names the variable.
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LANTERN_DATA_DIR: optionalString,
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^(file:|postgres(ql)?:\/\/)/.test(v),
    "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
  ),
  LANTERN_ADMIN_EMAIL: z.email().default("admin@lantern.local"),
  LANTERN_ADMIN_PASSWORD: optionalString.refine(
    (v) => v === undefined || v.length >= 12,
    "must be at least 12 characters",
  ),
  AUTH_SECRET: optionalString.refine(
    (v) => v === undefined || v.length >= 32,
    "must be at least 32 characters",
  ),
  NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
  LANTERN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LANTERN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LANTERN_LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
});

export type Env = z.infer<typeof EnvSchema> & {
  dataDir: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.LANTERN_DATA_DIR ?? "data");
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "lantern.db")}`;
  const databaseProvider = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  return { ...e, dataDir, databaseUrl, databaseProvider };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
