// The handlers a worker runs, one per job type. A worker claims only the types it has a handler
// for, so a process without one never burns a job's attempts. lib/worker registers them all.
export type JobContext = {
  jobId: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
};

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

const registry = globalThis as unknown as { lanternJobHandlers?: Map<string, JobHandler> };

function handlers(): Map<string, JobHandler> {
  registry.lanternJobHandlers ??= new Map();
  return registry.lanternJobHandlers;
}

export function registerJobHandler(type: string, handler: JobHandler): void {
  handlers().set(type, handler);
}

export function jobHandler(type: string): JobHandler | undefined {
  return handlers().get(type);
}

export function registeredJobTypes(): string[] {
  return [...handlers().keys()].sort();
}

/** Thrown by a handler for a failure no retry can mend (bad payload, gone target): the job is DEAD at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}
