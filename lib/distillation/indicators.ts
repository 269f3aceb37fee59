// From per-account sums (account-aggregates.ts) to the indicators of issue 11 point 2: each with its
// value, the population's typical value (the median over the case's accounts) and a sentence in
// plain words. Pure functions: the same code scores one account and a cluster's pooled profile.
import type { AccountAggregate } from "@/lib/distillation/account-aggregates";

export type IndicatorKey =
  | "requests"
  | "tokens"
  | "outputRatio"
  | "requestsPerHour"
  | "burstiness"
  | "activeHoursOfDay"
  | "nightShare"
  | "regularity"
  | "timingSpread"
  | "promptDiversity"
  | "templateReuse"
  | "reasoningShare"
  | "topicCoverage"
  | "sharedPrompts"
  | "sharedInfrastructure";

export type Indicator = {
  key: IndicatorKey;
  label: string;
  /** null when the account has too little data for it (or the prompt text is withheld). */
  value: number | null;
  typical: number | null;
  unit: string;
  sentence: string;
};

/** The raw measures behind the indicators (null = not enough data to say). */
export type Measures = Record<Exclude<IndicatorKey, "sharedInfrastructure">, number | null>;

/** Minimum data for a measure to mean anything. */
export const MIN_TIMING_REQUESTS = 24;
const MIN_GAPS = 10;
const MIN_PROMPTS = 5;

/** Share of the requests in the account's quietest 8 consecutive hours of the (UTC) day. A person
 *  sleeps (about 0-5 %); round-the-clock automation is near 8/24 = 33 %, whatever its time zone. */
export function quietestWindowShare(hourOfDay: readonly number[], width = 8): number {
  const total = hourOfDay.reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let min = Infinity;
  for (let start = 0; start < 24; start++) {
    let sum = 0;
    for (let k = 0; k < width; k++) sum += hourOfDay[(start + k) % 24];
    min = Math.min(min, sum);
  }
  return min / total;
}

export function measure(a: AccountAggregate): Measures {
  const perActiveHour = a.activeHours > 0 ? a.requests / a.activeHours : null;
  const mean = a.gaps > 0 ? a.gapSum / a.gaps : 0;
  const variance = a.gaps > 1 ? Math.max(0, a.gapSquares / a.gaps - mean * mean) : 0;
  return {
    requests: a.requests,
    tokens: a.promptTokens + a.completionTokens,
    outputRatio: a.requests >= 3 && a.promptTokens > 0 ? a.completionTokens / a.promptTokens : null,
    requestsPerHour: perActiveHour,
    burstiness: perActiveHour && a.activeHours >= 3 ? a.peakHour / perActiveHour : null,
    activeHoursOfDay: a.hourOfDay.filter((n) => n > 0).length,
    nightShare: a.requests >= MIN_TIMING_REQUESTS ? quietestWindowShare(a.hourOfDay) : null,
    regularity: a.gaps >= MIN_GAPS && mean > 0 ? Math.sqrt(variance) / mean : null,
    timingSpread: a.gaps >= MIN_GAPS ? Math.sqrt(Math.max(0, a.gapLogSquares / a.gaps - (a.gapLogSum / a.gaps) ** 2)) : null,
    promptDiversity: a.keyed >= MIN_PROMPTS ? a.distinctKeys / a.keyed : null,
    templateReuse: a.sampledHashed >= MIN_PROMPTS ? a.templated / a.sampledHashed : null,
    reasoningShare: a.sampledText >= MIN_PROMPTS ? a.reasoning / a.sampledText : null,
    topicCoverage: a.sampledHashed >= MIN_PROMPTS ? a.templatedDistinct / a.sampledHashed : null,
    sharedPrompts: a.keyed >= MIN_PROMPTS && a.distinctKeys > 0 ? a.sharedPrompts / a.distinctKeys : null,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function typicalValues(all: readonly Measures[]): Measures {
  const out = {} as Measures;
  for (const key of Object.keys(all[0] ?? {}) as (keyof Measures)[]) {
    out[key] = median(all.map((m) => m[key]).filter((v): v is number => v !== null));
  }
  return out;
}

const fmt = (v: number, digits = 0) => v.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const pct = (v: number) => `${fmt(v * 100, v < 0.1 ? 1 : 0)}%`;

export type SharedWith = { type: "IP" | "API_KEY" | "USER_AGENT" | "PROMPTS"; value: string; accountIds: string[] };

/** The indicators of one account (or a pooled cluster) next to the case's typical values. */
export function describeIndicators(m: Measures, typical: Measures, a: AccountAggregate, shared: readonly SharedWith[], typicalShared: number | null): Indicator[] {
  const t = (k: keyof Measures) => typical[k];
  const vs = (k: keyof Measures, show: (v: number) => string) => (t(k) === null ? "" : ` (typical account: ${show(t(k)!)})`);
  const others = new Set(shared.flatMap((s) => s.accountIds));
  const list: Indicator[] = [
    { key: "requests", label: "Requests", value: m.requests, typical: t("requests"), unit: "requests", sentence: `${fmt(a.requests)} requests${vs("requests", fmt)}.` },
    {
      key: "tokens", label: "Token volume", value: m.tokens, typical: t("tokens"), unit: "tokens",
      sentence: `${fmt(a.promptTokens)} prompt and ${fmt(a.completionTokens)} completion tokens${vs("tokens", (v) => `${fmt(v)} in all`)}.`,
    },
    {
      key: "outputRatio", label: "Output/input token ratio", value: m.outputRatio, typical: t("outputRatio"), unit: "ratio",
      sentence: m.outputRatio === null ? "Too few requests to compare output with input." : `Gets ${fmt(m.outputRatio, 1)} completion tokens back per prompt token${vs("outputRatio", (v) => fmt(v, 1))}${m.outputRatio >= 4 ? ": long answers to short prompts, the shape of harvesting worked answers." : "."}`,
    },
    {
      key: "requestsPerHour", label: "Requests per active hour", value: m.requestsPerHour, typical: t("requestsPerHour"), unit: "requests/hour",
      sentence: m.requestsPerHour === null ? "No activity." : `${fmt(m.requestsPerHour, 1)} requests in each hour it was active (${fmt(a.activeHours)} hours)${vs("requestsPerHour", (v) => fmt(v, 1))}.`,
    },
    {
      key: "burstiness", label: "Burstiness", value: m.burstiness, typical: t("burstiness"), unit: "peak/mean",
      sentence: m.burstiness === null ? "Too few active hours to judge bursts." : `Its busiest hour had ${fmt(m.burstiness, 1)}× its average hourly volume${vs("burstiness", (v) => `${fmt(v, 1)}×`)}.`,
    },
    {
      key: "activeHoursOfDay", label: "Hours of the day active", value: m.activeHoursOfDay, typical: t("activeHoursOfDay"), unit: "hours of 24",
      sentence: `Active in ${fmt(m.activeHoursOfDay ?? 0)} of the 24 hours of the day${vs("activeHoursOfDay", fmt)}.`,
    },
    {
      key: "nightShare", label: "Round-the-clock activity", value: m.nightShare, typical: t("nightShare"), unit: "share in quietest 8 h",
      sentence: m.nightShare === null ? "Too few requests to judge its daily rhythm." : `${pct(m.nightShare)} of its requests fall in its quietest 8 hours of the day${vs("nightShare", pct)}${m.nightShare >= 0.2 ? ": it does not sleep, like round-the-clock automation." : m.nightShare < 0.08 ? ": a daily rhythm, like a person or a business day." : "."}`,
    },
    {
      key: "regularity", label: "Inter-arrival variation (CV)", value: m.regularity, typical: t("regularity"), unit: "coefficient of variation",
      sentence: m.regularity === null ? "Too few requests to judge timing regularity." : `Time between requests varies with a coefficient of variation of ${fmt(m.regularity, 2)}${vs("regularity", (v) => fmt(v, 2))}${m.regularity < 0.5 ? ": clockwork spacing, like a script with a fixed delay." : m.regularity > 1.5 ? ": irregular, in bursts and pauses as people work." : "."}`,
    },
    {
      key: "timingSpread", label: "Spread of inter-arrival times (log scale)", value: m.timingSpread, typical: t("timingSpread"), unit: "standard deviation of ln(gap)",
      sentence: m.timingSpread === null ? "Too few requests to judge timing." : `The gaps between its requests spread over ${fmt(m.timingSpread, 2)} on a log scale${vs("timingSpread", (v) => fmt(v, 2))}${m.timingSpread < 0.7 ? ": near-constant spacing, a script's delay, even counting its pauses." : m.timingSpread < 1.5 ? ": steady traffic without a person's sessions and breaks." : ": seconds within sessions and hours between them, as people work."}`,
    },
    {
      key: "promptDiversity", label: "Prompt diversity", value: m.promptDiversity, typical: t("promptDiversity"), unit: "distinct/total",
      sentence: m.promptDiversity === null ? "Too few prompts (text or hash) to judge diversity." : `${pct(m.promptDiversity)} of its prompts are distinct (${fmt(a.distinctKeys)} of ${fmt(a.keyed)}${a.withText < a.keyed / 2 ? ", by prompt hash: the text is withheld" : ""})${vs("promptDiversity", pct)}.`,
    },
    {
      key: "templateReuse", label: "Template reuse", value: m.templateReuse, typical: t("templateReuse"), unit: "share of prompts",
      sentence: m.templateReuse === null ? "No prompt text to compare (withheld or too few)." : `${pct(m.templateReuse)} of its prompts are near-duplicates of others in the case (SimHash groups)${vs("templateReuse", pct)}.`,
    },
    {
      key: "reasoningShare", label: "Asks for reasoning / worked solutions", value: m.reasoningShare, typical: t("reasoningShare"), unit: "share of prompts",
      sentence: m.reasoningShare === null ? "Prompt text withheld or too few prompts to say what it asks for." : `${pct(m.reasoningShare)} of its prompts ask for step-by-step reasoning or a full worked solution${vs("reasoningShare", pct)}.`,
    },
    {
      key: "topicCoverage", label: "Systematic topic coverage", value: m.topicCoverage, typical: t("topicCoverage"), unit: "share of prompts",
      sentence: m.topicCoverage === null ? "No prompt text to judge topic coverage." : `${pct(m.topicCoverage)} of its prompts are distinct variations of a shared template (${fmt(a.templatedDistinct)} different fillings)${vs("topicCoverage", pct)}${m.topicCoverage >= 0.4 ? ": a sweep over a topic space." : "."}`,
    },
    {
      key: "sharedPrompts", label: "Prompts also sent by other accounts", value: m.sharedPrompts, typical: t("sharedPrompts"), unit: "share of distinct prompts",
      sentence: m.sharedPrompts === null ? "Too few prompts (text or hash) to compare with other accounts." : `${pct(m.sharedPrompts)} of its distinct prompts (${fmt(a.sharedPrompts)}) were also sent, word for word, by other accounts${vs("sharedPrompts", pct)}${m.sharedPrompts >= 0.2 ? ": one prompt list worked through by several accounts." : "."}`,
    },
    {
      key: "sharedInfrastructure", label: "Infrastructure shared with other accounts", value: others.size, typical: typicalShared, unit: "accounts",
      sentence: others.size === 0 ? "Shares no IP address, API key, rare user agent or exact prompts with another account." : `Shares ${shared.map((s) => `${s.type === "PROMPTS" ? "exact prompts" : s.type === "API_KEY" ? "API key" : s.type === "IP" ? "IP" : "user agent"} ${s.type === "PROMPTS" ? `(${s.value})` : s.value}`).slice(0, 4).join(", ")}${shared.length > 4 ? ` and ${shared.length - 4} more` : ""} with ${fmt(others.size)} other account${others.size === 1 ? "" : "s"}${typicalShared === null ? "" : ` (typical account: ${fmt(typicalShared)})`}.`,
    },
  ];
  return list;
}
