// A table pasted into a Teams message arrives as HTML. The import reads text, one row a line and
// cells separated by tabs, which is what this makes of it: node-html-parser reads the HTML (and
// decodes its entities); this keeps the table rows, paragraphs and line breaks, and drops every
// other tag, and scripts and styles with their content.
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';

/** Script and style bodies are kept as raw text by the parser, never read as markup, and dropped here. */
function read(html: string): HTMLElement {
  return parse(html, { blockTextElements: { script: true, style: true } });
}

const tagOf = (el: HTMLElement): string => (el.rawTagName ?? '').toLowerCase();
const DROPPED = new Set(['script', 'style']);
/** Elements that end a line of the text outside tables. */
const BLOCKS = new Set(['p', 'div', 'li']);

/** The text under `node` in document order: `br` and the end of a p, div or li become `newline`. */
function textOf(node: Node, newline: string): string {
  if (node instanceof TextNode) return node.text;
  if (!(node instanceof HTMLElement)) return ''; // a comment
  const tag = tagOf(node);
  if (DROPPED.has(tag)) return '';
  if (tag === 'br') return newline;
  const inner = node.childNodes.map((c) => textOf(c, newline)).join('');
  return BLOCKS.has(tag) ? inner + newline : inner;
}

/** Cell text: tags dropped, line breaks and paragraphs inside a cell become spaces. */
function cellText(cell: HTMLElement): string {
  return textOf(cell, ' ').replace(/\s+/g, ' ').trim();
}

/** The table's own rows (not those of a table nested in a cell), each as tab-separated cells. */
function tableRows(table: HTMLElement): string[] {
  const rows: string[] = [];
  for (const row of table.querySelectorAll('tr')) {
    if (row.closest('table') !== table) continue;
    const cells = row.childNodes
      .filter((c): c is HTMLElement => c instanceof HTMLElement && ['td', 'th'].includes(tagOf(c)))
      .map(cellText);
    if (cells.some((c) => c !== '')) rows.push(cells.join('\t'));
  }
  return rows;
}

function linesOf(root: HTMLElement): string {
  const out: string[] = [];
  let text = '';
  const flush = (): void => {
    out.push(
      ...text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    );
    text = '';
  };
  // Text is gathered up to a table, whose rows then stand as lines of their own.
  const walk = (node: Node): void => {
    if (node instanceof HTMLElement && tagOf(node) === 'table') {
      flush();
      out.push(...tableRows(node));
    } else if (node instanceof HTMLElement && !DROPPED.has(tagOf(node)) && node.querySelector('table') !== null) {
      for (const c of node.childNodes) walk(c);
      if (BLOCKS.has(tagOf(node))) text += '\n';
    } else text += textOf(node, '\n');
  };
  walk(root);
  flush();
  return out.join('\n');
}

/** Every table row as a tab-separated line; text outside tables as its own lines. */
export function htmlToLines(html: string): string {
  return linesOf(read(html));
}

/**
 * The lines of a Teams message's HTML copy, without its @mentions, when it has structure its plain
 * text loses (a table, or two or more paragraphs or line breaks); undefined when it has none.
 */
export function structuredLines(html: string): string | undefined {
  const root = read(html);
  const blocks = root.querySelectorAll('p, div, br, tr').length;
  if (root.querySelector('table') === null && blocks < 2) return undefined;
  for (const mention of root.querySelectorAll('at')) mention.remove();
  return linesOf(root);
}
