// Who is calling the tab's API: a bearer token, checked before anything is read.
// - Inside Teams: the tab's SSO token (authentication.getAuthToken()), an Entra ID access token.
//   Checked with jose: RS256 signature against Entra ID's published keys (JWKS), issuer (v1 or v2
//   form, for the token's own tenant), audience (api://{host}/{appId} or the bare app id), expiry,
//   and the tenant when the app is single-tenant. The caller is the token's `oid` in `tid`.
// - Local use only (no app id, not production): a short-lived dev token, HMAC-signed by this
//   process, naming a directory person. A verifier built with an app id has no dev path at all.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export type TokenIdentity = { kind: 'entra'; oid: string; tid: string } | { kind: 'dev'; personId: string };

export class TokenError extends Error {
  override name = 'TokenError';
}

export interface SsoOptions {
  audiences: readonly string[];
  /** Issuer templates; `{tid}` is the token's tenant. */
  issuers: readonly string[];
  /** Single tenant: the only `tid` accepted. */
  tenant?: string;
  jwksUrl: string;
  /** Allowed clock skew, seconds (default 60). */
  clockToleranceSec?: number;
}

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<TokenIdentity>;
  /** Only when dev sign-in is on: a dev token for this person. */
  devToken?(personId: string): { token: string; expiresAt: string };
}

const DEV_PREFIX = 'dev.';
const DEV_TTL_MS = 8 * 3600_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bearer(authorization: string | undefined): string {
  const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!m?.[1]) throw new TokenError('no bearer token');
  return m[1];
}

export function ssoVerifier(opts: SsoOptions, getKey?: JWTVerifyGetKey): (token: string) => Promise<TokenIdentity> {
  if (opts.audiences.length === 0) throw new Error('SSO needs at least one audience (an app id)');
  const keys =
    getKey ?? createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [...opts.audiences],
        clockTolerance: opts.clockToleranceSec ?? 60,
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      }));
    } catch (err) {
      if (err instanceof errors.JOSEError) throw new TokenError(`token refused: ${err.code}`);
      throw err;
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    const oid = typeof payload.oid === 'string' ? payload.oid : '';
    if (!GUID.test(tid) || !GUID.test(oid)) throw new TokenError('token refused: tid and oid must be ids');
    if (opts.tenant && tid.toLowerCase() !== opts.tenant.toLowerCase())
      throw new TokenError('token refused: another tenant');
    const issuers = opts.issuers.map((i) => i.replaceAll('{tid}', tid));
    if (!issuers.includes(String(payload.iss))) throw new TokenError('token refused: issuer');
    return { kind: 'entra', oid: oid.toLowerCase(), tid: tid.toLowerCase() };
  };
}

export function devTokens(
  secret: Buffer = randomBytes(32),
  now: () => Date = () => new Date(),
): {
  issue(personId: string): { token: string; expiresAt: string };
  check(token: string): TokenIdentity;
} {
  const sign = (body: string): string => createHmac('sha256', secret).update(body).digest('base64url');
  return {
    issue(personId) {
      const exp = now().getTime() + DEV_TTL_MS;
      const body = Buffer.from(JSON.stringify({ personId, exp })).toString('base64url');
      return { token: `${DEV_PREFIX}${body}.${sign(body)}`, expiresAt: new Date(exp).toISOString() };
    },
    check(token) {
      const [body = '', sig = ''] = token.slice(DEV_PREFIX.length).split('.');
      const given = Buffer.from(sig);
      const expected = Buffer.from(sign(body));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new TokenError('dev token refused: signature');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        personId?: unknown;
        exp?: unknown;
      };
      if (typeof claims.personId !== 'string' || typeof claims.exp !== 'number')
        throw new TokenError('dev token refused: malformed');
      if (claims.exp < now().getTime()) throw new TokenError('dev token refused: expired');
      return { kind: 'dev', personId: claims.personId };
    },
  };
}

/**
 * The tab API's verifier. `dev` is given only in local mode: then SSO is off (no app id to check
 * an audience against); otherwise dev tokens are refused like any other bad token.
 */
export function createTokenVerifier(opts: {
  sso?: SsoOptions;
  getKey?: JWTVerifyGetKey;
  dev?: { secret?: Buffer; now?: () => Date };
}): TokenVerifier {
  const sso = opts.sso && opts.sso.audiences.length > 0 ? ssoVerifier(opts.sso, opts.getKey) : undefined;
  const dev = opts.dev && !sso ? devTokens(opts.dev.secret, opts.dev.now) : undefined;
  return {
    async verify(authorization) {
      const token = bearer(authorization);
      if (token.startsWith(DEV_PREFIX)) {
        if (!dev) throw new TokenError('dev tokens are not accepted here');
        return dev.check(token);
      }
      if (!sso) throw new TokenError('single sign-on is not configured (no app id)');
      return sso(token);
    },
    ...(dev ? { devToken: (personId: string) => dev.issue(personId) } : {}),
  };
}
