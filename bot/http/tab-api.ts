// The dashboard tab's JSON API (documented in bot/tab/README.md): the tab's only data path, and
// usable by scripts with a token. Every route first turns the bearer token into a directory person
// (Entra oid + tid -> people.byTeamsId; never a name), then applies the bot's own rules: the board
// view is the chair's, the secretariat's and the scrutiny lead's; an owner sees and answers their
// own actions, through the same reply service as the card (so the version check is the same).
// Exempt items: every row goes through actionModel, which applies the one exempt rule
// (bot/rules/exempt.ts), so a viewer who may not see an item's text gets the redacted form.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { actionModel } from '../present/actions.ts';
import { viewContext, type ViewContext } from '../present/context.ts';
import type { Logger } from '../log.ts';
import { type TokenVerifier, TokenError } from '../auth/tokens.ts';
import { actorOf } from '../services/identity.ts';
import type { Links } from '../services/links.ts';
import { replyAndRedraw, type RedrawSummary, type ReplyResult } from '../services/reply.ts';
import { createRequestContext, type Stores, type BoardContext } from '../services/board-context.ts';
import { actionFlags, countFlags, questionFlags } from '../rules/flags.ts';
import { lastMeetingHeld } from '../rules/meetings.ts';
import { isDelegate, isLeadRole, isOwner } from '../rules/permissions.ts';
import { formatUkDate, minutesOrder } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import type { Action, Actor, IsoDate, Person, Scope } from '../rules/types.ts';
import type { ActionsAnswer, TabAction } from '../tab/api-types.ts';

export type { TabAction } from '../tab/api-types.ts';

export interface TabApiDeps {
  stores: Stores;
  log: Logger;
  verifier: TokenVerifier;
  board: string;
  /** Local use (no app id): every caller works on this tenant, as the bot and the CLI do. */
  localTenant?: string;
  links?: Links;
  now?: () => Date;
  /** An action of this meeting changed (a reply was saved): the bot redraws its channel summary. */
  onActionChanged?: RedrawSummary;
}

const DAY_MS = 86_400_000;

interface Caller {
  t: BoardContext;
  person: Person;
  actor: Actor;
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function tabAction(a: Action, ctx: ViewContext): TabAction {
  const card = actionModel(a, ctx);
  const { overdue, noReply, readyToDischarge } = actionFlags(a, ctx.meetings, ctx.today);
  return {
    id: a.id,
    ref: card.ref,
    text: card.text, // redacted by actionModel for whoever may not see an exempt item
    owners: card.owners,
    ownerIds: a.owners.flatMap((o) => (o.personId ? [o.personId] : [])),
    meeting: a.meeting,
    meetingDate: card.meetingDate,
    ...(a.due ? { due: a.due, dueDate: formatUkDate(a.due) } : {}),
    status: a.status,
    statusLabel: card.statusLabel,
    ...(card.latest ? { latest: card.latest } : {}),
    overdue,
    daysOverdue: overdue && a.due ? daysBetween(a.due, ctx.today) : 0,
    noReply,
    readyToDischarge,
    version: a.version,
    canReply: card.canReply,
  };
}

export function createTabApi(deps: TabApiDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const deny = (res: Response, status: number, error: string): void => {
    res.status(status).setHeader('Cache-Control', 'no-store');
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.json({ error });
  };

  /** The caller, or null after answering 401/403 (no data either way). */
  async function caller(req: Request, res: Response): Promise<Caller | null> {
    let id;
    try {
      id = await deps.verifier.verify(req.get('authorization'));
    } catch (err) {
      if (!(err instanceof TokenError)) {
        deps.log.warn('tab.token_check_failed', { error: err });
        deny(res, 401, 'the token could not be checked');
        return null;
      }
      deps.log.info('tab.token_refused', { reason: err.message });
      deny(res, 401, 'a valid bearer token is needed');
      return null;
    }
    const scope: Scope = { tenant: deps.localTenant ?? (id.kind === 'entra' ? id.tid : ''), board: deps.board };
    if (!scope.tenant) {
      deny(res, 401, 'a valid bearer token is needed');
      return null;
    }
    const t = createRequestContext(deps.stores, scope, now);
    const stored =
      id.kind === 'entra'
        ? await t.stores.people.byTeamsId(scope, id.oid)
        : await t.stores.people.get(scope, id.personId);
    if (!stored) {
      deny(
        res,
        403,
        'you are not in the board’s directory yet: say hello to the bot in Teams, or ask the secretariat to add you',
      );
      return null;
    }
    return { t, person: stored.person, actor: actorOf(stored.person, 'tab') };
  }

  const api =
    (handler: (c: Caller, req: Request, res: Response) => Promise<void>): RequestHandler =>
    async (req, res) => {
      const c = await caller(req, res);
      if (!c) return;
      res.setHeader('Cache-Control', 'private, no-store');
      await handler(c, req, res);
    };

  router.get(
    '/api/tab/me',
    api(async ({ t, person }, _req, res) => {
      res.json({
        person: { id: person.id, name: person.name, initials: person.initials, role: person.role },
        board: t.scope.board,
        canSeeBoard: isLeadRole(person.role),
      });
    }),
  );

  router.get(
    '/api/tab/actions',
    api(async ({ t, person, actor }, req, res) => {
      const view =
        req.query.view === 'mine' ? 'mine' : req.query.view === undefined || req.query.view === 'all' ? 'all' : null;
      if (!view) return deny(res, 400, 'view is all or mine');
      if (view === 'all' && !isLeadRole(person.role))
        return deny(
          res,
          403,
          'the board’s actions are for the chair, the secretariat and the scrutiny lead; ask for view=mine',
        );
      const [ctx, rows, questions] = await Promise.all([
        viewContext(t, actor),
        view === 'mine' ? t.stores.actions.listOpenFor(t.scope, person.id) : t.stores.actions.listOpen(t.scope),
        view === 'mine' ? t.stores.questions.listOpenFor(t.scope, person.id) : t.stores.questions.listOpen(t.scope),
      ]);
      const actions = rows.sort(minutesOrder).map((a) => tabAction(a, ctx));
      const byStatus: Record<string, number> = {};
      for (const a of actions) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      // The counts every surface gives (flags.ts): actions and questions apart, as at today.
      const counts = countFlags(
        [
          ...actions.map((a) => ({ ...a, open: true, kind: 'action' as const })),
          ...questions.map((q) => ({ ...questionFlags(q, ctx.today), kind: 'question' as const, id: q.id })),
        ],
        ctx.today,
      );
      res.json({
        view,
        board: t.scope.board,
        today: ctx.today,
        asAt: ctx.now.toISOString(),
        statuses: Object.entries(STATUS_LABEL).map(([key, label]) => ({ key, label, count: byStatus[key] ?? 0 })),
        counts,
        actions,
      } satisfies ActionsAnswer);
    }),
  );

  router.get(
    '/api/tab/meetings',
    api(async ({ t, person }, _req, res) => {
      if (!isLeadRole(person.role))
        return deny(res, 403, 'the board’s meetings chart is for the chair, the secretariat and the scrutiny lead');
      const [meetings, actions] = await Promise.all([
        t.stores.meetings.list(t.scope),
        t.stores.actions.listAll(t.scope),
      ]);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now());
      const held = meetings.filter((m) => m.date <= today).slice(-12);
      const rows = held.map((m) => {
        const raised = actions.filter((a) => a.meeting === m.date);
        const closed = raised.filter((a) => a.status === 'discharged').length;
        return { date: m.date, label: formatUkDate(m.date), open: raised.length - closed, closed };
      });
      const next = meetings.find((m) => m.date >= today) ?? meetings.at(-1);
      const last = lastMeetingHeld(meetings, today);
      res.json({
        meetings: rows,
        ...(next && deps.links
          ? {
              digest: {
                meeting: next.date,
                meetingDate: formatUkDate(next.date),
                docx: deps.links.digest(t.scope, next.date, 'docx'),
                md: deps.links.digest(t.scope, next.date, 'md'),
                csv: deps.links.digest(t.scope, next.date, 'csv'),
              },
            }
          : {}),
        ...(last ? { lastHeld: last } : {}),
      });
    }),
  );

  router.post(
    '/api/tab/actions/:id/reply',
    express.json({ limit: '64kb' }),
    api(async ({ t, person, actor }, req, res) => {
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const actionId = String(req.params.id ?? '');
      if (!actionId || actionId.length > 200) return deny(res, 400, 'no such action');
      const str = (k: string): string | undefined =>
        typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : undefined;
      const version = body.version;
      if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version)))
        return deny(res, 400, 'version must be the whole number the action was read at');
      const requestId = str('requestId');
      if (requestId !== undefined && !/^[\w-]{8,100}$/.test(requestId))
        return deny(res, 400, 'requestId must be 8-100 letters, digits, - or _');
      const status = str('status');
      const note = str('note');
      const result: ReplyResult = await replyAndRedraw(
        t,
        actor,
        {
          actionId,
          ...(status ? { status } : {}),
          ...(note ? { note } : {}),
          ...(typeof version === 'number' ? { cardVersion: version } : {}),
          ...(requestId ? { requestId: `tab:${requestId}` } : {}),
        },
        deps.onActionChanged,
      );
      const ctx = await viewContext(t, actor);
      // The action comes back (at its new version, so a second reply is not stale) to whoever may
      // reply to it, its delegate included, and to the leads; a refusal gives nobody else any of it.
      const visible =
        result.action && (isLeadRole(person.role) || isOwner(actor, result.action) || isDelegate(actor, result.action))
          ? result.action
          : undefined;
      const action = visible ? tabAction(visible, ctx) : undefined;
      const code =
        result.kind === 'saved' || result.kind === 'unchanged'
          ? 200
          : result.kind === 'stale'
            ? 409
            : result.action
              ? 422
              : 404;
      const message =
        result.kind === 'saved'
          ? `Saved: ${STATUS_LABEL[result.action.status]}${note ? ', with your note' : ''}. Thank you.`
          : result.kind === 'unchanged'
            ? 'Nothing to save: the action already says that.'
            : result.kind === 'stale'
              ? `This action changed since you opened it: it is now ${STATUS_LABEL[result.action.status]}. Your update was not saved; check it and send it again.`
              : `Not saved: ${result.reason}.`;
      res.status(code).json({ result: result.kind, message, ...(action ? { action } : {}) });
    }),
  );

  return router;
}
