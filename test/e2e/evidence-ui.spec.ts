// Evidence in the browser: drop three files onto a case and watch them upload with progress and
// their hashes, preview, download (same bytes, same hash), verify, and see a tampered blob
// flagged; cancel an upload; edit details, supersede, and remove with confirmation.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { dropFiles, signIn, throttleUploads } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { E2E_DATA_DIR } from "./support/e2e-env";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const DROPZONE = '[data-testid="evidence-dropzone"]';

let investigator: TestUser, token: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Erin Evidence");
  token = createToken(investigator.email);
});

async function newCase(page: Page, title: string, restricted = false): Promise<string> {
  const res = await page.request.post("/api/v1/cases", { headers: { Authorization: `Bearer ${token}` }, data: { title, restricted } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { number: string }).number;
}

async function openUploaded(page: Page) {
  await page.getByRole("link", { name: "Open evidence" }).click();
  await expect(page).toHaveURL(/\/evidence\/[^/?]+$/);
}

function apiLog(lines: number, seed: string): Buffer {
  return Buffer.from(
    Array.from({ length: lines }, (_, i) => JSON.stringify({ ts: `2026-11-01T00:00:${String(i % 60).padStart(2, "0")}Z`, account: `acct-${i % 13}`, seed, prompt: "x".repeat(200) })).join("\n") + "\n",
  );
}

function csv(rows: number, seed: string): Buffer {
  return Buffer.from(["account_id,requests,first_seen", ...Array.from({ length: rows }, (_, i) => `acct-${i},${1000 + i},2026-10-${String((i % 28) + 1).padStart(2, "0")} ${seed}`)].join("\n") + "\n");
}

test("drop three files, watch them upload, preview one, download one and verify it", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Harvesting through rotated accounts");
  const seed = `${Date.now()}`;
  const files = [
    { name: "harvest.jsonl", mimeType: "application/x-ndjson", buffer: apiLog(1500, seed) },
    { name: "accounts.csv", mimeType: "text/csv", buffer: csv(120, seed) },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(`Analyst notes ${seed}\n`.repeat(2000)) },
  ];

  await page.goto(`/cases/${number}`);
  await expect(page.getByText("No evidence yet.")).toBeVisible();
  await dropFiles(page, DROPZONE, files);
  const list = page.getByRole("list", { name: "Files to upload" });
  for (const f of files) await expect(list.getByRole("listitem", { name: f.name })).toBeVisible();
  await expect(list.getByRole("listitem", { name: "harvest.jsonl" }).getByLabel("Kind")).toHaveValue("API_LOG");

  // Slow the network so the progress of each file can be seen.
  const unthrottle = await throttleUploads(page, 256 * 1024);
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  for (const f of files) await expect(page.getByRole("progressbar", { name: `Upload of ${f.name}` })).toBeVisible();
  await expect(list.getByText(/\d+% · /).first()).toBeVisible();
  for (const f of files) {
    await expect(list.getByRole("listitem", { name: f.name }).getByTestId("uploaded-sha256")).toHaveText(sha(f.buffer), { timeout: 30_000 });
  }
  await unthrottle();
  await expect(page.getByTestId("toast").filter({ hasText: "3 files uploaded" })).toBeVisible();
  const table = page.getByRole("table", { name: "Evidence" });
  for (const f of files) await expect(table.getByRole("link", { name: f.name })).toBeVisible();

  // Preview the CSV: header and the first rows, paged.
  await table.getByRole("link", { name: "accounts.csv" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "accounts.csv" })).toBeVisible();
  await expect(page.getByTestId("evidence-sha256")).toHaveText(sha(files[1].buffer));
  await page.getByRole("link", { name: "Show preview" }).click();
  const preview = page.getByTestId("evidence-preview-table");
  await expect(preview.getByRole("columnheader", { name: "account_id" })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "acct-0", exact: true })).toBeVisible();
  await page.getByRole("navigation", { name: "Preview pages" }).getByRole("link", { name: "Next" }).click();
  await expect(preview.getByRole("cell", { name: "acct-50", exact: true })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "acct-0", exact: true })).toHaveCount(0);
  const csvCustody = page.getByRole("list", { name: "Chain of custody" });
  await expect(csvCustody).toContainText("preview page 2");
  // Verifying with the preview open does not read the content again: still two views, shown as
  // one line ("Viewed 2 times") that opens onto both.
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Verified" })).toBeVisible();
  await expect(csvCustody.getByRole("listitem")).toHaveCount(3);
  const views = csvCustody.getByTestId("custody-view-group");
  await expect(views).toContainText("Viewed 2 times");
  await views.getByText("Viewed 2 times").click();
  await expect(views.getByRole("list", { name: "2 views" }).getByRole("listitem")).toHaveCount(2);

  // Download the API log: the same bytes and hash.
  await page.goto(`/cases/${number}`);
  await table.getByRole("link", { name: "harvest.jsonl" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("harvest.jsonl");
  const downloaded = fs.readFileSync(await download.path());
  expect(downloaded.equals(files[0].buffer)).toBe(true);
  expect(sha(downloaded)).toBe(sha(files[0].buffer));

  // Verify it, and see the custody timeline grow.
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Verified: the stored content matches its SHA-256" })).toBeVisible();
  await expect(page.getByText("Verified", { exact: true }).first()).toBeVisible();
  const custody = page.getByRole("list", { name: "Chain of custody" });
  await expect(custody.getByRole("listitem")).toHaveCount(3);
  await expect(custody).toContainText("Uploaded");
  await expect(custody).toContainText("Downloaded");
  await expect(custody).toContainText("Match");
});

test("an image previews inline; a type that is unsafe to render is download-only", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Images");
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  for (const [name, type, buffer, kind] of [["shot.png", "image/png", png, "SCREENSHOT"], ["vector.svg", "image/svg+xml", svg, "DOCUMENT"]] as const) {
    const res = await page.request.post(`/api/v1/cases/${number}/evidence`, { headers: { Authorization: `Bearer ${token}` }, multipart: { kind, title: name, file: { name, mimeType: type, buffer } } });
    expect(res.status()).toBe(201);
  }
  await page.goto(`/cases/${number}`);
  await page.getByRole("table", { name: "Evidence" }).getByRole("link", { name: "shot.png" }).click();
  await page.getByRole("link", { name: "Show preview" }).click();
  const img = page.getByRole("img", { name: "shot.png" });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);

  await page.goto(`/cases/${number}`);
  await page.getByRole("table", { name: "Evidence" }).getByRole("link", { name: "vector.svg" }).click();
  await expect(page.getByText("image/svg+xml content is not shown in the browser")).toBeVisible();
  await expect(page.getByRole("link", { name: "Show preview" })).toHaveCount(0);
});

test("a tampered blob fails verification with a visible warning on the evidence page", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Tamper check");
  const bytes = Buffer.from(`report body ${Date.now()} ${Math.random()}\n`.repeat(50));
  await page.goto(`/cases/${number}`);
  await dropFiles(page, DROPZONE, [{ name: "report.txt", mimeType: "text/plain", buffer: bytes }]);
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("uploaded-sha256")).toHaveText(sha(bytes));
  await openUploaded(page);

  // Flip one byte of the stored blob, as disk corruption or tampering would.
  const hash = sha(bytes);
  const blob = path.join(E2E_DATA_DIR, "evidence", "sha256", hash.slice(0, 2), hash.slice(2, 4), hash);
  fs.chmodSync(blob, 0o644);
  const stored = fs.readFileSync(blob);
  stored[10] ^= 0x01;
  fs.writeFileSync(blob, stored);

  await page.getByRole("button", { name: "Verify integrity" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "Integrity check failed" }).first();
  await expect(warning).toBeVisible();
  await expect(page.getByText("the stored content did not match the SHA-256 recorded at upload")).toBeVisible();
  await expect(page.getByText("Integrity failed", { exact: true })).toBeVisible();
  const custody = page.getByRole("list", { name: "Chain of custody" });
  await expect(custody).toContainText("Mismatch");
  await expect(custody).toContainText("differs from the recorded hash");
});

test("an upload can be cancelled, and nothing is recorded", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Cancelled upload");
  await page.goto(`/cases/${number}`);
  const unthrottle = await throttleUploads(page, 64 * 1024);
  await dropFiles(page, DROPZONE, [{ name: "big.jsonl", mimeType: "application/x-ndjson", buffer: apiLog(4000, "cancel") }]);
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByRole("progressbar", { name: "Upload of big.jsonl" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel upload of big.jsonl" }).click();
  await expect(page.getByText("Cancelled. Nothing was recorded.")).toBeVisible();
  await unthrottle();
  await page.reload();
  await expect(page.getByText("No evidence yet.")).toBeVisible();
  const res = await page.request.get(`/api/v1/cases/${number}/evidence`, { headers: { Authorization: `Bearer ${token}` } });
  expect(((await res.json()) as { total: number }).total).toBe(0);
});

test("refusals are shown per file: empty, a kind the content does not fit, a missing title", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Refusals");
  await page.goto(`/cases/${number}`);
  await dropFiles(page, DROPZONE, [
    { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not an image at all\n") },
  ]);
  const list = page.getByRole("list", { name: "Files to upload" });
  await expect(list.getByRole("listitem", { name: "empty.txt" })).toContainText("This file is empty");
  const fake = list.getByRole("listitem", { name: "fake.png" });
  await expect(fake.getByLabel("Kind")).toHaveValue("SCREENSHOT");
  await fake.getByLabel("Title").fill("");
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(fake.getByText("is required")).toBeVisible();
  await expect(fake.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await fake.getByLabel("Title").fill("Claimed screenshot");
  await fake.getByRole("button", { name: "Retry" }).click();
  await expect(fake.getByRole("alert")).toContainText("SCREENSHOT evidence must be image/png");
  await fake.getByLabel("Kind").selectOption("DOCUMENT");
  await fake.getByRole("button", { name: "Retry" }).click();
  await expect(fake.getByTestId("uploaded-sha256")).toBeVisible();
  await expect(fake).toContainText("The content is text/plain, not the type the file claimed.");
});

test("edit details, supersede with a corrected file, and an admin removes with a reason after confirming", async ({ page, browser }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Corrections");
  await page.goto(`/cases/${number}`);
  const original = Buffer.from(`v1 ${Date.now()} ${Math.random()}\n`);
  await dropFiles(page, DROPZONE, [{ name: "analysis.txt", mimeType: "text/plain", buffer: original }]);
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await openUploaded(page);
  const firstUrl = page.url();

  await page.getByLabel("Title", { exact: true }).fill("Distillation analysis, first cut");
  await page.getByLabel("Source", { exact: true }).fill("internal red team");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Evidence details saved" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Distillation analysis, first cut" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Chain of custody" })).toContainText("metadata: title, source");

  const corrected = Buffer.from(`v2 ${Date.now()} ${Math.random()}\n`);
  const supersede = page.locator("section").filter({ has: page.getByRole("heading", { name: "Supersede" }) });
  await dropFiles(page, `section:has(#evidence-supersede-heading) ${DROPZONE}`, [
    { name: "analysis-v2.txt", mimeType: "text/plain", buffer: corrected },
  ]);
  await supersede.getByRole("button", { name: "Upload replacement" }).click();
  // The replacement's own page opens: the current version, linked to the one it replaces.
  await expect(page.getByTestId("toast").filter({ hasText: "Replacement uploaded" })).toBeVisible();
  await expect(page.getByTestId("evidence-sha256")).toHaveText(sha(corrected));
  // It keeps what was said about the file it corrects (issue 13).
  await expect(page.getByLabel("Source", { exact: true })).toHaveValue("internal red team");
  await expect(page.getByRole("link", { name: "the earlier version" })).toHaveAttribute("href", new URL(firstUrl).pathname);
  await page.getByRole("link", { name: "the earlier version" }).click();
  await expect(page.getByTitle("A corrected file replaces this one")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Supersede" })).toHaveCount(0);
  await page.getByRole("link", { name: "Open the current version" }).click();
  await expect(page.getByTestId("evidence-sha256")).toHaveText(sha(corrected));

  // An investigator cannot remove; an admin can, with a reason, after confirming.
  await expect(page.getByRole("button", { name: "Remove evidence" })).toHaveCount(0);
  const admin = createUser("ADMIN");
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto(firstUrl);
  await adminPage.getByLabel("Reason for removal").fill("no");
  // A reason too short is named before anyone is asked to confirm (issue 13): no dialog.
  const unexpected: string[] = [];
  const noDialog = (d: { message(): string; dismiss(): Promise<void> }) => void (unexpected.push(d.message()), d.dismiss());
  adminPage.on("dialog", noDialog);
  await adminPage.getByRole("button", { name: "Remove evidence" }).click();
  await expect(adminPage.getByText("must say why (5+ characters)", { exact: true })).toBeVisible();
  await expect(adminPage.getByLabel("Reason for removal")).toHaveAttribute("aria-invalid", "true");
  adminPage.off("dialog", noDialog);
  expect(unexpected).toEqual([]);
  await adminPage.getByLabel("Reason for removal").fill("uploaded to the wrong case");
  adminPage.once("dialog", (d) => void d.dismiss());
  await adminPage.getByRole("button", { name: "Remove evidence" }).click();
  await expect(adminPage.getByText("Removed on")).toHaveCount(0);
  adminPage.once("dialog", (d) => {
    expect(d.message()).toContain("The hash and custody history remain");
    void d.accept();
  });
  await adminPage.getByRole("button", { name: "Remove evidence" }).click();
  await expect(adminPage.getByText(/^Removed on /)).toBeVisible();
  await expect(adminPage.getByText("Reason: uploaded to the wrong case.", { exact: false })).toBeVisible();
  await expect(adminPage.getByRole("link", { name: "Download" })).toHaveCount(0);
  await expect(adminPage.getByRole("list", { name: "Chain of custody" })).toContainText("Removed");
  await adminPage.context().close();
});

test("a details edit made in a stale tab is refused, not silently overwritten", async ({ page, browser }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Two editors");
  const res = await page.request.post(`/api/v1/cases/${number}/evidence`, {
    headers: { Authorization: `Bearer ${token}` },
    multipart: { kind: "DOCUMENT", title: "Shared memo", file: { name: "memo.txt", mimeType: "text/plain", buffer: Buffer.from(`memo ${Date.now()}\n`) } },
  });
  const { id } = (await res.json()) as { id: string };
  const other = await (await browser.newContext()).newPage();
  await signIn(other, investigator);
  await page.goto(`/evidence/${id}`);
  await other.goto(`/evidence/${id}`);

  await page.getByLabel("Title", { exact: true }).fill("Memo, first editor");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Memo, first editor" })).toBeVisible();

  await other.getByLabel("Title", { exact: true }).fill("Memo, second editor");
  await other.getByRole("button", { name: "Save details" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Someone else changed these details" })).toBeVisible();
  await other.reload();
  await expect(other.getByRole("heading", { level: 1, name: "Memo, first editor" })).toBeVisible();
  await other.context().close();
});

test("evidence on a restricted case is not found for an outsider, and search finds it by hash for a member", async ({ page, browser }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "Restricted evidence", true);
  const bytes = Buffer.from(`restricted ${Date.now()} ${Math.random()}\n`);
  await page.goto(`/cases/${number}`);
  await dropFiles(page, DROPZONE, [{ name: "secret.txt", mimeType: "text/plain", buffer: bytes }]);
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await openUploaded(page);
  const url = page.url();

  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await page.getByLabel("Title, file name or SHA-256").fill(sha(bytes).slice(0, 12));
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByRole("table", { name: "Evidence" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: number })).toBeVisible();

  const outsider = createUser("INVESTIGATOR");
  const other = await (await browser.newContext()).newPage();
  await signIn(other, outsider);
  await other.goto(url);
  await expect(other.getByRole("heading", { name: "Evidence not found" })).toBeVisible();
  const content = await other.request.get(`${url.replace("/evidence/", "/api/v1/evidence/")}/content`);
  expect(content.status()).toBe(404);
  await other.goto(`/evidence?q=${sha(bytes)}`);
  await expect(other.getByRole("heading", { name: "No evidence matches" })).toBeVisible();
  await other.context().close();
});

test("the session cookie cannot be used for a cross-origin upload", async ({ page }) => {
  await signIn(page, investigator);
  const number = await newCase(page, "CSRF");
  const res = await page.request.post(`/api/v1/cases/${number}/evidence`, {
    headers: { Origin: "https://evil.example" },
    multipart: { kind: "DOCUMENT", title: "forged", file: { name: "f.txt", mimeType: "text/plain", buffer: Buffer.from("forged\n") } },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toContain("Cross-origin");
});
