// A real OpenID provider (oidc-provider, the certified implementation) on loopback for the browser
// tests of single sign-on (decision 0029), started by playwright.config.ts beside the app. Its
// login page takes any login and password; the login is the email, and the claims follow from it:
//   unverified-…@…  email_verified false
//   manager-…@…     groups ["lantern-managers"] (LANTERN_OIDC_ROLE_MAP maps it to MANAGER)
//   anything else   groups ["staff"] (mapped to nothing: the default role)
// Two clients: the app (lantern-e2e) and other-app, whose ID tokens the wrong-audience test uses.
import Provider from "oidc-provider";

const port = Number(process.env.LANTERN_E2E_OIDC_PORT);
const appPort = Number(process.env.LANTERN_E2E_PORT ?? 3100);
if (!port) throw new Error("LANTERN_E2E_OIDC_PORT is required");
const issuer = `http://127.0.0.1:${port}`;

function claimsFor(login) {
  const email = login.trim().toLowerCase();
  const local = email.split("@")[0];
  return {
    sub: `e2e-${email}`,
    email,
    email_verified: !local.startsWith("unverified"),
    name: `SSO ${local}`,
    groups: local.startsWith("manager") ? ["lantern-managers"] : ["staff"],
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "lantern-e2e",
      client_secret: "lantern-e2e-client-secret",
      redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
    {
      client_id: "other-app",
      client_secret: "other-app-client-secret",
      redirect_uris: [`${issuer}/other-app/callback`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  // Put the scopes' claims into the ID token (Lantern reads only the ID token), as most providers do.
  conformIdTokenClaims: false,
  cookies: { keys: ["lantern-e2e-oidc-cookie-key"] },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsFor(id) }),
  // No consent screen: a grant of what was asked for is made on first use.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope ?? "openid");
    await grant.save();
    return grant;
  },
});

// The readiness check of Playwright's webServer.
provider.use(async (ctx, next) => {
  if (ctx.path === "/ready") {
    ctx.body = "ok";
    return;
  }
  await next();
});

provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
