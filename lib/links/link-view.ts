// What the UI and the API see of account links, clusters and link graphs.
import type { AccountRef, CaseRef } from "@/lib/accounts/account-view";
import type { AccountStatus, LinkSource, LinkStatus } from "@/lib/generated/sqlite/enums";
import type { SharedAttribute } from "@/lib/link-suggestions/suggestion-types";


export type AccountLinkView = {
  id: string;
  /** The two accounts, the smaller id first. */
  accountIds: [string, string];
  accounts: [AccountRef, AccountRef];
  source: LinkSource;
  status: LinkStatus;
  reason: string;
  confidence: number;
  /** Plain words: "share payment fingerprint pf_91a… and 3 IP addresses". */
  explanation: string;
  sharedAttributes: SharedAttribute[];
  evidenceIds: string[];
  createdById: string | null;
  decidedById: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ClusterView = {
  /** The smallest member account id; GET /account-clusters/{id} also takes any member's id. */
  id: string;
  size: number;
  members: AccountRef[];
  /** Accepted links' reasons, strongest first (highest confidence, then most links). */
  strongestReasons: { reason: string; confidence: number; links: number }[];
  linkCount: number;
  /** Visible cases any member is on. */
  cases: CaseRef[];
};

export type GraphNode = { id: string; label: string; status: AccountStatus; risk: number; onCase?: boolean };
export type GraphEdge = { id: string; source: string; target: string; reason: string; state: LinkStatus; confidence: number };
export type GraphData = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

