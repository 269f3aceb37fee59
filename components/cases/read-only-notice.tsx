// Why the case page offers no way to change the case: it is closed (reopening is in the Status
// panel for those who may), or the reader is not a member of it.
import type { CaseDetail } from "@/lib/cases/case-view";
import { label } from "@/lib/cases/case-status";

/** readOnlyBecause: why an open case is read-only for this reader (null: it is not). */
type Props = { c: CaseDetail; canReopen: boolean; readOnlyBecause: "notMember" | "role" | null };

export function ReadOnlyNotice({ c, canReopen, readOnlyBecause }: Props) {
  if (c.status === "CLOSED") {
    return (
      <p role="note" className="mb-6 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
        <strong>This case is closed</strong>
        {c.resolution && <> ({label(c.resolution)})</>}
        {c.closedAt && <> since {c.closedAt.slice(0, 10)}</>}. It is read-only: no edits, notes, evidence or accounts
        until it is reopened.{" "}
        {canReopen ? "Use Reopen case in the Status panel to work on it again." : "A manager or admin can reopen it."}
      </p>
    );
  }
  if (!readOnlyBecause) return null;
  return (
    <p role="note" className="mb-6 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
      <strong>Read-only for you.</strong>{" "}
      {readOnlyBecause === "role"
        ? "Your role can read cases but not change them."
        : "You are not a member of this case, so you can read it but not change it or add notes. A manager or admin can add you."}
    </p>
  );
}
