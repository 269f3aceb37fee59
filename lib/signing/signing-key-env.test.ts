// LANTERN_SIGNING_KEY (a PKCS#8 PEM, "\n" escapes allowed) wins over the data folder: no key file is
// made, and the configured key signs.
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";

const configured = generateKeyPairSync("ed25519");
// Read lazily by lib/env.ts, so setting it before the first env() call is enough.
process.env.LANTERN_SIGNING_KEY = (configured.privateKey.export({ type: "pkcs8", format: "pem" }) as string).replaceAll("\n", "\\n");

afterAll(() => {
  delete process.env.LANTERN_SIGNING_KEY; // in case the worker process runs another file next
});

const { keyIdOf, signingKey, signingKeyPath } = await import("@/lib/signing/signing-key");

describe("a configured signing key", () => {
  it("is used as given, and no key file is created", () => {
    expect(signingKey().keyId).toBe(keyIdOf(configured.publicKey));
    expect(signingKey().publicKeyPem).toBe(configured.publicKey.export({ type: "spki", format: "pem" }));
    expect(fs.existsSync(signingKeyPath())).toBe(false);
  });
});
