import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/form-styles";

export default function EvidenceNotFound() {
  return (
    <EmptyState level={1} title="Evidence not found" action={<Link href="/evidence" className={buttonClass("secondary")}>Find evidence</Link>}>
      It does not exist, or it belongs to a case you cannot see.
    </EmptyState>
  );
}
