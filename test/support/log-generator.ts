// Synthetic API usage logs for tests and benchmarks (`npm run gen:logs`, scripts/gen-logs.ts):
// ordinary users, heavy legitimate users and planted distillation operations, deterministic by seed,
// written as a stream (flat memory at any size) with a ground-truth file beside it.
//
// The population, in words:
// - ordinary users: diurnal activity in their own time zone, sessions of a few requests with growing
//   conversation context, varied prompts, modest volume; some are students who often ask for
//   step-by-step answers;
// - heavy legitimate users: customer-support bots (high volume around the clock, templated prompts
//   carrying varied customer messages, short replies), writing tools (rewrite/summarize a paragraph),
//   CI jobs (many accounts behind one NAT address, bursts on commits and a nightly run), a corporate
//   organization (many people behind one egress address with the same client);
// - planted operations: several accounts each (some thin), sharing IPs, API keys and user agents,
//   round-the-clock machine timing, sweeps over a topic space with templated prompts that ask for
//   reasoning or worked solutions, long outputs; some send only a prompt_hash.
// Account ids, key ids and addresses have the same shape for every kind of account.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import zlib from "node:zlib";
import { normalizePrompt, sha256Hex } from "@/lib/log-format/prompt-fingerprint";

export type Timing = "regular" | "poisson" | "bursty";

export type OperationSpec = {
  /** Number of accounts the operation spreads over. */
  accounts: number;
  /** Share of all lines this operation sends (0..1). */
  share: number;
  /** Only prompt_hash, no text. */
  withheld?: boolean;
  timing?: Timing;
  /** How many distinct IPs / API keys / user agents the accounts share (pools). */
  ips?: number;
  sharedKeys?: number;
  userAgents?: number;
  /** Each prompt is sent this many times at most (sampling several answers). */
  repeats?: number;
  /** Fraction of hours of the day the operation is active (1 = round the clock). */
  activeHours?: number;
};

export type GeneratorConfig = {
  lines: number;
  seed: number;
  format?: "jsonl" | "csv";
  days?: number;
  start?: string;
  ordinaryUsers?: number;
  students?: number;
  supportBots?: number;
  writingTools?: number;
  ciAccounts?: number;
  corporateAccounts?: number;
  operations?: OperationSpec[];
  malformed?: number;
};

export type GroundTruth = {
  seed: number;
  lines: number;
  format: "jsonl" | "csv";
  /** Physical line numbers are 1-based; in CSV the header is line 1. */
  firstDataLine: number;
  accounts: number;
  planted: { accountId: string; operation: number }[];
  operations: (OperationSpec & { id: number; accountIds: string[] })[];
  legitimateHeavy: { accountId: string; kind: string }[];
  malformed: { line: number; reason: string }[];
};

export const DEFAULT_OPERATIONS: OperationSpec[] = [
  { accounts: 6, share: 0.08, timing: "regular", ips: 3, sharedKeys: 0, userAgents: 1, repeats: 1 },
  { accounts: 10, share: 0.012, timing: "regular", ips: 2, sharedKeys: 2, userAgents: 1, repeats: 1 },
  { accounts: 5, share: 0.05, withheld: true, timing: "poisson", ips: 2, sharedKeys: 0, userAgents: 2, repeats: 3 },
  { accounts: 4, share: 0.06, timing: "bursty", ips: 4, sharedKeys: 0, userAgents: 1, repeats: 2, activeHours: 0.8 },
];

// ---- deterministic randomness -------------------------------------------------------------

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 + seed * 31;
    this.c = 0xb7e15162 ^ (seed << 7);
    this.d = seed | 1;
    for (let i = 0; i < 20; i++) this.next();
  }
  /** sfc32: uniform in [0, 1). */
  next(): number {
    this.a |= 0; this.b |= 0; this.c |= 0; this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  id(prefix: string, length = 12): string {
    let s = prefix;
    for (let i = 0; i < length; i++) s += "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(this.next() * 36)];
    return s;
  }
}

// ---- vocabulary -----------------------------------------------------------------------------

const MODELS = ["frontier-large-2", "frontier-large-2", "frontier-mini-2", "frontier-reasoner-1"];
const COMMON_AGENTS = [
  "python-sdk/1.42.0 CPython/3.11.6",
  "python-sdk/1.40.2 CPython/3.12.1",
  "node-sdk/4.55.0 node/20.11.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
  "curl/8.5.0",
  "python-requests/2.31.0",
];
const SUBJECTS = ["algebra", "geometry", "probability", "number theory", "calculus", "linear algebra", "combinatorics", "statistics", "graph theory", "dynamic programming", "string algorithms", "physics kinematics", "organic chemistry", "thermodynamics", "microeconomics", "formal logic"];
const LANGS = ["Python", "TypeScript", "Go", "Rust", "Java", "C++", "SQL", "Bash"];
const CHAT_TOPICS = ["a birthday party", "my garden", "a job interview", "the quarterly budget", "a trip to Lisbon", "our team offsite", "a new recipe", "learning the guitar", "a marketing plan", "my thesis", "a landlord dispute", "a running schedule", "home insurance", "a product launch", "a wedding toast"];
const TASKS = ["parse a date string", "deduplicate a list", "read a CSV file", "retry an HTTP request", "merge two sorted arrays", "debounce a function", "validate an email address", "paginate a query", "hash a password", "stream a large file"];
const WORDS = "the a of to and in is it you that he was for on are with as his they be at one have this from or had by word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find any new work part take get place made live where after back little only round man year came show every good me give our under name very through just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell does set three want air well also play small end put home read hand port large spell add even land here must big high such follow act why ask men change went light kind off need house picture try us again animal point mother world near build self earth father head stand own page should country found answer school grow study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late run while press close night real life few north".split(" ");
const REASONING_ASKS = [
  "Show your reasoning step by step and give the full worked solution.",
  "Think it through step-by-step, then state the final answer.",
  "Explain your reasoning in detail before answering.",
  "Provide a complete worked solution with every intermediate step.",
  "Walk through the derivation carefully and justify each step.",
  "Let's think step by step.",
  "Give a detailed chain of thought, then the answer.",
];
const OP_FRAMES = [
  (topic: string, item: string, ask: string) => `Problem (${topic}): ${item} ${ask}`,
  (topic: string, item: string, ask: string) => `You are an expert tutor in ${topic}. ${ask} Question: ${item}`,
  (topic: string, item: string, ask: string) => `${item} -- ${ask} Topic: ${topic}.`,
  (topic: string, item: string, ask: string) => `Task ${topic}: solve the following. ${item} Format: reasoning first, answer last. ${ask}`,
  (topic: string, item: string, ask: string) => `Consider this ${topic} exercise. ${item} ${ask}`,
];

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(WORDS));
  return out.join(" ");
}

function problemText(rng: Rng, topic: string): string {
  const a = rng.int(2, 99), b = rng.int(2, 99), c = rng.int(2, 999);
  switch (rng.int(0, 5)) {
    case 0: return `Find all real x such that ${a}x^2 - ${b}x + ${c} = 0 in the context of ${topic}.`;
    case 1: return `A ${words(rng, 2)} has ${a} ${rng.pick(WORDS)}s and loses ${b} each ${rng.pick(["hour", "day", "step"])}; after how many steps is ${c} reached?`;
    case 2: return `Write a ${rng.pick(LANGS)} function that computes ${rng.pick(["the longest increasing subsequence", "shortest paths", "the edit distance", "a topological order", "the convex hull", "prime factors"])} for ${words(rng, 3)} with n up to ${c}.`;
    case 3: return `Prove that for every integer n > ${a}, ${words(rng, 4)} holds when n mod ${b} = ${rng.int(0, 9)}.`;
    case 4: return `Compute the probability that ${words(rng, 3)} occurs at least ${a} times in ${c} trials of ${words(rng, 2)}.`;
    default: return `Derive the ${rng.pick(["expected value", "closed form", "asymptotic bound", "general solution"])} of ${words(rng, 3)} with parameters ${a}, ${b} and ${c}.`;
  }
}

function ordinaryPrompt(rng: Rng, student: boolean): string {
  if (student && rng.chance(0.6)) {
    return `${rng.pick(["Can you help with my homework?", "I am stuck on this:", "Homework question:", ""])} ${problemText(rng, rng.pick(SUBJECTS))} ${rng.chance(0.7) ? rng.pick(REASONING_ASKS) : "Just the answer please."}`.trim();
  }
  switch (rng.int(0, 7)) {
    case 0: return `How do I ${rng.pick(TASKS)} in ${rng.pick(LANGS)}? ${words(rng, rng.int(0, 12))}`;
    case 1: return `Write a short email to ${rng.pick(["my manager", "a client", "my landlord", "the school", "a colleague"])} about ${rng.pick(CHAT_TOPICS)}. Mention ${words(rng, rng.int(2, 6))}.`;
    case 2: return `Summarize this: ${words(rng, rng.int(8, 30))}`;
    case 3: return `Give me ideas for ${rng.pick(CHAT_TOPICS)}, something with ${words(rng, 3)}`;
    case 4: return `What is the difference between ${rng.pick(WORDS)} and ${rng.pick(WORDS)} when ${words(rng, rng.int(3, 8))}?`;
    case 5: return `Fix this ${rng.pick(LANGS)} error: ${rng.pick(["TypeError", "undefined is not a function", "segmentation fault", "index out of range", "null pointer"])} at ${words(rng, 4)}`;
    case 6: return rng.chance(0.3) ? `${problemText(rng, rng.pick(SUBJECTS))} ${rng.pick(REASONING_ASKS)}` : `Translate to ${rng.pick(["French", "German", "Spanish", "Japanese"])}: ${words(rng, rng.int(5, 25))}`;
    default: return `${words(rng, rng.int(4, 20))}?`;
  }
}

const SUPPORT_ISSUES = ["my order has not arrived", "I was charged twice", "the app crashes when I log in", "I want to change my delivery address", "how do I reset my password", "the discount code does not work", "I need an invoice for my purchase", "my subscription renewed unexpectedly", "the product arrived damaged", "I cannot find the tracking number"];

function supportPrompt(rng: Rng, company: string): string {
  return `You are the customer support assistant for ${company}. Be friendly, follow the refund policy. Customer ticket ${rng.int(10000, 999999)}: "${rng.pick(SUPPORT_ISSUES)}, ${words(rng, rng.int(3, 14))}". Draft the reply.`;
}

function writingPrompt(rng: Rng): string {
  return `${rng.pick(["Rewrite the following paragraph to be clearer", "Make this text more formal", "Shorten this paragraph", "Fix grammar and spelling in", "Rephrase in a friendly tone"])}: ${words(rng, rng.int(12, 45))}`;
}

function ciPrompt(rng: Rng): string {
  return `Review this diff and list bugs, risky changes and missing tests. File ${rng.pick(["src", "lib", "app"])}/${rng.pick(WORDS)}.${rng.pick(["ts", "py", "go"])}: ${words(rng, rng.int(15, 50))}`;
}

// ---- actors ---------------------------------------------------------------------------------

type Request = {
  accountId: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  apiKeyId: string;
  orgId: string | null;
  ip: string;
  userAgent: string;
  prompt: string | null;
  promptHash: string | null;
};

type Actor = {
  accountId: string;
  /** Next request time (ms) after `t`, or Infinity. */
  nextAt(rng: Rng, t: number): number;
  make(rng: Rng): Request;
};

const HOUR = 3_600_000;

function residentialIp(rng: Rng): string {
  return `${rng.pick([24, 31, 46, 68, 71, 73, 81, 82, 89, 98, 109, 151, 176, 188])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
function hostedIp(rng: Rng): string {
  return `${rng.pick([34, 35, 44, 52, 54, 104, 128, 134, 138, 142, 146, 157, 159, 165, 167, 178, 185, 192, 195, 209])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Relative activity of a person at a local hour (0..23): asleep at night, busy in the day. */
function diurnal(localHour: number, weekday: number): number {
  const base = localHour < 7 ? 0.03 : localHour < 9 ? 0.5 : localHour < 18 ? 1 : localHour < 23 ? 0.6 : 0.15;
  return weekday === 0 || weekday === 6 ? base * 0.6 : base;
}

/** Poisson arrivals at `ratePerMs` scaled by profile(t) ≤ 1 (thinning). */
function modulated(rng: Rng, t: number, ratePerMs: number, profile: (t: number) => number): number {
  let at = t;
  for (let i = 0; i < 10_000; i++) {
    at += rng.exp(1 / ratePerMs);
    if (rng.next() < profile(at)) return at;
  }
  return at;
}

function localProfile(tzHours: number, weekend = true) {
  return (t: number) => {
    const local = new Date(t + tzHours * HOUR);
    return diurnal(local.getUTCHours(), weekend ? local.getUTCDay() : 3);
  };
}

type Person = { rng: Rng; meanRate: number; tz: number; student: boolean; ips: string[]; agent: string; key: string; org: string | null };

/** A person: sessions of a few requests in their waking hours, context growing within a session. */
function personActor(accountId: string, p: Person): Actor {
  let left = 0;
  let context = 0;
  let carry = false;
  const perSession = 3;
  const profile = localProfile(p.tz);
  return {
    accountId,
    nextAt(rng, t) {
      if (left > 0) {
        left -= 1;
        return t + rng.logNormal(70_000, 0.8);
      }
      left = Math.floor(rng.exp(perSession));
      context = 0;
      carry = rng.chance(0.5);
      return modulated(rng, t, (p.meanRate / perSession) * 2.2, profile);
    },
    make(rng) {
      const prompt = ordinaryPrompt(rng, p.student);
      const own = Math.ceil(prompt.length / 4);
      const promptTokens = own + context + rng.int(10, 60);
      const completionTokens = Math.round(rng.logNormal(p.student ? 420 : 260, 0.6));
      if (carry) context = Math.min(6000, context + own + completionTokens);
      return { accountId, model: rng.pick(MODELS), promptTokens, completionTokens, apiKeyId: p.key, orgId: p.org, ip: rng.chance(0.9) ? p.ips[0] : rng.pick(p.ips), userAgent: p.agent, prompt, promptHash: null };
    },
  };
}

function poissonActor(accountId: string, rate: number, profile: (t: number) => number, make: (rng: Rng) => Omit<Request, "accountId">): Actor {
  return { accountId, nextAt: (rng, t) => modulated(rng, t, rate, profile), make: (rng) => ({ accountId, ...make(rng) }) };
}

/** A CI account: bursts of requests on commits in working hours, and a nightly job. */
function ciActor(accountId: string, rate: number, ip: string, key: string, org: string, agent: string, nightlyMinute: number): Actor {
  let left = 0;
  const profile = localProfile(-5, true);
  return {
    accountId,
    nextAt(rng, t) {
      if (left > 0) {
        left -= 1;
        return t + rng.logNormal(8_000, 0.5);
      }
      left = rng.int(3, 14);
      const commit = modulated(rng, t, (rate / 9) * 1.8, profile);
      const day = Math.floor(t / (24 * HOUR));
      let nightly = day * 24 * HOUR + 2 * HOUR + nightlyMinute * 60_000;
      if (nightly <= t) nightly += 24 * HOUR;
      return Math.min(commit, nightly + rng.int(0, 90_000));
    },
    make: (rng) => ({ accountId, model: "frontier-mini-2", promptTokens: rng.int(900, 3500), completionTokens: rng.int(80, 420), apiKeyId: key, orgId: org, ip, userAgent: agent, prompt: ciPrompt(rng), promptHash: null }),
  };
}

type OperationState = { spec: OperationSpec; preamble: number; answer: number; topics: string[]; frames: number[]; asks: string[]; ips: string[]; keys: string[]; agents: string[]; recent: string[] };

/** One account of a planted operation. */
function operationActor(accountId: string, op: OperationState, rate: number, ownKey: string, rng0: Rng): Actor {
  const timing = op.spec.timing ?? "regular";
  const interval = 1 / rate;
  const activeHours = op.spec.activeHours ?? 1;
  const offHour = rng0.int(0, 23);
  const inactive = (t: number) => activeHours < 1 && ((new Date(t).getUTCHours() - offHour + 24) % 24) < Math.round(24 * (1 - activeHours));
  let burstLeft = 0;
  let first = true;
  return {
    accountId,
    nextAt(rng, t) {
      let at: number;
      if (first) {
        first = false;
        at = t + rng.next() * interval;
      } else if (timing === "regular") at = t + interval * (0.8 + 0.4 * rng.next());
      else if (timing === "poisson") at = t + rng.exp(interval);
      else {
        // Batches of 20-60 requests a few seconds apart, batches spaced so the mean rate holds.
        if (burstLeft > 0) {
          burstLeft -= 1;
          at = t + 2_000 + rng.next() * 3_000;
        } else {
          burstLeft = rng.int(20, 60);
          at = t + interval * burstLeft * (0.7 + 0.6 * rng.next());
        }
      }
      while (inactive(at)) at += HOUR;
      return at;
    },
    make(rng) {
      let text: string;
      if (op.recent.length > 0 && rng.chance(((op.spec.repeats ?? 1) - 1) / (op.spec.repeats ?? 1))) text = rng.pick(op.recent);
      else {
        const topic = rng.pick(op.topics);
        text = OP_FRAMES[rng.pick(op.frames)](topic, problemText(rng, topic), rng.pick(op.asks));
        op.recent.push(text);
        if (op.recent.length > 50) op.recent.shift();
      }
      const withheld = op.spec.withheld === true;
      return {
        accountId,
        model: rng.chance(0.7) ? "frontier-reasoner-1" : "frontier-large-2",
        promptTokens: Math.ceil(text.length / 4) + op.preamble + rng.int(0, 20),
        completionTokens: Math.round(rng.logNormal(op.answer, 0.45)),
        apiKeyId: op.keys.length > 0 && rng.chance(0.5) ? rng.pick(op.keys) : ownKey,
        orgId: null,
        ip: rng.pick(op.ips),
        userAgent: rng.pick(op.agents),
        prompt: withheld ? null : text,
        promptHash: withheld ? sha256Hex(normalizePrompt(text)) : null,
      };
    },
  };
}

// ---- the population -------------------------------------------------------------------------

type Population = { actors: Actor[]; truth: Omit<GroundTruth, "malformed" | "lines" | "format" | "firstDataLine" | "seed"> };

function buildPopulation(config: Required<Omit<GeneratorConfig, "start" | "format">>, rng: Rng): Population {
  const seconds = config.days * 86_400;
  const perMs = (share: number) => (config.lines * share) / (seconds * 1000);
  const actors: Actor[] = [];
  const heavy: { accountId: string; kind: string }[] = [];
  const used = new Set<string>();
  const accountId = () => {
    let id = rng.id("acct_", 10);
    while (used.has(id)) id = rng.id("acct_", 10);
    used.add(id);
    return id;
  };
  const key = () => rng.id("key_", 16);
  const opShare = config.operations.reduce((s, o) => s + o.share, 0);
  const heavyShare = 0.3;
  const ordinaryShare = Math.max(0.05, 1 - opShare - heavyShare);

  // Ordinary people: weights log-normal, so a few are much more active than most.
  const people = config.ordinaryUsers + config.students;
  const weights = Array.from({ length: people }, () => rng.logNormal(1, 0.9));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < people; i++) {
    const id = accountId();
    const ips = [residentialIp(rng), residentialIp(rng), hostedIp(rng)];
    actors.push(personActor(id, { rng, meanRate: perMs((ordinaryShare * weights[i]) / weightSum), tz: rng.pick([-8, -7, -5, -4, -3, 0, 1, 2, 3, 5.5, 8, 9, 10]), student: i >= config.ordinaryUsers, ips, agent: rng.pick(COMMON_AGENTS), key: key(), org: rng.chance(0.3) ? rng.id("org_", 8) : null }));
  }
  // Corporate organization: people behind one egress address, same client, same org.
  const corpIp = hostedIp(rng), corpOrg = rng.id("org_", 8), corpAgent = "CorpChat/5.2 (Electron 30)";
  for (let i = 0; i < config.corporateAccounts; i++) {
    const id = accountId();
    actors.push(personActor(id, { rng, meanRate: perMs((heavyShare * 0.25) / Math.max(1, config.corporateAccounts)), tz: 1, student: false, ips: [corpIp], agent: corpAgent, key: key(), org: corpOrg }));
    heavy.push({ accountId: id, kind: "corporate" });
  }
  // Support bots: high volume, round the clock with a daily swell, templated prompts.
  for (let i = 0; i < config.supportBots; i++) {
    const id = accountId();
    const company = rng.pick(["Acme Outfitters", "Northwind Travel", "Globex Telecom", "Initech Insurance", "Umbrella Pharmacy"]) + ` ${i + 1}`;
    const ips = [hostedIp(rng), hostedIp(rng)], k = key(), org = rng.id("org_", 8), agent = rng.pick(["node-sdk/4.55.0 node/20.11.1", "python-sdk/1.42.0 CPython/3.11.6"]);
    const tz = rng.pick([-5, 1, 8]);
    actors.push(poissonActor(id, perMs((heavyShare * 0.35) / Math.max(1, config.supportBots)) * 1.6, (t) => 0.35 + 0.65 * diurnal(new Date(t + tz * HOUR).getUTCHours(), 3), (r) => {
      const prompt = supportPrompt(r, company);
      return { model: "frontier-mini-2", promptTokens: Math.ceil(prompt.length / 4) + r.int(200, 900), completionTokens: r.int(60, 260), apiKeyId: k, orgId: org, ip: r.pick(ips), userAgent: agent, prompt, promptHash: null };
    }));
    heavy.push({ accountId: id, kind: "support-bot" });
  }
  // Writing tools: a product's users' day, paragraphs in and out.
  for (let i = 0; i < config.writingTools; i++) {
    const id = accountId();
    const ips = [hostedIp(rng), hostedIp(rng), hostedIp(rng)], k = key(), org = rng.id("org_", 8), agent = `WriteWell/${rng.int(2, 9)}.${rng.int(0, 9)} (+https://writewell.example)`;
    const tz = rng.pick([-5, 0, 9]);
    actors.push(poissonActor(id, perMs((heavyShare * 0.25) / Math.max(1, config.writingTools)) * 1.6, localProfile(tz), (r) => {
      const prompt = writingPrompt(r);
      const pt = Math.ceil(prompt.length / 4) + r.int(30, 120);
      return { model: r.pick(MODELS), promptTokens: pt, completionTokens: Math.round(pt * (0.6 + r.next() * 0.8)), apiKeyId: k, orgId: org, ip: r.pick(ips), userAgent: agent, prompt, promptHash: null };
    }));
    heavy.push({ accountId: id, kind: "writing-tool" });
  }
  // CI jobs: many accounts behind one NAT address.
  const natIp = hostedIp(rng), ciOrg = rng.id("org_", 8), ciAgent = "ci-review-bot/1.8 python-sdk/1.42.0";
  for (let i = 0; i < config.ciAccounts; i++) {
    const id = accountId();
    actors.push(ciActor(id, perMs((heavyShare * 0.15) / Math.max(1, config.ciAccounts)), natIp, key(), ciOrg, ciAgent, rng.int(0, 50)));
    heavy.push({ accountId: id, kind: "ci" });
  }
  // Planted operations.
  const planted: { accountId: string; operation: number }[] = [];
  const operations: GroundTruth["operations"] = [];
  config.operations.forEach((spec, index) => {
    const topics = Array.from({ length: rng.int(3, 6) }, () => rng.pick(SUBJECTS));
    const frames = Array.from({ length: rng.int(1, 3) }, () => rng.int(0, OP_FRAMES.length - 1));
    const asks = Array.from({ length: rng.int(1, 3) }, () => rng.pick(REASONING_ASKS));
    const agentPool = [...COMMON_AGENTS, `${rng.pick(["httpx", "aiohttp", "go-http-client", "okhttp"])}/${rng.int(0, 3)}.${rng.int(0, 30)}.${rng.int(0, 9)}`, `${rng.id("", 6)}-client/${rng.int(1, 4)}.${rng.int(0, 9)}`];
    const state: OperationState = {
      spec, topics, frames, asks, recent: [],
      // A system prompt or few-shot examples of its own, and its own answer length: output/input ratios from about 3 to 30.
      preamble: rng.pick([0, 40, 120, 250]),
      answer: rng.int(500, 1600),
      ips: Array.from({ length: spec.ips ?? 2 }, () => hostedIp(rng)),
      keys: Array.from({ length: spec.sharedKeys ?? 0 }, () => key()),
      agents: Array.from({ length: spec.userAgents ?? 1 }, () => rng.pick(agentPool)),
    };
    const ids: string[] = [];
    for (let a = 0; a < spec.accounts; a++) {
      const id = accountId();
      ids.push(id);
      planted.push({ accountId: id, operation: index + 1 });
      actors.push(operationActor(id, state, perMs(spec.share / spec.accounts), key(), rng));
    }
    operations.push({ ...spec, id: index + 1, accountIds: ids });
  });
  return { actors, truth: { accounts: actors.length, planted, operations, legitimateHeavy: heavy } };
}

// ---- output ---------------------------------------------------------------------------------

const FIELDS = ["timestamp", "account_id", "model", "prompt_tokens", "completion_tokens", "api_key_id", "org_id", "ip", "user_agent", "endpoint", "status", "request_id", "prompt", "prompt_hash"] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function formatLine(format: "jsonl" | "csv", record: Record<string, unknown>): string {
  if (format === "csv") return FIELDS.map((f) => csvCell(record[f])).join(",");
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) out[k] = v;
  return JSON.stringify(out);
}

const MALFORMED_KINDS = ["not JSON / unparsable", "missing account_id", "negative prompt_tokens", "invalid timestamp", "truncated line"] as const;

function malformedLine(format: "jsonl" | "csv", kind: number, good: string, record: Record<string, unknown>): string {
  switch (kind) {
    case 0: return format === "csv" ? `${record.timestamp},${record.account_id}` : `{"timestamp": "${record.timestamp}", "account_id": `;
    case 1: return formatLine(format, { ...record, account_id: null });
    case 2: return formatLine(format, { ...record, prompt_tokens: -5 });
    case 3: return formatLine(format, { ...record, timestamp: "yesterday at noon" });
    default: {
      // Cut a third of the way in; in CSV before any quote, so no quoted field is left open across lines.
      const cut = good.slice(0, Math.max(5, Math.floor(good.length / 3)));
      return format === "csv" && cut.includes('"') ? cut.slice(0, cut.indexOf('"')) : cut;
    }
  }
}

/** A min-heap of (time, actor index). */
class Schedule {
  private t: number[] = [];
  private i: number[] = [];
  push(time: number, index: number) {
    this.t.push(time); this.i.push(index);
    let c = this.t.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (this.less(p, c)) break;
      this.swap(p, c); c = p;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.t[0], this.i[0]];
    const lt = this.t.pop()!, li = this.i.pop()!;
    if (this.t.length > 0) {
      this.t[0] = lt; this.i[0] = li;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1, r = l + 1;
        let m = p;
        if (l < this.t.length && this.less(l, m)) m = l;
        if (r < this.t.length && this.less(r, m)) m = r;
        if (m === p) break;
        this.swap(p, m); p = m;
      }
    }
    return top;
  }
  private less(a: number, b: number) {
    return this.t[a] < this.t[b] || (this.t[a] === this.t[b] && this.i[a] < this.i[b]);
  }
  private swap(a: number, b: number) {
    [this.t[a], this.t[b]] = [this.t[b], this.t[a]];
    [this.i[a], this.i[b]] = [this.i[b], this.i[a]];
  }
}

export function withDefaults(config: GeneratorConfig): Required<Omit<GeneratorConfig, "start">> & { start: string } {
  return {
    lines: config.lines,
    seed: config.seed,
    format: config.format ?? "jsonl",
    days: config.days ?? 14,
    start: config.start ?? "2026-03-02T00:00:00.000Z",
    ordinaryUsers: config.ordinaryUsers ?? 260,
    students: config.students ?? 25,
    supportBots: config.supportBots ?? 3,
    writingTools: config.writingTools ?? 3,
    ciAccounts: config.ciAccounts ?? 12,
    corporateAccounts: config.corporateAccounts ?? 15,
    operations: config.operations ?? DEFAULT_OPERATIONS,
    malformed: config.malformed ?? 7,
  };
}

/**
 * Yields the file's lines (without newline) in order; `truth` is complete once the generator ends.
 * Memory is flat: one pending request per account.
 */
export function* generateLogLines(config: GeneratorConfig, truth: { value?: GroundTruth } = {}): Generator<string> {
  const c = withDefaults(config);
  const rng = new Rng(c.seed);
  const population = buildPopulation(c, rng);
  const start = Date.parse(c.start);
  const header = c.format === "csv" ? 1 : 0;
  // Malformed lines at known positions, spread over the file (never the header).
  const malformedAt = new Map<number, number>();
  for (let k = 0; k < Math.min(c.malformed, c.lines); k++) {
    let line = header + 1 + Math.floor(rng.next() * c.lines);
    while (malformedAt.has(line)) line = header + 1 + ((line - header) % c.lines);
    malformedAt.set(line, k % MALFORMED_KINDS.length);
  }
  const schedule = new Schedule();
  population.actors.forEach((a, i) => schedule.push(a.nextAt(rng, start), i));
  if (header) yield FIELDS.join(",");
  for (let n = 1; n <= c.lines; n++) {
    const [t, index] = schedule.pop();
    const actor = population.actors[index];
    const req = actor.make(rng);
    schedule.push(Math.max(t + 1, actor.nextAt(rng, t)), index);
    const record: Record<string, unknown> = {
      timestamp: new Date(Math.round(t)).toISOString(),
      account_id: req.accountId,
      model: req.model,
      prompt_tokens: req.promptTokens,
      completion_tokens: req.completionTokens,
      api_key_id: req.apiKeyId,
      org_id: req.orgId,
      ip: req.ip,
      user_agent: req.userAgent,
      endpoint: "/v1/chat/completions",
      status: rng.chance(0.01) ? "429" : "200",
      request_id: `req_${c.seed.toString(36)}_${n.toString(36)}`,
      prompt: req.prompt,
      prompt_hash: req.promptHash,
    };
    if (c.format === "jsonl" && n % 97 === 0) record.region = rng.pick(["us-east", "eu-west", "ap-south"]);
    const good = formatLine(c.format, record);
    const kind = malformedAt.get(n + header);
    yield kind === undefined ? good : malformedLine(c.format, kind, good, record);
  }
  truth.value = {
    seed: c.seed,
    lines: c.lines,
    format: c.format,
    firstDataLine: header + 1,
    ...population.truth,
    malformed: [...malformedAt.entries()].sort((a, b) => a[0] - b[0]).map(([line, kind]) => ({ line, reason: MALFORMED_KINDS[kind] })),
  };
}

/** Writes the log to `out` (gzip when asked) and the ground truth to `<out>.truth.json`; returns the truth. */
export async function writeLogFile(config: GeneratorConfig & { out: string; gzip?: boolean }): Promise<GroundTruth & { bytes: number; truthFile: string }> {
  fs.mkdirSync(path.dirname(path.resolve(config.out)), { recursive: true });
  const file = fs.createWriteStream(config.out);
  const gzip = config.gzip ? zlib.createGzip({ level: 6 }) : null;
  if (gzip) gzip.pipe(file);
  const sink: NodeJS.WritableStream = gzip ?? file;
  const truth: { value?: GroundTruth } = {};
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = sink.write(buffer.join("\n") + "\n");
    buffer = [];
    size = 0;
    if (!ok) await once(sink, "drain");
  };
  for (const line of generateLogLines(config, truth)) {
    buffer.push(line);
    size += line.length;
    if (size > 1 << 20) await flush();
  }
  await flush();
  const finished = once(file, "close");
  sink.end();
  await finished;
  const truthFile = `${config.out}.truth.json`;
  fs.writeFileSync(truthFile, JSON.stringify(truth.value, null, 2) + "\n");
  return { ...truth.value!, bytes: fs.statSync(config.out).size, truthFile };
}
