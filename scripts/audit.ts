// `npm run audit -- verify`: recomputes the audit hash chain; exit 0 when intact, 1 when broken.
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { runCli } from "./run-cli";

async function main(command: string | undefined): Promise<number> {
  if (command !== "verify") {
    console.error("Usage: npm run audit -- verify");
    return 2;
  }
  const report = await verifyAuditChain(db());
  if (report.ok) {
    console.log(`OK: ${report.events} events, chain head ${report.headHash}`);
    return 0;
  }
  console.log(`BROKEN at event ${report.brokenSeq}: ${report.reason} (${report.events} events verified before it)`);
  return 1;
}

runCli(() => main(process.argv[2]));
