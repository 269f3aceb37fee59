import { Badge, type Tone } from "@/components/badge";

const tone: Record<string, Tone> = { QUEUED: "slate", RUNNING: "blue", FAILED: "red", COMPLETED: "emerald" };
const text: Record<string, string> = { QUEUED: "Queued", RUNNING: "Running", FAILED: "Failed", COMPLETED: "Completed" };

export function IngestStateBadge({ state, replaced }: { state: string; replaced?: boolean }) {
  if (replaced) return <Badge tone="slate" title={`${text[state] ?? state}, then replaced by a later run`}>Replaced</Badge>;
  return <Badge tone={tone[state] ?? "slate"}>{text[state] ?? state}</Badge>;
}
