// The Bot Framework adapter. With an app id, botbuilder checks every incoming request's token (the
// Bot Connector's JWT) before the bot sees it, and replies carry the bot's token; without one the
// bot runs for local use only, and says so. Before botbuilder looks at a token, this adapter refuses
// the kinds this bot never takes (below); of the rest botbuilder alone decides whether a token is
// good, and this adapter only turns its verdict into the answer: a refused token is 401, a token that
// could not be checked (the signing keys unreadable) is 503 and logged, and in neither case does the
// bot run. Every Bot Connector client it makes tries each call once (see oneTry).
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AseChannelValidation,
  AuthenticationConstants,
  AuthenticationError,
  SkillValidation,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
} from 'botframework-connector';
import { decodeJwt, type JWTPayload } from 'jose';
import type { TeamsConfig } from '../config.ts';
import type { Logger } from '../log.ts';

export function createAdapter(teams: TeamsConfig, log: Logger): CloudAdapter {
  // botbuilder reads its settings under these names.
  const settings = {
    MicrosoftAppId: teams.appId ?? '',
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.appTenantId ?? '',
    CertificateThumbprint: teams.certificateThumbprint ?? '',
    CertificatePrivateKey: teams.certificatePrivateKey ?? '',
    ...(teams.openIdMetadataUrl ? publicCloudWithKeysAt(teams.openIdMetadataUrl) : {}),
  };
  if (!teams.appId) {
    log.warn('teams.unauthenticated', {
      message:
        'MicrosoftAppId is not set: requests to /api/messages are NOT authenticated. For local use only (the Agents Playground); never expose this port.',
    });
  }
  const adapter = new TrackerAdapter(new TeamsAuthentication(settings, Boolean(teams.appId)), log);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('teams.turn_failed', {
      type: context.activity.type,
      name: context.activity.name,
      conversation: context.activity.conversation?.id,
      error,
    });
    // Tell the person rather than leave them waiting; invokes get their answer as the HTTP response.
    if (context.activity.type === 'message') {
      // It may have failed after saving (the answer could not be sent), so it does not say nothing was saved.
      await context
        .sendActivity(
          'Sorry, something went wrong on my side (it has been logged). Please try again in a minute; "mine" shows where your actions stand.',
        )
        .catch(() => undefined);
    }
  };
  return adapter;
}

/** A request body that is no activity: the HTTP app answers it 400 with this message (http-errors' `expose`). */
export class NotAnActivity extends Error {
  readonly status = 400;
  readonly expose = true;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/**
 * Why a request body is not an activity as Teams sends one, or undefined. Teams sends each of these
 * on every activity; without them botbuilder throws before looking at the token (no type: a 500) or
 * runs a turn that cannot answer (no conversation, or no serviceUrl to answer on).
 */
export function activityProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'the request body is not an activity (a JSON object)';
  if (!filled(body['type'])) return 'the activity has no type';
  if (!filled(body['channelId'])) return 'the activity has no channelId';
  const serviceUrl = body['serviceUrl'];
  if (typeof serviceUrl !== 'string' || !/^https?:\/\/[^/]/i.test(serviceUrl))
    return 'the activity has no serviceUrl (an http or https URL)';
  for (const part of ['conversation', 'from', 'recipient'] as const) {
    const party = body[part];
    if (!isRecord(party) || !filled(party['id'])) return `the activity has no ${part}.id`;
  }
  return undefined;
}

/**
 * The public cloud's settings with the signing keys read elsewhere. Given any one of these,
 * botbuilder's BotFrameworkAuthenticationFactory takes them all from the settings and leaves the
 * missing ones undefined (no token issuer, no login URL), so all are given.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * botbuilder's authentication with three changes. A token of a kind this bot never takes is refused
 * before botbuilder routes it (refusedKind). Every Bot Connector client it makes, for a turn or a
 * proactive send, tries each call once: Teams counts every call, and the outbox paces and retries
 * them. And a client is made once for each bot, service URL and audience, not on every turn
 * (botbuilder makes one per turn, with its credentials and its HTTP pipeline, even for an invoke
 * answered in the HTTP response).
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    settings: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly authenticated: boolean,
  ) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const refused = this.authenticated ? refusedKind(activity, authHeader) : undefined;
    if (refused !== undefined) throw new AuthenticationError(refused, 401);
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory
      ? { ...result, connectorFactory: this.#reused(result.connectorFactory, result.claimsIdentity) }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.#reused(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  /**
   * `factory`'s clients, each without its own retries, kept by what botbuilder makes one from: the
   * bot it speaks as (the identity's audience, else app id, as botbuilder reads it), the service URL
   * and the audience. A client holds no per-turn state, and its credentials keep their own token cache.
   */
  #reused(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const appId =
      identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
      identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
      '';
    const clients = this.#clients;
    const once = oneTry(factory);
    return {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const k = JSON.stringify([appId, serviceUrl, audience ?? null]);
        const known = clients.get(k);
        if (known) return known;
        // A bound on what a stream of made-up service URLs could make it keep.
        if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value ?? '');
        const made = once.create(serviceUrl, audience);
        clients.set(k, made);
        made.catch(() => clients.delete(k)); // a failed one is made again next time
        return made;
      },
    };
  }
}

/** Bot Connector clients kept (one a service URL: Teams has a few, by region). */
const MAX_CLIENTS = 100;

/**
 * Why a token is refused before botbuilder checks it, or undefined to leave it to botbuilder.
 * botbuilder checks an AseChannel activity, a skill's token (its claims) and an Emulator's (its
 * issuer) against keys on the public cloud, whatever ToBotFromChannelOpenIdMetadataUrl says: a forged
 * one would make it fetch them (a 503 where they cannot be reached) for callers this bot does not
 * serve. And jsonwebtoken accepts a token with no `exp` as never expiring.
 */
function refusedKind(activity: Activity, authHeader: string): string | undefined {
  if (AseChannelValidation.isTokenFromAseChannel(activity.channelId))
    return 'Unauthorized. This bot takes no AseChannel requests.';
  const [scheme, token, ...rest] = authHeader.trim().split(' ');
  if (scheme !== 'Bearer' || !token || rest.length > 0) return undefined; // botbuilder refuses it
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return undefined; // not a JWT: botbuilder refuses it
  }
  if (SkillValidation.isSkillToken(authHeader)) return 'Unauthorized. This bot takes no skill tokens.';
  if (claims.iss !== AuthenticationConstants.ToBotFromChannelTokenIssuer)
    return 'Unauthorized. The token was not issued by the Bot Connector.';
  if (typeof claims.exp !== 'number') return 'Unauthorized. The token has no expiry.';
  return undefined;
}

/** The Bot Connector's clients from `factory`, each without its own retries. */
function oneTry(factory: ConnectorFactory): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      const client = await factory.create(serviceUrl, audience);
      // The client retries 429s and 5xx itself (@azure/core-rest-pipeline's retry policy, three more
      // tries) and botbuilder offers no option to stop it, so the policy is taken out of its pipeline.
      const pipeline = (
        client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown[] } } }
      ).client?.pipeline;
      if (!pipeline) throw new Error("botbuilder's Bot Connector client has no pipeline to take its retries out of");
      pipeline.removePolicy({ phase: 'Retry' });
      return client;
    },
  };
}

// botbuilder lets jsonwebtoken's verdicts through unwrapped (a bad signature, a disallowed
// algorithm, a token not yet valid), and CloudAdapter would answer them 500.
const JWT_REFUSALS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** Why botbuilder refused a token, or undefined when it failed to check it at all. */
function refusalOf(err: unknown): string | undefined {
  // A metadata or key download that answered an error status is an AuthenticationError too, but 500.
  if (err instanceof AuthenticationError) return err.statusCode === 401 ? err.message : undefined;
  if (err instanceof Error && JWT_REFUSALS.has(err.name)) return `Unauthorized. ${err.message}`;
  return undefined;
}

class TrackerAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
  }

  // CloudAdapter.process calls this with the request's Authorization header; streaming calls it
  // with a request already authenticated. Either way the turn itself is botbuilder's.
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    let checked: AuthenticateRequestResult;
    try {
      checked = await this.botFrameworkAuthentication.authenticateRequest(activity, auth);
    } catch (err) {
      const refused = refusalOf(err);
      if (refused !== undefined) {
        this.log.warn('teams.unauthorized', { reason: refused, type: activity.type, channel: activity.channelId });
        return { status: 401, body: refused };
      }
      this.log.error('teams.auth_unavailable', {
        message:
          "A request's token could not be checked (are the Bot Connector's signing keys reachable?): answered 503.",
        error: err,
      });
      return { status: 503, body: 'Service unavailable: the request could not be authenticated. Try again later.' };
    }
    return super.processActivity(checked, activity, logic);
  }
}
