// Every main page (test/e2e/support/main-pages.ts), with data on it, at 1280x800 and 390x844:
// axe finds no serious or critical violation, each page has one main landmark and a level-one
// heading, and on a phone nothing scrolls sideways. Failures are collected over all pages, so one
// run names every page at fault; the figures are printed at the end of the suite (issue 13).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createToken } from "./support/cli";
import { E2E_ADMIN } from "./support/e2e-env";
import { MAIN_PAGES, seedMainPages, type MainPage } from "./support/main-pages";
import { recordMeasure } from "../support/measures";

const SIZES = [
  { name: "1280x800", width: 1280, height: 800 },
  { name: "390x844", width: 390, height: 844 },
] as const;

let pages: MainPage[] = [];

test.beforeAll(async ({ request }) => {
  const seed = await seedMainPages(request, createToken(E2E_ADMIN.email));
  pages = MAIN_PAGES.map((p) => p(seed));
});

async function signedInPage(browser: Browser, size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/** Opens a page and waits until it has drawn (the graph pages lay out in a worker first). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  if (/\/graph$|\/clusters\//.test(path)) await page.locator('[data-layout="done"]').first().waitFor({ timeout: 15_000 }).catch(() => {});
}

for (const size of SIZES) {
  test(`every main page passes axe${size.width < 500 ? " and fits the screen" : ""} at ${size.name}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await signedInPage(browser, size);
    const failures: string[] = [];
    let serious = 0;
    let overflowing = 0;
    for (const p of pages) {
      if (p.path === "/login") await page.context().clearCookies();
      await open(page, p.path);
      const results = await new AxeBuilder({ page }).analyze();
      for (const v of results.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
        serious += 1;
        failures.push(`${p.name} (${p.path}): axe ${v.impact} ${v.id}: ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      }
      const landmarks = await page.evaluate(() => ({ main: document.querySelectorAll("main").length, h1: document.querySelectorAll("h1").length }));
      if (landmarks.main !== 1 || landmarks.h1 < 1) failures.push(`${p.name} (${p.path}): ${landmarks.main} main landmarks, ${landmarks.h1} level-one headings`);
      if (size.width < 500) {
        const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
        if (widths.scroll > widths.inner) {
          overflowing += 1;
          const wide = await widestElements(page);
          failures.push(`${p.name} (${p.path}): ${widths.scroll} px wide at ${widths.inner} px; widest: ${wide}`);
        }
      }
      if (p.path === "/login") await signInAgain(page);
    }
    recordMeasure(`pages checked by axe at ${size.name}: ${pages.length}, serious/critical violations: ${serious}`);
    if (size.width < 500) recordMeasure(`pages with horizontal overflow at ${size.width} px: ${overflowing} of ${pages.length}`);
    await page.context().close();
    expect(failures, failures.join("\n")).toEqual([]);
  });
}

async function signInAgain(page: Page) {
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The three elements reaching furthest right, to say where an overflow comes from. */
function widestElements(page: Page): Promise<string> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>("body *")].map((el) => ({ el, right: el.getBoundingClientRect().right }));
    return all
      .filter((x) => x.right > window.innerWidth)
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map(({ el, right }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")} (${Math.round(right)})`)
      .join(", ");
  });
}

test("on a phone the header folds into a menu that works from the keyboard", async ({ browser }) => {
  const page = await signedInPage(browser, SIZES[1]);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Evidence" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Evidence" }).click();
  await expect(page).toHaveURL(/\/evidence$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false"); // following a link closes it
  await page.context().close();
});
