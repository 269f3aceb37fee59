// Single sign-on in the browser against a real OpenID provider on loopback (oidc-provider, started
// by playwright.config.ts; test/e2e/support/oidc-provider-server.mjs): first sign-in creates the
// user with the role the groups claim maps to, the second matches the same user; an unverified
// email, an ID token issued to another client (wrong audience) and a replayed callback (its state
// already used) are refused with a message and an audit event each; an admin turning password
// sign-in off leaves only the SSO button and a server that refuses passwords, until the break-glass
// CLI turns it back on.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { generate } from "otplib";
import { expect, request, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken } from "./support/cli";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_OIDC_ISSUER, E2E_OIDC_OTHER_CLIENT, E2E_PORT } from "./support/e2e-env";

const BUTTON = "Continue with E2E ID";
type AuditItem = { action: string; actorEmail: string | null; entityId: string | null; changes: Record<string, unknown> };

let admin: APIRequestContext;
test.beforeAll(async () => {
  admin = await request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}`, extraHTTPHeaders: { authorization: `Bearer ${createToken(E2E_ADMIN.email)}` } });
});
test.afterAll(async () => admin?.dispose());

async function audit(action: string): Promise<AuditItem[]> {
  const res = await admin.get(`/api/v1/audit?action=${action}&pageSize=200`);
  expect(res.status()).toBe(200);
  return (await res.json()).items as AuditItem[];
}

const ssoEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@sso.test`;

/** From the login page to the provider's login form. */
async function startSso(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: BUTTON }).click();
  await page.waitForURL((url) => url.href.startsWith(E2E_OIDC_ISSUER));
}

/** Signs in at the provider (any password); the browser then returns to the app. */
async function providerLogin(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("first SSO sign-in creates the user with the mapped role, the second matches them, and a replayed callback is refused", async ({ page, browser }) => {
  const email = ssoEmail("manager");
  const callbacks: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/oidc")) callbacks.push(r.url());
  });
  await startSso(page);
  await providerLogin(page, email);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/$`));
  // A manager's home is the dashboard.
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const created = (await audit("user.create")).filter((e) => (e.changes.email as { after?: string })?.after === email);
  expect(created).toHaveLength(1);
  expect(created[0].changes).toMatchObject({ role: { after: "MANAGER" }, via: { after: "single sign-on" } });
  const userId = created[0].entityId;

  // The callback URL, replayed after signing out: its state was spent, so it is refused.
  expect(callbacks).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(callbacks[0]);
  await expect(page).toHaveURL(/\/login\?error=sso-state/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already used or has expired");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  const failures = (await audit("auth.sign-in-failed")).filter((e) => e.changes.method === "sso");
  expect(failures.some((e) => e.changes.reason === "state")).toBe(true);

  // A second sign-in in another browser (no provider session) is the same user.
  const second = await freshPage(browser);
  await startSso(second);
  await providerLogin(second, email);
  await expect(second).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/$`));
  expect((await audit("user.create")).filter((e) => (e.changes.email as { after?: string })?.after === email)).toHaveLength(1);
  const signIns = (await audit("auth.sign-in")).filter((e) => e.actorEmail === email);
  expect(signIns).toHaveLength(2);
  expect(signIns.every((e) => e.changes.method === "sso")).toBe(true);
  expect(userId).toBeTruthy();
  await second.context().close();
});

test("an unverified email is refused with a message and an audit event, and no user is created", async ({ page }) => {
  const email = ssoEmail("unverified");
  await startSso(page);
  await providerLogin(page, email);
  await expect(page).toHaveURL(/\/login\?error=sso-unverified-email/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("has not verified this account's email address");
  const failures = (await audit("auth.sign-in-failed")).filter((e) => e.changes.email === email);
  expect(failures.map((e) => e.changes.reason)).toEqual(["unverified-email"]);
  expect((await audit("user.create")).filter((e) => (e.changes.email as { after?: string })?.after === email)).toHaveLength(0);
});

test("an ID token the provider issued to another client (wrong audience) is refused", async ({ page, browser }) => {
  const email = ssoEmail("victim");
  // The app's authorization request: its nonce is copied into other-app's request, so only the
  // audience tells the two tokens apart.
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${E2E_OIDC_ISSUER}/auth`));
  await startSso(page);
  const nonce = new URL((await authorize).url()).searchParams.get("nonce")!;
  expect(nonce).toBeTruthy();

  // A real sign-in of the same person at other-app, and the ID token it gets.
  const other = await freshPage(browser);
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const params = new URLSearchParams({
    client_id: E2E_OIDC_OTHER_CLIENT.id, response_type: "code", scope: "openid email", redirect_uri: E2E_OIDC_OTHER_CLIENT.redirectUri,
    state: "other-state", nonce, code_challenge: challenge, code_challenge_method: "S256",
  });
  await other.goto(`${E2E_OIDC_ISSUER}/auth?${params}`);
  await providerLogin(other, email);
  await other.waitForURL((url) => url.href.startsWith(E2E_OIDC_OTHER_CLIENT.redirectUri));
  const code = new URL(other.url()).searchParams.get("code")!;
  const tokenRes = await fetch(`${E2E_OIDC_ISSUER}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${E2E_OIDC_OTHER_CLIENT.id}:${E2E_OIDC_OTHER_CLIENT.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: E2E_OIDC_OTHER_CLIENT.redirectUri, code_verifier: verifier }),
  });
  expect(tokenRes.status).toBe(200);
  const idToken = (await tokenRes.json()).id_token as string;
  expect(JSON.parse(Buffer.from(idToken.split(".")[1], "base64url").toString()).aud).toBe(E2E_OIDC_OTHER_CLIENT.id);
  await other.context().close();

  // The app's own callback arrives carrying other-app's ID token beside its code. It is the target
  // of the provider's redirect, which page.route does not see: Chromium's Fetch domain does.
  const cdp = await page.context().newCDPSession(page);
  cdp.on("Fetch.requestPaused", (event) => {
    void cdp.send("Fetch.continueRequest", { requestId: event.requestId, url: `${event.request.url}&id_token=${idToken}` });
  });
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*/api/auth/callback/oidc?*", requestStage: "Request" }] });
  await providerLogin(page, email);
  await expect(page).toHaveURL(/\/login\?error=sso-audience/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("issued for another application (wrong audience)");
  const failures = (await audit("auth.sign-in-failed")).filter((e) => e.changes.reason === "audience");
  expect(failures.length).toBeGreaterThan(0);
  expect(String(failures[0].changes.detail)).toContain(E2E_OIDC_OTHER_CLIENT.id);
  expect((await audit("user.create")).filter((e) => (e.changes.email as { after?: string })?.after === email)).toHaveLength(0);
});

test("an SSO user with a second factor is asked for the code after the provider, and gets no session without it", async ({ page, browser }) => {
  const email = ssoEmail("totp");
  await startSso(page);
  await providerLogin(page, email);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/$`));
  // Enrol on the profile page, as any user does.
  await page.goto("/settings/profile");
  await page.getByRole("button", { name: "Set up second factor" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on second factor" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

  // Another browser: the provider's answer alone leads to the code form, not into the app.
  const second = await freshPage(browser);
  await startSso(second);
  await providerLogin(second, email);
  await expect(second).toHaveURL(/\/login\?sso=code/);
  await expect(second.getByText(`Signed in by single sign-on as ${email}`)).toBeVisible();
  expect(await (await second.request.get("/api/auth/session")).json()).toEqual({});
  await second.getByLabel("Authentication code").fill("000000");
  await second.getByRole("button", { name: "Continue" }).click();
  await expect(second.getByText("Invalid code.")).toBeVisible();
  // The enrolment spent this step's code: the next step's is accepted (±1).
  await second.getByLabel("Authentication code").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await second.getByRole("button", { name: "Continue" }).click();
  await expect(second).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/$`));
  const failures = (await audit("auth.sign-in-failed")).filter((e) => e.changes.email === email);
  expect(failures.map((e) => e.changes.detail)).toEqual(["wrong second factor"]);
  await second.context().close();
});

test("with password sign-in turned off the login page offers only SSO and the server refuses passwords, until the break-glass CLI", async ({ page, browser }) => {
  await signIn(page, E2E_ADMIN);
  await page.goto("/admin/security");
  try {
    await page.getByLabel("Allow sign-in with email and password").uncheck();
    await page.getByRole("button", { name: "Apply password setting" }).click();
    await expect(page.getByText("Password sign-in is off: single sign-on only").first()).toBeVisible();

    const visitor = await freshPage(browser);
    await visitor.goto("/login");
    await expect(visitor.getByRole("button", { name: BUTTON })).toBeVisible();
    await expect(visitor.getByLabel("Password")).toHaveCount(0);
    // Not only hidden: next-auth's credentials callback refuses the right password.
    const { csrfToken } = await (await visitor.request.get("/api/auth/csrf")).json();
    const res = await visitor.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: E2E_ADMIN.email, password: E2E_ADMIN.password, json: "true" } });
    expect(decodeURIComponent((await res.json()).url)).toContain("Password sign-in is turned off");
    expect((await (await visitor.request.get("/api/auth/session")).json())).toEqual({});
    await visitor.context().close();
    const refusals = (await audit("auth.sign-in-failed")).filter((e) => e.changes.reason === "password sign-in off");
    expect(refusals.length).toBeGreaterThan(0);
  } finally {
    // The break-glass, from the server's shell.
    const out = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin.ts", "enable-password-sign-in"], {
      env: { ...process.env, LANTERN_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: "" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toBe("");
  }
  const after = await freshPage(browser);
  await after.goto("/login");
  await expect(after.getByLabel("Password")).toBeVisible();
  await after.context().close();
  const changes = (await audit("settings.update")).map((e) => ({ by: e.actorEmail, change: e.changes["auth.passwordSignInOff"] })).filter((e) => e.change);
  expect(changes.slice(0, 2)).toEqual([
    { by: "cli:enable-password-sign-in", change: { before: "true", after: null } },
    { by: E2E_ADMIN.email, change: { before: null, after: "true" } },
  ]);
});
