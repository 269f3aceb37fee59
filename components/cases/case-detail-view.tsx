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
import { Panel } from "@/components/panel";
import type { Actor } from "@/lib/access/actor";
import { decideCase, type CaseOperation } from "@/lib/access/case-policy";
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
  const allowed = (op: CaseOperation) => decideCase(actor, facts, op) === "allow";
  const next = allowedTransitions(c.status);
  const moves = next
    .filter((to) => to !== "CLOSED" && (!isReopen(c.status, to) || allowed("reopen")))
    .map((to) => ({ value: to, label: label(to) }));
  const resolutions = Object.values(Resolution).map((r) => ({ value: r, label: label(r) }));
  return (
    <>
      <CaseHeader c={c} canEdit={allowed("update")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Panel title="Summary" id="case-summary">
            {c.summary ? (
              <p className="whitespace-pre-wrap text-sm">{c.summary}</p>
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
        <div className="space-y-6">
          {allowed("transition") && (
            <CaseStatusPanel
              action={actions.transition}
              caseNumber={c.number}
              moves={moves}
              canClose={next.includes("CLOSED")}
              resolutions={resolutions}
              emptyMessage={c.status === "CLOSED" ? "Only a manager or admin can reopen a closed case." : "No status changes are available."}
            />
          )}
          <CaseFields c={c} />
          {allowed("assign") && (
            <CaseAssignmentForm
              action={actions.assign}
              caseNumber={c.number}
              users={withCurrentPeople(assignableUsers, c)}
              leadId={c.lead?.id ?? null}
              memberIds={c.members.map((m) => m.id)}
            />
          )}
        </div>
      </div>
    </>
  );
}

/** The pickable users plus whoever is already lead or member (even if disabled since), so saving keeps them. */
function withCurrentPeople(users: UserRef[], c: CaseDetail): UserRef[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const u of [...c.members, ...(c.lead ? [c.lead] : [])]) if (!byId.has(u.id)) byId.set(u.id, u);
  return [...byId.values()];
}
