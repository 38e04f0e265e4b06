// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { Editor, getSchema } from '@tiptap/core';
import { baseExtensions } from './extensions';
import { Journal, replaySteps } from './journal';

describe('Journal extension and replay', () => {
  it('replaying the journalled steps onto the starting snapshot gives the edited document', () => {
    const start = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] };
    const steps: unknown[] = [];
    const editor = new Editor({
      extensions: [...baseExtensions(), Journal.configure({ sectionId: 's1', onSteps: (id, s) => { expect(id).toBe('s1'); steps.push(...s); } })],
      content: start,
    });
    editor.commands.insertContentAt(6, ' world');
    editor.commands.setTextSelection({ from: 1, to: 6 });
    editor.commands.toggleBold();
    editor.commands.insertContentAt(editor.state.doc.content.size, '<p>Second paragraph</p>');
    const r = replaySteps(getSchema(baseExtensions()), start, steps);
    expect(r.error).toBeUndefined();
    expect(r.applied).toBe(steps.length);
    expect(r.doc).toEqual(editor.getJSON());
    editor.destroy();
  });

  it('a step that does not fit stops the replay and keeps what applied; a broken snapshot comes back as is', () => {
    const schema = getSchema(baseExtensions());
    const start = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] };
    const good = { stepType: 'replace', from: 3, to: 3, slice: { content: [{ type: 'text', text: '!' }] } };
    const bad = { stepType: 'replace', from: 500, to: 501 };
    const r = replaySteps(schema, start, [good, bad, good]);
    expect(r.applied).toBe(1);
    expect(r.error).toBeTruthy();
    expect(JSON.stringify(r.doc)).toContain('Hi!');
    const broken = { type: 'nonsense' };
    expect(replaySteps(schema, broken, [good])).toEqual(expect.objectContaining({ doc: broken, applied: 0 }));
    expect(replaySteps(schema, start, [{ stepType: 'unknown' }]).doc).toBe(start);
  });
});
