// What every use case works with: the board it acts on, the stores, and the clock.
import { createActionStore, type ActionStore, type StoredAction } from '../../storage/actions.ts';
import { createConversationStore, type ConversationStore } from '../../storage/conversations.ts';
import { createDeepDiveStore, type DeepDiveStore } from '../../storage/deep-dives.ts';
import { createDiscussionStore, type DiscussionStore } from '../../storage/discussions.ts';
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
  /** What the minutes say under each item, a row an item (an exempt item's apart). */
  discussions: DiscussionStore;
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
    discussions: createDiscussionStore(tables.client('discussions')),
  };
}

export function createBoardContext(stores: Stores, scope: Scope, now: () => Date = () => new Date()): BoardContext {
  return { scope, stores, now };
}

/**
 * One request's tracker: within it the directory, the calendar and each action it looks at are
 * read from storage once, however many steps need them (who is asking, the rules, the card drawn
 * back), and a write forgets what was read. Nothing is kept between requests, so no
 * instance ever acts on another instance's stale directory.
 */
export function createRequestContext(stores: Stores, scope: Scope, now: () => Date = () => new Date()): BoardContext {
  // Shared for the request's whole life: the tracker is dropped with the request.
  const shared = readsSharedFor(stores, Number.POSITIVE_INFINITY);
  return createBoardContext({ ...shared, actions: actionsReadOnce(stores.actions) }, scope, now);
}

/**
 * Writes made to each action by this process, for each actions store (one a process): a request's
 * read of an action made before one of them is not used after it (replies that waited behind
 * another batch read the action afresh rather than lose on its ETag). Another process's writes are
 * caught by the ETag, as ever.
 */
const writesMade = new WeakMap<ActionStore, Map<string, number>>();

/**
 * An action store for one request: an action is read once (the card's action can so be read while
 * the caller is identified, and the reply, the rules and the card drawn back use that read), until
 * this process writes the action, done or refused on its ETag: then it is read afresh.
 */
function actionsReadOnce(actions: ActionStore): ActionStore {
  let writes = writesMade.get(actions);
  if (!writes) writesMade.set(actions, (writes = new Map()));
  const made = writes;
  const read = new Map<string, { value: Promise<StoredAction | null>; after: number }>();
  const keyOf = (scope: Scope, id: string): string => `${scopeKey(scope)}|${id}`;
  const wrote = async <R>(scope: Scope, id: string, write: Promise<R>): Promise<R> => {
    try {
      return await write;
    } finally {
      const k = keyOf(scope, id);
      made.set(k, (made.get(k) ?? 0) + 1);
    }
  };
  return {
    ...actions,
    get(scope, id) {
      const k = keyOf(scope, id);
      const after = made.get(k) ?? 0;
      const hit = read.get(k);
      if (hit && hit.after === after) return hit.value;
      const value = actions.get(scope, id);
      read.set(k, { value, after });
      value.catch(() => read.delete(k)); // a failed read is not remembered
      return value;
    },
    create: (scope, record, history) => wrote(scope, record.id, actions.create(scope, record, history)),
    replace: (scope, current, change, request) =>
      wrote(scope, current.action.id, actions.replace(scope, current, change, request)),
    commit: (scope, current, steps) => wrote(scope, current.action.id, actions.commit(scope, current, steps)),
    change: (scope, id, apply, request) => wrote(scope, id, actions.change(scope, id, apply, request)),
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
