// One bounded autocannon run against a loopback URL, reporting p50/p95 latency and requests/s.
import type { EventEmitter } from "node:events";
import autocannon, { type Result } from "autocannon";

export type LoadResult = { label: string; requests: number; rps: number; p50: number; p95: number; non2xx: number };

export async function load(label: string, url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  // Without a callback autocannon returns a promise that is also its event emitter.
  const instance = autocannon({ url, connections: 32, duration: seconds, headers }) as unknown as Promise<Result> & EventEmitter;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    label,
    requests: times.length,
    rps: times.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    non2xx: result.non2xx,
  };
}

export function formatRow(r: LoadResult): string {
  return `${r.label.padEnd(28)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ${r.rps.toFixed(0).padStart(6)} req/s   (${r.requests} requests, ${r.non2xx} non-2xx)`;
}
