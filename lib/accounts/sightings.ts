// Sightings: where else an account or one of its attribute values appears, counting only the cases
// the viewer may see ("203.0.113.7 is also on LAN-2026-0012 and LAN-2026-0031"). Values shared by
// more accounts than the noise threshold are reported as noise, without their cases.
import type { Actor } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { accountRefSelect, loadAccountDetail, toAccountRef } from "@/lib/accounts/account-detail";
import type { AccountRef, AccountSightings, CaseRef, CaseSightings, ValueSighting } from "@/lib/accounts/account-view";
import { requireCase, visibleCasesSql } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";
import { queryRows } from "@/lib/db/query-rows";
import { frag, join, type Fragment } from "@/lib/db/sql-fragment";
import { env } from "@/lib/env";
import type { AttributeType, CaseStatus } from "@/lib/generated/sqlite/enums";

type CaseRow = { caseId: string; number: string; title: string; status: string };
const toCaseRef = (r: CaseRow): CaseRef => ({ id: r.caseId, number: r.number, title: r.title, status: r.status as CaseStatus });
const and = (conditions: Fragment[]) => conditions.map((c) => join([frag(" AND "), c], ""));
const CASE_COLUMNS = `c."id" AS "caseId", c."number" AS "number", c."title" AS "title", c."status" AS "status"`;
const key = (type: string, value: string) => `${type}\u0000${value}`;

export async function getAccountSightings(actor: Actor, idOrExternalId: string): Promise<AccountSightings> {
  assertAccountRead(actor);
  const account = await requireAccount(db(), idOrExternalId);
  const detail = await loadAccountDetail(db(), actor, account.id);
  const shared = detail.attributes.filter((a) => a.sharedWith > 0 && !a.noise);
  const byValue = new Map<string, Map<string, CaseRef>>();
  if (shared.length > 0) {
    const pairs = join(shared.map((a) => frag(`(b."type" = ? AND b."value" = ?)`, a.type, a.value)), " OR ");
    const rows = await queryRows<CaseRow & { type: string; value: string }>(
      join(
        [
          frag(`SELECT DISTINCT b."type" AS "type", b."value" AS "value", ${CASE_COLUMNS}
                  FROM "AccountAttribute" b JOIN "CaseAccount" ca ON ca."accountId" = b."accountId" JOIN "Case" c ON c."id" = ca."caseId"
                 WHERE b."accountId" <> ? AND (`, account.id),
          pairs,
          frag(")"),
          ...and(visibleCasesSql(actor)),
          frag(` ORDER BY c."number"`),
        ],
        "",
      ),
    );
    for (const r of rows) {
      const k = key(r.type, r.value);
      if (!byValue.has(k)) byValue.set(k, new Map());
      byValue.get(k)!.set(r.caseId, toCaseRef(r));
    }
  }
  const values: ValueSighting[] = detail.attributes
    .filter((a) => a.noise || byValue.has(key(a.type, a.value)))
    .map((a) => ({
      type: a.type,
      value: a.value,
      accountCount: a.sharedWith + 1,
      noise: a.noise,
      cases: a.noise ? [] : [...(byValue.get(key(a.type, a.value))?.values() ?? [])],
    }));
  return { accountId: account.id, cases: detail.cases, values };
}

export async function getCaseSightings(actor: Actor, caseIdOrNumber: string): Promise<CaseSightings> {
  assertAccountRead(actor);
  const c0 = await requireCase(db(), actor, caseIdOrNumber, "read");
  const visible = and(visibleCasesSql(actor));
  const threshold = env().LANTERN_LINK_NOISE_THRESHOLD;

  const accountRows = await queryRows<CaseRow & { accountId: string }>(
    join(
      [
        frag(`SELECT ca."accountId" AS "accountId", ${CASE_COLUMNS}
                FROM "CaseAccount" ca JOIN "CaseAccount" cb ON cb."accountId" = ca."accountId" AND cb."caseId" <> ca."caseId"
                JOIN "Case" c ON c."id" = cb."caseId"
               WHERE ca."caseId" = ?`, c0.id),
        ...visible,
        frag(` ORDER BY c."number"`),
      ],
      "",
    ),
  );
  const valueRows = await queryRows<CaseRow & { type: AttributeType; value: string; ownerId: string; n: number | bigint }>(
    join(
      [
        frag(`SELECT DISTINCT a."type" AS "type", a."value" AS "value", a."accountId" AS "ownerId", ${CASE_COLUMNS},
                     (SELECT count(*) FROM "AccountAttribute" n WHERE n."type" = a."type" AND n."value" = a."value") AS "n"
                FROM "CaseAccount" ca JOIN "AccountAttribute" a ON a."accountId" = ca."accountId"
                JOIN "AccountAttribute" b ON b."type" = a."type" AND b."value" = a."value" AND b."accountId" <> a."accountId"
                JOIN "CaseAccount" cb ON cb."accountId" = b."accountId" AND cb."caseId" <> ca."caseId"
                JOIN "Case" c ON c."id" = cb."caseId"
               WHERE ca."caseId" = ?
                 AND (SELECT count(*) FROM "AccountAttribute" n WHERE n."type" = a."type" AND n."value" = a."value") <= ?`, c0.id, threshold),
        ...visible,
        frag(` ORDER BY c."number"`),
      ],
      "",
    ),
  );

  const accountIds = [...new Set(accountRows.map((r) => r.accountId))];
  const refs = new Map<string, AccountRef>();
  for (let i = 0; i < accountIds.length; i += 800) {
    for (const a of await db().account.findMany({ where: { id: { in: accountIds.slice(i, i + 800) } }, select: accountRefSelect })) refs.set(a.id, toAccountRef(a));
  }
  const perAccount = new Map<string, Map<string, CaseRef>>();
  for (const r of accountRows) {
    if (!perAccount.has(r.accountId)) perAccount.set(r.accountId, new Map());
    perAccount.get(r.accountId)!.set(r.caseId, toCaseRef(r));
  }
  const perValue = new Map<string, CaseSightings["values"][number] & { caseMap: Map<string, CaseRef> }>();
  for (const r of valueRows) {
    const k = key(r.type, r.value);
    let v = perValue.get(k);
    if (!v) {
      v = { type: r.type, value: r.value, accountCount: Number(r.n), noise: false, cases: [], accountIds: [], caseMap: new Map() };
      perValue.set(k, v);
    }
    if (!v.accountIds.includes(r.ownerId)) v.accountIds.push(r.ownerId);
    v.caseMap.set(r.caseId, toCaseRef(r));
  }
  return {
    caseId: c0.id,
    accounts: [...perAccount].map(([id, cases]) => ({ account: refs.get(id)!, cases: [...cases.values()] })),
    values: [...perValue.values()].map(({ caseMap, ...v }) => ({ ...v, cases: [...caseMap.values()] })),
  };
}
