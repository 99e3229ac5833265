// Word files rendered as a reader sees them: LibreOffice (Debian's libreoffice-writer-nogui) turns
// them into PDF, poppler reads each page's text back (pdftotext -layout keeps a line a line) and
// draws a page as a PNG. LibreOffice runs with a profile of its own in a temporary HOME, so it
// neither needs a writable home nor meets another run's profile lock.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** A loaded 2-core machine: LibreOffice's first start alone can take a while. */
const SOFFICE_TIMEOUT_MS = 240_000;

/** Converts the Word files to PDF in `outDir` (one LibreOffice run for all); resolves to the PDFs' paths. */
export async function toPdf(docx: readonly string[], outDir: string): Promise<string[]> {
  const home = mkdtempSync(join(tmpdir(), 'pam-soffice-'));
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(home, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...docx,
      ],
      { env: { ...process.env, HOME: home }, timeout: SOFFICE_TIMEOUT_MS },
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return docx.map((f) => join(outDir, basename(f).replace(/\.docx$/, '.pdf')));
}

/** Each page's text, laid out as printed (a line of the page a line of text). */
export async function pdfPages(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The first page as a PNG at `dpi`, written to `png` (a path ending .png). */
export async function firstPagePng(pdf: string, png: string, dpi = 70): Promise<void> {
  await run('pdftoppm', [
    '-png',
    '-r',
    String(dpi),
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    png.replace(/\.png$/, ''),
  ]);
}

/** A page's lines with text on them. */
export function linesOn(page: string): string[] {
  return page.split('\n').filter((l) => l.trim() !== '');
}
