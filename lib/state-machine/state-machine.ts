// One small state machine shared by case status and the action types: a NEXT table of the moves
// from each state, the refusal that names the moves there are (409 ILLEGAL_TRANSITION), and an
// update guarded on the expected state, so that of two people moving the same thing at once exactly
// one wins and the other gets 409 CONFLICT.
import { AppError } from "@/lib/errors";

/** The moves from each state; a state with no moves is final. */
export type NextTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export type Machine<S extends string> = {
  /** What moves, as the refusal names it: "case", "access revocation". */
  noun: string;
  next: NextTable<S>;
  label: (state: S) => string;
};

/** ON_HOLD → "On hold". */
export function label(s: string): string {
  return s.replaceAll("_", " ").toLowerCase().replace(/^\w/, (c) => c.toUpperCase());
}

export function defineMachine<S extends string>(noun: string, next: NextTable<S>, labelOf: (s: S) => string = label): Machine<S> {
  return { noun, next, label: labelOf };
}

export function allowedMoves<S extends string>(machine: Machine<S>, from: S): readonly S[] {
  return machine.next[from] ?? [];
}

export function isFinal<S extends string>(machine: Machine<S>, state: S): boolean {
  return allowedMoves(machine, state).length === 0;
}

/** Why from → to is refused, in words that name the allowed moves; null when it is allowed. */
export function moveRefusal<S extends string>(machine: Machine<S>, from: S, to: S): string | null {
  const { noun, label: l } = machine;
  const article = /^[aeiou]/i.test(noun) ? "An" : "A";
  if (from === to) return `The ${noun} is already ${l(to)}.`;
  const moves = allowedMoves(machine, from);
  if (moves.includes(to)) return null;
  if (moves.length === 0) return `${article} ${noun} cannot move from ${l(from)} to ${l(to)}; ${l(from)} is final.`;
  return `${article} ${noun} cannot move from ${l(from)} to ${l(to)}; from ${l(from)} it can move to ${moves.map(l).join(" or ")}.`;
}

/** Throws ILLEGAL_TRANSITION (409) naming the allowed moves, with {from, to, allowed} as details. */
export function assertMove<S extends string>(machine: Machine<S>, from: S, to: S): void {
  const refusal = moveRefusal(machine, from, to);
  if (refusal) throw new AppError("ILLEGAL_TRANSITION", refusal, { from, to, allowed: allowedMoves(machine, from) });
}

/**
 * Runs an update guarded on the expected state — e.g.
 *   `() => tx.action.updateMany({ where: { id, status: from }, data: { status: to, version: { increment: 1 } } })`
 * — and throws CONFLICT (409) when it touched no row: someone else moved it first. Call inside the
 * transaction that writes the event and audit entry, so the loser's transaction writes nothing.
 */
export async function updateGuarded<S extends string>(
  machine: Machine<S>,
  from: S,
  update: () => Promise<{ count: number }>,
): Promise<void> {
  const { count } = await update();
  if (count !== 1) {
    throw new AppError(
      "CONFLICT",
      `The ${machine.noun} changed status meanwhile (it is no longer ${machine.label(from)}). Reload and try again.`,
      { expected: from },
    );
  }
}
