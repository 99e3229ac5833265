// What every use case works with: the board it acts on, the stores, and the clock.
import { createActionStore, type ActionStore } from '../../storage/actions.ts';
import { createConversationStore, type ConversationStore } from '../../storage/conversations.ts';
import { createMeetingStore, type MeetingStore } from '../../storage/meetings.ts';
import { createJobStore, type JobStore } from '../../storage/jobs.ts';
import { createOutboxStore, type OutboxStore } from '../../storage/outbox.ts';
import { createPeopleStore, type PeopleStore } from '../../storage/people.ts';
import { createQuestionStore, type QuestionStore } from '../../storage/questions.ts';
import type { Tables } from '../../storage/tables.ts';
import type { Scope } from '../tracker/types.ts';

export interface Stores {
  actions: ActionStore;
  people: PeopleStore;
  meetings: MeetingStore;
  conversations: ConversationStore;
  outbox: OutboxStore;
  jobs: JobStore;
  questions: QuestionStore;
}

export interface Tracker {
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
  };
}

export function createTracker(stores: Stores, scope: Scope, now: () => Date = () => new Date()): Tracker {
  return { scope, stores, now };
}
