// The one-line permission check for operations that are not about a single case (user admin, the
// audit trail, accounts): refuses with 403 and the message given.
import type { Actor } from "@/lib/access/actor";
import { can, type Permission } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";

export function assertCan(actor: Actor, permission: Permission, message: string): void {
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", message);
}
