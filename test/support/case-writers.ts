// A second process writing to the same database as a test: `concurrency` loops, each creating
// cases one after the other through lib/ (the code the server runs for POST /api/v1/cases), until
// its stdin closes. Prints "ready" once writing, and at the end one JSON line:
// { "created": n, "errors": [first few messages], "errorCount": n }.
// Run with tsx: node node_modules/tsx/dist/cli.mjs test/support/case-writers.ts 50
import { randomUUID } from "node:crypto";
import { createCase } from "@/lib/cases/create-case";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";

const concurrency = Number(process.argv[2] ?? 50);

async function main(): Promise<void> {
  const actor = await db().user.create({
    data: { email: `writer-${randomUUID().slice(0, 8)}@example.test`, name: "Load writer", role: "INVESTIGATOR", passwordHash: await hashPassword(randomUUID()) },
    select: { id: true, email: true, name: true, role: true },
  });
  let stopped = false;
  process.stdin.on("end", () => (stopped = true));
  process.stdin.on("close", () => (stopped = true));
  process.stdin.resume();

  let created = 0;
  const errors: string[] = [];
  let errorCount = 0;
  const loop = async (n: number) => {
    for (let i = 0; !stopped; i++) {
      // Each create starts from an event-loop turn, as a request does (the database calls are
      // synchronous underneath, so without this the loops would never let stdin's end through).
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await createCase({ actor, requestId: randomUUID(), ip: "127.0.0.1" }, { title: `Load ${n}-${i}` });
        created += 1;
      } catch (e) {
        errorCount += 1;
        if (errors.length < 5) errors.push(e instanceof Error ? e.message.slice(-300) : String(e));
      }
    }
  };
  const loops = Array.from({ length: concurrency }, (_, n) => loop(n));
  console.log("ready");
  await Promise.all(loops);
  await db().$disconnect();
  console.log(JSON.stringify({ created, errorCount, errors }));
}

main().catch((e: unknown) => {
  // The test reads the failure from the exit code. Let go of stdin (the only thing that keeps the
  // process alive) so it ends by itself.
  console.error(e);
  process.exitCode = 1;
  process.stdin.destroy();
});
