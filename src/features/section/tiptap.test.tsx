// @vitest-environment jsdom
// The thin TipTap binding keeps what @tiptap/react's useEditor + EditorContent did for a section editor: the
// editor exists at the first render, StrictMode's unmount/remount keeps it, its DOM lives in the div, the
// latest callbacks run, and it is destroyed once its component is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { StrictMode, useState } from 'react';
import { act, render } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import type { Editor } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { EditorContent, useEditor } from './tiptap';

afterEach(unmountAll);
const tick = () => new Promise((r) => setTimeout(r, 20));

function Probe({ label, seen, onEditor }: { label: string; seen: string[]; onEditor: (e: Editor) => void }) {
  const editor = useEditor({
    extensions: baseExtensions(),
    content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] },
    onUpdate: () => seen.push(label),
  });
  onEditor(editor);
  return <EditorContent editor={editor} className="host" />;
}

describe('useEditor + EditorContent', () => {
  it('under StrictMode: one live editor, its DOM in the div, latest callbacks, destroyed after unmount', async () => {
    const editors = new Set<Editor>();
    const seen: string[] = [];
    let relabel: (l: string) => void = () => {};
    function Host() {
      const [label, setLabel] = useState('first');
      relabel = setLabel;
      return <Probe label={label} seen={seen} onEditor={(e) => editors.add(e)} />;
    }
    const view = render(<StrictMode><Host /></StrictMode>);
    await act(async () => { await tick(); });
    const live = [...editors].filter((e) => !e.isDestroyed);
    expect(live).toHaveLength(1);
    const editor = live[0]!;
    const host = view.container.querySelector('.host')!;
    expect(host.querySelector('.ProseMirror')).toBe(editor.view.dom);
    expect(host.textContent).toBe('Hello');

    act(() => relabel('second'));
    act(() => { editor.commands.insertContent('!'); });
    expect(seen).toEqual(['second']);

    view.unmount();
    expect(editor.isDestroyed).toBe(false);
    await act(async () => { await tick(); });
    expect(editor.isDestroyed).toBe(true);
  });
});
