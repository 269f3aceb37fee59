// Security headers as the production server sends them: a strict CSP with a fresh nonce on every
// page (and pages that still work under it), Permissions-Policy, no HSTS over plain http (whatever
// a client claims in X-Forwarded-Proto), and no-store on API answers with case data.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken } from "./support/cli";
import { E2E_ADMIN } from "./support/e2e-env";

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

test("every page has a strict CSP with a nonce of its own, which its scripts carry", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/login?callbackUrl=%2Faudit", "/cases", "/no-such-page"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const csp = res.headers()["content-security-policy"];
    expect(csp, path).toBeTruthy();
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    const nonce = nonceOf(csp)!;
    expect(nonce).toBeTruthy();
    nonces.add(nonce);
    expect(res.headers()["permissions-policy"]).toContain("camera=()");
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
    if (res.status() === 200 || res.status() === 404) {
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size).toBe(4);
});

test("a client's own X-Forwarded-Proto does not earn HSTS over plain http", async ({ request }) => {
  const res = await request.get("/login", { headers: { "x-forwarded-proto": "https", "x-forwarded-for": "10.0.0.1" } });
  expect(res.headers()["strict-transport-security"]).toBeUndefined();
  expect(res.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
});

test("API answers with case data are not stored; the OpenAPI document may be", async ({ request }) => {
  const token = createToken(E2E_ADMIN.email);
  const auth = { authorization: `Bearer ${token}` };
  for (const path of ["/api/v1/cases", "/api/v1/audit", "/api/v1/evidence?q=a", "/api/v1/cases/no-such-case", "/api/v1/no-such-route"]) {
    const res = await request.get(path, { headers: auth });
    expect(res.headers()["cache-control"], path).toContain("no-store");
  }
  expect((await request.get("/api/v1/cases")).headers()["cache-control"]).toContain("no-store");
  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(openapi.headers()["cache-control"] ?? "").not.toContain("no-store");
  expect(openapi.headers()["permissions-policy"]).toBeTruthy();
});

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|create)/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("signed-in pages load and work under the policy, with no violation reported", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, E2E_ADMIN); // the sign-in form itself needs its scripts
  for (const path of ["/cases", "/cases/new", "/audit", "/evidence", "/settings/tokens", "/admin/users"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  // Client-side behaviour still runs: open a case through the form (a server action).
  await page.goto("/cases/new");
  await page.getByLabel("Title").fill(`CSP probe ${Date.now()}`);
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByTestId("toast")).toContainText(/opened/);
  expect(violations).toEqual([]);
});
