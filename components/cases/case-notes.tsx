// Notes on a case: pinned first, newest next, paged with ?notesPage= so the case itself stays put.
import type { FormAction } from "@/components/action-state";
import { NoteForm } from "@/components/cases/note-form";
import { NoteItem } from "@/components/cases/note-item";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import type { NoteView } from "@/lib/notes/notes";

type Props = {
  caseNumber: string;
  notes: { items: NoteView[]; total: number; page: number; pageSize: number };
  /** Present when the user may add and pin notes. */
  actions?: { add: FormAction; pin: FormAction };
};

export function CaseNotes({ caseNumber, notes, actions }: Props) {
  return (
    <Panel title={`Notes (${notes.total})`} id="case-notes">
      {actions && (
        <div className="mb-4">
          <NoteForm action={actions.add} caseNumber={caseNumber} />
        </div>
      )}
      {notes.total === 0 ? (
        <p className="text-sm text-slate-600">No notes yet.</p>
      ) : (
        <>
          <ol className="space-y-3">
            {notes.items.map((n) => (
              <li key={n.id}>
                <NoteItem note={n} pinAction={actions?.pin} />
              </li>
            ))}
          </ol>
          <SubListPagination basePath={`/cases/${caseNumber}`} list={notes} pageParam="notesPage" label="Note pages" />
        </>
      )}
    </Panel>
  );
}
