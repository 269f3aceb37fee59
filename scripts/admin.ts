// `npm run admin -- create-user --email E --role R [--password P] [--name N]`
// `npm run admin -- create-token --email E --name N`   (prints only the token on stdout)
// `npm run admin -- reset-second-factor --email E`    (break-glass: clears E's TOTP and recovery codes, ends E's sessions)
// `npm run admin -- enable-password-sign-in`          (break-glass: turns password sign-in back on; decision 0029)
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createApiToken } from "@/lib/auth/api-tokens";
import { unsafeTurnPasswordSignInOn } from "@/lib/auth/password-sign-in-setting";
import { unsafeResetSecondFactor } from "@/lib/users/reset-second-factor";
import { unsafeCreateUser } from "@/lib/users/users";
import { db } from "@/lib/db/client";
import { runCli } from "./run-cli";

const USAGE = `Usage:
  npm run admin -- create-user --email E --role ADMIN|MANAGER|INVESTIGATOR|AUDITOR [--password P] [--name N]
  npm run admin -- create-token --email E --name N
  npm run admin -- reset-second-factor --email E
  npm run admin -- enable-password-sign-in`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  if (command === "create-user") {
    const password = values.password ?? randomBytes(12).toString("base64url");
    const user = await unsafeCreateUser(SYSTEM_CONTEXT, {
      email: values.email ?? "",
      role: (values.role ?? "") as "ADMIN",
      name: values.name ?? values.email?.split("@")[0] ?? "",
      password,
    });
    console.error(`Created ${user.role} ${user.email}`);
    if (!values.password) console.error(`Password (shown once): ${password}`);
    return 0;
  }
  if (command === "create-token") {
    const user = await db().user.findUnique({ where: { email: (values.email ?? "").toLowerCase() }, select: { id: true, email: true, disabledAt: true } });
    if (!user || user.disabledAt) {
      console.error(`No active user with email ${values.email ?? "(missing --email)"}`);
      return 1;
    }
    const { token } = await createApiToken(user.id, { ...SYSTEM_CONTEXT, actorEmail: `cli:${user.email}` }, { name: values.name ?? "" });
    process.stdout.write(`${token}\n`);
    return 0;
  }
  if (command === "reset-second-factor") {
    // Break-glass for whoever has the server (also the only admin, locked out): audited as the system.
    const reset = await unsafeResetSecondFactor({ ...SYSTEM_CONTEXT, actorEmail: "cli:npm run admin" }, { email: (values.email ?? "").toLowerCase() }, "npm run admin");
    console.error(`Reset the second factor of ${reset.email}: ${reset.recoveryCodesRemoved} recovery codes removed, ${reset.sessionsEnded} sessions ended; they set one up again at their next sign-in`);
    return 0;
  }
  if (command === "enable-password-sign-in") {
    const changed = await unsafeTurnPasswordSignInOn({ ...SYSTEM_CONTEXT, actorEmail: "cli:enable-password-sign-in" });
    console.error(changed ? "Password sign-in is on again." : "Password sign-in was already on.");
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli(() => main(process.argv.slice(2)));
