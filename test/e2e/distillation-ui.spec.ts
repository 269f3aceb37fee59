// Distillation in the browser: upload a generated usage log (ordinary users, heavy legitimate users
// and planted operations), ingest it while the progress bar fills, open the case's distillation
// analysis and find planted accounts flagged at the top, drill down to their log lines, generate
// the report and find it in the case's evidence; the page fits a 390 px screen; the report API
// answers 409 for a case with nothing ingested and 404 to an outsider of a restricted case; while
// the analysis is computed by its job the page says so and then shows it by itself.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { generateLogLines, type GroundTruth } from "../support/log-generator";
import { dropFiles, signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { E2E_DATA_DIR } from "./support/e2e-env";

const DROPZONE = '[data-testid="evidence-dropzone"]';

let investigator: TestUser, token: string, outsiderToken: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Dana Distill");
  token = createToken(investigator.email);
  outsiderToken = createToken(createUser("INVESTIGATOR", "Olly Outsider").email);
});

async function newCase(page: Page, title: string, restricted = false): Promise<string> {
  const res = await page.request.post("/api/v1/cases", { headers: { Authorization: `Bearer ${token}` }, data: { title, restricted } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { number: string }).number;
}

test("ingest a generated log with progress, find the planted accounts flagged, drill down, and file the report as evidence", async ({ page }) => {
  const truth: { value?: GroundTruth } = {};
  const log = Buffer.from([...generateLogLines({ lines: 8_000, seed: 7 }, truth)].join("\n") + "\n");
  const planted = new Set(truth.value!.planted.map((p) => p.accountId));

  await signIn(page, investigator);
  const number = await newCase(page, "Planted operations in a week of traffic");
  await page.goto(`/cases/${number}`);
  await dropFiles(page, DROPZONE, [{ name: "usage.jsonl", mimeType: "application/x-ndjson", buffer: log }]);
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  const evidence = page.getByRole("table", { name: "Evidence" });
  await evidence.getByRole("link", { name: "usage.jsonl" }).click();

  // Ingest, and watch the run's page follow it to the end without a reload.
  await page.getByRole("button", { name: "Ingest", exact: true }).click();
  await expect(page).toHaveURL(/\/ingest-runs\//);
  const bar = page.getByRole("progressbar", { name: "Bytes of the log read" });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId("ingest-run")).toHaveAttribute("data-state", "COMPLETED", { timeout: 60_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("ingest-lines")).toHaveText("8,000");

  // The analysis: planted accounts flagged at the top, with the factors behind their scores.
  await page.goto(`/cases/${number}`);
  await page.getByRole("link", { name: "Distillation analysis" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Distillation analysis of ${number}` })).toBeVisible();
  const ranked = page.getByRole("table", { name: /Accounts ranked by distillation score/ });
  const flagged = ranked.locator("tbody tr[data-flagged]");
  // The analysis is computed by a job after the run completed: the page may first say so and refresh itself.
  await expect(flagged.first()).toBeVisible({ timeout: 30_000 });
  const flaggedIds = await flagged.locator("td:nth-child(2) a").allTextContents();
  expect(flaggedIds.length).toBeGreaterThan(0);
  expect(planted.has(flaggedIds[0])).toBe(true);
  expect(flaggedIds.filter((id) => planted.has(id)).length / flaggedIds.length).toBeGreaterThanOrEqual(0.8);
  await expect(flagged.first().getByRole("listitem").first()).toContainText("+");
  for (const title of ["Requests over time", "Token volume over time", "Hour by weekday"]) {
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Top prompt templates by requests" })).toBeVisible();

  // Drill down to the top account's log lines: file name and line number of each.
  await flagged.first().getByRole("link", { name: /^Log lines/ }).click();
  await expect(page.getByRole("heading", { name: `Log lines of ${flaggedIds[0]}` })).toBeVisible();
  const lines = page.getByRole("table", { name: "Log lines of this account, oldest first" });
  await expect(lines.locator("tbody tr").first()).toContainText(/usage\.jsonl:\d+/);

  // It fits a phone: nothing wider than the screen but the tables' own scroll boxes.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The report: generated, then listed among the case's evidence.
  await page.getByRole("button", { name: "Generate distillation report" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Report saved as evidence" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "open the report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Distillation report ${number}`) })).toBeVisible();
  await page.goto(`/cases/${number}`);
  await expect(evidence.getByRole("link", { name: new RegExp(`Distillation report ${number}`) })).toBeVisible();

  // Computed ahead (decision 0016): with no stored analysis for the current runs and the case's
  // distillation.refresh job due in a few seconds, the page says so instead of computing in the
  // request, then shows the scores by itself once the server's worker has run the job.
  const sqlite = new Database(path.join(E2E_DATA_DIR, "lantern.db"), { fileMustExist: true, timeout: 15_000 });
  try {
    const { id: caseId } = sqlite.prepare(`SELECT "id" FROM "Case" WHERE "number" = ?`).get(number) as { id: string };
    const dueAt = new Date(Date.now() + 8_000).toISOString().replace("Z", "+00:00");
    sqlite.transaction(() => {
      sqlite.prepare(`DELETE FROM "DistillationCache" WHERE "caseId" = ?`).run(caseId);
      const { changes } = sqlite
        .prepare(`UPDATE "Job" SET "status" = 'QUEUED', "attempts" = 0, "runAt" = ?, "finishedAt" = NULL WHERE "dedupeKey" = ?`)
        .run(dueAt, `distillation.refresh:${caseId}`);
      expect(changes).toBe(1);
    })();
  } finally {
    sqlite.close();
  }
  await page.goto(`/cases/${number}/distillation`);
  await expect(page.getByRole("status").filter({ hasText: "Analysis being computed — 1 run, requested at" })).toBeVisible();
  await expect(ranked).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Hour by weekday" })).toBeVisible();
  await expect(flagged.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Analysis being computed" })).toHaveCount(0);
});

test("the report API refuses a case with nothing ingested (409) and hides a restricted case from outsiders (404)", async ({ page }) => {
  const open = await newCase(page, "Nothing ingested yet");
  const refused = await page.request.post(`/api/v1/cases/${open}/distillation/report`, { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string; message: string } }).error.message).toMatch(/no completed ingest run/);
  const hidden = await newCase(page, "Restricted distillation", true);
  const outsider = await page.request.post(`/api/v1/cases/${hidden}/distillation/report`, {
    headers: { Authorization: `Bearer ${outsiderToken}`, "content-type": "application/json" },
    data: { title: "Mine now" },
  });
  expect(outsider.status()).toBe(404);

  await signIn(page, investigator);
  await page.goto(`/cases/${open}/distillation`);
  await expect(page.getByRole("heading", { name: "No completed ingest yet" })).toBeVisible();
});
