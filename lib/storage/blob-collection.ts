// The protocol that lets the garbage collector delete unreferenced blobs while uploads run, on any
// number of instances sharing one store (decision 0010). Both sides write first, then look:
//   upload, committing a blob:  1. write a claim on the hash   2. wait while a gc mark exists
//                               3. commit the content   4. write the evidence row   5. drop the claim
//   gc, deleting a blob:        a. write a mark on the hash    b. look for live claims
//                               c. ask the database for rows   d. delete   e. drop the mark
// Whichever writes second sees the other: a claim written before (b) keeps the blob; a claim
// written after (b) comes after the mark, so that upload waits until the gc is done, then finds
// the blob missing and commits its own copy. The store is read-after-write consistent (a local
// folder; S3 since 2020), which is all this needs.

/** A claim older than this is a leftover (a claim lives from a commit to its row: seconds). */
export const CLAIM_STALE_MS = 60 * 60 * 1000;
/** A gc that held its mark longer than this (a stalled process) deletes nothing. */
export const MARK_HOLD_MAX_MS = 20_000;
/** An upload waits at most this long for a mark to go, so a gc that died holding one blocks nobody
 *  for good; longer than MARK_HOLD_MAX_MS, so a live gc has given up by then. */
export const MARK_WAIT_MAX_MS = 60_000;
/** A mark older than this was left by a gc that died; the next gc removes it. */
export const MARK_STALE_MS = 10 * 60 * 1000;

export type CollectOutcome = "deleted" | "missing" | "young" | "claimed" | "referenced" | "busy";

export type CollectOptions = {
  /** Only blobs last modified before this are deleted (the grace period). */
  modifiedBefore: Date;
  /** Asked after the mark is written: does any evidence row refer to this hash? */
  isReferenced: () => Promise<boolean>;
};

/** Polls cond() every 25 ms until it is false or maxMs have passed. */
export async function waitWhile(cond: () => Promise<boolean>, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while ((await cond()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}
