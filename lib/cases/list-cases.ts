// The case list: access-scoped, filtered, searched, sorted and paged on the server.
import type { Actor } from "@/lib/auth/actor";
import { visibleCasesWhere } from "@/lib/cases/case-access";
import { ZListCasesQuery } from "@/lib/cases/case-schemas";
import { caseSummarySelect, toCaseSummary, type CaseSummary } from "@/lib/cases/case-view";
import { db } from "@/lib/db/client";
import { containsInsensitive } from "@/lib/db/dialect";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { parseInput } from "@/lib/validation";

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export async function listCases(actor: Actor, query: unknown): Promise<Page<CaseSummary>> {
  const q = parseInput(ZListCasesQuery, query);
  const where: Prisma.CaseWhereInput = { AND: [visibleCasesWhere(actor), ...filters(q)] };
  const [rows, total] = await Promise.all([
    db().case.findMany({
      where,
      select: caseSummarySelect,
      orderBy: orderBy(q.sort, q.order),
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db().case.count({ where }),
  ]);
  return { items: rows.map(toCaseSummary), total, page: q.page, pageSize: q.pageSize };
}

type Query = ReturnType<typeof ZListCasesQuery.parse>;

function filters(q: Query): Prisma.CaseWhereInput[] {
  const out: Prisma.CaseWhereInput[] = [];
  if (q.status?.length) out.push({ status: { in: q.status } });
  if (q.severity?.length) out.push({ severity: { in: q.severity } });
  if (q.leadId) out.push({ leadId: q.leadId });
  if (q.tag) out.push({ tags: { some: { tag: q.tag } } });
  if (q.restricted !== undefined) out.push({ restricted: q.restricted });
  if (q.q) {
    const text = containsInsensitive(q.q);
    out.push({ OR: [{ number: text }, { title: text }, { summary: text }] });
  }
  return out;
}

function orderBy(sort: Query["sort"], order: Query["order"]): Prisma.CaseOrderByWithRelationInput[] {
  const tieBreak: Prisma.CaseOrderByWithRelationInput = { id: order };
  switch (sort) {
    case "created":
      return [{ createdAt: order }, tieBreak];
    case "severity":
      return [{ severityRank: order }, { updatedAt: "desc" }, tieBreak];
    case "due":
      return [{ dueAt: { sort: order, nulls: "last" } }, tieBreak];
    default:
      return [{ updatedAt: order }, tieBreak];
  }
}
