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
  // Failed sign-ins one client address may make before it waits; defaults to the per-account number.
  // An office behind one NAT address (or a test suite on 127.0.0.1) may raise it without giving a
  // guesser more tries at any one account.
  LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).optional(),
  // ADMINs must enrol a second factor (TOTP) before they can do anything after signing in
  // (decision 0027). Default true; the test suites set it false except where they prove the rule.
  LANTERN_REQUIRE_TOTP_FOR_ADMINS: optionalString
    .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional())
    .transform((v) => v === undefined || v === "true" || v === "1"),
  // Reverse proxies whose X-Forwarded-For / X-Real-IP are believed (lib/http/client-address.ts):
  // comma-separated addresses or CIDR ranges. None by default: the client is the socket's peer.
  LANTERN_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: (i) => `${JSON.stringify(i.input)} is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)` }))),
  // Suggested account links: an attribute value shared by more accounts than this (a cloud NAT
  // address, a public email domain) is noise and yields no suggestion (decision 0012).
  LANTERN_LINK_NOISE_THRESHOLD: z.coerce.number().int().min(2).max(100_000).default(20),
  // Evidence storage (lib/storage). "local" keeps blobs under LANTERN_EVIDENCE_DIR (default
  // <LANTERN_DATA_DIR>/evidence); "s3" uses any S3-compatible object store.
  LANTERN_STORAGE: z.enum(["local", "s3"], { error: 'must be "local" or "s3"' }).default("local"),
  LANTERN_EVIDENCE_DIR: optionalString,
  LANTERN_MAX_UPLOAD_BYTES: z.coerce
    .number({ error: "must be a number of bytes" })
    .int("must be a whole number of bytes")
    .min(1, "must be at least 1")
    .max(Number.MAX_SAFE_INTEGER)
    .default(2 * 1024 ** 3),
  // Unreferenced blobs (committed, then no evidence row) are deleted once older than the grace
  // period, by `npm run evidence -- gc` and by the server every LANTERN_BLOB_GC_INTERVAL_MINUTES
  // (0: never; decision 0010).
  LANTERN_BLOB_GC_GRACE_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).min(0).max(525_600).default(60),
  LANTERN_BLOB_GC_INTERVAL_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).min(0).max(10_080).default(60),
  // Background jobs (lib/jobs): the server runs a worker unless LANTERN_WORKER_IN_SERVER=false
  // (then run `npm run worker` processes); how many jobs one worker runs at once.
  LANTERN_WORKER_IN_SERVER: optionalString
    .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional())
    .transform((v) => v === undefined || v === "true" || v === "1"),
  LANTERN_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // The case file export hands evidence files to the socket without copying them (native/sendfile,
  // decision 0031) unless this is false. Checked here; read from process.env where it is used
  // (lib/storage/zero-copy-send.ts), so a test can switch it.
  LANTERN_ZERO_COPY: optionalString.pipe(z.enum(["true", "false"], { error: "must be true or false" }).optional()),
  // An ingested gzip log may decompress to at most this many times its stored size (never less than
  // 64 MiB); past it the run fails as a possible gzip bomb. Real logs compress 5-30x, a bomb ~1,000x.
  LANTERN_INGEST_MAX_GZIP_RATIO: z.coerce.number({ error: "must be a number" }).min(1).max(100_000).default(100),
  // A job's lease (a dead worker's job runs again after it) and the first retry's wait (doubling).
  LANTERN_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  LANTERN_JOB_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  // Outbound webhook for executed and reversed revocations (lib/webhooks). Set here, they win over
  // the admin settings page.
  LANTERN_WEBHOOK_URL: optionalString.pipe(z.url("must be an http(s) URL").optional()),
  LANTERN_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  // Email for notifications (lib/notifications): smtp://user:pass@host:port or smtps://…; none: in-app only.
  LANTERN_SMTP_URL: optionalString.pipe(z.url("must be a URL such as smtp://user:pass@mail.example:587").optional()),
  LANTERN_MAIL_FROM: z.string().trim().default("Lantern <lantern@localhost>"),
  // The instance's Ed25519 signing key (lib/signing, decision 0024) as a PKCS#8 PEM ("\n" escapes
  // allowed); unset: one is created at first start as <LANTERN_DATA_DIR>/signing-key.pem.
  LANTERN_SIGNING_KEY: optionalString,
  // The largest case file (ZIP) the "Verify a case file" page accepts.
  LANTERN_VERIFY_MAX_BYTES: z.coerce.number({ error: "must be a number of bytes" }).int().min(1).max(Number.MAX_SAFE_INTEGER).default(8 * 1024 ** 3),
  // A signed audit checkpoint (the chain head) is published this often, when the head moved (0: never).
  LANTERN_AUDIT_CHECKPOINT_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).int().min(0).max(10_080).default(60),
  // Single sign-on with OpenID Connect (lib/auth/sso-config.ts, decision 0029): set the issuer, client id
  // and secret to offer "Continue with <LANTERN_OIDC_NAME>" beside passwords. Register the redirect
  // URI <NEXTAUTH_URL>/api/auth/callback/oidc at the provider.
  LANTERN_OIDC_ISSUER: optionalString.pipe(z.url("must be the issuer URL, e.g. https://id.example.org/realms/lantern").optional()),
  LANTERN_OIDC_CLIENT_ID: optionalString,
  LANTERN_OIDC_CLIENT_SECRET: optionalString,
  LANTERN_OIDC_NAME: z.string().trim().min(1).default("single sign-on"),
  // Scopes asked for; the claims used (email, email_verified, the role claim) must be in the ID token.
  LANTERN_OIDC_SCOPES: z.string().trim().default("openid email profile"),
  // The ID token claim (a string or a list of strings) whose values map to roles through
  // LANTERN_OIDC_ROLE_MAP ("idp-value=ROLE,other=ROLE"); unset: roles are managed in Lantern only.
  LANTERN_OIDC_ROLE_CLAIM: optionalString,
  LANTERN_OIDC_ROLE_MAP: z.string().default("").transform((v, ctx) => {
    const map: Record<string, "ADMIN" | "MANAGER" | "INVESTIGATOR" | "AUDITOR"> = {};
    for (const pair of v.split(",").map((p) => p.trim()).filter(Boolean)) {
      const at = pair.lastIndexOf("=");
      const role = pair.slice(at + 1).trim();
      if (at <= 0 || !["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"].includes(role)) {
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(pair)} is not value=ROLE (ROLE one of ADMIN, MANAGER, INVESTIGATOR, AUDITOR)` });
        return z.NEVER;
      }
      map[pair.slice(0, at).trim()] = role as "ADMIN";
    }
    return map;
  }),
  // Email domains allowed to sign in through the provider (comma-separated); empty: any domain.
  LANTERN_OIDC_ALLOWED_DOMAINS: z.string().default("").transform((v) => v.split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean)),
  // The role of a user created at their first sign-in when the role claim maps to none.
  LANTERN_OIDC_DEFAULT_ROLE: z.enum(["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"], { error: "must be ADMIN, MANAGER, INVESTIGATOR or AUDITOR" }).default("INVESTIGATOR"),
  LANTERN_S3_ENDPOINT: optionalString.pipe(z.url("must be a URL such as http://127.0.0.1:9000").optional()),
  LANTERN_S3_REGION: optionalString.transform((v) => v ?? "us-east-1"),
  LANTERN_S3_BUCKET: optionalString,
  LANTERN_S3_ACCESS_KEY_ID: optionalString,
  LANTERN_S3_SECRET_ACCESS_KEY: optionalString,
  // Path-style (http://host/bucket/key) is what self-hosted S3-compatible servers expect.
  LANTERN_S3_FORCE_PATH_STYLE: optionalString
    .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional())
    .transform((v) => v === undefined || v === "true" || v === "1"),
}).superRefine((e, ctx) => {
  // Cross-field rules: zod reports them like any other issue, naming the variable.
  if (e.LANTERN_OIDC_ISSUER || e.LANTERN_OIDC_CLIENT_ID || e.LANTERN_OIDC_CLIENT_SECRET) {
    for (const key of ["LANTERN_OIDC_ISSUER", "LANTERN_OIDC_CLIENT_ID", "LANTERN_OIDC_CLIENT_SECRET"] as const) {
      if (!e[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when single sign-on is configured (LANTERN_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET)" });
    }
  }
  if (e.LANTERN_STORAGE !== "s3") return;
  if (!e.LANTERN_S3_BUCKET) {
    ctx.addIssue({ code: "custom", path: ["LANTERN_S3_BUCKET"], message: "is required when LANTERN_STORAGE=s3" });
  }
  if ((e.LANTERN_S3_ACCESS_KEY_ID === undefined) !== (e.LANTERN_S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = e.LANTERN_S3_ACCESS_KEY_ID ? "LANTERN_S3_SECRET_ACCESS_KEY" : "LANTERN_S3_ACCESS_KEY_ID";
    ctx.addIssue({
      code: "custom",
      path: [missing],
      message: "set both LANTERN_S3_ACCESS_KEY_ID and LANTERN_S3_SECRET_ACCESS_KEY, or neither (SDK default credentials)",
    });
  }
  // The S3 store commits with a single CopyObject, which S3 limits to 5 GiB.
  if (e.LANTERN_MAX_UPLOAD_BYTES > 5 * 1024 ** 3) {
    ctx.addIssue({
      code: "custom",
      path: ["LANTERN_MAX_UPLOAD_BYTES"],
      message: "must be at most 5 GiB (5368709120) with LANTERN_STORAGE=s3",
    });
  }
});

export type Env = z.infer<typeof EnvSchema> & {
  dataDir: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  evidenceDir: string;
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
  const evidenceDir = e.LANTERN_EVIDENCE_DIR
    ? path.resolve(/*turbopackIgnore: true*/ e.LANTERN_EVIDENCE_DIR)
    : path.join(dataDir, "evidence");
  return { ...e, dataDir, databaseUrl, databaseProvider, evidenceDir };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
