// Ingesting a log in the browser: "Ingest" on an API_LOG evidence page opens the run's page, whose
// progress bar and counts follow the run to COMPLETED without a reload; the malformed lines are
// listed with their numbers; "Re-ingest" asks first, replaces the earlier run, and the evidence
// page lists both, the first as replaced.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { writeTestLog } from "../support/ingest-test-log";

let investigator: TestUser, token: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Ingrid Ingest");
  token = createToken(investigator.email);
});

test("ingest a log from its evidence page, watch the run complete, then re-ingest it", async ({ page }) => {
  test.setTimeout(240_000);
  const auth = { Authorization: `Bearer ${token}` };
  const created = await page.request.post("/api/v1/cases", { headers: auth, data: { title: "Ingest in the browser" } });
  expect(created.status()).toBe(201);
  const caseId = ((await created.json()) as { id: string }).id;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-ingest-ui-"));
  const file = path.join(dir, "usage.jsonl");
  const expected = await writeTestLog(file, { lines: 20_000, badEvery: 4_001, blankEvery: 0 });
  const uploaded = await page.request.post(`/api/v1/cases/${caseId}/evidence`, {
    headers: auth,
    multipart: { kind: "API_LOG", title: "Harvest usage log", file: { name: "usage.jsonl", mimeType: "application/x-ndjson", buffer: fs.readFileSync(file) } },
  });
  expect(uploaded.status()).toBe(201);
  const evidenceId = ((await uploaded.json()) as { id: string }).id;
  fs.rmSync(dir, { recursive: true, force: true });

  await signIn(page, investigator);
  await page.goto(`/evidence/${evidenceId}`);
  const panel = page.locator("section").filter({ has: page.locator("#evidence-ingest-heading") });
  await expect(panel.getByText("Not ingested yet.")).toBeVisible();
  await panel.getByRole("button", { name: "Ingest" }).click();
  await expect(page).toHaveURL(/\/ingest-runs\/[^/?]+$/);
  const runUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingest of Harvest usage log");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

  const run = page.getByTestId("ingest-run");
  await expect(run).toHaveAttribute("data-state", "COMPLETED", { timeout: 180_000 });
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // no reload
  expect(page.url()).toBe(runUrl);
  const bar = page.getByRole("progressbar", { name: "Bytes of the log read" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("ingest-lines")).toHaveText((expected.linesOk + expected.linesFailed).toLocaleString("en-US"));
  const table = page.getByRole("table", { name: /Malformed lines/ });
  await expect(table.getByRole("row")).toHaveCount(1 + expected.linesFailed);
  for (const line of expected.badLines) await expect(table.getByRole("cell", { name: String(line), exact: true })).toBeVisible();
  await expect(table.getByText(/is not an ISO 8601 time/).first()).toBeVisible();

  await page.getByRole("link", { name: "usage.jsonl" }).click();
  await expect(page).toHaveURL(new RegExp(`/evidence/${evidenceId}$`));
  await expect(panel.getByText("Completed")).toBeVisible();
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.accept();
  });
  await panel.getByRole("button", { name: "Re-ingest" }).click();
  await expect(page).toHaveURL(/\/ingest-runs\/[^/?]+$/);
  expect(asked).toContain(`its ${expected.linesOk.toLocaleString("en-US")} request rows are deleted`);
  expect(page.url()).not.toBe(runUrl);
  await expect(page.getByTestId("ingest-run")).toHaveAttribute("data-state", "COMPLETED", { timeout: 180_000 });
  await page.goto(`/evidence/${evidenceId}`);
  await expect(panel.getByRole("listitem")).toHaveCount(2);
  await expect(panel.getByRole("listitem").nth(1).getByText("Replaced")).toBeVisible();
  await expect(panel.getByRole("listitem").nth(0).getByText("Completed")).toBeVisible();
});
