// Who is acting, and from where. Every lib/ function that reads or writes case data takes one.
import type { Role } from "@/lib/generated/sqlite/enums";

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
};

export type RequestContext = {
  actor: Actor;
  requestId: string;
  ip: string | null;
};

export const ROLES = ["ADMIN", "MANAGER", "INVESTIGATOR", "AUDITOR"] as const satisfies readonly Role[];
export type { Role };
