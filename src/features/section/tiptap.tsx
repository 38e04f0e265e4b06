// The part of @tiptap/react a section editor uses, over @tiptap/core: an editor made at the first render and
// its DOM moved into a div at commit. @tiptap/react also carries React node views, portals, selector state and
// deep equality (≈6 KB gzip of the page's first load) that no section uses. It stays for the revision bubble
// menu, which loads with its own chunk.
//
// What is kept from @tiptap/react 3.31 (useEditor + EditorContent):
// - immediatelyRender: the editor exists at the first render, so the first paint already shows the text;
// - callbacks (onUpdate, onFocus...) always call the latest render's options;
// - an editor made by a render React never commits (StrictMode's second initializer call, a render thrown
//   away) is destroyed a tick later, and one whose component unmounts is destroyed a tick after that, unless
//   it mounts again first (StrictMode's unmount/remount keeps the same editor);
// - on commit the editor's DOM moves into the div and node views are created; on unmount it moves back out
//   into a detached div (ProseMirror keeps its view until the editor is destroyed).
// Not kept: re-applying the options on every re-render (useEditor's setOptions). A section editor's options do
// not change while it is mounted (its ids are its key); editability goes through editor.setEditable.
import { useLayoutEffect, useReducer, useRef, useState, type HTMLAttributes, type RefObject } from 'react';
import { Editor, type EditorOptions } from '@tiptap/core';

type Options = Partial<EditorOptions>;
type Callback = 'onBeforeCreate' | 'onCreate' | 'onMount' | 'onUnmount' | 'onUpdate' | 'onSelectionUpdate' | 'onTransaction'
  | 'onFocus' | 'onBlur' | 'onDestroy' | 'onContentError' | 'onPaste' | 'onDrop' | 'onDelete';
const CALLBACKS: readonly Callback[] = ['onBeforeCreate', 'onCreate', 'onMount', 'onUnmount', 'onUpdate', 'onSelectionUpdate',
  'onTransaction', 'onFocus', 'onBlur', 'onDestroy', 'onContentError', 'onPaste', 'onDrop', 'onDelete'];

/** One component's editor: made at once, destroyed a tick after its component is gone (or never committed). */
class EditorHolder {
  editor: Editor;
  private mounted = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RefObject<Options>) {
    this.editor = this.create();
    this.scheduleDestroy();
  }

  private create(): Editor {
    const opts: Options = { ...this.options.current };
    for (const name of CALLBACKS) {
      // Only what the caller gave: an editor's own defaults (onContentError throws) stay as they are.
      if (opts[name]) (opts as Record<string, unknown>)[name] = (...args: unknown[]) => (this.options.current[name] as ((...a: unknown[]) => unknown) | undefined)?.(...args);
    }
    return new Editor(opts);
  }

  private scheduleDestroy(): void {
    const editor = this.editor;
    this.timer = setTimeout(() => { if (!this.mounted && !editor.isDestroyed) editor.destroy(); }, 1);
  }

  /** Returns true when the editor had to be made again (it was destroyed before the commit came). */
  mount(): boolean {
    this.mounted = true;
    clearTimeout(this.timer);
    if (!this.editor.isDestroyed) return false;
    this.editor = this.create();
    return true;
  }

  unmount(): void {
    this.mounted = false;
    this.scheduleDestroy();
  }
}

export function useEditor(options: Options): Editor {
  const latest = useRef(options);
  latest.current = options;
  const [holder] = useState(() => new EditorHolder(latest));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // A layout effect, so mounting happens in the commit itself and no timer can come between it and the render.
  useLayoutEffect(() => {
    if (holder.mount()) rerender();
    return () => holder.unmount();
  }, [holder]);
  return holder.editor;
}

/** The div the editor's DOM lives in while mounted. */
export function EditorContent({ editor, ...rest }: { editor: Editor } & HTMLAttributes<HTMLDivElement>) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    const parent = editor.isDestroyed ? null : editor.view.dom?.parentNode;
    if (!element || !parent) return;
    element.append(...parent.childNodes);
    editor.setOptions({ element });
    editor.createNodeViews();
    return () => {
      if (editor.isDestroyed) return;
      editor.view.setProps({ nodeViews: {} });
      const detached = document.createElement('div');
      detached.append(...element.childNodes);
      editor.setOptions({ element: detached });
    };
  }, [editor]);
  return <div ref={ref} {...rest} />;
}
