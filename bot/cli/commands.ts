// The CLI's commands over the services: what each does, and what it prints.
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { parseArgs } from 'node:util';
import { digestCsv } from '../digest/csv.ts';
import { digestDocx } from '../digest/docx.ts';
import { digestMarkdown } from '../digest/markdown.ts';
import { openMinutesDocx } from '../digest/minutes-docx.ts';
import type { PapersOptions } from '../digest/text.ts';
import { listActions, showAction } from '../services/actions.ts';
import { buildDigest } from '../services/digest.ts';
import { describeImport, importAndNotify } from '../services/import-actions.ts';
import { resendCards } from '../outbox/resend.ts';
import { importDeepDives, setByHand } from '../services/calendar.ts';
import { saveMeeting } from '../services/meetings.ts';
import { describeUnlink, refusedLinkLines, unlinkPerson } from '../services/identity.ts';
import { importPeople, listPeople } from '../services/people.ts';
import type { BoardContext } from '../services/board-context.ts';
import { formatRef, formatUkDate, parseUkDate } from '../rules/refs.ts';
import { openForm } from '../rules/exempt.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, IsoDate } from '../rules/types.ts';
import { describeQuestions, enterQuestions, listQuestions } from '../services/questions.ts';
import { markActionExempt, markQuestionExempt } from '../services/exempt.ts';
import { normaliseNumber } from '../rules/questions-parse.ts';
import { questionId } from '../rules/questions.ts';
import { applyMinutes, nothingToChange, previewMinutes } from '../services/minutes/import.ts';
import { buildOpenMinutes } from '../services/open-minutes.ts';
import {
  actionDetail,
  actionsTable,
  meetingsTable,
  minutesCounts,
  minutesPreview,
  peopleTable,
  queuedCards,
  questionsTable,
} from './output.ts';

export const USAGE = `Usage: npm run tracker -- <command> [options]

  people import FILE                      add or update the directory from CSV
                                          (name,capacity,initials,aliases,email,role)
  people list [--json]                    the directory; Teams accounts refused as someone
                                          already linked to another account are listed after it
  people unlink EMAIL                     forget that person's Teams account: the next account
                                          that comes with their email is linked
  meeting add --date dd/MM/yyyy [--time HH:mm] [--next dd/MM/yyyy] [--location TEXT]
              [--focus "P&P Q1"] [--deep-dive TOPIC]
  meeting deep-dives FILE                 each month's deep dive from the Schedule of Deep
                                          Dive Subjects ("April - Repeat Victims", a line a month)
  meeting list [--json]
  actions import FILE [--meeting dd/MM/yyyy] [--format text|csv|json]
                                          FILE may be - to read a pasted table from stdin
  actions list [--open] [--owner XX] [--meeting dd/MM/yyyy] [--json]
  actions show REF [--json]               REF as the minutes write it, e.g. "04 14/03/2023.i"
  cards resend XX|dd/MM/yyyy              queue again the open cards of a person (initials, name
                                          or email) or of a meeting; a card for someone not yet
                                          reachable in Teams waits for them
  questions import FILE --meeting dd/MM/yyyy
                                          the scrutiny questions for that meeting, a line each
                                          ("Q1. text - XX"); FILE may be -
  questions list [--meeting dd/MM/yyyy] [--open] [--json]
  minutes import FILE [--meeting dd/MM/yyyy] [--dry-run] [--json]
                                          a meeting's minutes (the Word file, or text copied
                                          from it; FILE may be -): prints what they would add,
                                          update or keep, then applies it unless --dry-run
                                          (--meeting: when the minutes do not give the date)
  minutes open --meeting dd/MM/yyyy --out FILE.docx
                                          the open minutes of that meeting, for publication
                                          (exempt items reduced to their number, heading and
                                          exemption), from the minutes imported
  actions exempt REF --exemption NAME     mark an action exempt from publication
  questions exempt NUMBER --meeting dd/MM/yyyy --exemption NAME
  digest --meeting dd/MM/yyyy [--format md|csv|docx] [--out FILE] [--json] [--open]
                                          the action log for that meeting's papers: Markdown
                                          (default) or CSV to stdout or FILE; Word needs --out;
                                          --json prints the digest's model; --open gives the
                                          form for publication (exempt items: "Exempt under ...")

Every command takes --board NAME (default: TRACKER_BOARD, or PAM).`;

export const OPTIONS = {
  json: { type: 'boolean' },
  open: { type: 'boolean' },
  owner: { type: 'string' },
  meeting: { type: 'string' },
  date: { type: 'string' },
  time: { type: 'string' },
  next: { type: 'string' },
  location: { type: 'string' },
  focus: { type: 'string' },
  'deep-dive': { type: 'string' },
  format: { type: 'string' },
  exemption: { type: 'string' },
  out: { type: 'string' },
  'dry-run': { type: 'boolean' },
  board: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export interface Io {
  out(text: string): void;
  readInput(file: string): Promise<string>;
  /** The file's bytes (a Word file); `-` is stdin. */
  readBytes(file: string): Promise<Uint8Array>;
  /** Writes an output file (--out); default: the file system. */
  writeOutput?(file: string, data: string | Uint8Array): Promise<void>;
}

const DIGEST_FORMATS = ['md', 'csv', 'docx'] as const;
type DigestFormat = (typeof DIGEST_FORMATS)[number];

function isDigestFormat(s: string): s is DigestFormat {
  return (DIGEST_FORMATS as readonly string[]).includes(s);
}

async function writeOut(io: Io, file: string, data: string | Uint8Array): Promise<void> {
  try {
    await (io.writeOutput ?? ((f, d) => writeFile(f, d)))(file, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new RefusedError(`cannot write ${file} (${code})`);
    throw err;
  }
}

function ukDate(value: string | undefined, flag: string): IsoDate | undefined {
  if (value === undefined) return undefined;
  const date = parseUkDate(value);
  if (!date) throw new RefusedError(`--${flag} must be a date as dd/MM/yyyy, not "${value}"`);
  return date;
}

function operator(channel: Actor['channel']): Actor {
  const name = userInfo().username;
  return { id: `cli:${name}`, name, channel };
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

// A Word file is a ZIP package: it starts 'PK\x03\x04', which reads the same as text.
const WORD_FILE = 'PK\u0003\u0004';

/** A pasted table or list as text; a Word file is sent to the command that reads one, not read line by line. */
async function readTable(io: Io, file: string): Promise<string> {
  const text = await io.readInput(file);
  if (text.startsWith(WORD_FILE)) throw new RefusedError('this is a Word file: use `minutes import FILE`');
  return text;
}

async function peopleMap(t: BoardContext) {
  return new Map((await listPeople(t)).map((p) => [p.id, p]));
}

/** Runs one command; resolves to the exit code. `papers`: how the papers are drawn (their markings). */
export async function run(
  t: BoardContext,
  args: string[],
  v: Values,
  io: Io,
  papers: PapersOptions = {},
): Promise<number> {
  const [group, command, arg] = args;
  switch (`${group ?? ''} ${command ?? ''}`) {
    case 'people import': {
      if (!arg) throw new RefusedError('people import needs a FILE');
      const report = await importPeople(t, await io.readInput(arg));
      if (v.json) io.out(json(report));
      else {
        for (const l of report.lines.filter((l) => l.result !== 'skipped')) {
          const extra = [l.reason, ...l.warnings].filter(Boolean).join('; ');
          io.out(`line ${l.line}: ${l.result}${l.name ? ` ${l.name}` : ''}${extra ? ` - ${extra}` : ''}`);
        }
        const c = report.counts;
        io.out(`${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.error} not understood`);
      }
      return report.counts.error > 0 ? 1 : 0;
    }
    case 'people list': {
      const people = await listPeople(t);
      io.out(v.json ? json(people) : [peopleTable(people), ...refusedLinkLines(people)].join('\n'));
      return 0;
    }
    case 'people unlink': {
      if (!arg) throw new RefusedError('people unlink needs an EMAIL (or initials)');
      const unlinked = await unlinkPerson(t, operator('cli'), arg);
      io.out(v.json ? json(unlinked.person) : describeUnlink(unlinked));
      return 0;
    }
    case 'meeting add': {
      const date = ukDate(v.date, 'date');
      if (!date) throw new RefusedError('meeting add needs --date dd/MM/yyyy');
      const next = ukDate(v.next, 'next');
      const deepDive = v['deep-dive'];
      const { meeting, created } = await saveMeeting(t, {
        date,
        ...(v.time ? { time: v.time } : {}),
        ...(next ? { next } : {}),
        ...(v.location ? { location: v.location } : {}),
        ...(v.focus ? { focus: v.focus } : {}),
        ...(deepDive ? { deepDive, deepDiveSet: setByHand(t, operator('cli')) } : {}),
      });
      io.out(v.json ? json(meeting) : `${created ? 'Added' : 'Updated'} the meeting of ${v.date}.`);
      return 0;
    }
    case 'meeting deep-dives': {
      if (!arg) throw new RefusedError('meeting deep-dives needs a FILE (or - for stdin)');
      const results = await importDeepDives(t, operator('cli'), await io.readInput(arg));
      if (v.json) io.out(json(results));
      else
        for (const r of results.filter((x) => x.result !== 'skipped'))
          io.out(
            `line ${r.line}: ${r.result === 'set' ? `set for ${formatUkDate(r.meeting ?? '')}` : `not set - ${r.reason}`}`,
          );
      return results.some((r) => r.result === 'error') ? 1 : 0;
    }
    case 'meeting list': {
      const meetings = await t.stores.meetings.list(t.scope);
      io.out(v.json ? json(meetings) : meetingsTable(meetings));
      return 0;
    }
    case 'actions import': {
      if (!arg) throw new RefusedError('actions import needs a FILE (or - for stdin)');
      const format = v.format;
      if (format !== undefined && format !== 'text' && format !== 'csv' && format !== 'json')
        throw new RefusedError('--format must be text, csv or json');
      const meeting = ukDate(v.meeting, 'meeting');
      const { report, notified } = await importAndNotify(t, await readTable(io, arg), {
        actor: operator('import'),
        ...(meeting ? { meeting } : {}),
        ...(format ? { format } : {}),
      });
      io.out(
        v.json ? json({ ...report, notified }) : [...describeImport(report), '', ...queuedCards(notified)].join('\n'),
      );
      return report.counts.error > 0 ? 1 : 0;
    }
    case 'cards resend': {
      if (!arg)
        throw new RefusedError('cards resend needs a person (initials, name or email) or a meeting (dd/MM/yyyy)');
      const meeting = parseUkDate(arg);
      const { report, to } = await resendCards(t, meeting ? { meeting } : { who: arg });
      io.out(v.json ? json(report) : queuedCards(report, to).join('\n'));
      return 0;
    }
    case 'actions list': {
      const meeting = ukDate(v.meeting, 'meeting');
      const actions = await listActions(t, {
        ...(v.open ? { open: true } : {}),
        ...(v.owner ? { owner: v.owner } : {}),
        ...(meeting ? { meeting } : {}),
      });
      io.out(
        v.json
          ? json(actions.map((a) => ({ ...a, reference: formatRef(a.ref) })))
          : actionsTable(actions, await peopleMap(t)),
      );
      return 0;
    }
    case 'actions show': {
      if (!arg) throw new RefusedError('actions show needs a REF, e.g. "04 14/03/2023.i"');
      const detail = await showAction(t, arg);
      io.out(v.json ? json({ ...detail, reference: formatRef(detail.action.ref) }) : actionDetail(detail));
      return 0;
    }
    case 'questions import': {
      if (!arg) throw new RefusedError('questions import needs a FILE (or - for stdin)');
      const meeting = ukDate(v.meeting, 'meeting');
      if (!meeting) throw new RefusedError('questions import needs --meeting dd/MM/yyyy');
      const report = await enterQuestions(t, operator('import'), await readTable(io, arg), meeting);
      io.out(v.json ? json({ ...report, touched: undefined }) : describeQuestions(report).join('\n'));
      return report.counts.error > 0 ? 1 : 0;
    }
    case 'minutes import': {
      if (!arg)
        throw new RefusedError('minutes import needs a FILE: the Word file, or text copied from it (- for stdin)');
      const meeting = ukDate(v.meeting, 'meeting');
      // Loaded here, not with the CLI: the document readers are only needed to read minutes.
      const { readMinutesFile } = await import('./read-minutes.ts');
      const record = readMinutesFile(await io.readBytes(arg), arg, meeting);
      const opts = { actor: operator('import'), ...(meeting ? { meeting } : {}) };
      const preview = await previewMinutes(t, record, opts);
      if (v['dry-run']) {
        io.out(v.json ? json({ preview }) : [...minutesPreview(preview), 'Dry run: nothing was written.'].join('\n'));
        return preview.counts.error > 0 ? 1 : 0;
      }
      const { applied, notified } = await applyMinutes(t, record, opts);
      if (v.json) io.out(json({ preview, applied, notified }));
      else {
        const errors = applied.sections.flatMap((s) => s.records.filter((r) => r.result === 'error'));
        io.out(
          [
            ...minutesPreview(preview),
            '',
            nothingToChange(applied)
              ? 'Nothing to change: the tracker already holds these minutes.'
              : `Applied: ${minutesCounts(applied, true)}.`,
            ...errors.map((r) => `  not kept: ${r.label} - ${r.detail ?? ''}`),
            ...queuedCards(notified),
          ].join('\n'),
        );
      }
      return applied.counts.error > 0 ? 1 : 0;
    }
    case 'minutes open': {
      const meeting = ukDate(v.meeting, 'meeting');
      if (!meeting || !v.out) throw new RefusedError('minutes open needs --meeting dd/MM/yyyy and --out FILE.docx');
      const minutes = await buildOpenMinutes(t, meeting);
      await writeOut(io, v.out, await openMinutesDocx(minutes, papers));
      const withheld = minutes.items.filter((i) => i.withheld !== undefined).length;
      io.out(
        `Wrote the open minutes of ${formatUkDate(meeting)} to ${v.out} (${minutes.items.length} ${minutes.items.length === 1 ? 'item' : 'items'}${withheld ? `, ${withheld} exempt` : ''}).`,
      );
      return 0;
    }
    case 'actions exempt': {
      if (!arg || !v.exemption)
        throw new RefusedError(
          'actions exempt needs a REF and --exemption NAME, e.g. --exemption "FOIA s.31 (law enforcement)"',
        );
      const a = await markActionExempt(t, operator('cli'), arg, v.exemption);
      io.out(v.json ? json(a) : `${formatRef(a.ref)} is exempt under ${a.exempt?.exemption ?? ''}.`);
      return 0;
    }
    case 'questions exempt': {
      const meeting = ukDate(v.meeting, 'meeting');
      if (!arg || !meeting || !v.exemption)
        throw new RefusedError('questions exempt needs a NUMBER, --meeting dd/MM/yyyy and --exemption NAME');
      const q = await markQuestionExempt(t, operator('cli'), questionId(meeting, normaliseNumber(arg)), v.exemption);
      io.out(v.json ? json(q) : `${q.number} is exempt under ${q.exempt?.exemption ?? ''}.`);
      return 0;
    }
    case 'questions list': {
      const meeting = ukDate(v.meeting, 'meeting');
      const questions = await listQuestions(t, { ...(meeting ? { meeting } : {}), ...(v.open ? { open: true } : {}) });
      io.out(v.json ? json(questions) : questionsTable(questions, await peopleMap(t)));
      return 0;
    }
    case 'digest ': {
      const meeting = ukDate(v.meeting, 'meeting');
      if (!meeting) throw new RefusedError('digest needs --meeting dd/MM/yyyy');
      const format = v.format ?? 'md';
      if (!isDigestFormat(format)) throw new RefusedError('--format must be md, csv or docx');
      if (v.json && v.format !== undefined)
        throw new RefusedError('--json prints the digest itself: leave out --format');
      if (format === 'docx' && !v.out)
        throw new RefusedError('--format docx needs --out FILE (a Word document cannot go to the terminal)');
      // --open: the publishable form (exempt items reduced to their reference and "Exempt under ...").
      const full = await buildDigest(t, meeting);
      const digest = v.open ? openForm(full) : full;
      if (v.json) {
        if (v.out) await writeOut(io, v.out, json(digest) + '\n');
        else io.out(json(digest));
        return 0;
      }
      const data =
        format === 'docx'
          ? await digestDocx(digest, papers)
          : format === 'csv'
            ? digestCsv(digest)
            : digestMarkdown(digest, papers);
      if (!v.out) {
        // Only text gets here (docx needs --out). io.out adds the final '\n' back: CSV keeps its CRLF.
        io.out(String(data).replace(/\n$/, ''));
        return 0;
      }
      await writeOut(io, v.out, data);
      const items = digest.groups.reduce((n, g) => n + g.items.length, 0);
      io.out(
        `Wrote the action log for ${formatUkDate(meeting)} to ${v.out} (${items.toLocaleString('en-GB')} ${items === 1 ? 'item' : 'items'}).`,
      );
      return 0;
    }
    default:
      throw new RefusedError(
        group ? `unknown command "${args.join(' ')}"; see --help` : 'no command given; see --help',
      );
  }
}
