import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_PORT, E2E_PORT } from "./test/e2e/support/e2e-env";

// Debian's Chromium where present (these machines cannot download Playwright's own build).
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The production server, as `npm start` runs it (it builds first when the build is stale),
  // on a fresh data folder; and the OpenID provider it offers single sign-on through (password
  // sign-in stays on, so the other specs sign in as before).
  webServer: [{
    command: `rm -rf ${E2E_DATA_DIR} && node scripts/start.mjs`,
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      LANTERN_DATA_DIR: E2E_DATA_DIR,
      LANTERN_ADMIN_EMAIL: E2E_ADMIN.email,
      LANTERN_ADMIN_PASSWORD: E2E_ADMIN.password,
      DATABASE_URL: "",
      // Small, so the over-limit upload test stays small.
      LANTERN_MAX_UPLOAD_BYTES: String(10 * 1024 * 1024),
      // The specs sign in as the E2E admin, who has no second factor: the ADMIN rule (decision
      // 0027) is off here and proven by lib/auth/second-factor.integration.test.ts.
      LANTERN_REQUIRE_TOTP_FOR_ADMINS: "false",
      // Every spec signs in from 127.0.0.1, and several type wrong passwords or codes on purpose: the
      // address gets a large allowance so they do not make each other wait (accounts keep the default).
      LANTERN_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: "1000",
      // Single sign-on through test/e2e/support/oidc-provider-server.mjs (test/e2e/sso.spec.ts).
      LANTERN_OIDC_ISSUER: E2E_OIDC_ISSUER,
      LANTERN_OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
      LANTERN_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
      LANTERN_OIDC_NAME: "E2E ID",
      LANTERN_OIDC_SCOPES: "openid email profile groups",
      LANTERN_OIDC_ROLE_CLAIM: "groups",
      LANTERN_OIDC_ROLE_MAP: "lantern-managers=MANAGER",
      LANTERN_OIDC_ALLOWED_DOMAINS: "sso.test",
      LANTERN_OIDC_DEFAULT_ROLE: "AUDITOR",
    },
  }, {
    command: "node test/e2e/support/oidc-provider-server.mjs",
    url: `${E2E_OIDC_ISSUER}/ready`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { LANTERN_E2E_OIDC_PORT: String(E2E_OIDC_PORT), LANTERN_E2E_PORT: String(E2E_PORT) },
  }],
  outputDir: path.join(".tmp", "test-results"),
});
