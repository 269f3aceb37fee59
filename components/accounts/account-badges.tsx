import { Badge, type Tone } from "@/components/badge";
import { statusLabel } from "@/components/accounts/account-labels";

const statusTone: Record<string, Tone> = { ACTIVE: "emerald", SUSPENDED: "amber", REVOKED: "red" };

export function AccountStatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone[status] ?? "slate"} title="Account status">{statusLabel(status)}</Badge>;
}

export function RiskBadge({ score }: { score: number }) {
  const tone: Tone = score >= 70 ? "red" : score >= 40 ? "orange" : "slate";
  return <Badge tone={tone} title="Risk score (0–100)">Risk {score}</Badge>;
}
