import type { Metadata } from "next";
import { CaseAccountsPanel } from "@/components/accounts/case-accounts-panel";
import { listCaseAccounts } from "@/lib/accounts/case-accounts";
import { getCaseSightings } from "@/lib/accounts/sightings";
import { decideCase, isClosedTo } from "@/lib/access/case-policy";
import { CaseActivity } from "@/components/cases/case-activity";
import { CaseDetailView } from "@/components/cases/case-detail-view";
import { orNotFound } from "@/components/page-errors";
import { positiveInt, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { getCase } from "@/lib/cases/get-case";
import { env } from "@/lib/env";
import { listEvidence } from "@/lib/evidence/get-evidence";
import { listNotes } from "@/lib/notes/notes";
import { listAssignableUsers } from "@/lib/users/users";
import { addNoteAction, assignCaseAction, setNotePinnedAction, transitionCaseAction } from "./actions";
import { attachAccountsAction, detachAccountAction } from "./account-actions";
import { CaseActionsSection } from "@/components/actions/case-actions-section";
import { createActionAction } from "../../actions/actions";

const NOTES_PAGE_SIZE = 20;
const EVIDENCE_PAGE_SIZE = 20;
const ACTIVITY_PAGE_SIZE = 20;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

export default async function CasePage({ params, searchParams }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const query = await searchParams;
  const [c, notes, evidence, activity] = await orNotFound(
    Promise.all([
      getCase(actor, id),
      listNotes(actor, id, { page: positiveInt(query.notesPage), pageSize: NOTES_PAGE_SIZE }),
      listEvidence(actor, id, { page: positiveInt(query.evidencePage), pageSize: EVIDENCE_PAGE_SIZE }),
      listCaseActivity(actor, id, { page: positiveInt(query.activityPage), pageSize: ACTIVITY_PAGE_SIZE }),
    ]),
  );
  const assignableUsers = can(actor.role, "case:assign") ? await listAssignableUsers() : [];
  const [caseAccounts, sightings] = await Promise.all([listCaseAccounts(actor, c.id), getCaseSightings(actor, c.id)]);
  const isMember = c.members.some((m) => m.id === actor.id);
  // isClosedTo: a closed case takes no account changes (lib/ answers 409), so offer none.
  const canAttach =
    can(actor.role, "account:write") && decideCase(actor, { restricted: c.restricted, isMember }, "update") === "allow" && !isClosedTo(c.status, "update");
  return (
    <>
    <CaseDetailView
      actor={actor}
      c={c}
      notes={notes}
      evidence={evidence}
      maxUploadBytes={env().LANTERN_MAX_UPLOAD_BYTES}
      assignableUsers={assignableUsers}
      actions={{ transition: transitionCaseAction, assign: assignCaseAction, addNote: addNoteAction, pinNote: setNotePinnedAction }}
      accountsPanel={
        <CaseAccountsPanel
          caseNumber={c.number}
          accounts={caseAccounts}
          sightings={sightings}
          actions={canAttach ? { attach: attachAccountsAction, detach: detachAccountAction } : undefined}
        />
      }
      actionsPanel={
        <CaseActionsSection
          actor={actor}
          c={{ id: c.id, number: c.number, restricted: c.restricted, isMember, closed: c.status === "CLOSED" }}
          accounts={caseAccounts.map((a) => ({ id: a.accountId, label: a.account.displayName || a.account.externalId, hint: `${a.account.externalId} · ${a.account.status}` }))}
          evidence={evidence.items.filter((e) => !e.removed).map((e) => ({ id: e.id, label: e.title }))}
          create={createActionAction}
        />
      }
    />
    <div className="mt-6">
      <CaseActivity caseNumber={c.number} activity={activity} />
    </div>
    </>
  );
}
