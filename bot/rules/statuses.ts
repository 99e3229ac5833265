import type { Status } from './types.ts';

/** How each status reads in the minutes and on cards. */
export const STATUS_LABEL: Record<Status, string> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  completed: 'Completed',
  carried_forward: 'Carried forward',
  standing: 'Standing item',
  discharged: 'Discharged',
};

/** Only discharge closes an action; a standing item stays on the list every month. */
export function isOpen(status: Status): boolean {
  return status !== 'discharged';
}

/** The owner still owes an update: not completed, not a standing item, not discharged. */
export function owesUpdate(status: Status): boolean {
  return status !== 'completed' && status !== 'standing' && status !== 'discharged';
}

const WORDS: Record<string, Status> = {
  open: 'open',
  new: 'open',
  'in progress': 'in_progress',
  ongoing: 'in_progress',
  progressing: 'in_progress',
  blocked: 'blocked',
  completed: 'completed',
  complete: 'completed',
  done: 'completed',
  'carried forward': 'carried_forward',
  'carry forward': 'carried_forward',
  deferred: 'carried_forward',
  'standing item': 'standing',
  standing: 'standing',
  discharged: 'discharged',
  closed: 'discharged',
};

/** Reads a status as the minutes or a person write it ('Standing item', 'in progress', 'in_progress'). */
export function parseStatusWord(word: string): Status | null {
  const key = word
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/[.:]$/, '');
  return WORDS[key] ?? null;
}
