// What a correct reading of the 14/03/2023 minutes finds (tests/fixtures/minutes-2023-03-14.expected.json),
// typed as far as the tests read it (nulls are what the file writes for "none"). Read once, shared.
import { readFileSync } from 'node:fs';

export interface ExpectedMinutes {
  meeting: {
    date: string;
    start: string;
    end: string;
    location: string;
    chair: string;
    chairInitials: string;
    minuteTaker: string;
    previousMeeting: string;
  };
  attendees: Array<{ name: string; capacity: string; initials: string | null; dialIn: boolean }>;
  apologies: Array<{
    name: string;
    capacity: string;
    initials: string | null;
    representative: { asWritten: string; initials: string } | null;
  }>;
  namesNotInDirectory: string[];
  items: Array<{ number: string; title: string; exempt?: boolean }>;
  reviewedActions: Array<{
    meeting: string;
    ref: string | null;
    owners: string[];
    ownersAsWritten?: string;
    text: string;
    outcome: string;
    updatedTo?: string[];
    status: string;
  }>;
  questionsItem: string;
  questionsPutBy: string;
  questions: Array<{
    number: string;
    text: string;
    respondent: string;
    respondentAsWritten?: string;
    parts?: Array<{ number: string; text: string }>;
    answer: string;
  }>;
  exemptItems: Array<{ item: string; title: string; exemption: string; section: string; reason: string }>;
  itemColumnActions: Array<{ item: string; owners: string[]; numeral: string; text: string; sameAs: string }>;
  actionsArising: Array<{ ref: string; owners: string[]; ownersAsWritten?: string; text: string }>;
  deepDives: Array<{ month: string; focus: string; quarter: string | null; topic: string | null }>;
  nextMeeting: { date: string; time: string };
  counts: Record<string, number>;
}

export const EXPECTED: ExpectedMinutes = JSON.parse(
  readFileSync(new URL('../fixtures/minutes-2023-03-14.expected.json', import.meta.url), 'utf8'),
) as ExpectedMinutes;
