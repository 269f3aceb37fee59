// Accounts on a case, with a role. Reading needs read access to the case; attaching and detaching
// need write access to it (requireCase "update") and account:write; each change is audited with
// the case, so it shows in the case's history and, for those who may see the case, the account's.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { assertAccountRead, assertAccountWrite, requireAccount } from "@/lib/accounts/account-access";
import { splitEmails, toAccountRef } from "@/lib/accounts/account-detail";
import { ZAttachAccountsInput } from "@/lib/accounts/account-schemas";
import type { AccountSummary, CaseAccountView } from "@/lib/accounts/account-view";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase, visibleCasesWhere } from "@/lib/access/case-access";
import { db, type Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { parseInput } from "@/lib/validation";

const caseAccountSelect = {
  caseId: true,
  accountId: true,
  role: true,
  addedAt: true,
  account: {
    select: {
      id: true,
      externalId: true,
      displayName: true,
      emails: true,
      organization: true,
      country: true,
      status: true,
      riskScore: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { attributes: true } },
    },
  },
} as const;

type CaseAccountRow = Prisma.CaseAccountGetPayload<{ select: typeof caseAccountSelect }>;

function toView(r: CaseAccountRow, caseCount: number): CaseAccountView {
  const a = r.account;
  const account: AccountSummary = {
    ...toAccountRef(a),
    emails: splitEmails(a.emails),
    organization: a.organization,
    country: a.country,
    attributeCount: a._count.attributes,
    caseCount,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
  return { caseId: r.caseId, accountId: r.accountId, role: r.role, addedAt: r.addedAt.toISOString(), account };
}

/** Visible-case counts of these accounts. */
async function visibleCaseCounts(tx: Tx, actor: Actor, accountIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // In slices: Prisma refuses a query of more than 999 parameters on SQLite.
  for (let i = 0; i < accountIds.length; i += 800) {
    const groups = await tx.caseAccount.groupBy({
      by: ["accountId"],
      where: { accountId: { in: accountIds.slice(i, i + 800) }, case: visibleCasesWhere(actor) },
      _count: { _all: true },
    });
    for (const g of groups) out.set(g.accountId, g._count._all);
  }
  return out;
}

async function viewsOf(tx: Tx, actor: Actor, rows: CaseAccountRow[]): Promise<CaseAccountView[]> {
  const counts = await visibleCaseCounts(tx, actor, rows.map((r) => r.accountId));
  return rows.map((r) => toView(r, counts.get(r.accountId) ?? 0));
}

export async function listCaseAccounts(actor: Actor, caseIdOrNumber: string): Promise<CaseAccountView[]> {
  assertAccountRead(actor);
  const c = await requireCase(db(), actor, caseIdOrNumber, "read");
  const rows = await db().caseAccount.findMany({ where: { caseId: c.id }, select: caseAccountSelect, orderBy: { addedAt: "asc" } });
  return viewsOf(db(), actor, rows);
}

/** Attaches one account ({accountId, role}) or several ({accounts: [...]}); re-attaching an account
 *  already on the case changes its role. Answers the attached rows (the case's view of them). */
export async function attachAccounts(ctx: RequestContext, caseIdOrNumber: string, input: unknown): Promise<CaseAccountView[]> {
  const data = parseInput(ZAttachAccountsInput, input);
  const wanted = "accounts" in data ? data.accounts : [data];
  return db().$transaction(async (tx) => {
    // The case first: a case the actor may not see answers 404 whatever their role.
    const c = await requireCase(tx, ctx.actor, caseIdOrNumber, "update");
    assertAccountWrite(ctx.actor);
    const attachedIds: string[] = [];
    for (const item of wanted) {
      const account = await requireAccount(tx, item.accountId);
      const existing = await tx.caseAccount.findUnique({ where: { caseId_accountId: { caseId: c.id, accountId: account.id } }, select: { role: true } });
      attachedIds.push(account.id);
      if (existing?.role === item.role) continue;
      if (existing) {
        await tx.caseAccount.update({ where: { caseId_accountId: { caseId: c.id, accountId: account.id } }, data: { role: item.role } });
      } else {
        await tx.caseAccount.create({ data: { caseId: c.id, accountId: account.id, role: item.role, addedById: ctx.actor.id } });
      }
      await appendAuditEvent(tx, auditContextOf(ctx), {
        action: existing ? "account.case-role" : "account.attach",
        entityType: "Account",
        entityId: account.id,
        caseId: c.id,
        changes: { case: { after: c.number }, role: existing ? { before: existing.role, after: item.role } : { after: item.role } },
      });
    }
    const rows = await tx.caseAccount.findMany({ where: { caseId: c.id, accountId: { in: attachedIds } }, select: caseAccountSelect });
    const byId = new Map(rows.map((r) => [r.accountId, r]));
    return viewsOf(tx, ctx.actor, [...new Set(attachedIds)].map((id) => byId.get(id)!));
  });
}

export async function detachAccount(ctx: RequestContext, caseIdOrNumber: string, accountId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const c = await requireCase(tx, ctx.actor, caseIdOrNumber, "update");
    assertAccountWrite(ctx.actor);
    const account = await requireAccount(tx, accountId);
    const existing = await tx.caseAccount.findUnique({ where: { caseId_accountId: { caseId: c.id, accountId: account.id } }, select: { role: true } });
    if (!existing) throw notFound("That account is not on this case");
    await tx.caseAccount.delete({ where: { caseId_accountId: { caseId: c.id, accountId: account.id } } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "account.detach",
      entityType: "Account",
      entityId: account.id,
      caseId: c.id,
      changes: { case: { before: c.number }, role: { before: existing.role } },
    });
  });
}
