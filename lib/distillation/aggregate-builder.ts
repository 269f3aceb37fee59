// The one streaming pass over a case's request rows: per-account sums, the values accounts share,
// exact prompt reuse within and across accounts, and SimHash band counts. Memory grows with the
// number of accounts, distinct prompts and distinct shared values, never with the rows themselves
// (each row is read once and dropped). Pure: account-aggregates.ts feeds it rows.
import type { RequestTuple } from "@/lib/distillation/distillation-dialect";

export type AccountAggregate = {
  accountId: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Seconds since the epoch. */
  firstAt: number;
  lastAt: number;
  /** Rows with prompt text / with a prompt key (text or hash) / distinct keys / with a SimHash. */
  withText: number;
  keyed: number;
  distinctKeys: number;
  hashed: number;
  /** Distinct prompts of this account that other accounts sent too (prompts sent by many accounts,
   *  like "hello", excluded): coordination. */
  sharedPrompts: number;
  /** Rows with text that ask for reasoning or a worked solution (every row is checked). */
  sampledText: number;
  reasoning: number;
  /** Of a fixed-size sample of the rows with a SimHash (SAMPLE_PER_ACCOUNT): in a near-duplicate
   *  group, and the distinct prompts among those. */
  sampledHashed: number;
  templated: number;
  templatedDistinct: number;
  /** Requests by UTC hour of day (24 entries). */
  hourOfDay: number[];
  /** Distinct clock hours with a request; the busiest hour's count; sum of squared hourly counts. */
  activeHours: number;
  peakHour: number;
  hourSquares: number;
  /** Inter-arrival gaps (seconds, each capped, see GAP_CAP_SECONDS): count, sum, sum of squares. */
  gaps: number;
  gapSum: number;
  gapSquares: number;
  /** Sum and sum of squares of ln(gap) (gaps under MIN_GAP_SECONDS count as that): the spread of
   *  the log gaps is robust to the long pauses that dominate the plain coefficient of variation. */
  gapLogSum: number;
  gapLogSquares: number;
};

export type SharedValue = { type: "IP" | "API_KEY" | "USER_AGENT"; value: string; accountIds: string[] };
export type PromptOverlap = { a: string; b: string; shared: number };

/** SimHash bands: 4 × 16 bits. A band value shared by at least MIN_GROUP prompts and 8× what chance
 *  gives (n / 65,536) marks a near-duplicate group. */
export const BANDS = 4;
export const MIN_GROUP = 10;
/** Rows with a SimHash kept per account to classify against the final band counts (reservoir). */
export const SAMPLE_PER_ACCOUNT = 400;
/** Gaps longer than this count as this long (an account idle for a week is not "irregular" seven times over). */
export const GAP_CAP_SECONDS = 86_400;
/** Requests closer than this count as this far apart for the log spread (timestamps have ms resolution). */
export const MIN_GAP_SECONDS = 0.1;
/** Accounts tracked per exact prompt before the prompt counts as common ("hello") and joins nobody. */
const MAX_ACCOUNTS_PER_PROMPT = 64;

/** The reservoir of an account's hashed rows, as typed arrays (no object or string per sampled row):
 *  `bands` holds each sampled SimHash's 4 band values (parseInt of its 4 hex quarters, -1 where that
 *  is NaN), `keys` its prompt's key number. Grows by doubling up to SAMPLE_PER_ACCOUNT. */
type Sample = { length: number; bands: Int32Array; keys: Int32Array };

type Acc = AccountAggregate & { index: number; lastSeen: number | null; hours: HourCounts; seenHashed: number; sample: Sample };

/** Keys and values by ordinal in chunks of 2^CHUNK_BITS: growing adds a chunk, never copies. */
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** The slot of a 30-bit key in a power-of-two table (Fibonacci hashing). */
const home = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 0) & mask;

/**
 * The prompt keys seen (one per distinct prompt: ~900,000 at a million rows), outside the V8 heap: key →
 * the one account that sent it, or (negative) its accounts in `multi`. Each key gets an ordinal, the order
 * it was first seen in, which is the order finish() walks them in (as it walked a Map's insertion
 * order). The keys and values are stored by ordinal in fixed-size chunks (appending never copies);
 * the open-addressing index holds only ordinal + 1 per slot (0: empty), so growing it rebuilds it from
 * the chunks and drops the old index instead of holding both (decision 0030). 8 bytes a key plus
 * 4-10 bytes of index, where a Map of numbers costs ~30 in the V8 heap, twice that while it grows.
 */
class KeyTable {
  private index = new Int32Array(1 << 16);
  private keyChunks: Int32Array[] = [];
  private valueChunks: Int32Array[] = [];
  private size = 0;
  /** The accounts of each key sent by more than one (a plain array: most hold two or three, where a
   *  Set costs ~100 bytes more; at most MAX_ACCOUNTS_PER_PROMPT are kept). */
  readonly multi: number[][] = [];

  /** The index slot of `key` (its own or the empty one where it would go). */
  private slot(key: number): number {
    const mask = this.index.length - 1;
    let i = home(key, mask);
    for (;;) {
      const o = this.index[i] - 1;
      if (o < 0 || this.keyChunks[o >>> CHUNK_BITS][o & CHUNK_MASK] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /** The key's ordinal, or -1 when it is new. */
  ordinal(key: number): number {
    return this.index[this.slot(key)] - 1;
  }

  /** The account index, or the negative `-(multi index + 1)`, of the key with ordinal `o`. */
  valueAt(o: number): number {
    return this.valueChunks[o >>> CHUNK_BITS][o & CHUNK_MASK];
  }

  setValueAt(o: number, value: number): void {
    this.valueChunks[o >>> CHUNK_BITS][o & CHUNK_MASK] = value;
  }

  /** Adds a key not in the table. */
  add(key: number, value: number): void {
    if ((this.size + 1) * 4 > this.index.length * 3) this.grow();
    const o = this.size++;
    if ((o & CHUNK_MASK) === 0) {
      this.keyChunks.push(new Int32Array(CHUNK_MASK + 1));
      this.valueChunks.push(new Int32Array(CHUNK_MASK + 1));
    }
    this.keyChunks[o >>> CHUNK_BITS][o & CHUNK_MASK] = key;
    this.valueChunks[o >>> CHUNK_BITS][o & CHUNK_MASK] = value;
    this.index[this.slot(key)] = o + 1;
  }

  get count(): number {
    return this.size;
  }

  /** Twice the index, rebuilt from the keys by ordinal. */
  private grow(): void {
    const length = this.index.length * 2;
    this.index = new Int32Array(0); // unreferenced before the new one is allocated: a collection that allocation sets off can free it
    const index = new Int32Array(length);
    const mask = length - 1;
    for (let o = 0; o < this.size; o++) {
      let i = home(this.keyChunks[o >>> CHUNK_BITS][o & CHUNK_MASK], mask);
      while (index[i] !== 0) i = (i + 1) & mask;
      index[i] = o + 1;
    }
    this.index = index;
  }
}

/**
 * An account's request count per clock hour (hours since the epoch), as an open-addressing table over
 * typed arrays instead of a Map (75,000 account-hours in the bench's million rows, ~40 bytes each in the V8 heap).
 * Rows of an account mostly come in time order: the last hour's slot is remembered.
 */
class HourCounts {
  private hours = new Float64Array(16).fill(NaN);
  private counts = new Int32Array(16);
  private lastHour = NaN;
  private lastSlot = -1;
  /** Rows whose time did not parse (NaN: one "hour" of their own, as in a Map). */
  private unparsed = 0;
  size = 0;

  increment(hour: number): void {
    if (Number.isNaN(hour)) {
      if (this.unparsed++ === 0) this.size += 1;
      return;
    }
    if (hour === this.lastHour) {
      this.counts[this.lastSlot] += 1;
      return;
    }
    let i = this.find(hour);
    if (Number.isNaN(this.hours[i])) {
      if ((this.size + 1) * 4 > this.hours.length * 3) {
        this.grow();
        i = this.find(hour);
      }
      this.hours[i] = hour;
      this.size += 1;
    }
    this.counts[i] += 1;
    this.lastHour = hour;
    this.lastSlot = i;
  }

  /** Calls `f` with each hour's count (in no particular order). */
  forEachCount(f: (n: number) => void): void {
    for (let i = 0; i < this.hours.length; i++) if (!Number.isNaN(this.hours[i])) f(this.counts[i]);
    if (this.unparsed > 0) f(this.unparsed);
  }

  private find(hour: number): number {
    const mask = this.hours.length - 1;
    let i = home(hour | 0, mask);
    while (!Number.isNaN(this.hours[i]) && this.hours[i] !== hour) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const hours = this.hours, counts = this.counts;
    this.hours = new Float64Array(hours.length * 2).fill(NaN);
    this.counts = new Int32Array(hours.length * 2);
    for (let j = 0; j < hours.length; j++) {
      if (Number.isNaN(hours[j])) continue;
      const i = this.find(hours[j]);
      this.hours[i] = hours[j];
      this.counts[i] = counts[j];
    }
    this.lastHour = NaN;
    this.lastSlot = -1;
  }
}

/** A 30-bit number for a prompt key (a small integer keeps the key map fast; a rare collision only
 *  merges two prompts in the reuse counts): FNV-1a over its first 16 characters and its length. */
export function keyNumber(key: string): number {
  let h = 0x811c9dc5 ^ key.length;
  const n = Math.min(16, key.length);
  for (let i = 0; i < n; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  if (key.length > 16) for (let i = key.length - 8; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 2) & 0x3fffffff;
}

/** A deterministic 0..1 from a number (reservoir sampling that gives the same answer every run). */
function unit(seed: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function toEpochSeconds(ts: string | Date): number {
  return (ts instanceof Date ? ts.getTime() : Date.parse(ts)) / 1000;
}

/** Puts a row's SimHash bands and prompt key at `at` in the sample. */
function storeSampled(sample: Sample, at: number, simhash: string, key: number): void {
  for (let b = 0; b < BANDS; b++) {
    const band = parseInt(simhash.slice(4 * b, 4 * b + 4), 16);
    sample.bands[at * BANDS + b] = Number.isNaN(band) ? -1 : band;
  }
  sample.keys[at] = key;
}

export class AggregateBuilder {
  private accounts = new Map<string, Acc>();
  private list: Acc[] = [];
  /** key → the one account that sent it (index), or its accounts (KeyTable). */
  private keys = new KeyTable();
  private shared: Record<SharedValue["type"], Map<string, number | Set<number>>> = { IP: new Map(), API_KEY: new Map(), USER_AGENT: new Map() };
  private bandCounts = Array.from({ length: BANDS }, () => new Uint32Array(65_536));
  private totalHashed = 0;
  private rows = 0;
  private outOfOrderRows = 0;
  private readonly phrases: string[];

  constructor(phrases: readonly string[]) {
    this.phrases = phrases.map((p) => p.toLowerCase()).filter((p) => p.length > 0);
  }

  private account(id: string): Acc {
    let a = this.accounts.get(id);
    if (!a) {
      a = {
        accountId: id, index: this.list.length, requests: 0, promptTokens: 0, completionTokens: 0, firstAt: Infinity, lastAt: -Infinity,
        withText: 0, keyed: 0, distinctKeys: 0, sharedPrompts: 0, hashed: 0, sampledText: 0, reasoning: 0, sampledHashed: 0, templated: 0, templatedDistinct: 0,
        hourOfDay: new Array<number>(24).fill(0), activeHours: 0, peakHour: 0, hourSquares: 0, gaps: 0, gapSum: 0, gapSquares: 0,
        gapLogSum: 0, gapLogSquares: 0, lastSeen: null, hours: new HourCounts(), seenHashed: 0, sample: { length: 0, bands: new Int32Array(0), keys: new Int32Array(0) },
      };
      this.accounts.set(id, a);
      this.list.push(a);
    }
    return a;
  }

  asksForReasoning(prompt: string): boolean {
    const text = prompt.toLowerCase();
    for (const p of this.phrases) if (text.includes(p)) return true;
    return false;
  }

  add(row: RequestTuple): void {
    const [accountId, ts, promptTokens, completionTokens, ip, apiKeyId, userAgent, promptKey, simhash, prompt] = row;
    const a = this.account(accountId);
    const t = toEpochSeconds(ts);
    this.rows += 1;
    a.requests += 1;
    a.promptTokens += Number(promptTokens);
    a.completionTokens += Number(completionTokens);
    if (t < a.firstAt) a.firstAt = t;
    if (t > a.lastAt) a.lastAt = t;
    const hour = Math.floor(t / 3600);
    a.hours.increment(hour);
    a.hourOfDay[((hour % 24) + 24) % 24] += 1;
    if (prompt !== null) {
      a.withText += 1;
      // Every row of a small account; past SAMPLE_PER_ACCOUNT a thinning sample (the share is what counts).
      if (a.withText <= SAMPLE_PER_ACCOUNT || unit(a.withText * 40503 + a.index) * a.withText < SAMPLE_PER_ACCOUNT) {
        a.sampledText += 1;
        if (this.asksForReasoning(prompt)) a.reasoning += 1;
      }
    }
    // Gaps in arrival order; rows read out of time order are counted, and when there are many the
    // caller computes the gaps in the database instead (see outOfOrder).
    if (a.lastSeen !== null) {
      if (t < a.lastSeen) this.outOfOrderRows += 1;
      else {
        const g = Math.min(t - a.lastSeen, GAP_CAP_SECONDS);
        a.gaps += 1;
        a.gapSum += g;
        a.gapSquares += g * g;
        const l = Math.log(Math.max(g, MIN_GAP_SECONDS));
        a.gapLogSum += l;
        a.gapLogSquares += l * l;
      }
    }
    if (a.lastSeen === null || t > a.lastSeen) a.lastSeen = t;
    const key = promptKey === null ? 0 : keyNumber(promptKey);
    if (promptKey !== null) this.addKey(a, key);
    if (simhash !== null && simhash.length === 16) this.addSimhash(a, simhash, key);
    if (ip !== null) this.addShared("IP", ip, a.index);
    if (apiKeyId !== null) this.addShared("API_KEY", apiKeyId, a.index);
    if (userAgent !== null) this.addShared("USER_AGENT", userAgent, a.index);
  }

  private addKey(a: Acc, key: number): void {
    a.keyed += 1;
    const o = this.keys.ordinal(key);
    if (o < 0) {
      this.keys.add(key, a.index);
      a.distinctKeys += 1;
      return;
    }
    const found = this.keys.valueAt(o);
    if (found >= 0) {
      if (found !== a.index) {
        this.keys.multi.push([found, a.index]);
        this.keys.setValueAt(o, -this.keys.multi.length);
        a.distinctKeys += 1;
      }
    } else {
      const seen = this.keys.multi[-found - 1];
      if (seen.includes(a.index)) return;
      a.distinctKeys += 1;
      if (seen.length < MAX_ACCOUNTS_PER_PROMPT) seen.push(a.index);
    }
  }

  private addSimhash(a: Acc, simhash: string, key: number): void {
    a.hashed += 1;
    this.totalHashed += 1;
    const hi = parseInt(simhash.slice(0, 8), 16), lo = parseInt(simhash.slice(8, 16), 16);
    this.bandCounts[0][hi >>> 16] += 1;
    this.bandCounts[1][hi & 0xffff] += 1;
    this.bandCounts[2][lo >>> 16] += 1;
    this.bandCounts[3][lo & 0xffff] += 1;
    a.seenHashed += 1;
    const sample = a.sample;
    if (sample.length < SAMPLE_PER_ACCOUNT) {
      if (sample.length === sample.keys.length) {
        const capacity = Math.min(SAMPLE_PER_ACCOUNT, Math.max(8, sample.length * 2));
        const bands = new Int32Array(capacity * BANDS), keys = new Int32Array(capacity);
        bands.set(sample.bands);
        keys.set(sample.keys);
        sample.bands = bands;
        sample.keys = keys;
      }
      storeSampled(sample, sample.length++, simhash, key);
    } else {
      const j = Math.floor(unit(a.seenHashed * 2654435761 + a.index) * a.seenHashed);
      if (j < SAMPLE_PER_ACCOUNT) storeSampled(sample, j, simhash, key);
    }
  }

  private addShared(type: SharedValue["type"], value: string, index: number): void {
    const map = this.shared[type];
    const seen = map.get(value);
    if (seen === undefined) map.set(value, index);
    else if (typeof seen === "number") {
      if (seen !== index) map.set(value, new Set([seen, index]));
    } else if (seen.size < MAX_ACCOUNTS_PER_PROMPT * 4) seen.add(index);
  }

  /** True when more than 1 % of the rows came out of time order: the gaps measured in arrival
   *  order are then not the account's, and the caller measures them in the database. */
  outOfOrder(): boolean {
    return this.outOfOrderRows > this.rows * 0.01;
  }

  /** The per-account aggregates. */
  finish(promptMaxAccounts: (accountCount: number) => number): { aggregates: AccountAggregate[]; shared: SharedValue[]; overlaps: PromptOverlap[] } {
    const min = Math.max(MIN_GROUP, (8 * this.totalHashed) / 65_536);
    for (const a of this.list) {
      // Sums of integer counts: exact whatever the order the hours are walked in.
      a.hours.forEachCount((n) => {
        a.activeHours += 1;
        a.hourSquares += n * n;
        if (n > a.peakHour) a.peakHour = n;
      });
      const templatedKeys = new Set<number>();
      const { bands, keys } = a.sample;
      for (let s = 0; s < a.sample.length; s++) {
        a.sampledHashed += 1;
        let templ = false;
        // A band of -1 (not hex) finds no count, as parseInt's NaN did.
        for (let b = 0; b < BANDS && !templ; b++) templ = this.bandCounts[b][bands[s * BANDS + b]] >= min;
        if (templ) {
          a.templated += 1;
          templatedKeys.add(keys[s]);
        }
      }
      a.templatedDistinct = templatedKeys.size;
    }
    const ids = this.list.map((a) => a.accountId);
    const shared: SharedValue[] = [];
    for (const type of ["IP", "API_KEY", "USER_AGENT"] as const) {
      for (const [value, seen] of this.shared[type]) {
        if (typeof seen !== "number") shared.push({ type, value, accountIds: [...seen].map((i) => ids[i]) });
      }
    }
    const pairs = new Map<number, number>();
    const n = this.list.length;
    const common = Math.min(MAX_ACCOUNTS_PER_PROMPT - 1, promptMaxAccounts(n));
    for (let o = 0; o < this.keys.count; o++) {
      const found = this.keys.valueAt(o);
      if (found >= 0) continue;
      const seen = this.keys.multi[-found - 1];
      if (seen.length > common) continue;
      for (const m of seen) this.list[m].sharedPrompts += 1;
      const members = [...seen].sort((x, y) => x - y);
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) {
        const k = members[i] * n + members[j];
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
    const overlaps = [...pairs].map(([k, count]) => ({ a: ids[Math.floor(k / n)], b: ids[k % n], shared: count }));
    const aggregates = this.list.map(({ index: _i, lastSeen: _l, hours: _h, seenHashed: _s, sample: _p, ...rest }) => rest);
    return { aggregates, shared, overlaps };
  }
}
