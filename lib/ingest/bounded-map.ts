// A Map that forgets its oldest entries past a size, so per-run caches (account ids by external id,
// attribute values already recorded) stay bounded whatever the log's size. A forgotten entry only
// costs a lookup (or an INSERT … ON CONFLICT DO NOTHING) again.
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    if (!this.map.has(key) && this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }
}
