import type { Metadata } from "next";
import { CaseDetailView } from "@/components/cases/case-detail-view";
import { orNotFound } from "@/components/page-errors";
import { positiveInt, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { listNotes } from "@/lib/notes/notes";
import { listAssignableUsers } from "@/lib/users/users";
import { addNoteAction, assignCaseAction, setNotePinnedAction, transitionCaseAction } from "./actions";

const NOTES_PAGE_SIZE = 20;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

export default async function CasePage({ params, searchParams }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const notesPage = positiveInt((await searchParams).notesPage);
  const [c, notes] = await orNotFound(
    Promise.all([getCase(actor, id), listNotes(actor, id, { page: notesPage, pageSize: NOTES_PAGE_SIZE })]),
  );
  const assignableUsers = can(actor.role, "case:assign") ? await listAssignableUsers() : [];
  return (
    <CaseDetailView
      actor={actor}
      c={c}
      notes={notes}
      assignableUsers={assignableUsers}
      actions={{ transition: transitionCaseAction, assign: assignCaseAction, addNote: addNoteAction, pinNote: setNotePinnedAction }}
    />
  );
}
