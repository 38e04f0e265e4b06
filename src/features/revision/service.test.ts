// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../settings/providers', () => ({ resolveModel: async () => ({ provider: 'openai', model: 'gpt-test' }) }));
vi.mock('../../storage/logs', () => ({ appendLog: vi.fn(async () => ({})) }));
vi.mock('../../app/workspace', () => ({ sectionMarkdown: async (id: string) => `Para of ${id} one.\n\nPara of ${id} two.` }));
vi.mock('../../shared/generateClient', async (orig) => ({
  ...(await orig<typeof import('../../shared/generateClient')>()),
  streamGenerate: vi.fn(),
}));

import { Editor } from '@tiptap/core';
import { useStore } from '../../app/store';
import { baseExtensions } from '../../editor/extensions';
import { docToMarkdown, markdownToDoc } from '../../editor/markdown';
import { registerEditor } from '../../editor/registry';
import { lockedRanges } from '../../editor/rangeLock';
import { GenerateError, streamGenerate, type StreamOptions } from '../../shared/generateClient';
import type { GenerateRequest } from '../../shared/protocol';
import { appendLog } from '../../storage/logs';
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { revisionExtensions } from './editorExtensions';
import { acceptProposal, proposeRevision, rejectProposal, retryProposal, stopProposal } from './service';

const editors: Editor[] = [];
const stream = vi.mocked(streamGenerate);

function section(id: string, md: string): Editor {
  const editor = new Editor({ extensions: [...baseExtensions(), ...revisionExtensions(id)], content: markdownToDoc(md) as never });
  editors.push(editor);
  registerEditor(id, editor);
  return editor;
}

function openDoc(ids: string[]): void {
  const doc: DocumentMeta = { id: `d${Math.random()}`, title: 'D', brief: 'Terse, past tense.', targetWords: 0, sectionIds: ids, checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0 };
  const sections = ids.map((id): SectionMeta => ({
    id, docId: doc.id, title: id, brief: `Brief of ${id}`, targetWords: 0, status: 'draft', wordCount: 0, summary: '', checklist: [], updatedAt: 0,
  }));
  useStore.getState().setOpenDocument(doc, sections);
}

/** Range of `needle` in the editor's text (may span marks). */
function rangeOf(e: Editor, needle: string): { from: number; to: number } {
  const size = e.state.doc.content.size;
  for (let from = 0; from < size; from++) {
    for (let to = from + 1; to <= size; to++) {
      const t = e.state.doc.textBetween(from, to);
      if (t === needle) return { from, to };
      if (!needle.startsWith(t)) break;
    }
  }
  throw new Error(`not found: ${needle}`);
}

/** A fake stream answering `text` in a few deltas. */
function answer(text: string, finishReason = 'stop') {
  stream.mockImplementationOnce(async (_req: GenerateRequest, opts: StreamOptions = {}) => {
    let soFar = '';
    for (const part of text.match(/.{1,5}/gs) ?? []) { soFar += part; opts.onDelta?.(part, soFar); await Promise.resolve(); }
    return { text, finishReason, usage: { inputTokens: 10, outputTokens: 5 } };
  });
}

const proposal = (id: string) => useStore.getState().proposals[id];
const MD = 'It was dawn.\n\nThe **old** man rowed far out. He caught nothing.\n\nThen silence.';

beforeEach(() => { stream.mockReset(); vi.mocked(appendLog).mockClear(); });
afterEach(() => { for (const e of editors.splice(0)) e.destroy(); });

describe('proposeRevision', () => {
  it('sends the passage with context, streams a ready proposal and leaves the text alone until Accept', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    const before = e.getJSON();
    answer('The aged man rowed out.');
    const r = await proposeRevision('s1', { instruction: 'Make this simpler', label: 'Simplify', range: rangeOf(e, 'old man rowed far out.') });
    expect(r.status).toBe('ready');
    const req = stream.mock.calls[0]![0];
    const user = req.messages[1]!.content;
    expect(req.messages[0]!.content.startsWith('Longhand task: revise')).toBe(true);
    expect(user).toContain('Instruction: Make this simpler');
    expect(user).toContain('<passage>\n**old** man rowed far out.\n</passage>');
    expect(user).toContain('It was dawn.');
    expect(user).toContain('He caught nothing.');
    expect(user).toContain('Brief of s1');
    expect(user).toContain('Terse, past tense.');
    expect(proposal('s1')).toMatchObject({ phase: 'ready', text: 'The aged man rowed out.', original: '**old** man rowed far out.' });
    expect(e.getJSON()).toEqual(before);
    expect(lockedRanges(e.state)).toHaveLength(1);
    expect(appendLog).toHaveBeenCalledWith(expect.objectContaining({ sectionId: 's1', kind: 'revise', provider: 'openai', model: 'gpt-test', finishReason: 'stop', inputTokens: 10, outputTokens: 5, note: 'Simplify' }));
    rejectProposal('s1');
  });

  it('Accept applies one undo step marked generated, sets the status, and one undo restores the original', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    const before = e.getJSON();
    const origins: unknown[] = [];
    e.on('transaction', ({ transaction }) => { if (transaction.docChanged) origins.push(transaction.getMeta('longhand:origin')); });
    answer('**aged** man rowed out.\n\nHe went *far*.');
    await proposeRevision('s1', { instruction: 'x', label: 'Paraphrase', range: rangeOf(e, 'old man rowed far out.') });
    expect(acceptProposal('s1')).toBe(true);
    expect(docToMarkdown(e.getJSON())).toBe('It was dawn.\n\nThe **aged** man rowed out.\n\nHe went *far*. He caught nothing.\n\nThen silence.');
    expect(origins).toEqual(['generated']);
    expect(useStore.getState().sections.s1!.status).toBe('revised');
    expect(proposal('s1')).toBeUndefined();
    expect(lockedRanges(e.state)).toHaveLength(0);
    e.commands.undo();
    expect(e.getJSON()).toEqual(before);
  });

  it('Reject leaves the document identical and releases the lock', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    const before = JSON.stringify(e.getJSON());
    answer('Something else.');
    await proposeRevision('s1', { instruction: 'x', label: 'Shorten', range: rangeOf(e, 'He caught nothing.') });
    rejectProposal('s1');
    expect(JSON.stringify(e.getJSON())).toBe(before);
    expect(lockedRanges(e.state)).toHaveLength(0);
    expect(useStore.getState().sections.s1!.status).toBe('draft');
  });

  it('a failure keeps the partial proposal as incomplete, the text untouched; Retry makes a new proposal', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    const before = e.getJSON();
    stream.mockImplementationOnce(async (_r, opts = {}) => {
      opts.onDelta?.('The ag', 'The ag');
      throw new GenerateError('connection_lost', 'The connection to the server was lost: reset', true, 'The ag');
    });
    const r = await proposeRevision('s1', { instruction: 'x', label: 'Simplify', range: rangeOf(e, 'old man') });
    expect(r.status).toBe('failed');
    expect(proposal('s1')).toMatchObject({ phase: 'failed', text: 'The ag' });
    expect(proposal('s1')!.message).toMatch(/connection to the server was lost.*incomplete; the original text is unchanged/);
    expect(acceptProposal('s1')).toBe(false);
    expect(e.getJSON()).toEqual(before);
    expect(appendLog).toHaveBeenCalledWith(expect.objectContaining({ kind: 'revise', finishReason: 'error' }));
    answer('young man');
    expect(await retryProposal('s1')).toBe('ready');
    expect(proposal('s1')).toMatchObject({ phase: 'ready', text: 'young man', attempt: 2 });
    expect(acceptProposal('s1')).toBe(true);
    expect(e.getText()).toContain('The young man rowed');
  });

  it('Stop ends the stream as stopped and keeps the original', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    const before = e.getJSON();
    stream.mockImplementationOnce((_r, opts = {}) => new Promise((_, reject) => {
      opts.onDelta?.('Par', 'Par');
      opts.signal?.addEventListener('abort', () => reject(new GenerateError('aborted', 'Stopped.', false, 'Par')));
    }));
    const pending = proposeRevision('s1', { instruction: 'x', label: 'Expand', range: rangeOf(e, 'Then silence.') });
    await vi.waitFor(() => expect(proposal('s1')?.phase).toBe('streaming'));
    await vi.waitFor(() => expect(stream).toHaveBeenCalled());
    stopProposal('s1');
    expect((await pending).status).toBe('stopped');
    expect(proposal('s1')).toMatchObject({ phase: 'stopped', message: 'Stopped. The proposal is incomplete; the original text is unchanged.' });
    expect(e.getJSON()).toEqual(before);
  });

  it('a proposal cut at the length limit is incomplete, not ready', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    answer('The aged man', 'length');
    expect((await proposeRevision('s1', { instruction: 'x', label: 'Expand', range: rangeOf(e, 'old man') })).status).toBe('failed');
    expect(proposal('s1')!.message).toMatch(/length limit/);
    rejectProposal('s1');
  });

  it('auto applies the whole-section proposal directly (fit-to-target), as one undo step', async () => {
    openDoc(['a', 's1', 'b']);
    const e = section('s1', MD);
    const before = e.getJSON();
    answer('Short **now**.\n\nDone.');
    const r = await proposeRevision('s1', { instruction: 'Shorten by 10 words', label: 'Fit', range: 'section', auto: true, targetWords: 3 });
    expect(r.status).toBe('accepted');
    const user = stream.mock.calls[0]![0].messages[1]!.content;
    expect(user).toContain(`<passage>\n${MD}\n</passage>`);
    expect(user).toContain('Para of a two.'); // the previous section's last paragraph
    expect(user).toContain('Para of b one.'); // the next section's first paragraph
    expect(user).toContain('about 3 words');
    expect(docToMarkdown(e.getJSON())).toBe('Short **now**.\n\nDone.');
    e.commands.undo();
    expect(e.getJSON()).toEqual(before);
  });

  it('keeps proposals pending in two sections at once and refuses a second one in the same section', async () => {
    openDoc(['s1', 's2']);
    const a = section('s1', 'Alpha text is wordy.');
    const b = section('s2', 'Beta text is wordy.');
    const release: Array<() => void> = [];
    for (const text of ['Alpha short.', 'Beta short.']) {
      stream.mockImplementationOnce((_r, opts = {}) => new Promise((resolve) => {
        opts.onDelta?.(text, text);
        release.push(() => resolve({ text, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } }));
      }));
    }
    const pa = proposeRevision('s1', { instruction: 'x', label: 'Shorten', range: 'section' });
    const pb = proposeRevision('s2', { instruction: 'x', label: 'Shorten', range: 'section' });
    await vi.waitFor(() => expect(release).toHaveLength(2));
    expect(proposal('s1')?.phase).toBe('streaming');
    expect(proposal('s2')?.phase).toBe('streaming');
    expect((await proposeRevision('s1', { instruction: 'y', label: 'Other', range: 'section' })).status).toBe('failed');
    release.forEach((r) => r());
    expect((await pa).status).toBe('ready');
    expect((await pb).status).toBe('ready');
    expect(acceptProposal('s2')).toBe(true);
    expect(acceptProposal('s1')).toBe(true);
    expect(a.getText()).toBe('Alpha short.');
    expect(b.getText()).toBe('Beta short.');
  });

  it('two quick requests in one section start one proposal, even for different passages', async () => {
    openDoc(['s1']);
    const e = section('s1', MD);
    answer('Dusk.');
    const [r1, r2] = await Promise.all([
      proposeRevision('s1', { instruction: 'x', label: 'A', range: rangeOf(e, 'It was dawn.') }),
      proposeRevision('s1', { instruction: 'y', label: 'B', range: rangeOf(e, 'Then silence.') }),
    ]);
    expect([r1.status, r2.status]).toEqual(['ready', 'failed']);
    expect(lockedRanges(e.state)).toHaveLength(1);
    expect(proposal('s1')?.label).toBe('A');
    rejectProposal('s1');
    expect(lockedRanges(e.state)).toHaveLength(0);
  });

  it('applies only the changes the writer kept', async () => {
    openDoc(['s1']);
    const e = section('s1', 'The big cat sat on the old mat.');
    answer('The small cat sat on the new mat.');
    await proposeRevision('s1', { instruction: 'x', label: 'Paraphrase', range: 'section' });
    const second = 'h' + ('The big cat sat on the '.length) + '-' + ('The small cat sat on the '.length);
    useStore.getState().toggleHunk('s1', second);
    expect(acceptProposal('s1')).toBe(true);
    expect(e.getText()).toBe('The small cat sat on the old mat.');
  });

  it('refuses an empty section and never locks it', async () => {
    openDoc(['s1']);
    const e = section('s1', '');
    expect((await proposeRevision('s1', { instruction: 'x', label: 'Simplify', range: 'section' })).status).toBe('failed');
    expect(lockedRanges(e.state)).toHaveLength(0);
    expect(stream).not.toHaveBeenCalled();
  });
});
