import { Badge } from "@/components/badge";
import type { FormAction } from "@/components/action-state";
import { PinNoteButton } from "@/components/cases/pin-note-button";
import { formatDateTime } from "@/components/format";
import { Markdown } from "@/components/markdown";
import type { NoteView } from "@/lib/notes/notes";

export function NoteItem({ note, pinAction }: { note: NoteView; pinAction?: FormAction }) {
  return (
    <article className={`rounded-md border p-3 ${note.pinned ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
      <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700" title={note.author.email}>{note.author.name}</span>
        <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
        {note.pinned && <Badge tone="amber">Pinned</Badge>}
        {pinAction && (
          <span className="ml-auto">
            <PinNoteButton action={pinAction} noteId={note.id} pinned={note.pinned} />
          </span>
        )}
      </header>
      <Markdown>{note.body}</Markdown>
    </article>
  );
}
