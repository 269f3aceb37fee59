// Traffic Light Protocol markings as STIX 2.1 defines them (the predefined TLP marking-definition
// objects of STIX 2.1, section 7.2.1.4: fixed ids every STIX consumer knows). TLP 2.0's CLEAR is
// the former WHITE.
import { z } from "zod";

export const TLP_LEVELS = ["CLEAR", "GREEN", "AMBER", "RED"] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export const ZTlp = z.enum(TLP_LEVELS, { error: "TLP must be one of CLEAR, GREEN, AMBER, RED" });

const DEFINITIONS: Record<TlpLevel, { id: string; tlp: string }> = {
  CLEAR: { id: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", tlp: "white" },
  GREEN: { id: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", tlp: "green" },
  AMBER: { id: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", tlp: "amber" },
  RED: { id: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", tlp: "red" },
};

/** The marking-definition object of a level, exactly as the specification publishes it. */
export function tlpMarking(level: TlpLevel) {
  const d = DEFINITIONS[level];
  return {
    type: "marking-definition" as const,
    spec_version: "2.1" as const,
    id: d.id,
    created: "2017-01-20T00:00:00.000Z",
    definition_type: "tlp",
    name: `TLP:${d.tlp.toUpperCase()}`,
    definition: { tlp: d.tlp },
  };
}

/** What a case exports under when the exporter chooses nothing: restricted cases stay RED. */
export function defaultTlp(restricted: boolean): TlpLevel {
  return restricted ? "RED" : "AMBER";
}
