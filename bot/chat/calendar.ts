// The calendar in the chat: the coming meetings, the next meeting, deep dives. The services refuse
// (RefusedError) whoever may not change it.
import { listCard, messageCard } from '../../cards/index.ts';
import { calendarOf, importDeepDives, setDeepDive, setNextMeeting } from '../services/calendar.ts';
import { formatUkDate } from '../rules/refs.ts';
import type { Meeting } from '../rules/types.ts';
import { mayEditRecord } from '../rules/permissions.ts';
import { onCommandKind, only, type CommandHandler } from './handler.ts';
import { answered, cardReply } from './replies.ts';

/** The calendar is set by the chair or the secretariat (the words the calendar service uses too). */
const keepsTheCalendar = only(mayEditRecord, 'the calendar is kept by the secretariat');

/** Meetings held that `meetings` shows when none is to come. */
const HELD_SHOWN = 3;

const describe = (m: Meeting): string =>
  [m.time, m.location, m.focus, m.deepDive ? `deep dive: ${m.deepDive}` : undefined].filter(Boolean).join(' · ');

export const calendarCommands: CommandHandler[] = [
  onCommandKind('meetings', {
    async run(t) {
      const { coming, held } = await calendarOf(t);
      const row = (m: Meeting) => ({ title: formatUkDate(m.date), subtitle: describe(m) });
      if (coming.length === 0 && held.length > 0)
        // Only meetings held: say so, show the last ones, and how to set the next.
        return answered(
          cardReply(
            listCard({
              title: `${t.scope.board}: no next meeting set`,
              intro: `No next meeting is in the calendar: the chair or the secretariat sets it with "next meeting dd/MM/yyyy". The last held:`,
              rows: held.slice(0, HELD_SHOWN).map(row),
            }),
          ),
        );
      return answered(
        cardReply(
          listCard({
            title: `${t.scope.board}: coming meetings`,
            ...(coming.length
              ? {}
              : {
                  intro: 'No meeting is in the calendar yet: the secretariat adds one with "next meeting dd/MM/yyyy".',
                }),
            rows: coming.map(row),
          }),
        ),
      );
    },
  }),
  onCommandKind('nextMeeting', {
    who: keepsTheCalendar,
    async run(t, actor, command) {
      const m = await setNextMeeting(t, actor, {
        date: command.date,
        ...(command.time ? { time: command.time } : {}),
        ...(command.location ? { location: command.location } : {}),
      });
      return answered(
        cardReply(
          messageCard({
            title: 'Next meeting',
            text: `The next meeting is on ${formatUkDate(m.date)}${m.time ? ` at ${m.time}` : ''}${m.location ? `, ${m.location}` : ''}.`,
            tone: 'good',
          }),
        ),
      );
    },
  }),
  onCommandKind('deepDive', {
    who: keepsTheCalendar,
    async run(t, actor, command) {
      const result = await setDeepDive(t, actor, command.text);
      return answered(
        cardReply(
          messageCard({
            title: 'Deep dive',
            text: `Set for the meeting of ${formatUkDate(result.meeting ?? '')}.`,
            tone: 'good',
          }),
        ),
      );
    },
  }),
  onCommandKind('deepDives', {
    who: keepsTheCalendar,
    async run(t, actor, command) {
      const results = await importDeepDives(t, actor, command.table);
      const lines = results
        .filter((r) => r.result !== 'skipped')
        .map(
          (r) =>
            `line ${r.line}: ${r.result === 'set' ? `set for ${formatUkDate(r.meeting ?? '')}` : `not set - ${r.reason}`}`,
        );
      const bad = results.some((r) => r.result === 'error');
      return answered(
        cardReply(
          messageCard({
            title: 'Deep dives',
            text: lines.join('\n') || 'No months found in the schedule.',
            tone: bad ? 'warning' : 'good',
          }),
        ),
      );
    },
  }),
];
