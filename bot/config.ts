// Every environment variable the tracker reads, parsed and checked once, with its default.
// README.md and .env.example list the same variables; keep the three in step.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MARKINGS, type Markings } from './digest/text.ts';
import type { Level } from './log.ts';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  logLevel: Level;
  /** The tenant and board the CLI and a local run work on. */
  tenant: string;
  board: string;
  teams: TeamsConfig;
  schedule: ScheduleConfig;
  /** Where people reach this server, for links put on cards; and the key that signs them. */
  links: { publicUrl: string; secret?: string };
  /** The dashboard tab's single sign-on (see bot/tab/README.md). */
  tab: TabConfig;
  /** The papers' protective markings, full form and open form (PAPERS_MARKING, OPEN_PAPERS_MARKING). */
  papers: { markings: Markings };
  tables: {
    connectionString?: string;
    accountUrl?: string;
    prefix: string;
    dataDir: string;
    embeddedPort: number;
  };
  telemetry: TelemetryConfig;
}

/** Application Insights (bot/telemetry): off unless a connection string is given. */
export interface TelemetryConfig {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: where spans go; unset, nothing is loaded or sent. */
  connectionString?: string;
  /** OTEL_SERVICE_NAME: the cloud role name the spans carry. */
  serviceName: string;
}

/** The bot's registration, named as botbuilder names it. No app id: local use, unauthenticated. */
export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  certificateThumbprint?: string;
  certificatePrivateKey?: string;
  /** Messages a second the outbox sends for a tenant (Teams allows about 50). */
  tenantRate: number;
  /**
   * Where the Bot Connector's token signing keys are published (botbuilder's
   * ToBotFromChannelOpenIdMetadataUrl, for sovereign clouds and tests). Unset: the public cloud's.
   */
  openIdMetadataUrl?: string;
}

/**
 * How the tab's API checks a Teams SSO token (Entra ID access token). With no app id (local use,
 * never production) the tab offers a dev sign-in instead, and SSO tokens are not accepted.
 */
export interface TabConfig {
  /** The Entra app the tab's SSO tokens are issued for (TAB_SSO_APP_ID, default MicrosoftAppId). */
  appId?: string;
  /** Accepted `aud` values: api://{PUBLIC_URL host}/{appId} and the bare app id, or TAB_SSO_AUDIENCE. */
  audiences: string[];
  /** Single tenant: a token's `tid` must be this one. Unset: any tenant (each works on its own records). */
  tenant?: string;
  /** Entra ID's signing keys (TAB_JWKS_URL). */
  jwksUrl: string;
  /** Accepted issuers, `{tid}` standing for the token's tenant (TAB_SSO_ISSUERS, comma-separated). */
  issuers: string[];
  /** The dev sign-in: only without an app id and outside production. */
  devLogin: boolean;
}

/** When the pre-meeting digest and the chasers go out. */
export interface ScheduleConfig {
  /** Working days before the meeting that the digest goes out. */
  digestLeadDays: number;
  /** 'HH:mm', Europe/London. */
  digestTime: string;
  /** Working days before the digest that owners who have not replied are chased. */
  chaseLeadDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ConfigError(`${name} must be a port number (0-65535), not "${raw}"`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return raw as T;
}

const BOARD = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,62}$/;

/** Reads `.env` into the environment if there is one; variables already set win. */
export function readDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(env: Env = process.env): Config {
  const board = text(env, 'TRACKER_BOARD') ?? 'PAM';
  if (!BOARD.test(board))
    throw new ConfigError(
      `TRACKER_BOARD must be letters, digits, space, _ . or -, up to 63 characters, not "${board}"`,
    );
  const connectionString = text(env, 'TABLES_CONNECTION_STRING');
  const accountUrl = text(env, 'TABLES_ACCOUNT_URL');
  if (connectionString && accountUrl)
    throw new ConfigError('set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, not both');
  const production = env.NODE_ENV === 'production';
  if (production && !connectionString && !accountUrl) {
    throw new ConfigError(
      'NODE_ENV is production but neither TABLES_CONNECTION_STRING nor TABLES_ACCOUNT_URL is set: the embedded store (one file on this machine) is for local use only',
    );
  }
  const appId = text(env, 'MicrosoftAppId');
  if (production && !appId) {
    throw new ConfigError(
      'NODE_ENV is production but MicrosoftAppId is not set: the bot will not run unauthenticated in production',
    );
  }
  const appType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant');
  const appTenantId = text(env, 'MicrosoftAppTenantId');
  if (appType === 'SingleTenant' && appId && !appTenantId)
    throw new ConfigError('MicrosoftAppType SingleTenant needs MicrosoftAppTenantId');
  const openIdMetadataUrl = text(env, 'ToBotFromChannelOpenIdMetadataUrl');
  if (openIdMetadataUrl !== undefined) {
    let protocol: string;
    try {
      protocol = new URL(openIdMetadataUrl).protocol;
    } catch {
      throw new ConfigError(`ToBotFromChannelOpenIdMetadataUrl must be a URL, not "${openIdMetadataUrl}"`);
    }
    // Whoever answers this URL decides which tokens are genuine.
    if (production && protocol !== 'https:')
      throw new ConfigError('ToBotFromChannelOpenIdMetadataUrl must be https in production');
  }
  const rate = Number(text(env, 'TEAMS_TENANT_RATE') ?? 50);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000)
    throw new ConfigError('TEAMS_TENANT_RATE must be a number of messages a second (1-1000)');
  const days = (name: string, fallback: number): number => {
    const raw = text(env, name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 60)
      throw new ConfigError(`${name} must be a whole number of working days (0-60), not "${raw}"`);
    return n;
  };
  const digestTime = text(env, 'DIGEST_TIME') ?? '09:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(digestTime))
    throw new ConfigError(`DIGEST_TIME must be HH:mm (24-hour, Europe/London), not "${digestTime}"`);
  const linkSecret = text(env, 'LINK_SECRET');
  if (linkSecret !== undefined && linkSecret.length < 32)
    throw new ConfigError('LINK_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)');
  const optional = (name: string): Record<string, string> => {
    const value = text(env, name);
    return value ? { [name]: value } : {};
  };
  const secrets = {
    ...optional('MicrosoftAppPassword'),
    ...optional('CertificateThumbprint'),
    ...optional('CertificatePrivateKey'),
  };
  const listenPort = port(env, 'PORT', 3978);
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const publicUrl = text(env, 'PUBLIC_URL') ?? `http://${host}:${listenPort}`;
  const tab = tabConfig(env, { appId, appType, appTenantId, publicUrl, production });
  const marking = (name: string, fallback: string): string => {
    const raw = text(env, name) ?? fallback;
    // Printed at the top and bottom of every page: one short line of plain words.
    if (raw.length > 60 || !/^[\p{L}\p{N}][\p{L}\p{N} ()/&.,:'-]*$/u.test(raw))
      throw new ConfigError(
        `${name} must be a protective marking of up to 60 letters, digits and spaces (such as OFFICIAL-SENSITIVE), not "${raw}"`,
      );
    return raw;
  };
  return {
    port: listenPort,
    host,
    production,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    tenant: text(env, 'TRACKER_TENANT') ?? text(env, 'MicrosoftAppTenantId') ?? 'local',
    board,
    teams: {
      ...(appId ? { appId } : {}),
      ...(secrets.MicrosoftAppPassword ? { appPassword: secrets.MicrosoftAppPassword } : {}),
      appType,
      ...(appTenantId ? { appTenantId } : {}),
      ...(secrets.CertificateThumbprint ? { certificateThumbprint: secrets.CertificateThumbprint } : {}),
      ...(secrets.CertificatePrivateKey ? { certificatePrivateKey: secrets.CertificatePrivateKey } : {}),
      tenantRate: rate,
      ...(openIdMetadataUrl ? { openIdMetadataUrl } : {}),
    },
    links: { publicUrl, ...(linkSecret ? { secret: linkSecret } : {}) },
    tab,
    papers: {
      markings: {
        full: marking('PAPERS_MARKING', DEFAULT_MARKINGS.full),
        open: marking('OPEN_PAPERS_MARKING', DEFAULT_MARKINGS.open),
      },
    },
    schedule: { digestLeadDays: days('DIGEST_LEAD_DAYS', 5), digestTime, chaseLeadDays: days('CHASE_LEAD_DAYS', 3) },
    tables: {
      ...(connectionString ? { connectionString } : {}),
      ...(accountUrl ? { accountUrl } : {}),
      prefix: text(env, 'TABLES_PREFIX') ?? 'pam',
      dataDir: path.resolve(text(env, 'DATA_DIR') ?? '.data'),
      embeddedPort: port(env, 'EMBEDDED_TABLES_PORT', 10002),
    },
    telemetry: telemetryConfig(env),
  };
}

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function tabConfig(
  env: Env,
  bot: {
    appId: string | undefined;
    appType: TeamsConfig['appType'];
    appTenantId: string | undefined;
    publicUrl: string;
    production: boolean;
  },
): TabConfig {
  const appId = text(env, 'TAB_SSO_APP_ID') ?? bot.appId;
  const tenant = text(env, 'TAB_SSO_TENANT') ?? (bot.appType === 'SingleTenant' ? bot.appTenantId : undefined);
  let host: string;
  try {
    host = new URL(bot.publicUrl).host;
  } catch {
    throw new ConfigError(`PUBLIC_URL must be a URL, not "${bot.publicUrl}"`);
  }
  const audiences = list(text(env, 'TAB_SSO_AUDIENCE'));
  const jwksUrl =
    text(env, 'TAB_JWKS_URL') ?? `https://login.microsoftonline.com/${tenant ?? 'common'}/discovery/v2.0/keys`;
  try {
    new URL(jwksUrl);
  } catch {
    throw new ConfigError(`TAB_JWKS_URL must be a URL, not "${jwksUrl}"`);
  }
  const issuers = list(text(env, 'TAB_SSO_ISSUERS'));
  return {
    ...(appId ? { appId } : {}),
    audiences: audiences.length ? audiences : appId ? [`api://${host}/${appId}`, appId] : [],
    ...(tenant ? { tenant } : {}),
    jwksUrl,
    issuers: issuers.length
      ? issuers
      : ['https://sts.windows.net/{tid}/', 'https://login.microsoftonline.com/{tid}/v2.0'],
    devLogin: !bot.appId && !appId && !bot.production,
  };
}

function telemetryConfig(env: Env): TelemetryConfig {
  const connectionString = text(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING');
  // Checked here, as the exporter checks it, so a mistake is one clear line at start (never quoting
  // the value), not a stack trace from inside the exporter.
  if (connectionString !== undefined) {
    const key = connectionString
      .split(';')
      .map((part) => part.split('='))
      .find(([name]) => name?.trim().toLowerCase() === 'instrumentationkey')?.[1]
      ?.trim();
    if (!key || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key))
      throw new ConfigError(
        'APPLICATIONINSIGHTS_CONNECTION_STRING must be the connection string of an Application Insights resource (InstrumentationKey=<lower-case GUID>;IngestionEndpoint=...)',
      );
  }
  return {
    ...(connectionString ? { connectionString } : {}),
    serviceName: text(env, 'OTEL_SERVICE_NAME') ?? 'pam-tracker',
  };
}
