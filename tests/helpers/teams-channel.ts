// A loopback stand-in for the Teams channel (the Bot Connector service a bot calls back on its
// `serviceUrl`). The bot under test runs the REAL botbuilder CloudAdapter and ConnectorClient, which
// talk real HTTP to this server; the server answers the Bot Connector REST routes that botbuilder
// 4.23.3 uses, records every request, and can inject the faults and throttling Teams produces.
//
// Routes, as botbuilder builds them (botframework-connector/lib/connectorApi/operations/conversations.js
// and lib/teams/operations/teams.js; botbuilder/lib/teamsInfo.js). Path parameters are sent
// encodeURIComponent-ed, so ids with ':' '@' ';' arrive as %3A %40 %3B: we split the raw path on '/'
// and decode each segment.
//   POST   /v3/conversations                                         createConversation
//   POST   /v3/conversations/{conversationId}/activities             sendToConversation
//   POST   /v3/conversations/{conversationId}/activities/{activityId} replyToActivity (also what
//            context.sendActivity uses in a turn, proactive turns included: see below)
//   PUT    /v3/conversations/{conversationId}/activities/{activityId} updateActivity
//   DELETE /v3/conversations/{conversationId}/activities/{activityId} deleteActivity
//   GET    /v3/conversations/{conversationId}/members                 getConversationMembers (deprecated
//            TeamsInfo.getMembers / getTeamMembers)
//   GET    /v3/conversations/{conversationId}/pagedmembers?pageSize=&continuationToken=
//            TeamsInfo.getPagedMembers / getPagedTeamMembers (in a team the "conversation" is the TEAM id)
//   GET    /v3/conversations/{conversationId}/members/{memberId}      TeamsInfo.getMember / getTeamMember
//   GET    /v3/teams/{teamId}                                         TeamsInfo.getTeamDetails
//   GET    /v3/teams/{teamId}/conversations                           TeamsInfo.getTeamChannels
// And, standing in for SharePoint, the files people send the bot (hostFile):
//   GET    /files/{id}/{name}                                         a file-download attachment's downloadUrl
// Anything else gets 404 and is recorded with route 'unexpected'.
//
// serviceUrl trust and auth (botbuilder 4.23.3, checked in the source):
// - There is no serviceUrl allow-list any more: `AppCredentials.trustServiceUrl()` is a no-op and
//   `AppCredentials.isTrustedServiceUrl()` always returns true (botframework-connector/lib/auth/appCredentials.js).
//   The ConnectorClient is built on @azure/core-client with `allowInsecureConnection` set whenever the
//   base URI starts with `http:`, so an activity whose serviceUrl is http://127.0.0.1:PORT/ is called
//   back on exactly that URL, plain HTTP, no configuration needed.
// - With no MicrosoftAppId (`new ConfigurationBotFrameworkAuthentication({})`),
//   PasswordServiceClientCredentialFactory.isAuthenticationDisabled() is true: inbound requests are not
//   validated at all, and outbound calls use MicrosoftAppCredentials.Empty, whose signRequest adds NO
//   Authorization header (recorded here as `hasAuthorization: false`).
// - With an app id the bot would fetch a token from login.microsoftonline.com (unreachable offline) and
//   send it to WHATEVER serviceUrl the activity names. In production the only protection is the inbound
//   JWT check (the token's `serviceurl` claim must equal activity.serviceUrl), so never run a bot with
//   an app id and authentication disabled, and never trust a serviceUrl from an unauthenticated request.
//
// Retry behaviour of the real client (@azure/core-rest-pipeline 1.24 defaultRetryPolicy, not configurable
// through botbuilder's ConnectorClientOptions): up to 3 retries (4 tries) when a 429 OR 503 carries
// Retry-After (seconds, fractions honoured; also retry-after-ms / x-ms-retry-after-ms); exponential
// back-off (~0.5-1 s, 1-2 s, 2-4 s with jitter) on 408 and 5xx except 501/505, and on ECONNRESET /
// ECONNREFUSED / ETIMEDOUT. A 429 without Retry-After, and a 412, are not retried. The bot takes that
// policy out of every client it makes (bot/teams/adapter.ts): each of its calls arrives here once.
// The client sets no time limit of its own: a request Teams never answers waits for ever unless the
// caller passes `timeout` (an aborted try is an AbortError, which is not retried either).
//
// Proactive sends: CloudAdapter turns built by createConversationAsync / continueConversationAsync have
// an activity id (the new conversation id, or a random uuid), and TurnContext.sendActivity copies it into
// `replyToId`, so those sends arrive as REPLIES (POST .../activities/{thatId}). Replies to unknown
// activity ids are therefore accepted, as Teams accepts them.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Activity, ConversationParameters, ConversationReference, TeamsChannelAccount } from 'botbuilder';

export type RouteName =
  | 'create'
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  | 'members'
  | 'pagedMembers'
  | 'member'
  | 'teamDetails'
  | 'teamChannels'
  | 'file'
  | 'unexpected';

/** Which requests a fault applies to. 'send' covers send and reply; 'roster' covers the member routes. */
export type FaultRoute = 'send' | 'update' | 'create' | 'delete' | 'roster' | 'any';

/** The statuses Teams produces for a bot; any other number is accepted too. */
export type FaultStatus = 429 | 412 | 500 | 502 | 503 | 504 | (number & {});

export interface FailOptions {
  status: FaultStatus;
  /** Sent as `Retry-After: <seconds>` (fractions allowed: botbuilder's client honours them). */
  retryAfterSeconds?: number;
  /** Default 'any'. */
  route?: FaultRoute;
}

export interface RandomFailOptions extends FailOptions {
  /** Probability (0..1) that a matching request fails. */
  rate: number;
  /** PRNG seed, so a run is repeatable. Default 1. */
  seed?: number;
}

export interface ResetOptions {
  /** 'before' (default): the request is dropped unprocessed. 'after': it is processed (and recorded
   *  as accepted) but the connection is reset instead of answering: a retry then produces a
   *  duplicate, as a lost response does in real life. */
  when?: 'before' | 'after';
  route?: FaultRoute;
}

export interface HangOptions {
  /** 'before' (default): the request is held unprocessed (Teams never got it) until the client gives
   *  up and closes the connection. 'after': it is processed (and recorded as accepted) but never
   *  answered, as when Teams' answer is lost: a client that times out and sends again duplicates it. */
  when?: 'before' | 'after';
  route?: FaultRoute;
}

export interface RateLimits {
  perConversationPerSecond: number;
  perConversationPer2s: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
  /** Answer 429 with `Retry-After` (whole seconds, rounded up). Default true. */
  retryAfterHeader?: boolean;
}

/** Teams' documented limits per bot per conversation, and per app per tenant. */
export const TEAMS_LIMITS: Readonly<RateLimits> = Object.freeze({
  perConversationPerSecond: 7,
  perConversationPer2s: 8,
  perConversationPer30s: 60,
  perTenantPerSecond: 50,
});

export interface TeamsChannelOptions {
  /** Enforce Teams-like rate limits (sliding windows, accepted operations only). `true` = TEAMS_LIMITS. */
  enforceLimits?: boolean | Partial<RateLimits>;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The raw path (still percent-encoded), without the query. */
  path: string;
  query: Record<string, string>;
  route: RouteName;
  /** Decoded. For the member routes under a team this is the team id. */
  conversationId?: string;
  /** Decoded: the replyToId of a reply, the target of an update/delete. */
  activityId?: string;
  memberId?: string;
  teamId?: string;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  hasAuthorization: boolean;
  authorization?: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  /** Status answered; undefined while in flight, or when the connection was reset. */
  status?: number;
  /** What the stand-in did besides answering normally. */
  fault?: 'failed' | 'random' | 'throttled' | 'reset-before' | 'reset-after' | 'hang-before' | 'hang-after';
  delayedMs?: number;
}

export interface SentActivity {
  seq: number;
  kind: 'send' | 'reply' | 'create';
  conversationId: string;
  /** The id assigned by the stand-in ('act-<n>'). */
  id: string;
  replyToId?: string;
  activity: Partial<Activity>;
  /** A message with the same text + attachments was already sent to this conversation. */
  duplicate: boolean;
  at: number;
}

export interface UpdatedActivity {
  seq: number;
  conversationId: string;
  activityId: string;
  activity: Partial<Activity>;
  at: number;
}

export interface DeletedActivity {
  seq: number;
  conversationId: string;
  activityId: string;
  at: number;
}

export interface CreatedConversation {
  seq: number;
  id: string;
  activityId?: string;
  /** false when the same 1:1 conversation was "created" again (Teams returns the existing id). */
  isNew: boolean;
  params: Partial<ConversationParameters>;
  tenantId?: string;
  at: number;
}

export interface TeamsChannelStats {
  requests: number;
  sent: number;
  updated: number;
  deleted: number;
  created: number;
  throttled429: number;
  /** Injected non-429 error answers (failNext / failRandomly). */
  failed: number;
  resets: number;
  /** Requests held unanswered (hangNext) until the client closed the connection. */
  hangs: number;
  duplicates: number;
  unexpected: number;
}

export interface HostedFile {
  bytes?: Uint8Array;
  contentType?: string;
  redirectTo?: string;
}

export interface TeamConfig {
  name: string;
  aadGroupId?: string;
  /** Default: the General channel only, whose id is the team id and which has no name (as Teams). */
  channels?: { id: string; name?: string }[];
}

export interface TeamsChannel {
  /** `http://127.0.0.1:PORT/`, trailing slash as Teams gives it. */
  readonly serviceUrl: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  sent(conversationId?: string): SentActivity[];
  updates(conversationId?: string): UpdatedActivity[];
  deletes(): DeletedActivity[];
  conversationsCreated(): CreatedConversation[];
  unexpected(): RecordedRequest[];
  /**
   * Serves a file at a download URL of its own, as Teams gives a bot a file sent to it (the
   * attachment's pre-authorised `downloadUrl`); returns that URL. `redirectTo` answers 302 there instead.
   */
  hostFile(name: string, file: Uint8Array | HostedFile): string;
  /** The requests for hosted files (route 'file'), in order. */
  downloads(): RecordedRequest[];
  stats(): TeamsChannelStats;
  /** Members for the member routes of a conversation, or of a team (TeamsInfo uses the team id there). */
  setRoster(conversationOrTeamId: string, members: TeamsChannelAccount[]): void;
  setTeam(teamId: string, team: TeamConfig): void;
  /** The next n matching requests get this error answer. Queued faults apply in order. */
  failNext(n: number, opts: FailOptions): void;
  /** The next n matching requests are held ms before being handled (then answered normally). */
  delayNext(n: number, ms: number, opts?: { route?: FaultRoute }): void;
  /** The next n matching requests get their connection destroyed (ECONNRESET on the client). */
  resetNext(n: number, opts?: ResetOptions): void;
  /** The next n matching requests are never answered: the client's time limit (if any) ends them. */
  hangNext(n: number, opts?: HangOptions): void;
  /** Forgets pending faults and random failures (what was recorded stays). */
  clearFaults(): void;
  /** Runs `action` once `count` activities have been accepted, before any later request is decided
   *  (e.g. to hang every send after the 60th). */
  whenSent(count: number, action: () => void): void;
  /** Fail a fraction of matching requests, decided by a seeded PRNG; `null` turns it off. */
  failRandomly(opts: RandomFailOptions | null): void;
  setLimits(limits: boolean | Partial<RateLimits>): void;
  /** Resolves with the first truthy value of `probe`, re-checked after every request (default 5 s). */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Waits until at least `count` activities were accepted (in `conversationId`, if given). */
  waitForSent(count: number, conversationId?: string, timeoutMs?: number): Promise<SentActivity[]>;
  /** Forgets requests, recorded activities, counters, pending faults, random failures and rate-limit
   *  windows; keeps rosters, teams and the conversations created (so creating again is not "new"). */
  clear(): void;
  close(): Promise<void>;
}

/** The conversation id the stand-in gives a bot's 1:1 chat with a user (stable per user, as Teams). */
export function personalConversationId(userId: string): string {
  return `a:personal-${userId}`;
}

/** The reference a bot keeps for its 1:1 chat with `user` on this stand-in (what a personal install gives it). */
export function personalReference(
  serviceUrl: string,
  user: { id: string; name: string; aadObjectId: string },
  opts: { tenantId: string; bot: { id: string; name: string } },
): Partial<ConversationReference> {
  return {
    serviceUrl,
    channelId: 'msteams',
    locale: 'en-GB',
    conversation: {
      id: personalConversationId(user.id),
      conversationType: 'personal',
      tenantId: opts.tenantId,
      isGroup: false,
      name: '',
    },
    bot: opts.bot,
    user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
  };
}

interface QueuedFault {
  kind: 'fail' | 'delay' | 'reset' | 'hang';
  remaining: number;
  route: FaultRoute;
  status?: number;
  retryAfterSeconds?: number;
  ms?: number;
  when?: 'before' | 'after';
}

const ERROR_CODES: Record<number, string> = {
  400: 'BadArgument',
  403: 'Forbidden',
  404: 'NotFound',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const ACTIVITY_ROUTES: Record<string, RouteName | undefined> = { POST: 'reply', PUT: 'update', DELETE: 'delete' };

const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

function routeMatches(filter: FaultRoute, route: RouteName): boolean {
  switch (filter) {
    case 'any':
      return true;
    case 'send':
      return route === 'send' || route === 'reply';
    case 'update':
      return route === 'update';
    case 'create':
      return route === 'create';
    case 'delete':
      return route === 'delete';
    case 'roster':
      return route === 'members' || route === 'pagedMembers' || route === 'member';
  }
}

/** mulberry32: small, seedable, good enough to decide which requests fail. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function tenantOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const conversation = body['conversation'];
  const channelData = body['channelData'];
  const fromConversation = isRecord(conversation) ? str(conversation['tenantId']) : undefined;
  const tenant = isRecord(channelData) ? channelData['tenant'] : undefined;
  return fromConversation ?? str(body['tenantId']) ?? (isRecord(tenant) ? str(tenant['id']) : undefined);
}

function encodeToken(offset: number, generation: number): string {
  return Buffer.from(JSON.stringify({ o: offset, g: generation, v: 1 })).toString('base64url');
}

function decodeToken(token: string): { o: number; g: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isRecord(parsed) && typeof parsed['o'] === 'number' && typeof parsed['g'] === 'number') {
      return { o: parsed['o'], g: parsed['g'] };
    }
  } catch {
    // fall through: not a token of ours
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sliding-window log of accepted operations. */
class Window {
  private readonly times: number[] = [];
  constructor(private readonly spanMs: number) {}
  private prune(now: number): void {
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.spanMs) this.times.shift();
  }
  /** ms until one more operation fits under `limit`, or 0 when it fits now. */
  waitMs(now: number, limit: number): number {
    this.prune(now);
    if (this.times.length < limit) return 0;
    const blocking = this.times[this.times.length - limit] ?? now;
    return Math.max(1, blocking + this.spanMs - now);
  }
  add(now: number): void {
    this.times.push(now);
  }
}

export async function startTeamsChannel(opts: TeamsChannelOptions = {}): Promise<TeamsChannel> {
  const host = opts.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  let sentList: SentActivity[] = [];
  let updateList: UpdatedActivity[] = [];
  let deleteList: DeletedActivity[] = [];
  let createdList: CreatedConversation[] = [];
  let counters = { throttled429: 0, failed: 0, resets: 0, hangs: 0, duplicates: 0 };
  let faults: QueuedFault[] = [];
  let random: { options: RandomFailOptions; next: () => number } | undefined;
  let limits: RateLimits | undefined;
  let windows = new Map<string, Window>();
  let seenContent = new Set<string>();
  let nextSeq = 1;
  let nextActivity = 1;
  const rosters = new Map<string, { members: TeamsChannelAccount[]; generation: number }>();
  const teams = new Map<string, TeamConfig>();
  /** Conversations created so far (kept by clear(), like rosters): creating one again returns it. */
  const knownConversations = new Set<string>();
  const files = new Map<string, HostedFile>();
  const listeners = new Set<() => void>();
  const sockets = new Set<Socket>();

  const setLimits = (value: boolean | Partial<RateLimits> | undefined): void => {
    limits =
      value === undefined || value === false
        ? undefined
        : value === true
          ? { ...TEAMS_LIMITS }
          : { ...TEAMS_LIMITS, ...value };
    windows = new Map();
  };
  setLimits(opts.enforceLimits);

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const window = (key: string, spanMs: number): Window => {
    let w = windows.get(key);
    if (!w) {
      w = new Window(spanMs);
      windows.set(key, w);
    }
    return w;
  };

  /** Returns the ms to wait when the operation is over a limit, else records it and returns 0. */
  const admit = (
    route: RouteName,
    conversationId: string | undefined,
    tenantId: string | undefined,
    now: number,
  ): number => {
    if (!limits) return 0;
    const checks: [Window, number][] = [];
    const perConversation = route === 'send' || route === 'reply' || route === 'update' || route === 'delete';
    if (perConversation && conversationId !== undefined) {
      checks.push(
        [window(`c1:${conversationId}`, 1_000), limits.perConversationPerSecond],
        [window(`c2:${conversationId}`, 2_000), limits.perConversationPer2s],
        [window(`c30:${conversationId}`, 30_000), limits.perConversationPer30s],
      );
    }
    checks.push([window(`t1:${tenantId ?? '?'}`, 1_000), limits.perTenantPerSecond]);
    const wait = Math.max(...checks.map(([w, limit]) => w.waitMs(now, limit)));
    if (wait > 0) return wait;
    for (const [w] of checks) w.add(now);
    return 0;
  };

  const takeFault = (kind: QueuedFault['kind'], route: RouteName): QueuedFault | undefined => {
    const fault = faults.find((f) => f.kind === kind && f.remaining > 0 && routeMatches(f.route, route));
    if (fault) {
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
    }
    return fault;
  };

  const classify = (
    method: string,
    segments: string[],
  ): Pick<RecordedRequest, 'route' | 'conversationId' | 'activityId' | 'memberId' | 'teamId'> => {
    if (segments[0] === 'files' && segments.length === 3 && method === 'GET')
      return { route: 'file', activityId: segments[1] ?? '' };
    const [v3, collection, id, sub, subId, ...rest] = segments;
    if (v3 !== 'v3' || rest.length > 0) return { route: 'unexpected' };
    if (collection === 'conversations') {
      if (id === undefined) return method === 'POST' ? { route: 'create' } : { route: 'unexpected' };
      if (sub === 'activities') {
        if (subId === undefined)
          return method === 'POST'
            ? { route: 'send', conversationId: id }
            : { route: 'unexpected', conversationId: id };
        return { route: ACTIVITY_ROUTES[method] ?? 'unexpected', conversationId: id, activityId: subId };
      }
      if (method !== 'GET') return { route: 'unexpected', conversationId: id };
      if (sub === 'pagedmembers' && subId === undefined) return { route: 'pagedMembers', conversationId: id };
      if (sub === 'members' && subId === undefined) return { route: 'members', conversationId: id };
      if (sub === 'members' && subId !== undefined) return { route: 'member', conversationId: id, memberId: subId };
      return { route: 'unexpected', conversationId: id };
    }
    if (collection === 'teams' && id !== undefined && method === 'GET') {
      if (sub === undefined) return { route: 'teamDetails', teamId: id };
      if (sub === 'conversations' && subId === undefined) return { route: 'teamChannels', teamId: id };
    }
    return { route: 'unexpected' };
  };

  interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }

  const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
    status,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

  const error = (status: number, message: string, code?: string, headers?: Record<string, string>): Reply =>
    reply(status, { error: { code: code ?? ERROR_CODES[status] ?? 'Error', message } }, headers);

  /** A hosted file, as SharePoint serves a download: the bytes, or a redirect. */
  const serveFile = (res: ServerResponse, record: RecordedRequest, file: HostedFile | undefined): void => {
    if (!file) return write(res, record, error(404, 'No such file'));
    if (file.redirectTo) {
      record.status = 302;
      res.writeHead(302, { location: file.redirectTo, 'content-length': '0' });
      res.end();
      return;
    }
    const bytes = file.bytes ?? new Uint8Array();
    record.status = 200;
    res.writeHead(200, {
      'content-type': file.contentType ?? 'application/octet-stream',
      'content-length': String(bytes.byteLength),
    });
    res.end(bytes);
  };

  const write = (res: ServerResponse, record: RecordedRequest, answer: Reply): void => {
    record.status = answer.status;
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'content-length': Buffer.byteLength(payload).toString(),
      ...answer.headers,
    });
    res.end(payload);
  };

  const retryAfterHeaders = (seconds: number | undefined): Record<string, string> =>
    seconds === undefined ? {} : { 'retry-after': String(seconds) };

  const recordSend = (
    record: RecordedRequest,
    kind: SentActivity['kind'],
    conversationId: string,
    activity: Partial<Activity>,
    replyToId?: string,
    id = `act-${nextActivity++}`,
  ): SentActivity => {
    const key = `${conversationId}\u0000${JSON.stringify({ text: activity.text ?? null, attachments: activity.attachments ?? null })}`;
    // only messages: repeated typing indicators are not duplicates
    const duplicate = activity.type === 'message' && seenContent.has(key);
    if (duplicate) counters.duplicates += 1;
    if (activity.type === 'message') seenContent.add(key);
    const sent: SentActivity = {
      seq: record.seq,
      kind,
      conversationId,
      id,
      activity,
      duplicate,
      at: record.at,
      ...(replyToId === undefined ? {} : { replyToId }),
    };
    sentList.push(sent);
    return sent;
  };

  /** Answers a request that passed the fault and limit checks. */
  const handle = (record: RecordedRequest): Reply => {
    const body = record.body;
    const conversationId = record.conversationId ?? '';
    // JSON from botbuilder's serializer: an Activity / ConversationParameters shape, not validated further.
    const activity = (isRecord(body) ? body : {}) as Partial<Activity>;
    switch (record.route) {
      case 'send':
      case 'reply': {
        if (!isRecord(body) || typeof body['type'] !== 'string') return error(400, 'Activity type is required');
        const sent = recordSend(record, record.route, conversationId, activity, record.activityId);
        return reply(record.route === 'send' ? 201 : 200, { id: sent.id });
      }
      case 'update': {
        if (!isRecord(body)) return error(400, 'Activity is required');
        updateList.push({
          seq: record.seq,
          conversationId,
          activityId: record.activityId ?? '',
          activity,
          at: record.at,
        });
        return reply(200, { id: record.activityId });
      }
      case 'delete':
        deleteList.push({ seq: record.seq, conversationId, activityId: record.activityId ?? '', at: record.at });
        return reply(200);
      case 'create': {
        if (!isRecord(body)) return error(400, 'Conversation parameters are required');
        // JSON ConversationParameters, as botbuilder serialised them.
        const params = body as Partial<ConversationParameters>;
        const tenantId = tenantOf(body);
        if (!tenantId) return error(400, 'Tenant ID is required (channelData.tenant.id or tenantId)');
        const members = Array.isArray(params.members) ? params.members : [];
        const channelData: unknown = params.channelData;
        const channel =
          isRecord(channelData) && isRecord(channelData['channel']) ? str(channelData['channel']['id']) : undefined;
        let id: string;
        let activityId: string | undefined;
        if (channel !== undefined) {
          // A new thread in a team channel (TeamsInfo.sendMessageToTeamsChannel): Teams posts `activity` as
          // the thread's root and returns the thread id '<channelId>;messageid=<rootId>' and the root's id.
          activityId = `act-${nextActivity++}`;
          id = `${channel};messageid=${activityId}`;
          if (params.activity) recordSend(record, 'create', id, params.activity, undefined, activityId);
        } else {
          const user = members[0];
          if (params.isGroup || members.length !== 1 || !user?.id) {
            return error(400, 'A bot can only create a 1:1 conversation with exactly one member');
          }
          id = personalConversationId(user.id);
          if (params.activity) activityId = recordSend(record, 'create', id, params.activity).id;
        }
        const isNew = !knownConversations.has(id);
        knownConversations.add(id);
        if (channel === undefined && !rosters.has(id)) {
          rosters.set(id, { members: members.map((m) => ({ ...m, tenantId })), generation: 1 });
        }
        createdList.push({
          seq: record.seq,
          id,
          isNew,
          params,
          tenantId,
          at: record.at,
          ...(activityId === undefined ? {} : { activityId }),
        });
        return reply(isNew ? 201 : 200, { id, ...(activityId === undefined ? {} : { activityId }) });
      }
      case 'members':
      case 'pagedMembers':
      case 'member': {
        const roster = rosters.get(conversationId);
        if (!roster)
          return error(404, `Conversation ${conversationId} has no roster (call setRoster)`, 'ConversationNotFound');
        if (record.route === 'members') return reply(200, roster.members);
        if (record.route === 'member') {
          const wanted = record.memberId ?? '';
          const member = roster.members.find((m) => m.id === wanted || m.aadObjectId === wanted);
          if (!member) return error(404, 'The member is not in the conversation', 'MemberNotFoundInConversation');
          return reply(200, member);
        }
        const requested = Number(record.query['pageSize'] ?? DEFAULT_PAGE_SIZE);
        const pageSize =
          Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        let offset = 0;
        const token = record.query['continuationToken'];
        if (token) {
          const decoded = decodeToken(token);
          if (!decoded || decoded.g !== roster.generation || decoded.o < 0 || decoded.o > roster.members.length) {
            return error(400, 'Invalid or expired continuation token');
          }
          offset = decoded.o;
        }
        const members = roster.members.slice(offset, offset + pageSize);
        const end = offset + members.length;
        return reply(200, {
          members,
          ...(end < roster.members.length ? { continuationToken: encodeToken(end, roster.generation) } : {}),
        });
      }
      case 'teamDetails':
      case 'teamChannels': {
        const teamId = record.teamId ?? '';
        const team = teams.get(teamId);
        if (!team) return error(404, `Team ${teamId} not found (call setTeam)`, 'TeamNotFound');
        const channels = team.channels ?? [{ id: teamId }];
        if (record.route === 'teamChannels') return reply(200, { conversations: channels });
        return reply(200, {
          id: teamId,
          name: team.name,
          aadGroupId: team.aadGroupId,
          channelCount: channels.length,
          memberCount: rosters.get(teamId)?.members.length ?? 0,
          type: 'standard',
        });
      }
      case 'file': // served before the faults and limits (serveFile)
      case 'unexpected':
        return error(404, `No such route: ${record.method} ${record.path}`);
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
        body = raw;
      }
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let segments: string[] | undefined;
    try {
      segments = url.pathname
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      segments = undefined; // malformed percent-encoding
    }
    const authorization = req.headers.authorization;
    const record: RecordedRequest = {
      seq: nextSeq++,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(segments ? classify(method, segments) : { route: 'unexpected' as const }),
      body,
      hasAuthorization: typeof authorization === 'string' && authorization !== '',
      ...(authorization === undefined ? {} : { authorization }),
      headers: req.headers,
      at,
    };
    requests.push(record);

    try {
      const delay = takeFault('delay', record.route);
      if (delay?.ms) {
        record.delayedMs = delay.ms;
        await sleep(delay.ms);
      }
      if (record.route === 'file') {
        serveFile(res, record, files.get(record.activityId ?? ''));
        return;
      }
      const answer = decide(record, badJson);
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      if (answer === 'hang') {
        // Held until the client gives up (or the stand-in closes): never answered.
        notify();
        await new Promise<void>((resolve) => {
          if (res.destroyed || req.socket.destroyed) resolve();
          else res.once('close', () => resolve());
        });
        return;
      }
      write(res, record, answer);
    } finally {
      notify();
    }
  };

  /** Faults, limits, then the route itself; 'reset' means destroy the connection unanswered, 'hang'
   *  hold it unanswered. */
  const decide = (record: RecordedRequest, badJson: boolean): Reply | 'reset' | 'hang' => {
    if (record.route === 'unexpected') return handle(record);
    const reset = takeFault('reset', record.route);
    if (reset && reset.when !== 'after') {
      record.fault = 'reset-before';
      counters.resets += 1;
      return 'reset';
    }
    const hang = takeFault('hang', record.route);
    if (hang && hang.when !== 'after') {
      record.fault = 'hang-before';
      counters.hangs += 1;
      return 'hang';
    }
    const fail = takeFault('fail', record.route);
    const randomFail =
      !fail &&
      random &&
      routeMatches(random.options.route ?? 'any', record.route) &&
      random.next() < random.options.rate
        ? random.options
        : undefined;
    const injected = fail ?? randomFail;
    if (injected?.status !== undefined) {
      record.fault = fail ? 'failed' : 'random';
      if (injected.status === 429) counters.throttled429 += 1;
      else counters.failed += 1;
      return error(
        injected.status,
        `Injected ${fail ? '' : 'random '}failure (${injected.status})`,
        undefined,
        retryAfterHeaders(injected.retryAfterSeconds),
      );
    }
    const waitMs = admit(record.route, record.conversationId, tenantOf(record.body), record.at);
    if (waitMs > 0 && limits) {
      record.fault = 'throttled';
      counters.throttled429 += 1;
      const headers = limits.retryAfterHeader === false ? {} : retryAfterHeaders(Math.ceil(waitMs / 1_000));
      return error(429, 'Too many requests for this conversation', 'TooManyRequests', headers);
    }
    if (badJson) return error(400, 'The request body is not JSON');
    const answer = handle(record);
    if (hang) {
      // 'after': the operation is done (recorded, counted) but its answer never comes.
      record.fault = 'hang-after';
      counters.hangs += 1;
      return 'hang';
    }
    if (reset) {
      // 'after': the operation is done (recorded, counted) but the client never hears about it.
      record.fault = 'reset-after';
      counters.resets += 1;
      return 'reset';
    }
    return answer;
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'StandInError', message: String(err) } }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const filterBy = <T extends { conversationId: string }>(list: T[], conversationId?: string): T[] =>
    conversationId === undefined ? [...list] : list.filter((x) => x.conversationId === conversationId);

  const channel: TeamsChannel = {
    serviceUrl: `http://${host}:${port}/`,
    port,
    requests,
    sent: (conversationId) => filterBy(sentList, conversationId),
    updates: (conversationId) => filterBy(updateList, conversationId),
    deletes: () => [...deleteList],
    conversationsCreated: () => [...createdList],
    unexpected: () => requests.filter((r) => r.route === 'unexpected'),
    hostFile(name, file) {
      const id = `f${files.size + 1}-${Math.random().toString(36).slice(2, 10)}`;
      files.set(id, file instanceof Uint8Array ? { bytes: file } : file);
      return `http://${host}:${port}/files/${id}/${encodeURIComponent(name)}`;
    },
    downloads: () => requests.filter((r) => r.route === 'file'),
    stats: () => ({
      requests: requests.length,
      sent: sentList.length,
      updated: updateList.length,
      deleted: deleteList.length,
      created: createdList.length,
      unexpected: requests.filter((r) => r.route === 'unexpected').length,
      ...counters,
    }),
    setRoster(id, members) {
      const generation = (rosters.get(id)?.generation ?? 0) + 1;
      rosters.set(id, { members: [...members], generation });
    },
    setTeam(teamId, team) {
      teams.set(teamId, { ...team });
    },
    failNext(n, fail) {
      faults.push({
        kind: 'fail',
        remaining: n,
        route: fail.route ?? 'any',
        status: fail.status,
        ...(fail.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fail.retryAfterSeconds }),
      });
    },
    delayNext(n, ms, o = {}) {
      faults.push({ kind: 'delay', remaining: n, route: o.route ?? 'any', ms });
    },
    resetNext(n, o = {}) {
      faults.push({ kind: 'reset', remaining: n, route: o.route ?? 'any', when: o.when ?? 'before' });
    },
    hangNext(n, o = {}) {
      faults.push({ kind: 'hang', remaining: n, route: o.route ?? 'any', when: o.when ?? 'before' });
    },
    clearFaults() {
      faults = [];
      random = undefined;
    },
    whenSent(count, action) {
      const listener = (): void => {
        if (sentList.length < count) return;
        listeners.delete(listener);
        action();
      };
      listeners.add(listener);
      listener();
    },
    failRandomly(options) {
      random = options ? { options, next: prng(options.seed ?? 1) } : undefined;
    },
    setLimits,
    waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = (): boolean => {
          const value = probe();
          if (value === undefined || value === null || value === false) return false;
          cleanup();
          resolve(value);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`teams-channel: condition not met within ${timeoutMs} ms (${requests.length} requests seen)`),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = (): void => {
          check();
        };
        listeners.add(listener);
        check();
      });
    },
    waitForSent(count, conversationId, timeoutMs) {
      return channel.waitFor(() => {
        const list = filterBy(sentList, conversationId);
        return list.length >= count ? list : undefined;
      }, timeoutMs);
    },
    clear() {
      requests.length = 0;
      sentList = [];
      updateList = [];
      deleteList = [];
      createdList = [];
      counters = { throttled429: 0, failed: 0, resets: 0, hangs: 0, duplicates: 0 };
      faults = [];
      random = undefined;
      windows = new Map();
      seenContent = new Set();
    },
    async close() {
      listeners.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
  return channel;
}
