// Graph data for the link graph (per case, per cluster): nodes and edges only; the browser lays
// them out off the main thread. Bounded at 2,000 nodes and 10,000 edges (truncated: true beyond).
import type { Actor } from "@/lib/access/actor";
import { assertAccountRead } from "@/lib/accounts/account-access";
import { requireCase } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { requireComponent } from "@/lib/links/clusters";
import { visibleLinksWhere } from "@/lib/links/link-access";
import { ZGraphQuery } from "@/lib/links/link-schemas";
import type { GraphData, GraphEdge, GraphNode } from "@/lib/links/link-view";
import { parseInput } from "@/lib/validation";

export const MAX_GRAPH_NODES = 2_000;
export const MAX_GRAPH_EDGES = 10_000;
// Prisma refuses a query of more than 999 parameters on SQLite; two IN lists of 400 stay under it.
const CHUNK = 400;

const edgeSelect = { id: true, accountAId: true, accountBId: true, reason: true, status: true, confidence: true } as const;

/** The case's accounts and the accounts linked to them, with the links among all of these. */
export async function getCaseGraph(actor: Actor, caseIdOrNumber: string, query: unknown = {}): Promise<GraphData> {
  assertAccountRead(actor);
  const q = parseInput(ZGraphQuery, query);
  const c = await requireCase(db(), actor, caseIdOrNumber, "read");
  const onCase = (await db().caseAccount.findMany({ where: { caseId: c.id }, select: { accountId: true } })).map((r) => r.accountId);
  const statuses = linkStatuses(q.includeDismissed);
  // Neighbours: accounts one link away, strongest links first, until the node budget is spent.
  const nodeIds = new Set(onCase.slice(0, MAX_GRAPH_NODES));
  let truncated = onCase.length > MAX_GRAPH_NODES;
  for (let i = 0; i < onCase.length && !truncated; i += CHUNK) {
    const chunk = onCase.slice(i, i + CHUNK);
    const links = await db().accountLink.findMany({
      where: { AND: [statuses, visibleLinksWhere(actor), { OR: [{ accountAId: { in: chunk } }, { accountBId: { in: chunk } }] }] },
      select: { accountAId: true, accountBId: true },
      orderBy: { confidence: "desc" },
    });
    for (const l of links) {
      for (const id of [l.accountAId, l.accountBId]) {
        if (nodeIds.has(id)) continue;
        if (nodeIds.size >= MAX_GRAPH_NODES) {
          truncated = true;
          break;
        }
        nodeIds.add(id);
      }
    }
  }
  return build(actor, [...nodeIds], new Set(onCase), statuses, truncated);
}

/** A cluster's members and every link among them (accepted, suggested, and dismissed on request). */
export async function getClusterGraph(actor: Actor, clusterOrMemberId: string, query: unknown = {}): Promise<GraphData> {
  assertAccountRead(actor);
  const q = parseInput(ZGraphQuery, query);
  const component = await requireComponent(actor, clusterOrMemberId);
  const members = component.members.slice(0, MAX_GRAPH_NODES);
  return build(actor, members, new Set(), linkStatuses(q.includeDismissed), component.members.length > MAX_GRAPH_NODES);
}

function linkStatuses(includeDismissed: boolean): Prisma.AccountLinkWhereInput {
  return includeDismissed ? {} : { status: { in: ["SUGGESTED", "ACCEPTED"] } };
}

async function build(actor: Actor, ids: string[], onCase: Set<string>, statuses: Prisma.AccountLinkWhereInput, truncated: boolean): Promise<GraphData> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const idSet = new Set(ids);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const accounts = await db().account.findMany({ where: { id: { in: chunk } }, select: { id: true, externalId: true, displayName: true, status: true, riskScore: true } });
    for (const a of accounts) {
      nodes.push({ id: a.id, label: a.displayName ? `${a.externalId} · ${a.displayName}` : a.externalId, status: a.status, risk: a.riskScore, ...(onCase.size > 0 && { onCase: onCase.has(a.id) }) });
    }
    // Each link is fetched from the chunk holding its first account; the other end must be a node too.
    const links = await db().accountLink.findMany({
      where: { AND: [statuses, visibleLinksWhere(actor), { accountAId: { in: chunk } }] },
      select: edgeSelect,
      orderBy: { confidence: "desc" },
    });
    for (const l of links) {
      if (!idSet.has(l.accountBId) || seen.has(l.id)) continue;
      if (edges.length >= MAX_GRAPH_EDGES) {
        truncated = true;
        break;
      }
      seen.add(l.id);
      edges.push({ id: l.id, source: l.accountAId, target: l.accountBId, reason: l.reason, state: l.status, confidence: l.confidence });
    }
  }
  return { nodes, edges, truncated };
}
