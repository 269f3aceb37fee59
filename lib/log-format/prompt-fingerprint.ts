import { createHash } from "node:crypto";

// Fingerprints of a prompt's text, stored per request (ApiRequest.promptKey, .promptSimhash) so the
// analytics can group exact reuse and near-duplicates in SQL without reading the text again.
//
// normalizePrompt: lower-cased (toLowerCase), every run of decimal digits (any script) becomes a
//   single "0", every run of whitespace a single space, trimmed. "Solve  12 + 7" -> "solve 0 + 0".
// promptKey: the log's prompt_hash when given (trimmed, as written); else the SHA-256 (lowercase hex)
//   of the normalized text; null when neither is there (or the normalized text is empty).
// simhash64: 64-bit SimHash over the word 3-shingles of the normalized text (a text of 1-2 words is
//   one shingle), 16 lowercase hex digits, most significant first; null for empty text. Each word is
//   hashed once (FNV-1a 32); a shingle's 64 bits are two murmur3 finalizers of an order-sensitive
//   mix of its three word hashes. Near-duplicates differ in few bits: compare with simhashDistance.

const DIGITS = /\p{Nd}+/gu;
const WHITESPACE = /\s+/gu;

export function normalizePrompt(text: string): string {
  return text.toLowerCase().replace(DIGITS, "0").replace(WHITESPACE, " ").trim();
}

export function promptKey(prompt: string | null | undefined, promptHash?: string | null): string | null {
  const given = promptHash?.trim();
  if (given) return given;
  if (prompt == null) return null;
  const normalized = normalizePrompt(prompt);
  if (normalized === "") return null;
  return sha256Hex(normalized);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** SimHash of already-normalized text (see normalizePrompt); null when it has no words. */
export function simhashNormalized(normalized: string): string | null {
  const words = normalized === "" ? [] : normalized.split(" ");
  if (words.length === 0) return null;
  const hashes = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a32(words[i]);
  const counts = new Int32Array(64);
  if (words.length < 3) {
    addShingle(counts, hashes[0], words.length > 1 ? hashes[1] : 0, 0);
  } else {
    for (let i = 0; i + 2 < words.length; i++) addShingle(counts, hashes[i], hashes[i + 1], hashes[i + 2]);
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit] > 0) lo |= 1 << bit;
    if (counts[bit + 32] > 0) hi |= 1 << bit;
  }
  return hex8(hi) + hex8(lo);
}

export function simhash64(text: string): string | null {
  return simhashNormalized(normalizePrompt(text));
}

/** Number of differing bits between two simhash64 values (0..64). */
export function simhashDistance(a: string, b: string): number {
  const hi = (parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0;
  const lo = (parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16)) >>> 0;
  return popcount32(hi) + popcount32(lo);
}

function addShingle(counts: Int32Array, a: number, b: number, c: number): void {
  const mixed = Math.imul(a, 0x9e3779b1) ^ Math.imul(rotl(b, 11), 0x85ebca77) ^ Math.imul(rotl(c, 22), 0xc2b2ae3d);
  const lo = fmix32(mixed ^ 0x27d4eb2f);
  const hi = fmix32(mixed + 0x165667b1);
  for (let bit = 0; bit < 32; bit++) {
    counts[bit] += (lo >>> bit) & 1 ? 1 : -1;
    counts[bit + 32] += (hi >>> bit) & 1 ? 1 : -1;
  }
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function rotl(value: number, by: number): number {
  return (value << by) | (value >>> (32 - by));
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
