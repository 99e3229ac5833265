// The action log as Markdown (GitHub-flavoured tables), from the same model and in the same shape
// as the Word document: for a wiki page, an email, or a quick look in the terminal
// (`npm run tracker -- digest --meeting dd/MM/yyyy`).
import type { Digest, DigestItem } from '../rules/digest-model.ts';
import {
  creditText,
  DEFAULT_MARKINGS,
  decisionLines,
  digestTitle,
  exemptFlag,
  focusLines,
  formNote,
  meetingLine,
  outcomeLines,
  ownersText,
  papersCounts,
  questionStatusLines,
  type PapersOptions,
} from './text.ts';

// Whatever people typed is shown as typed, never as markup, and read as typed in the raw text too:
// Markdown's inline marks are backslash-escaped, a pipe cannot end a table cell, a line break is a
// `<br>` (a table row is one line). `&` and `<` are left as they are, escaped only where they
// would start an entity ('&amp;') or a tag ('<b>'), so 'P&CP' stays 'P&CP'. One pass, and none
// at all for the usual text with nothing to escape.
const SPECIAL = /[\\|*_~`[\]<&\r\n\u2028\u2029]/;
const ESCAPES = /[\\|*_~`[\]]|&(?=#?[0-9a-z]+;)|<(?=[a-z/!?])|\r\n?|\n|\u2028|\u2029/gi;

function escaped(text: string, lineBreak: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(ESCAPES, (c) => (/^[\r\n\u2028\u2029]/.test(c) ? lineBreak : `\\${c}`));
}

/** A table cell: its text escaped, line breaks as `<br>`, surrounding blanks trimmed. */
export function mdCell(s: string): string {
  const cell = escaped(s.trim(), '<br>');
  return cell === '' ? ' ' : cell;
}

/** A block's start that would make a heading, quote, list or rule of a line of text. */
const BLOCK_START = /^(#|>|[-+*]\s|\d{1,9}[.)]\s)/;

/** Text outside a table (title, meeting line): one line, whatever it was given, shown as typed. */
function mdLine(s: string): string {
  const line = escaped(s.replace(/\s*(\r\n?|\n|\u2028|\u2029)\s*/g, ' ').trim(), ' ');
  return line.replace(BLOCK_START, '\\$1');
}

/** A cell of several lines, the first in bold if asked; each line escaped on its own. */
function lines(parts: readonly string[], boldFirst = false): string {
  const cells = parts.filter((p) => p.trim() !== '').map((p) => mdCell(p));
  if (boldFirst && cells[0] && cells[0] !== ' ') cells[0] = `**${cells[0]}**`;
  return cells.join('<br>') || ' ';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function itemCell(i: DigestItem): string {
  if (i.withheld !== undefined) return mdCell(i.withheld);
  const u = i.latestUpdate;
  const [first, ...more] = outcomeLines(i.outcome);
  const flag = exemptFlag(i);
  return [
    ...(flag ? [`**${mdCell(flag)}**`] : []),
    mdCell(i.text),
    ...(i.owners.length > 0 ? [`Owner: ${mdCell(ownersText(i.owners))}`] : []),
    ...(u ? [`Latest update (${mdCell(creditText(u))}): ${mdCell(u.text)}`] : []),
    ...(first !== undefined ? [`Outcome minuted: ${mdCell(first)}`, ...more.map(mdCell)] : []),
  ].join('<br>');
}

function actionRow(i: DigestItem): string {
  return row([mdCell(i.ref), itemCell(i), i.withheld !== undefined ? ' ' : lines(decisionLines(i), true)]);
}

function questionRow(i: DigestItem): string {
  if (i.withheld !== undefined) return row([`**${mdCell(i.ref)}**`, ' ', mdCell(i.withheld), ' ']);
  const flag = exemptFlag(i);
  const u = i.latestUpdate;
  return row([
    [...(flag ? [`**${mdCell(flag)}**`] : []), `**${mdCell(i.ref)}**`, mdCell(i.text)].join('<br>'),
    mdCell(ownersText(i.owners)),
    u ? `${mdCell(u.text)}<br>${mdCell(creditText(u))}` : 'No response yet',
    lines(questionStatusLines(i), true),
  ]);
}

export function digestMarkdown(d: Digest, opts: PapersOptions = {}): string {
  const marking = `**${mdLine((opts.markings ?? DEFAULT_MARKINGS)[d.form])}**`;
  const out = [marking, '', `# ${mdLine(digestTitle(d))}`, '', mdLine(meetingLine(d)), '', `_${mdLine(formNote(d))}_`];
  out.push('', '## Review of actions', '');
  const groups = d.groups.filter((g) => g.items.some((i) => i.kind === 'action'));
  if (groups.length === 0) out.push('No actions are open, and none was discharged at the last meeting.');
  else {
    out.push('| Number | Item | Action |', '| --- | --- | --- |');
    for (const g of groups) {
      out.push(row([`**${mdCell(g.title)}**`, ' ', ' ']));
      for (const i of g.items) out.push(actionRow(i));
    }
  }
  const questions = d.groups.flatMap((g) => g.items.filter((i) => i.kind === 'question'));
  if (questions.length > 0) {
    out.push(
      '',
      '## Scrutiny questions',
      '',
      '| Question | Respondent | Response | Status |',
      '| --- | --- | --- | --- |',
    );
    for (const q of questions) out.push(questionRow(q));
  }
  const counts = papersCounts(d);
  out.push('', '## Counts', '', `${mdLine(counts.asAt)}.`, '', ...counts.lines.map((l) => `- ${mdLine(l)}`));
  out.push('', '## Focus and deep dive', '', ...focusLines(d).map((l) => `- ${mdLine(l)}`));
  out.push('', marking);
  return out.join('\n') + '\n';
}
