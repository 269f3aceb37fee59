// CSV exports of the case list, the account registry and the audit list (SQLite, or PostgreSQL with
// LANTERN_TEST_DB=postgresql): the same filters and visibility as the lists, every page of the
// database crossed (a tiny chunk size), cells that would be formulas made text, one audit event each.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { listCases } from "@/lib/cases/list-cases";
import { db } from "@/lib/db/client";
import { exportAccountsCsv } from "@/lib/list-exports/export-accounts";
import { exportAuditCsv } from "@/lib/list-exports/export-audit";
import { exportCasesCsv } from "@/lib/list-exports/export-cases";
import { attachAccount, createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let admin: Actor, manager: Actor, member: Actor, auditor: Actor;
let restrictedNumber: string;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  manager = await createUser({ role: "MANAGER" });
  member = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
  for (let i = 0; i < 5; i++) await createCase(member, { title: `Harvest wave ${i}`, severity: i % 2 ? "HIGH" : "LOW", tags: ["wave"] });
  await createCase(member, { title: "=HYPERLINK(\"http://evil.example\",\"click\")", summary: "formula", tags: ["formula"] });
  await createCase(member, { title: "+1 shares, -2 and @sum", tags: ["formula"] });
  const r = await createCase(member, { title: "Restricted matter", restricted: true });
  restrictedNumber = r.number;
  // Two cases opened at the same instant: the keyset must keep both across a page boundary.
  const same = new Date(Date.now() - 60_000);
  await db().case.updateMany({ where: { title: { in: ["Harvest wave 1", "Harvest wave 2"] } }, data: { createdAt: same } });
  const a = await createAccount(member, { externalId: "=cmd|'/Ccalc'!A0", riskScore: 90 });
  await createAccount(member, { externalId: "plain-account", riskScore: 10 });
  await attachAccount(member, r.id, a.id);
});

async function csvOf(res: Response): Promise<string[][]> {
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="lantern-[a-z]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  return parse(await res.text()) as string[][];
}

const exportsOf = (action: string) => db().auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });

describe("cases", () => {
  it("holds every visible case of the filters, across database pages, newest first", async () => {
    for (const [actor, sees] of [[manager, false], [member, true], [admin, true]] as const) {
      const [header, ...rows] = await csvOf(await exportCasesCsv(ctxFor(actor), {}, { chunk: 2 }));
      expect(header.slice(0, 4)).toEqual(["number", "title", "status", "severity"]);
      const listed = await listCases(actor, { pageSize: "200", sort: "created" });
      expect(rows.map((r) => r[0]).sort()).toEqual(listed.items.map((c) => c.number).sort());
      expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
      expect(rows.some((r) => r[0] === restrictedNumber)).toBe(sees);
      const created = rows.map((r) => r[9]);
      expect([...created].sort().reverse()).toEqual(created);
    }
  });

  it("applies the list's filters and ignores paging", async () => {
    const [, ...rows] = await csvOf(await exportCasesCsv(ctxFor(manager), { severity: "HIGH", tag: "wave", page: "3", pageSize: "1" }));
    expect(rows.map((r) => r[1]).sort()).toEqual(["Harvest wave 1", "Harvest wave 3"]);
    expect(rows.every((r) => r[3] === "HIGH" && r[5] === "wave")).toBe(true);
  });

  it("writes a cell that starts with = + - @ as text (a leading apostrophe)", async () => {
    const [, ...rows] = await csvOf(await exportCasesCsv(ctxFor(manager), { tag: "formula" }));
    expect(rows.map((r) => r[1]).sort()).toEqual(["'+1 shares, '-2 and @sum", "'=HYPERLINK(\"http://evil.example\",\"click\")"]);
  });

  it("is one audit event with the filters, and refuses bad filters before recording anything", async () => {
    const before = (await exportsOf("cases.export")).length;
    await exportCasesCsv(ctxFor(manager), { severity: "CRITICAL" });
    const events = await exportsOf("cases.export");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actorId: manager.id, entityType: "Case" });
    expect(JSON.parse(events.at(-1)!.changes)).toEqual({ format: "csv", filters: { severity: ["CRITICAL"] } });
    expect((await expectAppError(exportCasesCsv(ctxFor(manager), { severity: "HUGE" }))).code).toBe("INVALID_INPUT");
    expect(await exportsOf("cases.export")).toHaveLength(before + 1);
  });
});

describe("accounts", () => {
  it("counts only visible cases per account and keeps formulas as text", async () => {
    const byId = async (actor: Actor) => {
      const [header, ...rows] = await csvOf(await exportAccountsCsv(ctxFor(actor), { riskMin: "50" }, { chunk: 1 }));
      const col = (name: string) => header.indexOf(name);
      return rows.map((r) => [r[col("externalId")], r[col("caseCount")]]);
    };
    expect(await byId(member)).toEqual([["'=cmd|'/Ccalc'!A0", "1"]]);
    expect(await byId(manager)).toEqual([["'=cmd|'/Ccalc'!A0", "0"]]);
    expect((await exportsOf("accounts.export")).at(-1)).toMatchObject({ actorId: manager.id });
  });
});

describe("audit", () => {
  it("follows the reader's scope: an auditor gets the hidden case's events withheld in place, a manager none of them", async () => {
    const rowsFor = async (actor: Actor) => {
      const [header, ...rows] = await csvOf(await exportAuditCsv(ctxFor(actor), { action: "case.create" }, { chunk: 3 }));
      expect(header).toEqual(["seq", "at", "actorName", "actorEmail", "action", "entityType", "entityId", "caseNumber", "subject", "summary", "changes", "requestId", "ip", "hash"]);
      return rows;
    };
    const adminRows = await rowsFor(admin);
    expect(adminRows.some((r) => r[7] === restrictedNumber)).toBe(true);
    const seqs = adminRows.map((r) => Number(r[0]));
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
    const managerRows = await rowsFor(manager);
    expect(managerRows.some((r) => r[7] === restrictedNumber)).toBe(false);
    expect(managerRows.length).toBe(adminRows.length - 1);
    expect(managerRows.every((r) => r[0] === "" && r[13] === "")).toBe(true);
    const all = await csvOf(await exportAuditCsv(ctxFor(auditor), {}));
    expect(all.some((r) => r[9].includes("withheld") && r[7] === "" && r[0] !== "")).toBe(true);
    expect(all.some((r) => r[7] === restrictedNumber)).toBe(false);
    expect((await exportsOf("audit.export")).length).toBe(3);
  });
});
