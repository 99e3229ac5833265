// What every use case works with: the board it acts on, the stores, and the clock.
import { createActionStore, type ActionStore, type StoredAction } from '../../storage/actions.ts';
import { createConversationStore, type ConversationStore } from '../../storage/conversations.ts';
import { createDeepDiveStore, type DeepDiveStore } from '../../storage/deep-dives.ts';
import { scopeKey } from '../../storage/keys.ts';
import { createMeetingStore, type MeetingStore } from '../../storage/meetings.ts';
import { createJobStore, type JobStore } from '../../storage/jobs.ts';
import { createOutboxStore, type OutboxStore } from '../../storage/outbox.ts';
import { createPeopleStore, type PeopleStore, type StoredPerson } from '../../storage/people.ts';
import { createPendingImportStore, type PendingImportStore } from '../../storage/pending-imports.ts';
import { createQuestionStore, type QuestionStore } from '../../storage/questions.ts';
import type { Tables } from '../../storage/tables.ts';
import type { Meeting, Scope } from '../rules/types.ts';

export interface Stores {
  actions: ActionStore;
  people: PeopleStore;
  meetings: MeetingStore;
  conversations: ConversationStore;
  outbox: OutboxStore;
  jobs: JobStore;
  questions: QuestionStore;
  imports: PendingImportStore;
  /** The Schedule of Deep Dive Subjects, a row a month. */
  deepDives: DeepDiveStore;
}

export interface BoardContext {
  scope: Scope;
  stores: Stores;
  /** Injectable so tests can walk a board through a month. */
  now: () => Date;
}

export function createStores(tables: Tables): Stores {
  return {
    actions: createActionStore(tables.client('actions')),
    people: createPeopleStore(tables.client('people')),
    meetings: createMeetingStore(tables.client('meetings')),
    conversations: createConversationStore(tables.client('conversations')),
    outbox: createOutboxStore(tables.client('outbox')),
    jobs: createJobStore(tables.client('jobs')),
    questions: createQuestionStore(tables.client('questions')),
    imports: createPendingImportStore(tables.client('imports')),
    deepDives: createDeepDiveStore(tables.client('deepdives')),
  };
}

export function createBoardContext(stores: Stores, scope: Scope, now: () => Date = () => new Date()): BoardContext {
  return { scope, stores, now };
}

/**
 * One request's tracker: within it the directory, the calendar and each action it looks at are
 * read from storage once, however many steps need them (who is asking, the rules, the card drawn
 * back), and a write through it forgets what was read. Nothing is kept between requests, so no
 * instance ever acts on another instance's stale directory.
 */
export function createRequestContext(stores: Stores, scope: Scope, now: () => Date = () => new Date()): BoardContext {
  // Shared for the request's whole life: the tracker is dropped with the request.
  const shared = readsSharedFor(stores, Number.POSITIVE_INFINITY);
  return createBoardContext({ ...shared, actions: actionsReadOnce(stores.actions) }, scope, now);
}

/**
 * An action store for one request: an action is read once (the card's action can so be read while
 * the caller is identified, and the reply, the rules and the card drawn back use that read), and
 * any write through it, done or refused on its ETag, forgets every read, so what follows reads afresh.
 */
function actionsReadOnce(actions: ActionStore): ActionStore {
  const read = new Map<string, Promise<StoredAction | null>>();
  const writing =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        read.clear();
      }
    };
  return {
    ...actions,
    get(scope, id) {
      const k = `${scopeKey(scope)}|${id}`;
      const hit = read.get(k);
      if (hit) return hit;
      const value = actions.get(scope, id);
      read.set(k, value);
      value.catch(() => read.delete(k)); // a failed read is not remembered
      return value;
    },
    create: writing(actions.create),
    replace: writing(actions.replace),
    commit: writing(actions.commit),
    change: writing(actions.change),
  };
}

/**
 * Stores whose directory and calendar reads are shared for `ttlMs`, for drawing outgoing cards
 * (a broadcast draws a thousand, each with every owner's name): a name or a meeting seconds old on
 * a card is harmless, and whoever replies on it is checked against fresh data in their own request.
 * Never for deciding who may do what.
 */
export function readsSharedFor(stores: Stores, ttlMs: number): Stores {
  const memo = <T>(): { read: (k: string, load: () => Promise<T>) => Promise<T>; forget: () => void } => {
    const cache = new Map<string, { value: Promise<T>; until: number }>();
    return {
      read(k, load) {
        const now = performance.now();
        const hit = cache.get(k);
        if (hit && hit.until > now) return hit.value;
        const value = load();
        cache.set(k, { value, until: now + ttlMs });
        value.catch(() => cache.delete(k)); // a failed read is not remembered
        return value;
      },
      forget: () => cache.clear(),
    };
  };
  const people = memo<StoredPerson[]>();
  const meetings = memo<Meeting[]>();
  const directory: PeopleStore = {
    ...stores.people,
    list: (scope) => people.read(scopeKey(scope), () => stores.people.list(scope)),
    // The directory's rows carry each person's Teams id (written with its index row, in one
    // transaction), so the list that is read anyway answers who is asking.
    async byTeamsId(scope, aadObjectId) {
      const id = aadObjectId.toLowerCase();
      return (await directory.list(scope)).find((p) => p.person.aadObjectId?.toLowerCase() === id) ?? null;
    },
    async save(scope, next, current) {
      try {
        return await stores.people.save(scope, next, current);
      } finally {
        people.forget();
      }
    },
  };
  const calendar: MeetingStore = {
    ...stores.meetings,
    list: (scope) => meetings.read(scopeKey(scope), () => stores.meetings.list(scope)),
    async save(scope, next, current) {
      try {
        return await stores.meetings.save(scope, next, current);
      } finally {
        meetings.forget();
      }
    },
  };
  return { ...stores, people: directory, meetings: calendar };
}
