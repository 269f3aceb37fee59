// The answers of the link, cluster and graph routes as zod schemas: the OpenAPI document describes
// them from these, and the compile-time checks below keep them equal to link-view.ts.
import { z } from "zod";
import { AccountStatus, AttributeType, LinkSource, LinkStatus } from "@/lib/generated/sqlite/enums";
import { ZAccountRef, ZCaseRef } from "@/lib/accounts/account-answer-schemas";
import type { AccountLinkView, ClusterView, GraphData } from "@/lib/links/link-view";

export const ZAccountLink = z.object({
  id: z.string(),
  accountIds: z.tuple([z.string(), z.string()]).describe("the smaller id first"),
  accounts: z.tuple([ZAccountRef, ZAccountRef]),
  source: z.enum(LinkSource),
  status: z.enum(LinkStatus),
  reason: z.string(),
  confidence: z.number().describe("0-1"),
  explanation: z.string().describe("plain words, noise named"),
  sharedAttributes: z.array(z.object({ type: z.enum(AttributeType), value: z.string() })),
  evidenceIds: z.array(z.string()),
  createdById: z.string().nullable(),
  decidedById: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZCluster = z.object({
  id: z.string().describe("the smallest member account id"),
  size: z.number().int(),
  members: z.array(ZAccountRef),
  strongestReasons: z.array(z.object({ reason: z.string(), confidence: z.number(), links: z.number().int() })),
  linkCount: z.number().int(),
  cases: z.array(ZCaseRef).describe("cases you may see"),
});

export const ZGraph = z.object({
  nodes: z.array(z.object({ id: z.string(), label: z.string(), status: z.enum(AccountStatus), risk: z.number(), onCase: z.boolean().optional() })),
  edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string(), reason: z.string(), state: z.enum(LinkStatus), confidence: z.number() })),
  truncated: z.boolean().describe("over 2,000 nodes or 10,000 edges"),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LinkAnswerSchemasAgree = [
  Assert<Same<z.output<typeof ZAccountLink>, AccountLinkView>>,
  Assert<Same<z.output<typeof ZCluster>, ClusterView>>,
  Assert<Same<z.output<typeof ZGraph>, GraphData>>,
];
