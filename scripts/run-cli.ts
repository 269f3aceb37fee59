// The ending every database CLI shares: exit with main's code after closing the database; an
// expected error prints its safe message, anything else its stack.
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";

export function runCli(main: () => Promise<number>): void {
  main()
    .then(async (code) => {
      await db().$disconnect();
      process.exit(code);
    })
    .catch((e: unknown) => {
      console.error(isAppError(e) ? `Error: ${e.message}` : e);
      process.exit(1);
    });
}
