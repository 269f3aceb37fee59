// Clusters: connected components over the ACCEPTED links the viewer may see. A cluster is named by
// its smallest member account id; getCluster() also takes any member's id.
import type { Actor } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { accountRefSelect, toAccountRef } from "@/lib/accounts/account-detail";
import type { AccountRef, CaseRef } from "@/lib/accounts/account-view";
import { visibleCasesWhere } from "@/lib/access/case-access";
import type { Page } from "@/lib/cases/list-cases";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { visibleLinksWhere } from "@/lib/links/link-access";
import type { ClusterView } from "@/lib/links/link-view";
import { parseInput, ZPageQuery } from "@/lib/validation";

type Edge = { id: string; accountAId: string; accountBId: string; reason: string; confidence: number };
export type Component = { id: string; members: string[]; edges: Edge[] };

/** Connected components (2+ members) over the accepted links the actor may see, largest first. */
export async function acceptedComponents(actor: Actor): Promise<Component[]> {
  const edges = await db().accountLink.findMany({
    where: { AND: [{ status: "ACCEPTED" }, visibleLinksWhere(actor)] },
    select: { id: true, accountAId: true, accountBId: true, reason: true, confidence: true },
  });
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const e of edges) {
    for (const id of [e.accountAId, e.accountBId]) if (!parent.has(id)) parent.set(id, id);
    const ra = find(e.accountAId);
    const rb = find(e.accountBId);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const byRoot = new Map<string, Component>();
  for (const id of parent.keys()) {
    const root = find(id);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { id: root, members: [], edges: [] }));
    c.members.push(id);
  }
  for (const e of edges) byRoot.get(find(e.accountAId))!.edges.push(e);
  for (const c of byRoot.values()) {
    c.members.sort();
    c.id = c.members[0];
  }
  return [...byRoot.values()].sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
}

export async function listClusters(actor: Actor, query: unknown = {}): Promise<Page<ClusterView>> {
  assertAccountRead(actor);
  const q = parseInput(ZPageQuery, query);
  const all = await acceptedComponents(actor);
  const slice = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { items: await Promise.all(slice.map((c) => toClusterView(actor, c))), total: all.length, page: q.page, pageSize: q.pageSize };
}

export async function getCluster(actor: Actor, clusterOrMemberId: string): Promise<ClusterView> {
  assertAccountRead(actor);
  return toClusterView(actor, await requireComponent(actor, clusterOrMemberId));
}

export async function requireComponent(actor: Actor, clusterOrMemberId: string): Promise<Component> {
  const account = await requireAccount(db(), clusterOrMemberId);
  const c = (await acceptedComponents(actor)).find((x) => x.members.includes(account.id));
  if (!c) throw notFound("That account is in no cluster (it has no accepted links)");
  return c;
}

async function toClusterView(actor: Actor, c: Component): Promise<ClusterView> {
  const members: AccountRef[] = [];
  const onCases: { case: CaseRef }[] = [];
  // In slices: Prisma refuses a query of more than 999 parameters on SQLite.
  for (let i = 0; i < c.members.length; i += 800) {
    const slice = c.members.slice(i, i + 800);
    members.push(...(await db().account.findMany({ where: { id: { in: slice } }, select: accountRefSelect })));
    onCases.push(
      ...(await db().caseAccount.findMany({
        where: { accountId: { in: slice }, case: visibleCasesWhere(actor) },
        select: { case: { select: { id: true, number: true, title: true, status: true } } },
      })),
    );
  }
  members.sort((x, y) => y.riskScore - x.riskScore || (x.externalId < y.externalId ? -1 : 1));
  const cases = new Map<string, CaseRef>();
  for (const r of onCases) cases.set(r.case.id, r.case);
  const reasons = new Map<string, { reason: string; confidence: number; links: number }>();
  for (const e of c.edges) {
    const r = reasons.get(e.reason) ?? { reason: e.reason, confidence: 0, links: 0 };
    r.confidence = Math.max(r.confidence, e.confidence);
    r.links += 1;
    reasons.set(e.reason, r);
  }
  return {
    id: c.id,
    size: c.members.length,
    members: members.map(toAccountRef),
    strongestReasons: [...reasons.values()].sort((x, y) => y.confidence - x.confidence || y.links - x.links).slice(0, 5),
    linkCount: c.edges.length,
    cases: [...cases.values()].sort((x, y) => (x.number < y.number ? -1 : 1)),
  };
}
