// The digest as Markdown (GitHub-flavoured tables): for a wiki page, an email, or a quick look
// in the terminal (`npm run tracker -- digest --meeting dd/MM/yyyy`).
import type { Digest, DigestItem } from '../rules/digest-model.ts';
import { countsLine, digestTitle, meetingLine, ownersText, statusLines, updateText } from './text.ts';

// Whatever people typed is shown as typed, never as markup: Markdown's inline marks and HTML's
// specials are escaped, a pipe cannot end a table cell, and a line break is a `<br>` (a table row
// is one line). One pass, and none at all for the usual text with nothing to escape.
const SPECIAL = /[\\|*_~`[\]<>&\r\n\u2028\u2029]/;
const ESCAPES = /[\\|*_~`[\]]|<|>|&|\r\n?|\n|\u2028|\u2029/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

function escaped(text: string, lineBreak: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(
    ESCAPES,
    (c) => ENTITY[c] ?? (c.length === 1 && !'\r\n\u2028\u2029'.includes(c) ? `\\${c}` : lineBreak),
  );
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

function row(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

function itemRow(i: DigestItem): string {
  return row([i.ref, i.text, ownersText(i.owners), updateText(i) || '—', statusLines(i).join('\n')]);
}

export function digestMarkdown(d: Digest): string {
  const lines = [`# ${mdLine(digestTitle(d))}`, '', mdLine(meetingLine(d)), '', mdLine(countsLine(d))];
  if (d.groups.length === 0) lines.push('', 'No actions are open.');
  for (const g of d.groups) {
    lines.push(
      '',
      `## ${mdLine(g.title)}`,
      '',
      '| Ref | Action | Owner | Update | Status |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const i of g.items) lines.push(itemRow(i));
  }
  return lines.join('\n') + '\n';
}
