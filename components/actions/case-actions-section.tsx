// The server half of the case page's Actions panel: loads the case's actions and their latest
// moves, and what this user may propose, then hands them to the client panel.
import { ActionTable } from "@/components/actions/action-table";
import { ActionTimeline } from "@/components/actions/action-timeline";
import { CaseActionsPanel } from "@/components/actions/case-actions-panel";
import type { FormAction } from "@/components/action-state";
import { decideAction } from "@/lib/actions/action-policy";
import { listCaseActionEvents, listCaseActions } from "@/lib/actions/list-actions";
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";

type Props = {
  actor: Actor;
  c: { id: string; number: string; restricted: boolean; isMember: boolean; closed?: boolean };
  accounts: { id: string; label: string; hint?: string }[];
  evidence: { id: string; label: string }[];
  create: FormAction;
};

export async function CaseActionsSection({ actor, c, accounts, evidence, create }: Props) {
  const [actions, events] = await Promise.all([listCaseActions(actor, c.id, { pageSize: "200" }), listCaseActionEvents(actor, c.id)]);
  // A closed case takes no new actions (lib/actions/create-action.ts answers 409).
  const canPropose = !c.closed && decideAction(actor, { restricted: c.restricted, isMember: c.isMember, isProposer: true }, "propose") === "allow";
  return (
    <CaseActionsPanel
      caseNumber={c.number}
      list={actions.total ? <ActionTable items={actions.items} showCase={false} /> : <p className="text-sm text-slate-600">No actions on this case yet.</p>}
      timeline={<ActionTimeline events={events} label="Action history" />}
      create={canPropose ? { action: create, accounts, evidence, caseRestricted: c.restricted, canKeepUnrestricted: can(actor.role, "action:keep-unrestricted") } : undefined}
    />
  );
}
