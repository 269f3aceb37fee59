// What restricting a case would do: members keep it, every other active non-admin who reads cases
// loses it, and those of them who wrote notes or uploaded evidence are named.
import { describe, expect, it } from "vitest";
import { assignCase } from "@/lib/cases/assign-case";
import { getRestrictionImpact } from "@/lib/cases/restriction-impact";
import { db } from "@/lib/db/client";
import { addNote } from "@/lib/notes/notes";
import { createCase, createUser, ctxFor } from "@/test/factories";

describe("getRestrictionImpact", () => {
  it("counts who would lose access and names the ones who worked on the case", async () => {
    const manager = await createUser({ role: "MANAGER", name: "Mona Manager" });
    const lead = await createUser({ role: "INVESTIGATOR", name: "Lee Lead" });
    const c = await createCase(lead);
    await assignCase(ctxFor(manager), c.id, { leadId: lead.id, memberIds: [lead.id] });
    await addNote(ctxFor(manager), c.id, { body: "Manager's note" });
    await createUser({ role: "ADMIN" }); // admins keep access
    await createUser({ role: "INVESTIGATOR", disabled: true }); // disabled users see nothing anyway
    const readers = await db().user.count({ where: { disabledAt: null, role: { in: ["MANAGER", "INVESTIGATOR", "AUDITOR"] } } });
    const impact = await getRestrictionImpact(lead, c.number);
    expect(impact.keep).toEqual(["Lee Lead"]);
    expect(impact.loseCount).toBe(readers - 1);
    expect(impact.loseContributors).toEqual(["Mona Manager"]);
  });
});
