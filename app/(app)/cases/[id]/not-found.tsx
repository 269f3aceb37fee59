import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/form-styles";

export default function CaseNotFound() {
  return (
    <EmptyState level={1} title="Case not found" action={<Link href="/cases" className={buttonClass("secondary")}>Back to cases</Link>}>
      No case has this number, or you do not have access to it.
    </EmptyState>
  );
}
