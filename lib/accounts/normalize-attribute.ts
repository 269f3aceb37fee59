// Attribute values are stored in one canonical form so that equal values compare equal across
// accounts, imports and the API: trimmed; IPv4-mapped IPv6 (::ffff:203.0.113.7) shown as the IPv4
// address; IPv6 lower-cased; email domains lower-cased without a leading "@" or trailing dot.
import { isIP } from "node:net";
import type { AttributeType } from "@/lib/generated/sqlite/enums";

export const ATTRIBUTE_TYPES = ["IP", "API_KEY", "PAYMENT_FINGERPRINT", "DEVICE_ID", "EMAIL_DOMAIN", "USER_AGENT"] as const satisfies readonly AttributeType[];

export const MAX_ATTRIBUTE_VALUE = 500;

export type NormalizedAttribute = { type: AttributeType; value: string };

/** The canonical form of a value, or an error message saying why it cannot be one. */
export function normalizeAttribute(type: AttributeType, raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const value = raw.trim();
  if (value === "") return { ok: false, reason: "is empty" };
  if (value.length > MAX_ATTRIBUTE_VALUE) return { ok: false, reason: `is longer than ${MAX_ATTRIBUTE_VALUE} characters` };
  switch (type) {
    case "IP":
      return normalizeIp(value);
    case "EMAIL_DOMAIN": {
      const domain = value.toLowerCase().replace(/^@/, "").replace(/\.$/, "");
      if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain)) {
        return { ok: false, reason: `"${value}" is not a domain name` };
      }
      return { ok: true, value: domain };
    }
    case "USER_AGENT":
      return { ok: true, value: value.replace(/\s+/g, " ") };
    default:
      return { ok: true, value };
  }
}

function normalizeIp(value: string): { ok: true; value: string } | { ok: false; reason: string } {
  const bare = value.replace(/^\[(.*)\]$/, "$1");
  const version = isIP(bare);
  if (version === 4) return { ok: true, value: bare.split(".").map((o) => String(Number(o))).join(".") };
  if (version !== 6) return { ok: false, reason: `"${value}" is not an IP address` };
  const groups = expandIpv6(bare.toLowerCase());
  // ::ffff:a.b.c.d (IPv4-mapped): the IPv4 address is what every other tool shows.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return { ok: true, value: [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".") };
  }
  return { ok: true, value: compressIpv6(groups) };
}

/** The eight 16-bit groups of a valid IPv6 address (an embedded dotted quad becomes two groups). */
function expandIpv6(address: string): number[] {
  let text = address.replace(/%.*$/, "");
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = text.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const zeros = tail === null ? [] : Array<string>(8 - headParts.length - tailParts.length).fill("0");
  return [...headParts, ...zeros, ...tailParts].map((g) => parseInt(g, 16));
}

/** RFC 5952 text form: lower case, leading zeros dropped, the longest run of 2+ zero groups as "::". */
function compressIpv6(groups: number[]): string {
  const hex = groups.map((g) => g.toString(16));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** Normalizes and de-duplicates a list; throws nothing, returns the refused entries apart. */
export function normalizeAttributes(input: readonly { type: AttributeType; value: string }[]): {
  attributes: NormalizedAttribute[];
  refused: { index: number; reason: string }[];
} {
  const seen = new Set<string>();
  const attributes: NormalizedAttribute[] = [];
  const refused: { index: number; reason: string }[] = [];
  input.forEach((a, index) => {
    const r = normalizeAttribute(a.type, a.value);
    if (!r.ok) {
      refused.push({ index, reason: `${a.type} ${r.reason}` });
      return;
    }
    const key = `${a.type}\u0000${r.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    attributes.push({ type: a.type, value: r.value });
  });
  return { attributes, refused };
}
