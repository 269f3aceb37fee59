import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/form-styles";

export default function AccountNotFound() {
  return (
    <EmptyState level={1} title="Account not found" action={<Link href="/accounts" className={buttonClass("secondary")}>All accounts</Link>}>
      There is no account with this id.
    </EmptyState>
  );
}
