// Builders of activities shaped as Microsoft Teams POSTs them to a bot's messaging endpoint
// (/api/messages), and `postActivity` to deliver one over real HTTP. Pair with tests/helpers/teams-channel.ts:
// pass its `serviceUrl` in the context so the bot's replies reach the stand-in.
//
//   const ctx: TeamsContext = { serviceUrl: channel.serviceUrl, tenantId: randomUUID(), bot: teamsBot('PAM Tracker') };
//   const alice = teamsUser('Alice Example', { email: 'alice@example.police.uk' });
//   await postActivity(botUrl, personalMessage(alice, 'help', ctx));
//   await postActivity(botUrl, channelMessage(alice, 'status', { ...ctx, team }));
//
// Shapes follow what Teams sends (and what botbuilder's TeamsActivityHandler / ActivityHandler read):
// ids '29:...' for users and '28:<appId>' for the bot; channelData.tenant.id everywhere; in a team,
// channelData.team / channel / teamsTeamId / teamsChannelId and a conversation id
// '<channelId>;messageid=<rootPostId>'; Action.Execute as invoke 'adaptiveCard/action' with
// value { action: { type: 'Action.Execute', verb, data }, trigger } (botbuilder's AdaptiveCardInvokeValue;
// Teams merges the card's input values into action.data); Action.Submit as a message with `value` and
// no text. A message carries Teams' text/html copy of the text as an attachment, as Teams does.
import { randomBytes, randomUUID } from 'node:crypto';
import { personalConversationId } from './teams-channel.ts';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest';
}

export interface TeamsBot {
  /** '28:<Microsoft app id>' */
  id: string;
  name: string;
}

export interface TeamsTeam {
  /** '19:...@thread.tacv2'; also the id of its General channel. */
  id: string;
  name: string;
  aadGroupId: string;
}

/** Where an activity comes from. Inside a team, pass `team` (and optionally a channel/thread). */
export interface TeamsContext {
  serviceUrl: string;
  tenantId: string;
  /** Default DEFAULT_BOT. */
  bot?: TeamsBot;
  /** Default: the user's 1:1 chat with the bot (personalConversationId(user.id)). */
  conversationId?: string;
  /** In a team: the message is in a channel of this team. */
  team?: TeamsTeam;
  /** Channel in `team`; default its General channel (id = team id). */
  channel?: { id: string; name?: string };
  /** Id of the channel thread's root post: the activity is a reply in that thread. Default: a new post. */
  threadId?: string;
  /** A group chat ('19:...@thread.v2'). */
  groupChatId?: string;
  /** The card message an Action.Submit / Action.Execute came from. */
  replyToId?: string;
  locale?: string;
  timezone?: string;
}

export interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** The JSON Teams posts (dates as ISO strings). Structurally compatible with botbuilder's Partial<Activity>
 *  except for the date fields; `postActivity` sends it as is. */
export interface TeamsActivity {
  type: string;
  id: string;
  channelId: 'msteams';
  serviceUrl: string;
  timestamp: string;
  localTimestamp: string;
  localTimezone: string;
  locale: string;
  from: TeamsAccount;
  recipient: TeamsAccount;
  conversation: {
    id: string;
    conversationType: 'personal' | 'channel' | 'groupChat';
    tenantId: string;
    isGroup?: boolean;
  };
  channelData: Record<string, unknown>;
  replyToId?: string;
  text?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  attachments?: { contentType: string; content: unknown }[];
  entities?: Record<string, unknown>[];
  value?: unknown;
  name?: string;
  action?: 'add' | 'remove';
  membersAdded?: TeamsAccount[];
}

export const DEFAULT_BOT: TeamsBot = Object.freeze({
  id: '28:00000000-0000-4000-8000-000000000b07',
  name: 'PAM Tracker',
});

function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function teamsUser(
  name: string,
  opts: {
    email?: string;
    userPrincipalName?: string;
    id?: string;
    aadObjectId?: string;
    tenantId?: string;
    guest?: boolean;
  } = {},
): TeamsUser {
  const [givenName, ...rest] = name.split(' ');
  return {
    id: opts.id ?? `29:1${opaque(36)}`,
    name,
    aadObjectId: opts.aadObjectId ?? randomUUID(),
    ...(opts.email === undefined ? {} : { email: opts.email }),
    ...((opts.userPrincipalName ?? opts.email) ? { userPrincipalName: opts.userPrincipalName ?? opts.email } : {}),
    ...(givenName ? { givenName } : {}),
    ...(rest.length > 0 ? { surname: rest.join(' ') } : {}),
    ...(opts.tenantId === undefined ? {} : { tenantId: opts.tenantId }),
    userRole: opts.guest ? 'guest' : 'user',
  };
}

export function teamsBot(name = DEFAULT_BOT.name, appId: string = randomUUID()): TeamsBot {
  return { id: `28:${appId}`, name };
}

export function teamsTeam(name: string, opts: { id?: string; aadGroupId?: string } = {}): TeamsTeam {
  return {
    id: opts.id ?? `19:${randomBytes(16).toString('hex')}@thread.tacv2`,
    name,
    aadGroupId: opts.aadGroupId ?? randomUUID(),
  };
}

export function groupChatId(): string {
  return `19:${randomBytes(16).toString('hex')}@thread.v2`;
}

/** The roster entry Teams returns for a user (TeamsChannelAccount), for channel.setRoster. */
export function rosterEntry(user: TeamsUser, tenantId: string): TeamsUser & { tenantId: string } {
  return { ...user, tenantId };
}

let lastId = 0;
/** Teams message ids are epoch milliseconds; keep them unique within the run. */
function messageId(): string {
  lastId = Math.max(lastId + 1, Date.now());
  return String(lastId);
}

// One formatter a time zone: making one costs far more than using it, and the benchmarks build
// their activities on the bot's own event loop.
const localClocks = new Map<string, Intl.DateTimeFormat>();

function localTimestamp(now: Date, timeZone: string): string {
  let clock = localClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    localClocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  const ms = String(now.getUTCMilliseconds()).padStart(3, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${ms}${offset}`;
}

function from(user: TeamsUser): TeamsAccount {
  return { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
}

type ConversationType = 'personal' | 'channel' | 'groupChat';

/** Envelope common to every activity: ids, parties, conversation, channelData, time and locale. */
function envelope(type: string, user: TeamsUser, ctx: TeamsContext, id = messageId()): TeamsActivity {
  const bot = ctx.bot ?? DEFAULT_BOT;
  const now = new Date();
  const tenant = { id: ctx.tenantId };
  let conversationType: ConversationType;
  let conversationId: string;
  let channelData: Record<string, unknown>;
  if (ctx.team) {
    const channel = ctx.channel ?? { id: ctx.team.id };
    conversationType = 'channel';
    conversationId = `${channel.id};messageid=${ctx.threadId ?? id}`;
    channelData = {
      teamsChannelId: channel.id,
      teamsTeamId: ctx.team.id,
      channel: { id: channel.id, ...(channel.name === undefined ? {} : { name: channel.name }) },
      team: { id: ctx.team.id, name: ctx.team.name, aadGroupId: ctx.team.aadGroupId },
      tenant,
    };
  } else if (ctx.groupChatId) {
    conversationType = 'groupChat';
    conversationId = ctx.groupChatId;
    channelData = { tenant };
  } else {
    conversationType = 'personal';
    conversationId = ctx.conversationId ?? personalConversationId(user.id);
    channelData = { tenant };
  }
  return {
    type,
    id,
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    timestamp: now.toISOString(),
    localTimestamp: localTimestamp(now, ctx.timezone ?? 'Europe/London'),
    localTimezone: ctx.timezone ?? 'Europe/London',
    locale: ctx.locale ?? 'en-GB',
    from: from(user),
    recipient: { id: bot.id, name: bot.name },
    conversation: {
      id: conversationId,
      conversationType,
      tenantId: ctx.tenantId,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData,
    ...(ctx.replyToId === undefined ? {} : { replyToId: ctx.replyToId }),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function messageEntities(): Record<string, unknown>[] {
  return [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }];
}

/** A 1:1 message to the bot. */
export function personalMessage(user: TeamsUser, text: string, ctx: TeamsContext): TeamsActivity {
  const activity = envelope('message', user, { ...ctx, team: undefined, groupChatId: undefined });
  return {
    ...activity,
    text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p>${escapeHtml(text)}</p>` }],
    entities: messageEntities(),
  };
}

/** A message in a team channel (or a group chat, with ctx.groupChatId) that @mentions the bot, as Teams
 *  requires for the bot to receive it: `<at>Bot</at> text` plus a mention entity. */
export function channelMessage(user: TeamsUser, text: string, ctx: TeamsContext): TeamsActivity {
  if (!ctx.team && !ctx.groupChatId) throw new Error('channelMessage needs ctx.team (or ctx.groupChatId)');
  const bot = ctx.bot ?? DEFAULT_BOT;
  const activity = envelope('message', user, ctx);
  const mention = `<at>${bot.name}</at>`;
  return {
    ...activity,
    text: `${mention} ${text}`,
    textFormat: 'plain',
    attachments: [
      { contentType: 'text/html', content: `<p><at>${escapeHtml(bot.name)}</at>&nbsp;${escapeHtml(text)}</p>` },
    ],
    entities: [{ type: 'mention', text: mention, mentioned: { id: bot.id, name: bot.name } }, ...messageEntities()],
  };
}

/** A file as Teams attaches it to a message sent to a bot (the manifest's supportsFiles). */
export interface SentFileInfo {
  name: string;
  /** The pre-authorised link Teams gives the bot (the stand-in's hostFile). */
  downloadUrl: string;
  /** Teams' word for its type: 'docx', 'pdf', 'png'... Default: the name's extension. */
  fileType?: string;
}

function fileAttachment(file: SentFileInfo): {
  contentType: string;
  content: unknown;
  contentUrl: string;
  name: string;
} {
  return {
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    contentUrl: `https://contoso.sharepoint.com/personal/user/Documents/Microsoft Teams Chat Files/${file.name}`,
    name: file.name,
    content: {
      downloadUrl: file.downloadUrl,
      uniqueId: randomUUID(),
      fileType: file.fileType ?? file.name.split('.').pop() ?? '',
    },
  };
}

/** A file sent to the bot in the 1:1 chat: the file attachment, and whatever text was typed with it. */
export function personalFile(user: TeamsUser, file: SentFileInfo, ctx: TeamsContext, text = ''): TeamsActivity {
  const message = personalMessage(user, text, ctx);
  return { ...message, attachments: [...(text ? (message.attachments ?? []) : []), fileAttachment(file)] };
}

/** A file posted in a channel (or group chat) with the bot @mentioned. */
export function channelFile(user: TeamsUser, file: SentFileInfo, ctx: TeamsContext): TeamsActivity {
  const message = channelMessage(user, '', ctx);
  return { ...message, attachments: [...(message.attachments ?? []), fileAttachment(file)] };
}

/** Action.Submit from a card: a message with `value` (the card's data and inputs) and no text. */
export function cardSubmit(user: TeamsUser, value: Record<string, unknown>, ctx: TeamsContext): TeamsActivity {
  const activity = envelope('message', user, ctx);
  return {
    ...activity,
    value,
    channelData: { ...activity.channelData, source: { name: 'message' } },
    entities: messageEntities(),
  };
}

/** Action.Execute (Universal Actions): invoke 'adaptiveCard/action'. The HTTP response carries the answer. */
export function adaptiveCardInvoke(
  user: TeamsUser,
  action: {
    verb: string;
    data?: Record<string, unknown>;
    inputs?: Record<string, unknown>;
    trigger?: 'manual' | 'automatic';
    title?: string;
    id?: string;
  },
  ctx: TeamsContext,
): TeamsActivity {
  const activity = envelope('invoke', user, ctx);
  return {
    ...activity,
    name: 'adaptiveCard/action',
    value: {
      action: {
        type: 'Action.Execute',
        verb: action.verb,
        data: { ...action.data, ...action.inputs },
        ...(action.id === undefined ? {} : { id: action.id }),
        ...(action.title === undefined ? {} : { title: action.title }),
      },
      trigger: action.trigger ?? 'manual',
    },
    channelData: { ...activity.channelData, source: { name: 'message' } },
  };
}

/** The app installed (or removed) in a scope. 'team' needs ctx.team; 'groupChat' needs ctx.groupChatId. */
export function installationUpdate(
  user: TeamsUser,
  scope: 'personal' | 'team' | 'groupChat',
  action: 'add' | 'remove',
  ctx: TeamsContext,
): TeamsActivity {
  if (scope === 'team' && !ctx.team) throw new Error("installationUpdate 'team' needs ctx.team");
  if (scope === 'groupChat' && !ctx.groupChatId)
    throw new Error("installationUpdate 'groupChat' needs ctx.groupChatId");
  const where: TeamsContext =
    scope === 'personal'
      ? { ...ctx, team: undefined, groupChatId: undefined }
      : scope === 'team'
        ? { ...ctx, groupChatId: undefined, threadId: undefined }
        : { ...ctx, team: undefined };
  const activity = envelope('installationUpdate', user, where);
  if (scope === 'team' && ctx.team) {
    // Team-level events come on the General channel's conversation id, without ;messageid=
    activity.conversation = { ...activity.conversation, id: ctx.channel?.id ?? ctx.team.id };
  }
  return {
    ...activity,
    action,
    channelData: {
      ...activity.channelData,
      source: { name: 'message' },
      ...(scope === 'team' ? { settings: { selectedChannel: { id: ctx.channel?.id ?? ctx.team?.id } } } : {}),
    },
  };
}

/** Members added to a team (include the bot to model "bot added to the team"): conversationUpdate with
 *  channelData.eventType 'teamMemberAdded'. `ctx.team` is ignored in favour of `team`. */
export function conversationUpdateMembersAdded(
  team: TeamsTeam,
  members: (TeamsUser | TeamsBot)[],
  ctx: TeamsContext & { from?: TeamsUser },
): TeamsActivity {
  const by = ctx.from ?? members.find((m): m is TeamsUser => 'aadObjectId' in m) ?? teamsUser('Team Owner');
  const activity = envelope('conversationUpdate', by, {
    ...ctx,
    team,
    channel: { id: team.id },
    groupChatId: undefined,
  });
  return {
    ...activity,
    conversation: { ...activity.conversation, id: team.id }, // the team's General channel, no ;messageid=
    membersAdded: members.map((m) => ('aadObjectId' in m ? { id: m.id, aadObjectId: m.aadObjectId } : { id: m.id })), // Teams sends ids only
    channelData: { ...activity.channelData, eventType: 'teamMemberAdded' },
  };
}

export interface PostResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** POSTs an activity to the bot's endpoint, as the Teams channel does. */
export async function postActivity(
  botUrl: string,
  activity: object,
  opts: { token?: string; timeoutMs?: number } = {},
): Promise<PostResult> {
  const res = await fetch(botUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(opts.token === undefined ? {} : { authorization: `Bearer ${opts.token}` }),
    },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
  });
  const text = await res.text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body, headers: res.headers };
}
