// Sets up users and tokens for browser and API tests through the admin CLI, against the data
// folder of the test server (the shared e2e server's unless a spec runs a server of its own).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { E2E_DATA_DIR } from "./e2e-env";

function admin(args: string[], dataDir: string): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin.ts", ...args], {
    env: { ...process.env, LANTERN_DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
  });
}

export type TestUser = { email: string; password: string; role: string };

export function createUser(
  role: "ADMIN" | "MANAGER" | "INVESTIGATOR" | "AUDITOR",
  name?: string,
  dataDir: string = E2E_DATA_DIR,
): TestUser {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@e2e.test`;
  const password = "e2e password for " + role.toLowerCase();
  admin(["create-user", "--email", email, "--role", role, "--password", password, ...(name ? ["--name", name] : [])], dataDir);
  return { email, password, role };
}

export function createToken(email: string, dataDir: string = E2E_DATA_DIR): string {
  // A name of its own: two live tokens of one user may not share a name.
  return admin(["create-token", "--email", email, "--name", `e2e-${randomUUID().slice(0, 8)}`], dataDir).trim();
}
