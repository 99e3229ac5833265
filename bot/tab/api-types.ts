// The tab's JSON API as data: what the server sends and the page reads. One definition for both
// (the page's own build and the server's), so the two cannot drift.

export interface Me {
  person: { id: string; name: string; initials: string; role: string };
  board: string;
  canSeeBoard: boolean;
}

/** One action as the tab shows it. Dates: ISO in `meeting`/`due`, dd/MM/yyyy in the *Date fields. */
export interface TabAction {
  id: string;
  ref: string;
  text: string;
  owners: string[];
  /** The owners' directory ids (filters); unresolved owners have none. */
  ownerIds: string[];
  meeting: string;
  meetingDate: string;
  due?: string;
  dueDate?: string;
  status: string;
  statusLabel: string;
  latest?: { note?: string; by: string; at: string };
  overdue: boolean;
  daysOverdue: number;
  noReply: boolean;
  readyToDischarge: boolean;
  version: number;
  canReply: boolean;
}

export interface TabCounts {
  open: number;
  overdue: number;
  noReply: number;
  readyToDischarge: number;
}

export interface ActionsAnswer {
  view: 'all' | 'mine';
  board: string;
  today: string;
  asAt: string;
  statuses: Array<{ key: string; label: string; count: number }>;
  /** As the bot counts them everywhere (bot/rules/flags.ts): actions and open scrutiny questions apart. */
  counts: { asAt: string; actions: TabCounts; questions: TabCounts };
  actions: TabAction[];
}

export interface MeetingsAnswer {
  meetings: Array<{ date: string; label: string; open: number; closed: number }>;
  digest?: { meeting: string; meetingDate: string; docx: string; md: string; csv: string };
}
