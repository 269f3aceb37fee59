// Issue 13 points 5 to 8 in the browser: the audit trail in sentences with withheld rows for an
// auditor and no sequence numbers for an investigator, the case's activity timeline, markdown
// summaries (tables, refused links as text), sign-in errors beside their fields, a past due date
// asked about, JSON Lines previews as tables, and a PDF drawn in the page without running it.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support/browser";
import { createToken, createUser, type TestUser } from "./support/cli";
import { E2E_ADMIN } from "./support/e2e-env";
import { tinyPdf } from "../support/tiny-pdf";

let investigator: TestUser, auditor: TestUser, invToken: string, adminToken: string;

test.beforeAll(() => {
  investigator = createUser("INVESTIGATOR", "Dana Reyes");
  auditor = createUser("AUDITOR", "Ari Auditor");
  invToken = createToken(investigator.email);
  adminToken = createToken(createUser("ADMIN").email);
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function newCase(request: APIRequestContext, token: string, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/cases", { headers: bearer(token), data });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; number: string };
}

test("the audit trail reads as sentences; an auditor sees withheld rows in place, an investigator no sequence numbers; the case has its timeline", async ({ page, request }) => {
  const c = await newCase(request, invToken, {
    title: "Readable trail",
    summary: "Findings:\n\n| account | requests |\n| --- | ---: |\n| acct-1 | 1200 |\n\n[click me](javascript:alert(1)) and [docs](https://example.test/)",
  });
  expect((await request.post(`/api/v1/cases/${c.id}/transitions`, { headers: bearer(invToken), data: { to: "ACTIVE" } })).status()).toBe(200);
  await newCase(request, adminToken, { title: "Hidden matter", restricted: true });

  await signIn(page, auditor);
  await page.goto("/audit");
  const trail = page.getByRole("table", { name: "Audit events" });
  await expect(trail.getByRole("row").filter({ hasText: `Dana Reyes moved ${c.number} from Open to Active` })).toBeVisible();
  await expect(trail.getByRole("columnheader", { name: "Seq" })).toBeVisible();
  await expect(trail.getByRole("row").filter({ hasText: "Event on a case you cannot see; details withheld" }).first()).toBeVisible();
  await expect(trail).not.toContainText("Hidden matter");
  // Filters are pick lists.
  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Case status changed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=case\.transition/);
  await expect(trail.getByRole("row").filter({ hasText: "details withheld" })).toHaveCount(0);
  await expect(trail.getByRole("rowheader", { name: "status" }).first()).toBeVisible(); // before/after as a small table

  await page.context().clearCookies();
  await signIn(page, investigator);
  await page.goto("/audit");
  await expect(trail.getByRole("row").filter({ hasText: `Dana Reyes opened ${c.number}` })).toBeVisible();
  await expect(trail.getByRole("columnheader", { name: "Seq" })).toHaveCount(0);

  await page.goto(`/cases/${c.number}`);
  const activity = page.getByRole("list", { name: "Case activity" });
  await expect(activity.getByRole("listitem")).toHaveCount(2);
  await expect(activity.getByRole("listitem").first()).toContainText(`Dana Reyes moved ${c.number} from Open to Active`);
  // The summary is markdown: a table, and a refused link shown as text.
  const summary = page.locator("section").filter({ has: page.getByRole("heading", { name: "Summary" }) });
  await expect(summary.getByRole("columnheader", { name: "requests" })).toBeVisible();
  await expect(summary.getByText("click me")).toBeVisible();
  await expect(summary.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(summary.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://example.test/");
});

test("sign-in says what is wrong beside the field", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter your email address");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("x");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("“not-an-email” is not an email address");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("a due date in the past is asked about when opening a case", async ({ page }) => {
  await signIn(page, investigator);
  await page.goto("/cases/new");
  await page.getByLabel("Title").fill("Backdated deadline");
  await page.getByLabel("Due date").fill("2020-01-31");
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Open case" }).click();
  await expect.poll(() => asked).toContain("2020-01-31 has already passed");
  await expect(page).toHaveURL(/\/cases\/new$/);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page).toHaveURL(/\/cases\/LAN-\d{4}-\d{4}$/);
});

test("JSON Lines preview as a table of fields; a PDF drawn in the page, its script never run", async ({ page, request }) => {
  const c = await newCase(request, invToken, { title: "Previews" });
  const jsonl = Array.from({ length: 5 }, (_, i) => JSON.stringify({ timestamp: `2026-11-01T00:00:0${i}Z`, account_id: `acct-${i}`, model: "m", prompt_tokens: i, completion_tokens: 2 * i })).join("\n") + "\n";
  const upload = async (name: string, mimeType: string, buffer: Buffer, kind: string) => {
    const res = await request.post(`/api/v1/cases/${c.id}/evidence`, { headers: bearer(invToken), multipart: { kind, title: name, file: { name, mimeType, buffer } } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const log = await upload("requests.jsonl", "application/x-ndjson", Buffer.from(jsonl), "API_LOG");
  const pdf = await upload("analysis-report.pdf", "application/pdf", tinyPdf(["First page", "Second page"]), "DOCUMENT");

  await signIn(page, investigator);
  await page.goto(`/evidence/${log.id}?preview=1`);
  const table = page.getByTestId("evidence-preview-table");
  await expect(table.getByRole("columnheader", { name: "account_id" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "acct-3", exact: true })).toBeVisible();

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/evidence/${pdf.id}`);
  await page.getByRole("link", { name: "Show preview" }).click();
  const canvas = page.getByTestId("evidence-preview-pdf");
  await expect(canvas).toHaveAttribute("data-rendered-page", "1");
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(canvas).toHaveAttribute("data-rendered-page", "2");
  expect(dialogs).toEqual([]);
  // The edit form offers the kind and the same date-time picker as the upload.
  await expect(page.getByLabel("Kind")).toHaveValue("DOCUMENT");
  await expect(page.getByLabel("Collected at (your local time)")).toHaveAttribute("type", "datetime-local");
});

test("a long unbroken title and summary wrap instead of widening the page", async ({ page, request }) => {
  const c = await newCase(request, invToken, { title: `T${"x".repeat(190)}`, summary: `S${"y".repeat(3000)}` });
  await signIn(page, investigator);
  for (const path of [`/cases/${c.number}`, "/cases"]) {
    await page.goto(path);
    await expect(page.getByText(`T${"x".repeat(190)}`).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
  }
});
