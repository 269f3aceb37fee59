// The dashboard in a browser: a manager signs in to it, narrows it to a tag, clicks the bar of open
// HIGH cases and lands on the case list filtered to exactly those (a restricted case the manager may
// not see is counted nowhere); the chart's CSV and the case list's CSV hold the same cases; the page
// fits a 390 px wide screen; an investigator lands on their own home with their cases.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";

let manager: TestUser, investigator: TestUser;
const tag = `dash-${randomUUID().slice(0, 8)}`;
const titles = { high1: `Dashboard high one ${tag}`, high2: `Dashboard high two ${tag}`, low: `Dashboard low ${tag}`, hidden: `Dashboard hidden ${tag}` };

async function newCase(request: APIRequestContext, token: string, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/cases", { headers: { Authorization: `Bearer ${token}` }, data: { tags: [tag], ...data } });
  expect(res.status()).toBe(201);
}

test.beforeAll(async ({ request }) => {
  manager = createUser("MANAGER", "Mona Manager");
  investigator = createUser("INVESTIGATOR", "Dana Detective");
  const token = createToken(investigator.email);
  await newCase(request, token, { title: titles.high1, severity: "HIGH" });
  await newCase(request, token, { title: titles.high2, severity: "HIGH" });
  await newCase(request, token, { title: titles.low, severity: "LOW" });
  await newCase(request, token, { title: titles.hidden, severity: "HIGH", restricted: true });
});

test("a manager clicks a bar of the dashboard through to the filtered case list", async ({ page }) => {
  await signIn(page, manager);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByLabel("Tag").fill(tag);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));
  await expect(page.locator('[data-tile="openCases"]')).toContainText("3");

  // The chart's own data, as CSV: the restricted case counts nowhere for this manager.
  const csv = await page.request.get(`/api/v1/dashboard/charts/cases-by-status?tag=${tag}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const rows = parse(await csv.text()) as string[][];
  expect(rows[0]).toEqual(["status", "LOW", "MEDIUM", "HIGH", "CRITICAL", "total"]);
  expect(rows.find((r) => r[0] === "OPEN")).toEqual(["OPEN", "1", "0", "2", "0", "3"]);

  await page.getByRole("link", { name: "OPEN, High: 2" }).click();
  await expect(page).toHaveURL(/\/cases\?/);
  const filters = new URL(page.url()).searchParams;
  expect([filters.get("status"), filters.get("severity"), filters.get("tag")]).toEqual(["OPEN", "HIGH", tag]);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  const list = page.getByRole("table");
  await expect(list.getByRole("row")).toHaveCount(3); // the header and the two cases
  await expect(list.getByText(titles.high1)).toBeVisible();
  await expect(list.getByText(titles.high2)).toBeVisible();
  await expect(list.getByText(titles.low)).toHaveCount(0);
  await expect(list.getByText(titles.hidden)).toHaveCount(0);

  // The list's export holds the same cases.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Export CSV of the case list/ }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of file) chunks.push(c as Buffer);
  const exported = parse(Buffer.concat(chunks).toString("utf8")) as string[][];
  expect(exported.slice(1).map((r) => r[1]).sort()).toEqual([titles.high1, titles.high2].sort());
});

test("the dashboard fits a 390 px wide screen and an investigator gets their own home", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, manager);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.locator("figure").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.clearCookies();

  await signIn(page, investigator);
  await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(titles.hidden) }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(titles.high1) }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
