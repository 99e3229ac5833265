// The calendar's commands in the chat: the coming meetings, the next meeting, deep dives.
import { listCard, messageCard, type AdaptiveCard } from '../../cards/index.ts';
import { importDeepDives, setDeepDive, setNextMeeting, upcomingMeetings } from '../services/calendar.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Command } from '../rules/commands.ts';
import { formatUkDate } from '../rules/refs.ts';
import type { Actor, Meeting } from '../rules/types.ts';

export type CalendarCommand = Extract<Command, { kind: 'meetings' | 'nextMeeting' | 'deepDive' | 'deepDives' }>;

const describe = (m: Meeting): string =>
  [m.time, m.location, m.focus, m.deepDive ? `deep dive: ${m.deepDive}` : undefined].filter(Boolean).join(' · ');

/** Runs a calendar command; refusals are thrown as RefusedError, as everywhere in the chat. */
export async function onCalendarCommand(
  t: BoardContext,
  actor: Actor,
  command: CalendarCommand,
): Promise<AdaptiveCard> {
  switch (command.kind) {
    case 'meetings': {
      const meetings = await upcomingMeetings(t);
      return listCard({
        title: `${t.scope.board}: coming meetings`,
        ...(meetings.length
          ? {}
          : { intro: 'No meeting is in the calendar yet: the secretariat adds one with "next meeting dd/MM/yyyy".' }),
        rows: meetings.map((m) => ({ title: formatUkDate(m.date), subtitle: describe(m) })),
      });
    }
    case 'nextMeeting': {
      const m = await setNextMeeting(t, actor, {
        date: command.date,
        ...(command.time ? { time: command.time } : {}),
        ...(command.location ? { location: command.location } : {}),
      });
      return messageCard({
        title: 'Next meeting',
        text: `The next meeting is on ${formatUkDate(m.date)}${m.time ? ` at ${m.time}` : ''}${m.location ? `, ${m.location}` : ''}.`,
        tone: 'good',
      });
    }
    case 'deepDive': {
      const result = await setDeepDive(t, actor, command.text);
      return messageCard({
        title: 'Deep dive',
        text: `Set for the meeting of ${formatUkDate(result.meeting ?? '')}.`,
        tone: 'good',
      });
    }
    case 'deepDives': {
      const results = await importDeepDives(t, actor, command.table);
      const lines = results
        .filter((r) => r.result !== 'skipped')
        .map(
          (r) =>
            `line ${r.line}: ${r.result === 'set' ? `set for ${formatUkDate(r.meeting ?? '')}` : `not set - ${r.reason}`}`,
        );
      const bad = results.some((r) => r.result === 'error');
      return messageCard({
        title: 'Deep dives',
        text: lines.join('\n') || 'No months found in the schedule.',
        tone: bad ? 'warning' : 'good',
      });
    }
  }
}
