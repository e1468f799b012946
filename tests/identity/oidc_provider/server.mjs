// A local OpenID Connect provider for the identity tests: panva's `oidc-provider` (the certified
// Node implementation) on loopback, with its development login/consent pages. The test that starts
// it chooses the port, the client and the accounts (their claims), so nothing here is a stand-in
// for our own code: the portal talks real OIDC (authorisation code + PKCE, RS256 id_token, JWKS,
// userinfo) to a real provider.
//
// Environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma separated),
// OIDC_ACCOUNTS (JSON: {"<sub>": {"email": ..., "name": ..., "id_number": ...}}).
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: (process.env.OIDC_REDIRECT_URIS || '').split(','),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // The national identity's own claim for the ID number is `id_number` under scope `national_id`.
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'birthdate'],
    phone: ['phone_number'],
    national_id: ['id_number'],
  },
  scopes: ['openid', 'email', 'profile', 'phone', 'national_id'],
  findAccount: async (ctx, sub) => {
    if (!Object.hasOwn(accounts, sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['test-only-cookie-key'] },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
