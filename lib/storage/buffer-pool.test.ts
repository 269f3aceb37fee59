import { describe, expect, it } from "vitest";
import { BufferPool } from "@/lib/storage/buffer-pool";

describe("BufferPool", () => {
  it("lends a released buffer again, and keeps no more than `keep` free", () => {
    const pool = new BufferPool(1024, 1);
    const a = pool.take();
    const b = pool.take();
    expect(a.buffer).not.toBe(b.buffer);
    pool.release(a.subarray(0, 10)); // a part of it gives back the whole buffer
    pool.release(b);
    expect(pool.freeCount).toBe(1);
    const c = pool.take();
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(1024);
  });

  it("takes back only what it lent, each buffer once", () => {
    const pool = new BufferPool(1024, 4);
    pool.release(Buffer.alloc(1024)); // not the pool's
    expect(pool.freeCount).toBe(0);
    const a = pool.take();
    pool.release(a);
    pool.release(a); // twice: lending it to two readers at once would mix their bytes
    expect(pool.freeCount).toBe(1);
    const b = pool.take();
    const c = pool.take();
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(a.buffer);
  });
});
