import path from "node:path";

export const E2E_PORT = Number(process.env.LANTERN_E2E_PORT ?? 3100);
// The OpenID provider the single sign-on specs sign in through (test/e2e/support/oidc-provider-server.mjs).
export const E2E_OIDC_PORT = Number(process.env.LANTERN_E2E_OIDC_PORT ?? E2E_PORT + 1000);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT = { id: "lantern-e2e", secret: "lantern-e2e-client-secret" };
export const E2E_OIDC_OTHER_CLIENT = { id: "other-app", secret: "other-app-client-secret", redirectUri: `${E2E_OIDC_ISSUER}/other-app/callback` };
export const E2E_DATA_DIR = path.resolve(".tmp", "e2e-data");
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e admin password" };
