// An authorization server for cliauth's end-to-end tests: the certified npm oidc-provider with dynamic client
// registration (RFC 7591, open: no initial access token) and resource indicators (RFC 8707) for one protected
// resource, whose access tokens are JWTs with that resource as their audience. Its own development login and consent
// pages sign anyone in (any login name and password); a test's browser fills them in.
//
//   node resource-provider.mjs PORT RESOURCE
//
// Prints "listening ISSUER" once it accepts requests. Test use only: keys and cookies are made up on each start.
import Provider, { errors } from 'oidc-provider';

const [port, resource] = process.argv.slice(2);
if (!port || !resource) {
  console.error('usage: node resource-provider.mjs PORT RESOURCE');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' },
  cookies: { keys: [Math.random().toString(36).slice(2)] },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
  scopes: ['openid', 'profile', 'email', 'offline_access', 'mcp:tools'],
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, preferred_username: id, name: id, email: `${id}@example.com` }; } };
  },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // no default and no reuse of what was granted: a token request without resource gets no token for the API,
      // so a client that forgets RFC 8707 in its token or refresh request is caught
      defaultResource: async (ctx, client, oneOf) => oneOf,
      useGrantedResource: async () => false,
      getResourceServerInfo: async (ctx, indicator) => {
        if (indicator !== resource) {
          throw new errors.InvalidTarget();
        }
        return { scope: 'mcp:tools', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // refresh tokens for every client allowed the grant, not only with offline_access (cliauth asks for none by default)
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  pkce: { required: () => true },
  ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, RefreshToken: 3600, Interaction: 600, Session: 600, Grant: 600 },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
