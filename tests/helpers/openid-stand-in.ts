// A loopback stand-in for where the Bot Connector publishes its token signing keys: the OpenID
// metadata document (login.botframework.com/v1/.well-known/openidconfiguration) and the key set
// its `jwks_uri` names, and a signer of channel tokens shaped as the Bot Connector's. Point the bot
// at it with ToBotFromChannelOpenIdMetadataUrl=standIn.metadataUrl.
//
// What botbuilder 4.23 checks on a channel token (botframework-connector/lib/auth:
// parameterizedBotFrameworkAuthentication.js, jwtTokenExtractor.js, openIdMetadata.js):
// - `iss` must be https://api.botframework.com, before anything else (no key is fetched otherwise);
// - the header's `kid` must name an RSA key (`n`, `e`) of the key set, and the signature verify
//   with it (RS256/384/512 only), `exp` and `nbf` with 5 minutes' tolerance;
// - a key with `endorsements` must list the activity's channelId ('msteams');
// - `aud` must be the bot's app id, and `serviceurl` equal the activity's serviceUrl.
// botbuilder caches the keys per metadata URL for the whole process (re-reading them at most once
// an hour for an unknown kid), so give every bot under test its own stand-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** 'trusted' is published, endorsed for Teams; 'unendorsed' is published for Web Chat only; 'unknown' is not published. */
export type SigningKey = 'trusted' | 'unendorsed' | 'unknown';

export interface OpenIdStandIn {
  metadataUrl: string;
  /** The trusted key's public half, as published. */
  trustedJwk: JWK;
  /**
   * A channel token for `aud` and `serviceurl`, valid for ten minutes, signed with the trusted key;
   * `claims` override or add claims (undefined removes one), `key`/`kid` sign otherwise.
   */
  sign(claims: Record<string, unknown>, opts?: { key?: SigningKey; kid?: string }): Promise<string>;
  /** The paths requested, in order. */
  requests: string[];
  /** While false every request is answered 503, as an outage would. */
  available: boolean;
  close(): Promise<void>;
}

export async function startOpenIdStandIn(): Promise<OpenIdStandIn> {
  const pairs = {} as Record<SigningKey, { publicKey: CryptoKey; privateKey: CryptoKey }>;
  for (const name of ['trusted', 'unendorsed', 'unknown'] as const)
    pairs[name] = await generateKeyPair('RS256', { extractable: true });
  // `endorsements` is the Bot Framework's own addition to a JWK: the channels a key may sign for.
  const published = async (name: SigningKey, endorsements: string[]): Promise<JWK & { endorsements: string[] }> => ({
    ...(await exportJWK(pairs[name].publicKey)),
    kid: name,
    use: 'sig',
    alg: 'RS256',
    endorsements,
  });
  const keys = [await published('trusted', ['msteams', 'skype']), await published('unendorsed', ['webchat'])];

  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!standIn.available) res.writeHead(503).end();
    else if (path === '/v1/.well-known/openidconfiguration') {
      json({
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${base}/v1/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (path === '/v1/.well-known/keys') json({ keys });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const standIn: OpenIdStandIn = {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    trustedJwk: keys[0] as JWK,
    requests,
    available: true,
    async sign(claims, opts = {}) {
      const key = opts.key ?? 'trusted';
      const now = Math.floor(Date.now() / 1000);
      const payload = Object.fromEntries(
        Object.entries({ iss: BOT_FRAMEWORK_ISSUER, nbf: now, iat: now, exp: now + 600, ...claims }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? key })
        .sign(pairs[key].privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}
