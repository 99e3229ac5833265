// The structural checks a .docx must pass before Word will open it, on the unzipped parts: every
// part valid UTF-8 and well-formed XML (tests/helpers/xml.ts), a content type for every part and a
// part for every content type override, every relationship's target present, the package's
// officeDocument relationship leading to a WordprocessingML main document, and every r:id in a
// part naming one of that part's relationships.
import path from 'node:path/posix';
import { childrenNamed, parseXml, type XmlElement } from './xml.ts';

const MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface WordPackage {
  parts: Map<string, XmlElement>;
  /** The main document's part name, 'word/document.xml'. */
  main: string;
}

/** Where the relationships of a part live: word/document.xml -> word/_rels/document.xml.rels ('' is the package). */
function relsOf(part: string): string {
  return part === '' ? '_rels/.rels' : path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
}

function relationships(parts: Map<string, XmlElement>, source: string): Map<string, { type: string; target: string }> {
  const rels = parts.get(relsOf(source));
  const out = new Map<string, { type: string; target: string }>();
  if (!rels) return out;
  for (const r of childrenNamed(rels, 'Relationship')) {
    const id = r.attributes.Id ?? '';
    if (out.has(id)) throw new Error(`${relsOf(source)}: relationship ${id} twice`);
    if (r.attributes.TargetMode === 'External') continue;
    // A target is relative to the source part's folder, or to the package root with a leading '/'.
    const target = r.attributes.Target ?? '';
    const resolved = target.startsWith('/')
      ? target.slice(1)
      : path.normalize(path.join(path.dirname(source || '.'), target));
    out.set(id, { type: r.attributes.Type ?? '', target: resolved });
  }
  return out;
}

/** The r:id attributes in a part (footer and header references, hyperlinks). */
function rIds(e: XmlElement, out: string[] = []): string[] {
  const id = e.attributes['r:id'];
  if (id !== undefined) out.push(id);
  for (const c of e.children) if (typeof c !== 'string') rIds(c, out);
  return out;
}

export function checkWordPackage(files: ReadonlyMap<string, Buffer>): WordPackage {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parts = new Map<string, XmlElement>();
  for (const [name, data] of files) {
    if (!/\.(xml|rels)$/.test(name)) throw new Error(`${name}: not an XML part`);
    parts.set(name, parseXml(utf8.decode(data), name));
  }

  const types = parts.get('[Content_Types].xml');
  if (!types) throw new Error('no [Content_Types].xml');
  const byExtension = new Map(
    childrenNamed(types, 'Default').map((d) => [
      (d.attributes.Extension ?? '').toLowerCase(),
      d.attributes.ContentType ?? '',
    ]),
  );
  const byPart = new Map(
    childrenNamed(types, 'Override').map((o) => [
      (o.attributes.PartName ?? '').replace(/^\//, ''),
      o.attributes.ContentType ?? '',
    ]),
  );
  // The extension as OPC reads it: after the last dot, so '_rels/.rels' has one (path.extname says not).
  const typeOf = (part: string): string | undefined =>
    byPart.get(part) ?? byExtension.get(/\.([^./]+)$/.exec(part)?.[1]?.toLowerCase() ?? '');
  for (const part of parts.keys())
    if (part !== '[Content_Types].xml' && !typeOf(part)) throw new Error(`${part}: no content type`);
  for (const part of byPart.keys())
    if (!parts.has(part)) throw new Error(`content type for ${part}, which is not in the package`);

  for (const source of ['', ...parts.keys()]) {
    for (const [id, r] of relationships(parts, source))
      if (!parts.has(r.target)) throw new Error(`${relsOf(source)}: ${id} -> ${r.target}, which is not in the package`);
  }
  const main = [...relationships(parts, '').values()].find((r) => r.type === OFFICE_DOCUMENT)?.target;
  if (!main) throw new Error('_rels/.rels: no officeDocument relationship');
  if (typeOf(main) !== MAIN_TYPE) throw new Error(`${main}: content type ${typeOf(main)}, not a Word document`);

  for (const [name, root] of parts) {
    if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
    const ids = rIds(root);
    if (ids.length === 0) continue;
    if (root.attributes['xmlns:r'] !== R_NS)
      throw new Error(`${name}: r:id without r bound to the relationships namespace`);
    const rels = relationships(parts, name);
    for (const id of ids) if (!rels.has(id)) throw new Error(`${name}: r:id ${id} is not one of its relationships`);
  }
  return { parts, main };
}
