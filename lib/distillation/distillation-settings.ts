// The parameters of the distillation score (decision 0016): the phrases that count as asking for
// step-by-step reasoning or a full worked solution, the flag threshold and the factor weights.
// An admin may replace the phrase list and the threshold through the settings keys below; callers
// (tests, the bench) may pass their own.
import { readSettings } from "@/lib/settings/settings";

export const PHRASES_SETTING = "distillation.reasoningPhrases";
export const THRESHOLD_SETTING = "distillation.threshold";

/** Case-insensitive substrings; a prompt containing any of them asks for reasoning or a worked solution. */
export const DEFAULT_REASONING_PHRASES: readonly string[] = [
  "step by step",
  "step-by-step",
  "chain of thought",
  "chain-of-thought",
  "show your work",
  "show all work",
  "show your reasoning",
  "explain your reasoning",
  "reasoning first",
  "think it through",
  "think through",
  "think carefully",
  "worked solution",
  "worked example",
  "full solution",
  "complete solution",
  "detailed solution",
  "intermediate step",
  "every step",
  "each step",
  "derivation",
  "walk through",
  "walk me through",
  "justify",
  "reason about",
  "reasoning process",
  "think step",
  "let's think",
  "show the steps",
  "show all steps",
  "show steps",
  "show working",
  "full working",
  "detailed explanation",
  "explain in detail",
  "rigorous proof",
  "before answering",
  "final answer",
];

export const DEFAULT_THRESHOLD = 50;

/** Points each factor can add when its strength is 1 (renormalized over the factors that are known). */
export const DEFAULT_WEIGHTS = {
  reasoningShare: 20,
  outputRatio: 20,
  sharedPrompts: 20,
  nightShare: 15,
  regularity: 10,
  templateSweep: 5,
  promptReuse: 5,
  volume: 5,
} as const;

export type FactorKey = keyof typeof DEFAULT_WEIGHTS;

export type DistillationOptions = {
  reasoningPhrases: readonly string[];
  threshold: number;
  weights: Record<FactorKey, number>;
};

/** The stored settings over the defaults, then `overrides` over both. */
export async function resolveDistillationOptions(overrides: Partial<DistillationOptions> = {}): Promise<DistillationOptions> {
  const stored = overrides.reasoningPhrases && overrides.threshold !== undefined ? {} : await readDistillationSettingRows();
  return distillationOptionsOf(stored, overrides);
}

export type StoredDistillationSettings = Partial<Record<typeof PHRASES_SETTING | typeof THRESHOLD_SETTING, string>>;

/** The two setting rows as stored (absent: not set). */
export function readDistillationSettingRows(): Promise<StoredDistillationSettings> {
  return readSettings([PHRASES_SETTING, THRESHOLD_SETTING]);
}

/** The options from rows already read: a stored value that is empty or out of range gives the default. */
export function distillationOptionsOf(stored: StoredDistillationSettings, overrides: Partial<DistillationOptions> = {}): DistillationOptions {
  const phrases = stored[PHRASES_SETTING]
    ?.split("\n")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.length > 0);
  const threshold = Number(stored[THRESHOLD_SETTING]);
  return {
    reasoningPhrases: overrides.reasoningPhrases ?? (phrases && phrases.length > 0 ? phrases : DEFAULT_REASONING_PHRASES),
    threshold: overrides.threshold ?? (Number.isFinite(threshold) && threshold > 0 && threshold <= 100 ? threshold : DEFAULT_THRESHOLD),
    weights: { ...DEFAULT_WEIGHTS, ...overrides.weights },
  };
}
