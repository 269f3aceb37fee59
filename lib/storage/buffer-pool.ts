// Read buffers used again and again for long sequential reads (the case file export). A fresh 1 MiB
// buffer per read cost the export more than its reads and writes: every buffer was new memory to be
// faulted in and zeroed by the kernel, and each 64 MiB of them counted as external memory that made
// V8 run a full mark-compact of the server's whole heap (perf of the export: ~30% of the server's
// CPU in V8's marking and sweeping, ~10% in page faults; bench: npm run bench -- dashboard-export b).
// A buffer goes back to the pool only when its consumer says it is done with it (release(), e.g.
// once the socket has taken the bytes); one never released is simply garbage, so a consumer that
// does not know about the pool is safe, it just gets no reuse.

export class BufferPool {
  private readonly free: Buffer[] = [];
  /** The buffers lent out, by their memory: only these are taken back, each once. */
  private readonly lent = new WeakSet<ArrayBufferLike>();
  /** Buffers lent so far, and how many of those were new (a take() that found none free). */
  taken = 0;
  allocated = 0;

  /** `keep`: how many free buffers to hold on to between uses (memory kept: keep x bufferBytes). */
  constructor(
    readonly bufferBytes: number,
    private readonly keep: number,
  ) {}

  /** A buffer of bufferBytes that nobody else holds (its content is whatever was there). */
  take(): Buffer {
    this.taken++;
    const buffer = this.free.pop() ?? this.allocate();
    this.lent.add(buffer.buffer);
    return buffer;
  }

  /** Gives back the buffer that `chunk` (the buffer take() gave, or a part of it) lies in. Chunks
   *  from anywhere else, and a second release of the same buffer, are ignored. */
  release(chunk: Uint8Array): void {
    const memory = chunk.buffer;
    if (!this.lent.has(memory)) return;
    this.lent.delete(memory);
    if (this.free.length < this.keep) this.free.push(Buffer.from(memory, 0, this.bufferBytes));
  }

  private allocate(): Buffer {
    this.allocated++;
    return Buffer.allocUnsafeSlow(this.bufferBytes);
  }

  /** Free buffers held now (for tests). */
  get freeCount(): number {
    return this.free.length;
  }
}
