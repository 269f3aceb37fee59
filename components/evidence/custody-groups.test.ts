import { describe, expect, it } from "vitest";
import { groupCustodyEvents, timeRange } from "@/components/evidence/custody-groups";
import type { CustodyEventView } from "@/lib/evidence/evidence-view";

let n = 0;
const ev = (action: string, at: string, actorEmail = "dana@example.test"): CustodyEventView => ({ id: `e${++n}`, action, at, actorEmail, ip: "127.0.0.1", sha256Observed: null, ok: null, detail: null });

describe("groupCustodyEvents", () => {
  it("makes one entry of repeated views by one person close together, newest first, keeping every event", () => {
    const events = [
      ev("VIEW", "2026-11-29T14:09:00Z"),
      ev("VIEW", "2026-11-29T14:05:00Z"),
      ev("VIEW", "2026-11-29T14:02:00Z"),
      ev("DOWNLOAD", "2026-11-29T14:01:00Z"),
      ev("UPLOAD", "2026-11-29T13:00:00Z"),
    ];
    const entries = groupCustodyEvents(events);
    expect(entries.map((e) => e.kind)).toEqual(["views", "event", "event"]);
    const views = entries[0];
    expect(views).toMatchObject({ kind: "views", first: "2026-11-29T14:02:00Z", last: "2026-11-29T14:09:00Z", actorEmail: "dana@example.test" });
    expect(views.kind === "views" && views.events.map((e) => e.id)).toEqual(events.slice(0, 3).map((e) => e.id));
    expect(timeRange("2026-11-29T14:02:00Z", "2026-11-29T14:09:00Z")).toBe("14:02 to 14:09 UTC on 2026-11-29");
  });

  it("keeps apart views by different people, views far apart, and views split by another event", () => {
    const entries = groupCustodyEvents([
      ev("VIEW", "2026-11-29T14:09:00Z", "a@example.test"),
      ev("VIEW", "2026-11-29T14:08:00Z", "b@example.test"),
      ev("VIEW", "2026-11-29T12:00:00Z", "b@example.test"),
      ev("VIEW", "2026-11-29T11:59:00Z", "b@example.test"),
      ev("VERIFY", "2026-11-29T11:58:00Z", "b@example.test"),
      ev("VIEW", "2026-11-29T11:57:00Z", "b@example.test"),
    ]);
    expect(entries.map((e) => (e.kind === "views" ? `views×${e.events.length}` : e.event.action))).toEqual(["VIEW", "VIEW", "views×2", "VERIFY", "VIEW"]);
  });
});
