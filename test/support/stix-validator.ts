// Validates STIX 2.1 objects against the OASIS JSON schemas vendored in test/stix2.1-schemas, the
// same schemas the reference validator uses, so what passes here imports into OpenCTI and MISP.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ROOT = path.join(process.cwd(), "test/stix2.1-schemas/schemas");
const BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

let ajv: Ajv2020 | undefined;

function compiler(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat("idn-hostname", true); // domain-name values; ajv-formats has no IDN check
  for (const dir of fs.readdirSync(ROOT)) {
    for (const file of fs.readdirSync(path.join(ROOT, dir))) {
      if (file.endsWith(".json")) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(ROOT, dir, file), "utf8")));
    }
  }
  return ajv;
}

/**
 * Schema errors of a value against one schema (e.g. "common/bundle", "observables/user-account");
 * [] when valid. For a bundle, extension-definition objects are checked against their own schema:
 * the bundle schema lists no extension-definition, and its catch-all for custom objects asks for
 * exactly one of core and cyber-observable-core, both of which an extension definition satisfies.
 */
export function stixErrors(value: unknown, schema = "common/bundle"): string[] {
  if (schema === "common/bundle" && isBundle(value)) {
    const definitions = value.objects.filter((o) => o.type === "extension-definition");
    if (definitions.length > 0) {
      return [
        ...stixErrors({ ...value, objects: value.objects.filter((o) => o.type !== "extension-definition") }, schema),
        ...definitions.flatMap((d) => stixErrors(d, "common/extension-definition").map((e) => `${d.id}: ${e}`)),
      ];
    }
  }
  const validate = compiler().getSchema(`${BASE}${schema}.json`);
  if (!validate) throw new Error(`No STIX schema ${schema}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

function isBundle(v: unknown): v is { objects: { type?: unknown; id?: unknown }[] } {
  return typeof v === "object" && v !== null && Array.isArray((v as { objects?: unknown }).objects);
}
