// How shared attribute values become a suggested link (decision 0012). Pure: the weights, the
// combined confidence, the plain-words explanation and the fingerprint of the evidence.
import { createHash } from "node:crypto";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import type { SharedAttribute } from "@/lib/link-suggestions/suggestion-types";

/** How strongly one shared value says "same operator". Payment, API key, device and IP weigh most. */
export const ATTRIBUTE_WEIGHTS: Record<AttributeType, number> = {
  PAYMENT_FINGERPRINT: 0.9,
  API_KEY: 0.9,
  DEVICE_ID: 0.8,
  IP: 0.6,
  USER_AGENT: 0.15,
  EMAIL_DOMAIN: 0.1,
};

/** Below this a pair is not suggested (an email domain or a user agent alone never is). */
export const MIN_SUGGESTION_CONFIDENCE = 0.5;

const LABELS: Record<AttributeType, [string, string]> = {
  PAYMENT_FINGERPRINT: ["payment fingerprint", "payment fingerprints"],
  API_KEY: ["API key", "API keys"],
  DEVICE_ID: ["device id", "device ids"],
  IP: ["IP address", "IP addresses"],
  USER_AGENT: ["user agent", "user agents"],
  EMAIL_DOMAIN: ["email domain", "email domains"],
};

const ORDER = (Object.keys(ATTRIBUTE_WEIGHTS) as AttributeType[]).sort((a, b) => ATTRIBUTE_WEIGHTS[b] - ATTRIBUTE_WEIGHTS[a]);

/** Independent signals: 1 − Π(1 − weight), rounded to 3 decimals. */
export function linkConfidence(shared: readonly SharedAttribute[]): number {
  let miss = 1;
  for (const a of shared) miss *= 1 - ATTRIBUTE_WEIGHTS[a.type];
  return Math.round((1 - miss) * 1000) / 1000;
}

/** A value as the explanation shows it: IP addresses and domains in full, long ids cut ("pf_91a…"). */
export function shortValue(type: AttributeType, value: string): string {
  if (type === "IP" || type === "EMAIL_DOMAIN") return value;
  return value.length > 12 ? `${value.slice(0, 6)}…` : value;
}

function phrase(type: AttributeType, values: string[]): string {
  const [one, many] = LABELS[type];
  return values.length === 1 ? `${one} ${shortValue(type, values[0])}` : `${values.length} ${many}`;
}

function byType<T extends { type: AttributeType }>(list: readonly T[]): [AttributeType, T[]][] {
  return ORDER.map((t) => [t, list.filter((a) => a.type === t)] as [AttributeType, T[]]).filter(([, l]) => l.length > 0);
}

function sentence(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export type NoiseValue = SharedAttribute & { accounts: number };

/** "share payment fingerprint pf_91a… and 3 IP addresses; not counted as noise: IP address 10.0.0.1 (on 412 accounts)". */
export function explainLink(shared: readonly SharedAttribute[], noise: readonly NoiseValue[] = []): string {
  const sorted = [...shared].sort((a, b) => a.value.localeCompare(b.value));
  let text = `share ${sentence(byType(sorted).map(([t, l]) => phrase(t, l.map((a) => a.value))))}`;
  if (noise.length > 0) {
    const parts = byType([...noise].sort((a, b) => b.accounts - a.accounts)).map(([t, l]) =>
      l.length === 1 ? `${LABELS[t][0]} ${shortValue(t, l[0].value)} (on ${l[0].accounts} accounts)` : `${l.length} ${LABELS[t][1]} (each on ${Math.min(...l.map((n) => n.accounts))}+ accounts)`,
    );
    text += `; not counted, shared too widely to mean anything (noise): ${sentence(parts)}`;
  }
  return text;
}

/** The reason of a computed link: its strongest kind of shared value ("shared payment fingerprint"). */
export function linkReason(shared: readonly SharedAttribute[]): string {
  const top = byType(shared)[0];
  return top ? `shared ${LABELS[top[0]][0]}` : "shared attributes";
}

/** Identifies the set of shared values; a dismissal holds while this stays the same. */
export function evidenceFingerprint(shared: readonly SharedAttribute[]): string {
  const keys = shared.map((a) => `${a.type}:${a.value}`).sort();
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 32);
}
