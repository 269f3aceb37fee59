// Types of the suggestion engine, below both accounts (which recompute suggestions when attributes
// change) and links (which show and decide them), so neither folder imports the other back.
import type { AttributeType } from "@/lib/generated/sqlite/enums";

export type SharedAttribute = { type: AttributeType; value: string };

export type RecomputeResult = { created: number; updated: number; removed: number; reopened: number; pairs: number; ms: number };
