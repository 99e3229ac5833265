// What the bot does on its own before every meeting (README: "Before and after every meeting"):
// the chasers, then the digest, each a job claimed in the jobs table before it queues anything, so
// several instances or a restart run it once. A chase is kept on its job for `chasedFor`.
import type { JobDetail, JobKind, JobStore } from '../../storage/jobs.ts';
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { ScheduleConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { londonToday } from '../rules/dates.ts';
import { actionFlags } from '../rules/flags.ts';
import { minutesOrder } from '../rules/refs.ts';
import { owesUpdate } from '../rules/statuses.ts';
import type { Action, IsoDate, IsoInstant, Meeting, Person, Scope } from '../rules/types.ts';
import { digestTimes, londonInstant } from '../rules/working-days.ts';
import { chaseOutboxId, digestOutboxId, type Payload } from '../outbox/payload.ts';
import { reachOf } from '../outbox/reach.ts';
import { inSpan, quietly, spanEvent } from '../telemetry/spans.ts';
import type { Stores } from './board-context.ts';

/** A meeting without a time is taken to start at 10:00 London. */
export const DEFAULT_MEETING_TIME = '10:00';
/** How long a claimed job is this instance's before another may take it over. */
const DEFAULT_LEASE_MS = 5 * 60_000;

export interface SchedulerDeps {
  stores: Stores;
  /** The boards to serve: for now the configured one. */
  scopes: () => Promise<Scope[]>;
  schedule: ScheduleConfig;
  now: () => Date;
  log: Logger;
  /** This process, unique among the instances sharing the storage (e.g. host name + pid + a random part). */
  instanceId: string;
  /** Called when a tick queued something: the outbox sender should run now. */
  onQueued: () => void;
  leaseMs?: number;
}

/** One job this instance ran (claimed and finished) in a tick. */
export interface JobRun {
  tenant: string;
  board: string;
  meeting: IsoDate;
  kind: JobKind;
  /** done: it ran; skipped: its meeting had started; lost: another instance took it over meanwhile. */
  result: 'done' | 'skipped' | 'lost';
  /** Outbox items queued now (not counting those already queued by an earlier attempt). */
  queued: number;
}

export interface TickReport {
  at: IsoInstant;
  runs: JobRun[];
  errors: Array<{ tenant: string; board: string; meeting?: IsoDate; kind?: JobKind; error: string }>;
}

/** Who was chased before a meeting, and when: what the chair's outstanding view can show. */
export interface Chased {
  at: IsoInstant;
  /** personId -> the actions they were chased for. */
  people: Map<string, string[]>;
}

type ChasePayload = Extract<Payload, { type: 'chase' }>;

// ---------------------------------------------------------------------------------------------
// Who is chased

/**
 * Before the meeting on `meeting`: each owner (person id) with actions raised before it that they
 * still owe an update on and that have had no reply since the last meeting held by `today`, in the
 * minutes' order.
 */
export function chaseList(
  actions: readonly Action[],
  meetings: readonly Meeting[],
  today: IsoDate,
  meeting: IsoDate,
): Map<string, Action[]> {
  const out = new Map<string, Action[]>();
  for (const a of [...actions].sort(minutesOrder)) {
    if (a.meeting >= meeting || !owesUpdate(a.status) || !actionFlags(a, meetings, today).noReply) continue;
    for (const o of a.owners) {
      if (!o.personId) continue;
      const list = out.get(o.personId) ?? [];
      if (!list.some((x) => x.id === a.id)) list.push(a);
      out.set(o.personId, list);
    }
  }
  return out;
}

/** Who was chased before `meeting`, from the chase job's record; null if nobody has been yet. */
export async function chasedFor(jobs: JobStore, scope: Scope, meeting: IsoDate): Promise<Chased | null> {
  const job = await jobs.get(scope, 'chase', meeting);
  if (job?.state !== 'done') return null;
  const chased = Array.isArray(job.detail?.chased) ? (job.detail.chased as unknown[]) : [];
  const people = new Map<string, string[]>();
  for (const c of chased) {
    const entry = c as { personId?: unknown; actionIds?: unknown };
    if (typeof entry.personId !== 'string') continue;
    people.set(
      entry.personId,
      Array.isArray(entry.actionIds) ? entry.actionIds.filter((x): x is string => typeof x === 'string') : [],
    );
  }
  return { at: typeof job.detail?.at === 'string' ? job.detail.at : job.at, people };
}

// ---------------------------------------------------------------------------------------------
// The scheduler

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickReport> | undefined;
  private stopped = true;
  /** Jobs known to be done or skipped: not read again. */
  private readonly finished = new Set<string>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Ticks now, then every `intervalMs` (on the interval's boundaries: 09:00:00, 09:01:00...), until stopped. */
  start(intervalMs = 60_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    let failing = false;
    const next = (delay: number): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.tick()
          .then(
            (report) => {
              if (report.errors.length > 0 && !failing)
                this.deps.log.warn('scheduler.tick_failed', { errors: report.errors });
              else if (report.errors.length === 0 && failing) this.deps.log.info('scheduler.recovered');
              failing = report.errors.length > 0;
            },
            (err: unknown) => {
              if (!failing) this.deps.log.warn('scheduler.tick_failed', { error: err });
              failing = true;
            },
          )
          .finally(() => next(intervalMs - (this.deps.now().getTime() % intervalMs)));
      }, delay);
      this.timer.unref();
    };
    this.deps.log.info('scheduler.started', {
      instanceId: this.deps.instanceId,
      intervalMs,
      schedule: this.deps.schedule,
    });
    next(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Runs every job that is due now; concurrent calls on one instance share one run. */
  tick(): Promise<TickReport> {
    // Not traced: it comes every minute, mostly to find nothing due. A job it runs is a trace (traced).
    this.running ??= quietly(() => this.run()).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Who was chased before `meeting` (see `chasedFor`). */
  chasedFor(scope: Scope, meeting: IsoDate): Promise<Chased | null> {
    return chasedFor(this.deps.stores.jobs, scope, meeting);
  }

  private async run(): Promise<TickReport> {
    const now = this.deps.now();
    const report: TickReport = { at: now.toISOString(), runs: [], errors: [] };
    for (const scope of await this.deps.scopes()) {
      try {
        await this.tickScope(scope, now, report);
      } catch (err) {
        report.errors.push({ ...scope, error: messageOf(err) });
      }
    }
    if (report.runs.some((r) => r.queued > 0)) {
      try {
        this.deps.onQueued();
      } catch (err) {
        this.deps.log.warn('scheduler.on_queued_failed', { error: err });
      }
    }
    return report;
  }

  private async tickScope(scope: Scope, now: Date, report: TickReport): Promise<void> {
    const meetings = await this.deps.stores.meetings.list(scope);
    const today = londonToday(now);
    let lastStarted: Meeting | undefined;
    for (const m of meetings) {
      try {
        // A meeting of an earlier day has started, whatever its time says.
        if (m.date < today || londonInstant(m.date, m.time ?? DEFAULT_MEETING_TIME) <= now) {
          lastStarted = m;
          continue;
        }
        const { chaseAt, digestAt } = digestTimes(m.date, this.deps.schedule);
        // A missed chase still goes before a missed digest: owners can reply before the meeting.
        if (now >= chaseAt) await this.runJob(scope, m, 'chase', now, report, meetings);
        if (now >= digestAt) await this.runJob(scope, m, 'digest', now, report, meetings);
      } catch (err) {
        report.errors.push({ ...scope, meeting: m.date, error: messageOf(err) });
      }
    }
    // The meeting that has started most recently: a job of it that never ran was missed.
    if (lastStarted) {
      for (const kind of ['chase', 'digest'] as const) {
        try {
          await this.skipMissed(scope, lastStarted, kind, now, report);
        } catch (err) {
          report.errors.push({ ...scope, meeting: lastStarted.date, kind, error: messageOf(err) });
        }
      }
    }
  }

  /** Claims the job unless it is finished or someone else is on it; true if this instance holds it now. */
  private async take(scope: Scope, meeting: IsoDate, kind: JobKind, now: Date): Promise<boolean> {
    const id = `${scope.tenant}|${scope.board}|${kind}|${meeting}`;
    if (this.finished.has(id)) return false;
    const job = await this.deps.stores.jobs.get(scope, kind, meeting);
    if (job && job.state !== 'claimed') {
      this.finished.add(id);
      return false;
    }
    if (job && job.owner !== this.deps.instanceId && (job.leaseUntil ?? '') > now.toISOString()) return false;
    return this.deps.stores.jobs.claim(
      scope,
      kind,
      meeting,
      this.deps.instanceId,
      now,
      this.deps.leaseMs ?? DEFAULT_LEASE_MS,
    );
  }

  private async runJob(
    scope: Scope,
    m: Meeting,
    kind: JobKind,
    now: Date,
    report: TickReport,
    meetings: readonly Meeting[],
  ): Promise<void> {
    if (!(await this.take(scope, m.date, kind, now))) return;
    const run = await traced(kind, async () => {
      // If this throws, the claim stays until its lease lapses; this instance retries at its next tick.
      const { queued, detail } =
        kind === 'chase' ? await this.chase(scope, m, now, meetings) : await this.digest(scope, m, now);
      const ok = await this.deps.stores.jobs.complete(
        scope,
        kind,
        m.date,
        this.deps.instanceId,
        detail,
        this.deps.now(),
      );
      if (ok) this.finished.add(`${scope.tenant}|${scope.board}|${kind}|${m.date}`);
      else this.deps.log.warn('scheduler.claim_lost', { board: scope.board, meeting: m.date, kind });
      return { ...scope, meeting: m.date, kind, result: ok ? 'done' : 'lost', queued };
    });
    report.runs.push(run);
  }

  private async skipMissed(scope: Scope, m: Meeting, kind: JobKind, now: Date, report: TickReport): Promise<void> {
    if (!(await this.take(scope, m.date, kind, now))) return;
    const run = await traced(kind, async () => {
      const due =
        kind === 'chase'
          ? digestTimes(m.date, this.deps.schedule).chaseAt
          : digestTimes(m.date, this.deps.schedule).digestAt;
      const reason = 'the meeting had started before the job could run';
      const ok = await this.deps.stores.jobs.skip(
        scope,
        kind,
        m.date,
        this.deps.instanceId,
        { reason, due: due.toISOString(), at: now.toISOString() },
        this.deps.now(),
      );
      if (ok) {
        this.finished.add(`${scope.tenant}|${scope.board}|${kind}|${m.date}`);
        this.deps.log.warn('scheduler.skipped', {
          tenant: scope.tenant,
          board: scope.board,
          meeting: m.date,
          kind,
          due: due.toISOString(),
          reason,
        });
      }
      return { ...scope, meeting: m.date, kind, result: ok ? 'skipped' : 'lost', queued: 0 };
    });
    report.runs.push(run);
  }

  private async enqueue(id: string, target: OutboxTarget, payload: Payload, now: Date): Promise<boolean> {
    return this.deps.stores.outbox.enqueue({ id, target, payload: JSON.stringify(payload) }, now);
  }

  private async chase(
    scope: Scope,
    m: Meeting,
    now: Date,
    meetings: readonly Meeting[],
  ): Promise<{ queued: number; detail: JobDetail }> {
    const { stores } = this.deps;
    const [open, people] = await Promise.all([stores.actions.listOpen(scope), stores.people.list(scope)]);
    const directory = new Map(people.map((p) => [p.person.id, p.person]));
    const owed = chaseList(open, meetings, londonToday(now), m.date);
    const chased: Array<{ personId: string; actionIds: string[] }> = [];
    const unreachable: Array<{ personId: string; name?: string; reason: string }> = [];
    let queued = 0;
    for (const [personId, actions] of owed) {
      const person: Person | undefined = directory.get(personId);
      const reach = reachOf(scope.tenant, person);
      if (!reach.ok) {
        unreachable.push({ personId, ...(person ? { name: person.name } : {}), reason: reach.reason });
        continue;
      }
      const actionIds = actions.map((a) => a.id);
      const payload: ChasePayload = { type: 'chase', board: scope.board, meeting: m.date, personId, actionIds };
      if (await this.enqueue(chaseOutboxId(scope, m.date, personId), reach.target, payload, now)) queued++;
      chased.push({ personId, actionIds });
    }
    this.deps.log.info('scheduler.chased', {
      tenant: scope.tenant,
      board: scope.board,
      meeting: m.date,
      people: chased.length,
      queued,
      unreachable: unreachable.length,
    });
    return { queued, detail: { at: now.toISOString(), chased, unreachable } };
  }

  private async digest(scope: Scope, m: Meeting, now: Date): Promise<{ queued: number; detail: JobDetail }> {
    const { stores } = this.deps;
    const [people, channel] = await Promise.all([
      stores.people.list(scope),
      stores.conversations.forBoard(scope.tenant, scope.board),
    ]);
    const leads = people.map((p) => p.person).filter((p) => p.role === 'chair' || p.role === 'secretariat');
    const sentTo: string[] = [];
    const unreachable: Array<{ personId: string; name: string; reason: string }> = [];
    let queued = 0;
    for (const person of leads) {
      const reach = reachOf(scope.tenant, person);
      if (!reach.ok) {
        unreachable.push({ personId: person.id, name: person.name, reason: reach.reason });
        continue;
      }
      const payload: Payload = { type: 'digest', board: scope.board, meeting: m.date, personId: person.id };
      if (await this.enqueue(digestOutboxId(scope, m.date, person.id), reach.target, payload, now)) queued++;
      sentTo.push(person.id);
    }
    if (channel) {
      const payload: Payload = { type: 'digest', board: scope.board, meeting: m.date };
      if (
        await this.enqueue(
          digestOutboxId(scope, m.date, 'channel'),
          { kind: 'conversation', tenant: scope.tenant, conversationId: channel.id },
          payload,
          now,
        )
      )
        queued++;
    }
    this.deps.log.info('scheduler.digest_queued', {
      tenant: scope.tenant,
      board: scope.board,
      meeting: m.date,
      people: sentTo.length,
      channel: Boolean(channel),
      queued,
      unreachable: unreachable.length,
    });
    return { queued, detail: { at: now.toISOString(), people: sentTo, channel: channel?.id ?? null, unreachable } };
  }
}

/** A job this instance took, as a trace of its own that ends with an event saying what became of it. */
function traced(kind: JobKind, work: () => Promise<JobRun>): Promise<JobRun> {
  return inSpan('scheduler.job', { root: true, facts: { 'pam.job.kind': kind } }, async () => {
    const run = await work();
    spanEvent('scheduler.job', { 'pam.job.result': run.result, 'pam.job.queued': run.queued });
    return run;
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
