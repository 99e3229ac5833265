// A minimal .docx (Open Packaging Conventions): the document, its styles and footer as given,
// plus the parts Word expects around them (content types, relationships, settings, the core
// properties), zipped. Nothing here knows about the digest.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { W_NS, XML_DECLARATION } from './wordml.ts';
import { xmlText } from './xml.ts';

export interface WordParts {
  /** word/document.xml; its section refers to the footer as r:id="rIdFooter". */
  document: string;
  styles: string;
  footer: string;
  title: string;
  creator: string;
  description: string;
  /** When it was made (ISO instant): the same input makes the same file. */
  created: string;
}

/** The relationship id the document uses for its footer. */
export const FOOTER_REL = 'rIdFooter';

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The content type of each part but the .rels ones (which have theirs by extension). */
const PART_TYPES: Readonly<Record<string, string>> = {
  'word/document.xml': `${WORD}.document.main+xml`,
  'word/styles.xml': `${WORD}.styles+xml`,
  'word/settings.xml': `${WORD}.settings+xml`,
  'word/footer1.xml': `${WORD}.footer+xml`,
  'docProps/core.xml': 'application/vnd.openxmlformats-package.core-properties+xml',
};

/** [Content_Types].xml for these parts: .rels by default, every other part by name. */
function contentTypes(parts: readonly string[]): string {
  const overrides = parts
    .filter((name) => !name.endsWith('.rels'))
    .map((name) => {
      const type = PART_TYPES[name];
      if (!type) throw new Error(`no content type for ${name}`);
      return `<Override PartName="/${name}" ContentType="${type}"/>`;
    })
    .join('');
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>${overrides}</Types>`
  );
}

function relationships(rels: ReadonlyArray<readonly [id: string, type: string, target: string]>): string {
  const body = rels
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join('');
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS}">${body}</Relationships>`;
}

function coreProperties(p: WordParts): string {
  const created = xmlText(p.created);
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(p.title)}</dc:title><dc:creator>${xmlText(p.creator)}</dc:creator><dc:description>${xmlText(p.description)}</dc:description>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

// Compatibility mode 15 (Word 2013 onwards): without it Word opens the file in compatibility mode.
const SETTINGS =
  `${XML_DECLARATION}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

// Deflate level 6 (fflate's default): on a 10,000-row log (12 MB of XML) level 9 takes half as
// long again for a file a sixth smaller.
const LEVEL = 6;
// Every part dated 1980-01-01 00:00 (the first date a zip can hold, in local time as fflate
// writes it), so the same input makes the same file.
const ZIP_DATE = new Date(1980, 0, 1);

/** The .docx as a Buffer. */
export function wordPackage(p: WordParts): Buffer {
  const parts: Array<[name: string, xml: string]> = [
    [
      '_rels/.rels',
      relationships([
        ['rId1', `${OFFICE_RELS}/officeDocument`, 'word/document.xml'],
        ['rId2', `${PACKAGE_RELS}/metadata/core-properties`, 'docProps/core.xml'],
      ]),
    ],
    [
      'word/_rels/document.xml.rels',
      relationships([
        ['rIdStyles', `${OFFICE_RELS}/styles`, 'styles.xml'],
        ['rIdSettings', `${OFFICE_RELS}/settings`, 'settings.xml'],
        [FOOTER_REL, `${OFFICE_RELS}/footer`, 'footer1.xml'],
      ]),
    ],
    ['word/document.xml', p.document],
    ['word/styles.xml', p.styles],
    ['word/settings.xml', SETTINGS],
    ['word/footer1.xml', p.footer],
    ['docProps/core.xml', coreProperties(p)],
  ];
  // [Content_Types].xml first, where readers look for it (fflate keeps the object's order).
  parts.unshift(['[Content_Types].xml', contentTypes(parts.map(([name]) => name))]);
  const files: Zippable = Object.fromEntries(parts.map(([name, xml]) => [name, strToU8(xml)]));
  return Buffer.from(zipSync(files, { level: LEVEL, mtime: ZIP_DATE }).buffer);
}
