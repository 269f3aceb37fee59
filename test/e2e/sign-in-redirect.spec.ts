// Sign-in links carry a callbackUrl; whatever it says, a correct sign-in lands on a page of this
// origin. Every request the browser makes to another host is refused and counted as an escape.
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/e2e-env";
import { HOSTILE_REDIRECTS, LOCAL_REDIRECTS } from "../support/redirect-candidates";
import { recordMeasure } from "../support/measures";
import { createToken, createUser } from "./support/cli";

let tried = 0;
let escapes = 0;

test.afterAll(() => {
  recordMeasure(`redirect candidates tried: ${tried}, escapes: ${escapes}`);
});

test("a correct sign-in with a hostile callbackUrl lands on this site", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const context = await browser.newContext();
  const offSite: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offSite.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  for (const candidate of [...HOSTILE_REDIRECTS, ...LOCAL_REDIRECTS]) {
    await context.clearCookies();
    offSite.length = 0;
    await page.goto(`/login?callbackUrl=${encodeURIComponent(candidate)}`);
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    tried += 1;
    const landed = new URL(page.url());
    if (landed.origin !== origin || offSite.length > 0) escapes += 1;
    expect(landed.origin, `${JSON.stringify(candidate)} landed on ${page.url()}`).toBe(origin);
    expect(offSite, JSON.stringify(candidate)).toEqual([]);
    if (HOSTILE_REDIRECTS.includes(candidate)) expect(landed.pathname, JSON.stringify(candidate)).toBe("/");
    else expect(`${landed.pathname}${landed.search}${landed.hash}`).toBe(candidate);
  }
  await context.close();
  expect(escapes).toBe(0);
});

test("a signed-out visitor who opens a case page is back on that page after signing in", async ({ page, request }) => {
  const investigator = createUser("INVESTIGATOR");
  const token = createToken(investigator.email);
  const c = await (await request.post("/api/v1/cases", { headers: { Authorization: `Bearer ${token}` }, data: { title: "Keep my place" } })).json();
  await page.goto(`/cases/${c.number}?notesPage=1`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(investigator.email);
  await page.getByLabel("Password").fill(investigator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${c.number}\\?notesPage=1$`));
  await expect(page.getByRole("heading", { level: 1, name: "Keep my place" })).toBeVisible();
  // Signed in already, the sign-in page sends on to the same place.
  await page.goto(`/login?callbackUrl=${encodeURIComponent(`/cases/${c.number}`)}`);
  await expect(page).toHaveURL(new RegExp(`/cases/${c.number}$`));
});
