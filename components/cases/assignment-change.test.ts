import { describe, expect, it } from "vitest";
import { describeAssignmentChange } from "@/components/cases/assignment-change";

const dana = { id: "d", name: "Dana" };
const eli = { id: "e", name: "Eli" };
const fay = { id: "f", name: "Fay" };

describe("describeAssignmentChange", () => {
  it("names who was added and removed and a new lead", () => {
    expect(describeAssignmentChange({ lead: dana, members: [dana, eli] }, { lead: fay, members: [dana, fay] })).toBe(
      "Assignment saved: added Fay; removed Eli; Fay is now the lead",
    );
  });

  it("lists several names and says when the lead was cleared", () => {
    expect(describeAssignmentChange({ lead: dana, members: [dana] }, { lead: null, members: [dana, eli, fay] })).toBe(
      "Assignment saved: added Eli and Fay; no lead now",
    );
  });

  it("says so when nothing changed", () => {
    expect(describeAssignmentChange({ lead: null, members: [eli] }, { lead: null, members: [eli] })).toBe("Assignment saved: nothing changed");
  });
});
