// `npm run verify-export -- case.zip [--key key.pem] [--json]`: checks a Lantern case file offline,
// without the app's database or data folder: the Ed25519 signature over manifest.json, then every
// file's size and SHA-256; each missing, extra or altered file is named. Exit 0 when all is well,
// 1 when anything fails, 2 on usage errors. Without --key the public key inside the file is used,
// which proves the file is intact but not who signed it.
import fs from "node:fs";
import { describeReport, verifyCaseFile } from "@/lib/export/verify-case-file";

const USAGE = "Usage: npm run verify-export -- case.zip [--key key.pem] [--json]";

async function main(args: string[]): Promise<number> {
  const keyAt = args.indexOf("--key");
  const keyPath = keyAt === -1 ? undefined : args[keyAt + 1];
  const json = args.includes("--json");
  const positional = args.filter((a, i) => !a.startsWith("--") && !(keyAt !== -1 && i === keyAt + 1));
  if (positional.length !== 1 || (keyAt !== -1 && !keyPath)) {
    console.error(USAGE);
    return 2;
  }
  const [zipPath] = positional;
  if (!fs.existsSync(zipPath)) {
    console.error(`${zipPath}: no such file`);
    return 2;
  }
  const keys = keyPath ? [{ publicKeyPem: fs.readFileSync(keyPath, "utf8") }] : null;
  const report = await verifyCaseFile(zipPath, keys);
  if (json) console.log(JSON.stringify(report, null, 2));
  else for (const line of describeReport(report)) console.log(line);
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
