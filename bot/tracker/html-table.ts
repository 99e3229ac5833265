// A table pasted into a Teams message arrives as HTML. The import reads text, one row a line and
// cells separated by tabs, which is what this makes of it. Pure and deliberately small: it reads
// tables and line breaks, and drops every other tag.
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', hellip: '\u2026', pound: '\u00a3',
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Cell text: tags dropped, line breaks inside a cell become spaces. */
function cellText(html: string): string {
  return decode(html.replace(/<br\s*\/?>|<\/p>/gi, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

export function hasTable(html: string): boolean {
  return /<table[\s>]/i.test(html);
}

/** Every table row as a tab-separated line; text outside tables as its own lines. */
export function htmlToLines(html: string): string {
  const out: string[] = [];
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
  let last = 0;
  for (const table of body.matchAll(/<table[\s\S]*?<\/table>/gi)) {
    out.push(...plainLines(body.slice(last, table.index)));
    for (const row of table[0].matchAll(/<tr[\s\S]*?<\/tr>/gi)) {
      const cells = [...row[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => cellText(c[1] ?? ''));
      if (cells.some((c) => c !== '')) out.push(cells.join('\t'));
    }
    last = (table.index ?? 0) + table[0].length;
  }
  out.push(...plainLines(body.slice(last)));
  return out.join('\n');
}

function plainLines(html: string): string[] {
  return decode(html.replace(/<br\s*\/?>|<\/(p|div|li)>/gi, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
