// The state of an evidence item at a glance: integrity, supersession, removal, type mismatch.
import { Badge } from "@/components/badge";
import type { EvidenceView } from "@/lib/evidence/evidence-view";

export function IntegrityBadge({ integrity }: { integrity: EvidenceView["integrity"] }) {
  if (integrity === "OK") return <Badge tone="emerald" title="The stored content matched its SHA-256 when last verified">Verified</Badge>;
  if (integrity === "FAILED") return <Badge tone="red" title="The stored content did not match its SHA-256 when last verified">Integrity failed</Badge>;
  return <Badge title="Not re-hashed since upload">Not verified</Badge>;
}

type StateProps = { e: Pick<EvidenceView, "integrity" | "supersededById" | "removed" | "mediaTypeMismatch" | "mediaType" | "declaredMediaType"> };

export function EvidenceStateBadges({ e }: StateProps) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <IntegrityBadge integrity={e.integrity} />
      {e.supersededById && <Badge tone="amber" title="A corrected file replaces this one">Superseded</Badge>}
      {e.removed && <Badge tone="red" title="Removed by an admin; the hash and custody history remain">Removed</Badge>}
      {e.mediaTypeMismatch && (
        <Badge tone="orange" title={`Declared ${e.declaredMediaType}, but the content is ${e.mediaType}`}>Type mismatch</Badge>
      )}
    </span>
  );
}
