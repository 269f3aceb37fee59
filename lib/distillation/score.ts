// The distillation score of one profile (an account, or a cluster's pooled profile): each factor's
// strength (0..1, from fixed anchors, decision 0016) times its weight, renormalized over the factors
// that could be measured, so a withheld prompt text neither hides nor inflates an account.
// No single factor can pass the threshold alone: volume and shared addresses are never enough.
import type { DistillationOptions, FactorKey } from "@/lib/distillation/distillation-settings";
import type { Measures } from "@/lib/distillation/indicators";

export type Factor = {
  key: FactorKey | "cluster" | "fewRequests";
  label: string;
  /** Points this factor added to the score. */
  points: number;
  /** 0..1 (null for the cluster and few-requests adjustments). */
  strength: number | null;
  detail: string;
};

export type Scored = { score: number; factors: Factor[] };

/** The least weight a score is computed over (of 100 when every factor is known). */
export const MIN_BASIS = 75;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** 0 at `lo`, 1 at `hi`, linear between. */
const ramp = (v: number, lo: number, hi: number) => clamp01((v - lo) / (hi - lo));

const LABELS: Record<FactorKey, string> = {
  reasoningShare: "asks for reasoning / worked solutions",
  sharedPrompts: "same prompts as other accounts",
  outputRatio: "long outputs for short inputs",
  nightShare: "active around the clock",
  regularity: "machine-regular timing",
  templateSweep: "templated sweep over a topic space",
  promptReuse: "same prompts sent again",
  volume: "volume far above the typical account",
};

/** Each factor's strength, or null when it cannot be measured for this profile. */
export function factorStrengths(m: Measures, typicalRequests: number | null): Record<FactorKey, number | null> {
  return {
    reasoningShare: m.reasoningShare === null ? null : ramp(m.reasoningShare, 0.05, 0.5),
    outputRatio: m.outputRatio === null ? null : ramp(Math.log(Math.max(m.outputRatio, 1e-6)), Math.log(1.2), Math.log(6)),
    sharedPrompts: m.sharedPrompts === null ? null : ramp(m.sharedPrompts, 0.1, 0.5),
    nightShare: m.nightShare === null ? null : ramp(m.nightShare, 0.08, 0.25),
    // The spread of ln(gap): people work in sessions and sleep (2 and more); steady automation is
    // about 1.3 even when random (Poisson), a fixed delay far below, daily pauses or not.
    regularity: m.timingSpread === null ? null : ramp(2 - m.timingSpread, 0, 1.4),
    templateSweep: m.topicCoverage === null ? null : ramp(m.topicCoverage, 0.2, 0.6),
    promptReuse: m.promptDiversity === null ? null : ramp(1 - m.promptDiversity, 0.1, 0.5),
    volume: m.requests === null || !typicalRequests ? null : ramp(Math.log10(Math.max(1, m.requests) / typicalRequests), 0, 1.5),
  };
}

function describe(key: FactorKey, m: Measures): string {
  const p = (v: number | null) => (v === null ? "?" : `${Math.round(v * 100)}%`);
  switch (key) {
    case "reasoningShare": return `${p(m.reasoningShare)} of prompts ask for step-by-step reasoning or full solutions`;
    case "sharedPrompts": return `${p(m.sharedPrompts)} of its distinct prompts were also sent by other accounts`;
    case "outputRatio": return `${(m.outputRatio ?? 0).toFixed(1)} completion tokens per prompt token`;
    case "nightShare": return `${p(m.nightShare)} of requests in its quietest 8 hours`;
    case "regularity": return `log spread of inter-arrival times ${(m.timingSpread ?? 0).toFixed(2)} (CV ${(m.regularity ?? 0).toFixed(2)})`;
    case "templateSweep": return `${p(m.topicCoverage)} of prompts are distinct fillings of shared templates`;
    case "promptReuse": return `${p(m.promptDiversity === null ? null : 1 - m.promptDiversity)} of prompts repeat an earlier one`;
    case "volume": return `${m.requests ?? 0} requests`;
  }
}

export function scoreMeasures(m: Measures, typicalRequests: number | null, options: DistillationOptions): Scored {
  const strengths = factorStrengths(m, typicalRequests);
  let available = 0;
  let sum = 0;
  for (const key of Object.keys(strengths) as FactorKey[]) {
    const s = strengths[key];
    if (s === null) continue;
    available += options.weights[key];
    sum += options.weights[key] * s;
  }
  // Renormalized over what could be measured, but never over less than MIN_BASIS points: an
  // account known only by its token ratio cannot reach the threshold on that alone.
  const scale = 100 / Math.max(available, MIN_BASIS);
  const factors: Factor[] = (Object.keys(strengths) as FactorKey[])
    .filter((k) => strengths[k] !== null && strengths[k]! > 0)
    .map((key) => ({ key, label: LABELS[key], points: round1(options.weights[key] * strengths[key]! * scale), strength: round2(strengths[key]!), detail: describe(key, m) }))
    .sort((x, y) => y.points - x.points);
  return { score: Math.round(sum * scale), factors };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
