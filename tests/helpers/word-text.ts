// What a reader sees in a WordprocessingML document (parsed with tests/helpers/xml.ts): the text
// of its paragraphs and the cells of its tables, with <w:tab/> as a tab.
import { childrenNamed, findAll, type XmlElement } from './xml.ts';

function textOf(e: XmlElement): string {
  let out = '';
  for (const c of e.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'w:t') out += c.children.filter((t): t is string => typeof t === 'string').join('');
    else if (c.name === 'w:tab') out += '\t';
    else if (c.name === 'w:br') out += '\n';
    else if (c.name !== 'w:pPr' && c.name !== 'w:rPr') out += textOf(c);
  }
  return out;
}

/** A paragraph's text, runs and fields alike. */
export function paragraphText(p: XmlElement): string {
  return textOf(p);
}

/** The paragraphs directly in the body (not in tables), with their style ('' for Normal). */
export function bodyParagraphs(body: XmlElement): Array<{ style: string; text: string }> {
  return childrenNamed(body, 'w:p').map((p) => {
    const style = findAll(p, 'w:pStyle')[0]?.attributes['w:val'] ?? '';
    return { style, text: paragraphText(p) };
  });
}

/** Each table as rows of cells, a cell's paragraphs joined by line breaks. */
export function wordTables(body: XmlElement): string[][][] {
  return childrenNamed(body, 'w:tbl').map((tbl) =>
    childrenNamed(tbl, 'w:tr').map((tr) =>
      childrenNamed(tr, 'w:tc').map((tc) => childrenNamed(tc, 'w:p').map(paragraphText).join('\n')),
    ),
  );
}
