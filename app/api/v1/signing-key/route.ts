import { json, publicRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { knownPublicKeys } from "@/lib/signing/signing-key";

// Public on purpose: whoever receives a case file or a checkpoint needs the key to check it.
export const GET = publicRoute(async () => {
  const [current, ...retired] = knownPublicKeys();
  return json({ algorithm: "Ed25519", keyId: current.keyId, publicKeyPem: current.publicKeyPem, retiredKeys: retired });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
