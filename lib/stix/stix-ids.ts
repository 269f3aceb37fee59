// STIX identifiers. Cyber-observables get the deterministic UUIDv5 of STIX 2.1 section 2.9 (the
// STIX namespace over the canonical JSON of their id-contributing properties), so the same IP or
// account exported by two teams is one object in OpenCTI or MISP. Lantern's own objects (report,
// indicators, relationships) are UUIDv5 of what they describe under Lantern's namespace, so
// exporting a case again updates the same objects instead of adding copies.
import { v5 as uuidv5 } from "uuid";
import { canonicalJson } from "@/lib/audit/canonical";

const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";
const LANTERN_NAMESPACE = "4b1c6c4e-6a43-5f0e-9d3e-7a3a3f0e2c11";

export function observableId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

export function objectId(type: string, ...parts: string[]): string {
  return `${type}--${uuidv5(`${type}:${parts.join(":")}`, LANTERN_NAMESPACE)}`;
}

/** A string literal inside a STIX pattern: backslashes and single quotes escaped. */
export function patternString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
