// The client address recorded in the audit trail and used for sign-in throttling.
// X-Forwarded-For lists the hops a request passed, the nearest last: the server appends the socket's
// peer to it before Next sees the request (lib/setup/request-preload.cjs; `next start` alone would keep
// a client's header as sent). Read from the right, an address counts only while the hop that wrote it
// is one of LANTERN_TRUSTED_PROXIES; with none configured the client is the socket's peer, whatever
// a client writes into the header (decision 0011).
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

type HeaderSource = { get(name: string): string | null };

/** Matches the configured trusted proxies (addresses and CIDR ranges). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

let cachedTrusted: { key: readonly string[]; list: BlockList } | undefined;

function configuredTrustedProxies(): BlockList {
  const entries = env().LANTERN_TRUSTED_PROXIES;
  if (cachedTrusted?.key !== entries) cachedTrusted = { key: entries, list: trustedProxyList(entries) };
  return cachedTrusted.list;
}

/** An address as written in a header, without IPv4-mapped prefix, brackets or port; null if not an IP. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let a = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Whether the socket's peer (the right-most hop) is a trusted proxy, whose other X-Forwarded-*
 *  headers may then be believed. */
export function peerIsTrustedProxy(headers: HeaderSource, trusted: BlockList = configuredTrustedProxies()): boolean {
  const peer = normalizeAddress((headers.get("x-forwarded-for") ?? "").split(",").at(-1));
  return peer !== null && isTrusted(peer, trusted);
}

export function clientAddress(headers: HeaderSource, trusted: BlockList = configuredTrustedProxies()): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "").split(",");
  let address: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    // Not an address: whatever wrote it is not to be believed, so the last good hop stands.
    if (!hop) break;
    address = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  // Every hop was a trusted proxy: one that names the client in X-Real-IP instead is believed too.
  if (address) return normalizeAddress(headers.get("x-real-ip")) ?? address;
  return null;
}

export function clientAddressFromRecord(headers: Record<string, unknown> | undefined, trusted?: BlockList): string | null {
  return clientAddress(
    {
      get: (name) => {
        const v = headers?.[name];
        return typeof v === "string" ? v : Array.isArray(v) ? v.map(String).join(", ") : null;
      },
    },
    trusted,
  );
}
