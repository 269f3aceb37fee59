// A note as the API answers it, as a zod schema (the OpenAPI document describes notes from it),
// kept equal to NoteView by the compile-time check below.
import { z } from "zod";
import type { NoteView } from "@/lib/notes/notes";

export const ZNote = z.object({
  id: z.string(),
  caseId: z.string(),
  body: z.string().describe("markdown"),
  pinned: z.boolean(),
  author: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdAt: z.string(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type NoteAnswerSchemasAgree = [Assert<Same<z.output<typeof ZNote>, NoteView>>];
