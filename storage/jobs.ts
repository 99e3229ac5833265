// The `jobs` table: one row a scheduler job (kind|meeting), claimed with a lease, then done or
// skipped. Claiming creates the row or takes over an expired claim on its ETag, so only one
// instance ever holds a live claim, and only the holder can finish it (storage/README.md).
import type { TableClient } from '@azure/data-tables';
import { isAlreadyExists } from './errors.ts';
import { key, keyPart, scopeKey } from './keys.ts';
import { assertEntityFits } from './limits.ts';
import type { IsoDate, IsoInstant, Scope } from '../model/records.ts';
import { getRow, listRows, replaceIfUnchanged, type Row } from './rows.ts';

export type JobKind = 'digest' | 'chase';
export type JobState = 'claimed' | 'done' | 'skipped';

/** What a job records about itself: plain JSON (kept as one string property, at most 32K characters). */
export type JobDetail = { [key: string]: unknown };

export interface Job {
  kind: JobKind;
  meeting: IsoDate;
  state: JobState;
  /** The instance that claimed it (and, once finished, finished it). */
  owner: string;
  /** While claimed: when the claim lapses if the owner does not finish. */
  leaseUntil?: IsoInstant;
  /** When it was claimed first. */
  claimedAt: IsoInstant;
  /** When its state last changed. */
  at: IsoInstant;
  /** Claims so far (above 1: someone took over a lapsed claim). */
  attempts: number;
  detail?: JobDetail;
}

const rowKey = (kind: JobKind, meeting: IsoDate): string => key(kind, keyPart(meeting));

function toEntity(scope: Scope, job: Job): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const { detail, ...fields } = job;
  const entity = {
    partitionKey: scopeKey(scope),
    rowKey: rowKey(job.kind, job.meeting),
    ...fields,
    ...(detail ? { detail: JSON.stringify(detail) } : {}),
  };
  assertEntityFits(entity);
  return entity;
}

function toJob(row: Row): Job {
  const job: Job = {
    kind: row.kind as JobKind,
    meeting: String(row.meeting),
    state: row.state as JobState,
    owner: String(row.owner),
    claimedAt: String(row.claimedAt),
    at: String(row.at),
    attempts: Number(row.attempts ?? 1),
  };
  if (typeof row.leaseUntil === 'string') job.leaseUntil = row.leaseUntil;
  if (typeof row.detail === 'string') job.detail = JSON.parse(row.detail) as JobDetail;
  return job;
}

export interface JobStore {
  /**
   * Takes the job for `leaseMs`: true if this instance now holds it (it created the row, took over
   * a lapsed claim, or renewed its own); false if it is done or skipped, or another instance holds
   * a live claim, or another instance took it over at the same moment.
   */
  claim(
    scope: Scope,
    kind: JobKind,
    meeting: IsoDate,
    instanceId: string,
    now: Date,
    leaseMs: number,
  ): Promise<boolean>;
  /** Marks a job this instance holds as done; false (and nothing written) if its claim was lost. */
  complete(
    scope: Scope,
    kind: JobKind,
    meeting: IsoDate,
    instanceId: string,
    detail: JobDetail,
    now?: Date,
  ): Promise<boolean>;
  /** Marks a job this instance holds as skipped; false (and nothing written) if its claim was lost. */
  skip(
    scope: Scope,
    kind: JobKind,
    meeting: IsoDate,
    instanceId: string,
    detail: JobDetail,
    now?: Date,
  ): Promise<boolean>;
  get(scope: Scope, kind: JobKind, meeting: IsoDate): Promise<Job | null>;
  /** Every job of the board, by kind then meeting. */
  list(scope: Scope): Promise<Job[]>;
}

export function createJobStore(table: TableClient): JobStore {
  async function finish(
    scope: Scope,
    kind: JobKind,
    meeting: IsoDate,
    instanceId: string,
    state: 'done' | 'skipped',
    detail: JobDetail,
    now: Date,
  ): Promise<boolean> {
    const row = await getRow(table, scopeKey(scope), rowKey(kind, meeting));
    if (!row) return false;
    const current = toJob(row);
    if (current.state !== 'claimed' || current.owner !== instanceId) return false;
    const { leaseUntil: _lease, ...rest } = current;
    const next: Job = { ...rest, state, at: now.toISOString(), detail };
    return replaceIfUnchanged(table, toEntity(scope, next), row.etag);
  }

  return {
    async claim(scope, kind, meeting, instanceId, now, leaseMs) {
      const at = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      try {
        await table.createEntity(
          toEntity(scope, {
            kind,
            meeting,
            state: 'claimed',
            owner: instanceId,
            leaseUntil,
            claimedAt: at,
            at,
            attempts: 1,
          }),
        );
        return true;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      const row = await getRow(table, scopeKey(scope), rowKey(kind, meeting));
      if (!row) return false; // never deleted: treat as taken, the next tick looks again
      const current = toJob(row);
      if (current.state !== 'claimed') return false;
      const live = (current.leaseUntil ?? '') > at;
      if (live && current.owner !== instanceId) return false;
      const next: Job = {
        ...current,
        owner: instanceId,
        leaseUntil,
        at,
        attempts: current.attempts + (current.owner === instanceId ? 0 : 1),
      };
      return replaceIfUnchanged(table, toEntity(scope, next), row.etag);
    },

    complete: (scope, kind, meeting, instanceId, detail, now = new Date()) =>
      finish(scope, kind, meeting, instanceId, 'done', detail, now),
    skip: (scope, kind, meeting, instanceId, detail, now = new Date()) =>
      finish(scope, kind, meeting, instanceId, 'skipped', detail, now),

    async get(scope, kind, meeting) {
      const row = await getRow(table, scopeKey(scope), rowKey(kind, meeting));
      return row ? toJob(row) : null;
    },

    async list(scope) {
      return (await listRows(table, scopeKey(scope))).map(toJob);
    },
  };
}
