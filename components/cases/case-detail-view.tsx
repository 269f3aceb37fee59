// The case page: header, summary and facts, status and assignment panels, notes. Buttons the user
// cannot use are hidden here; lib/ enforces the same rules on every action.
import type { ReactNode } from "react";
import type { FormAction } from "@/components/action-state";
import { CaseAssignmentForm } from "@/components/cases/case-assignment-form";
import { CaseFields } from "@/components/cases/case-fields";
import { CaseHeader } from "@/components/cases/case-header";
import { CaseNotes } from "@/components/cases/case-notes";
import { CaseStatusPanel } from "@/components/cases/case-status-panel";
import { CaseEvidence } from "@/components/evidence/case-evidence";
import { Markdown } from "@/components/markdown";
import { Panel } from "@/components/panel";
import type { Actor } from "@/lib/access/actor";
import { decideCase, isClosedTo, type CaseOperation } from "@/lib/access/case-policy";
import { ReadOnlyNotice } from "@/components/cases/read-only-notice";
import { allowedTransitions, isReopen, label } from "@/lib/cases/case-status";
import type { CaseDetail, UserRef } from "@/lib/cases/case-view";
import { Resolution } from "@/lib/generated/sqlite/enums";
import type { EvidenceView } from "@/lib/evidence/evidence-view";
import type { NoteView } from "@/lib/notes/notes";

export type CaseActions = { transition: FormAction; assign: FormAction; addNote: FormAction; pinNote: FormAction };

type Props = {
  actor: Actor;
  c: CaseDetail;
  notes: { items: NoteView[]; total: number; page: number; pageSize: number };
  evidence: { items: EvidenceView[]; total: number; page: number; pageSize: number };
  maxUploadBytes: number;
  assignableUsers: { id: string; name: string; email: string }[];
  actions: CaseActions;
  /** The Accounts panel (components/accounts/case-accounts-panel.tsx), drawn under the evidence. */
  accountsPanel?: ReactNode;
  /** The Actions panel (components/actions/case-actions-panel.tsx), drawn under the accounts. */
  actionsPanel?: ReactNode;
};

export function CaseDetailView({ actor, c, notes, evidence, maxUploadBytes, assignableUsers, actions, accountsPanel, actionsPanel }: Props) {
  const facts = { restricted: c.restricted, isMember: c.members.some((m) => m.id === actor.id) };
  // A closed case takes no writes of its content (lib/ refuses them with 409): hide their controls too.
  const allowed = (op: CaseOperation) => decideCase(actor, facts, op) === "allow" && !isClosedTo(c.status, op);
  const next = allowedTransitions(c.status);
  const moves = next
    .filter((to) => to !== "CLOSED" && (!isReopen(c.status, to) || allowed("reopen")))
    .map((to) => ({ value: to, label: label(to), ...(isReopen(c.status, to) && { button: "Reopen case" }) }));
  const resolutions = Object.values(Resolution).map((r) => ({ value: r, label: label(r) }));
  return (
    <>
      <CaseHeader c={c} canEdit={allowed("update")} />
      <ReadOnlyNotice
        c={c}
        canReopen={allowed("reopen")}
        readOnlyBecause={readOnlyBecause(actor, facts)}
      />
      {/* On phones the two columns dissolve (display: contents) and each panel takes its place by
          order: details and status first, then the work, assignment last. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="contents lg:col-span-2 lg:block lg:space-y-6 [&>*]:min-w-0">
          <Panel title="Summary" id="case-summary">
            {c.summary ? (
              <Markdown>{c.summary}</Markdown>
            ) : (
              <p className="text-sm text-slate-500">No summary.</p>
            )}
          </Panel>
          <CaseEvidence caseNumber={c.number} evidence={evidence} upload={allowed("addEvidence") ? { maxBytes: maxUploadBytes } : undefined} />
          {accountsPanel}
          {actionsPanel}
          <CaseNotes
            caseNumber={c.number}
            notes={notes}
            actions={allowed("addNote") ? { add: actions.addNote, pin: actions.pinNote } : undefined}
          />
        </div>
        <div className="contents lg:block lg:space-y-6">
          {allowed("transition") && (
            <div className="-order-1 min-w-0 lg:order-none">
            <CaseStatusPanel
              action={actions.transition}
              caseNumber={c.number}
              moves={moves}
              canClose={next.includes("CLOSED")}
              resolutions={resolutions}
              emptyMessage={c.status === "CLOSED" ? "Only a manager or admin can reopen a closed case." : "No status changes are available."}
            />
            </div>
          )}
          <div className="-order-1 min-w-0 lg:order-none">
            <CaseFields c={c} />
          </div>
          {allowed("assign") && (
            <div className="min-w-0">
            <CaseAssignmentForm
              action={actions.assign}
              caseNumber={c.number}
              users={withCurrentPeople(assignableUsers, c)}
              leadId={c.lead?.id ?? null}
              memberIds={c.members.map((m) => m.id)}
            />
            </div>
          )}
        </div>
      </div>
    </>
  );
}

/** Why a reader may not change an open case: not a member (though their role could be), or their role. */
function readOnlyBecause(actor: Actor, facts: { restricted: boolean; isMember: boolean }): "notMember" | "role" | null {
  if (decideCase(actor, facts, "update") === "allow" || decideCase(actor, facts, "addNote") === "allow") return null;
  const asMember = { ...facts, isMember: true };
  return decideCase(actor, asMember, "update") === "allow" || decideCase(actor, asMember, "addNote") === "allow" ? "notMember" : "role";
}

/** The pickable users plus whoever is already lead or member (even if disabled since), so saving keeps them. */
function withCurrentPeople(users: UserRef[], c: CaseDetail): UserRef[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const u of [...c.members, ...(c.lead ? [c.lead] : [])]) if (!byId.has(u.id)) byId.set(u.id, u);
  return [...byId.values()];
}
