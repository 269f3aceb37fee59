// Loads an account as the viewer may see it: the registry facts, and only the visible cases.
import type { Actor } from "@/lib/access/actor";
import type { AccountCaseView, AccountDetail, AccountRef } from "@/lib/accounts/account-view";
import { visibleCasesWhere } from "@/lib/access/case-access";
import { dbProvider, type Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { env } from "@/lib/env";

export const accountRefSelect = { id: true, externalId: true, displayName: true, status: true, riskScore: true } as const;

export const splitEmails = (emails: string): string[] => (emails ? emails.split("\n") : []);
export const joinEmails = (emails: readonly string[]): string => emails.join("\n");

export function toAccountRef(r: AccountRef): AccountRef {
  return { id: r.id, externalId: r.externalId, displayName: r.displayName, status: r.status, riskScore: r.riskScore };
}

export async function loadAccountDetail(tx: Tx, actor: Actor, id: string): Promise<AccountDetail> {
  const row = await tx.account.findUnique({
    where: { id },
    include: {
      attributes: { select: { type: true, value: true }, orderBy: [{ type: "asc" }, { value: "asc" }] },
      cases: {
        where: { case: visibleCasesWhere(actor) },
        select: { role: true, addedAt: true, case: { select: { id: true, number: true, title: true, status: true } } },
        orderBy: { addedAt: "asc" },
      },
    },
  });
  if (!row) throw notFound("Account not found");
  const shared = await sharedCounts(tx, id);
  const threshold = env().LANTERN_LINK_NOISE_THRESHOLD;
  const cases: AccountCaseView[] = row.cases.map((c) => ({ ...c.case, role: c.role, addedAt: c.addedAt.toISOString() }));
  return {
    ...toAccountRef(row),
    emails: splitEmails(row.emails),
    organization: row.organization,
    country: row.country,
    attributeCount: row.attributes.length,
    caseCount: cases.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    providerCreatedAt: row.providerCreatedAt?.toISOString() ?? null,
    version: row.version,
    // Sorted here: PostgreSQL orders enums by declaration, SQLite by text.
    attributes: [...row.attributes].sort(byTypeThenValue).map((a) => {
      const others = shared.get(`${a.type}\u0000${a.value}`) ?? 0;
      return { type: a.type, value: a.value, sharedWith: others, noise: others + 1 > threshold };
    }),
    cases,
  };
}

const byTypeThenValue = (a: { type: string; value: string }, b: { type: string; value: string }) =>
  a.type < b.type ? -1 : a.type > b.type ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;

/** For each attribute of the account: how many other accounts carry the same value. */
async function sharedCounts(tx: Tx, accountId: string): Promise<Map<string, number>> {
  const p = dbProvider() === "postgresql" ? "$1" : "?";
  const rows = await tx.$queryRawUnsafe<{ type: AttributeType; value: string; n: bigint | number }[]>(
    `SELECT a."type" AS "type", a."value" AS "value", count(*) - 1 AS "n"
       FROM "AccountAttribute" a JOIN "AccountAttribute" b ON b."type" = a."type" AND b."value" = a."value"
      WHERE a."accountId" = ${p} GROUP BY a."type", a."value"`,
    accountId,
  );
  return new Map(rows.map((r) => [`${r.type}\u0000${r.value}`, Number(r.n)]));
}
