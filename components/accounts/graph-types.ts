// What the link graph draws: plain data, safe to pass from a server component to the client.
export type AccountStatusName = "ACTIVE" | "SUSPENDED" | "REVOKED";
export type LinkState = "SUGGESTED" | "ACCEPTED" | "DISMISSED";

export type GraphNode = {
  id: string;
  /** What the node shows: the display name, or the external id when there is none. */
  label: string;
  /** The provider's account id; searched beside the label. */
  externalId?: string;
  status: AccountStatusName;
  /** Risk score, 0..100. */
  risk: number;
  /** On the case whose graph this is (a case graph also shows accounts linked to the case's ones). */
  onCase?: boolean;
};

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  /** The short reason ("shared IP", "same operator"); what the reason filter offers. */
  reason: string;
  state: LinkState;
  /** 0..1 */
  confidence: number;
  /** The plain-words explanation of a suggestion ("share payment fingerprint pf_91a… and 3 IP addresses"). */
  explanation?: string;
};

export type GraphData = { nodes: GraphNode[]; edges: GraphEdge[] };

/** Above this size the graph drops edge labels, draws straight "haystack" edges and hides edges while panning. */
export function isBigGraph(nodeCount: number, edgeCount: number): boolean {
  return nodeCount > 500 || edgeCount > 2000;
}

export const STATUS_COLORS: Record<AccountStatusName, string> = {
  ACTIVE: "#059669",
  SUSPENDED: "#d97706",
  REVOKED: "#b91c1c",
};
