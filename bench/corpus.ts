// Corpus conversions shared by the bench and the e2e tests: plain-text novels become Markdown with one
// `##` heading per chapter, so the app's own Markdown import turns them into sections.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared corpus: LONGHAND_CORPUS, else beside the repository (../shared/corpus), else the workplace copy
 *  (/work/shared/corpus) — a clean clone for CI may live anywhere on the machine. */
export function corpusDir(root: string): string {
  const candidates = [process.env.LONGHAND_CORPUS, join(root, '..', 'shared', 'corpus'), '/work/shared/corpus']
    .filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'moby-dick.txt')));
  if (!found) throw new Error(`Corpus not found (looked in ${candidates.join(', ')}); set LONGHAND_CORPUS.`);
  return found;
}

/** The path of a corpus file as shipped (for choosing it in a file input). */
export function corpusFile(root: string, name: string): string {
  return join(corpusDir(root), name);
}

export function readCorpusText(root: string, name: string): string {
  return readFileSync(join(corpusDir(root), name), 'utf8').replace(/\r\n?/g, '\n');
}

/** Pride and Prejudice: every `Chapter n` line becomes a heading (59 of them; chapters 1–2 have none). */
export function prideToMarkdown(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^Chapter (\d+)[ \t]*$/gm, '## Chapter $1');
}

/** Moby-Dick: `CHAPTER n. Title` lines and the Epilogue become headings; the front matter stays untitled. */
export function mobyToMarkdown(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^(CHAPTER \d+\..*?|Epilogue)[ \t]*$/gm, '## $1');
}

/** The first `chapters` chapters of a converted book (with its front matter): the quick bench's small document. */
export function firstChapters(markdown: string, chapters: number): string {
  const starts = [...markdown.matchAll(/^## /gm)].map((m) => m.index!);
  return chapters < starts.length ? markdown.slice(0, starts[chapters]) : markdown;
}
