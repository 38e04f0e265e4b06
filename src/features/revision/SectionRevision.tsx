// The revision feature inside one section: the bubble menu at a selection (button "Revise" → the Revise
// menu), "Revise section" for the whole section, and the pending proposal's review view. The document-wide
// command palette is mounted once by App.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BubbleMenu } from '@tiptap/react/menus';
import type { Editor } from '@tiptap/core';
import { PluginKey, type EditorState } from '@tiptap/pm/state';
import { useStore } from '../../app/store';
import { overlapsLock } from '../../editor/rangeLock';
import { REVISE_MENU_SHORTCUT, shortcutLabel } from '../../core/revision/presets';
import { ReviseMenu, type MenuChoice } from './ReviseMenu';
import { ProposalView } from './ProposalView';
import { proposeRevision } from './service';
import { commandRange, type PassageRange } from './passage';
import { useSectionEditor } from './useSectionEditor';
import './revision.css';

export function SectionRevision({ sectionId }: { sectionId: string }) {
  const editor = useSectionEditor(sectionId);
  return (
    <>
      {editor && <SelectionBubble sectionId={sectionId} editor={editor} />}
      <SectionReviseButton sectionId={sectionId} />
      <ProposalView sectionId={sectionId} />
    </>
  );
}

function selectionRevisable(state: EditorState): boolean {
  const r = commandRange(state);
  return !state.selection.empty && !!r && !overlapsLock(state, r.from, r.to);
}

function SelectionBubble({ sectionId, editor }: { sectionId: string; editor: Editor }) {
  const [open, setOpen] = useState<false | 'menu' | 'custom'>(false);
  const range = useRef<PassageRange | null>(null);
  const pluginKey = useMemo(() => new PluginKey(`reviseBubble-${sectionId}`), [sectionId]);
  const openRef = useRef(open);
  openRef.current = open;
  const request = useStore((s) => (s.menuRequest?.sectionId === sectionId && s.menuRequest.scope === 'selection' ? s.menuRequest : null));
  const clearRequest = useStore((s) => s.clearMenuRequest);

  const openMenu = (kind: 'menu' | 'custom') => {
    range.current = commandRange(editor.state);
    if (!range.current) return;
    setOpen(kind);
  };
  // Keyboard shortcut (Mod-Alt-r / the custom preset's key) from inside the editor.
  useEffect(() => {
    if (!request) return;
    clearRequest();
    if (!selectionRevisable(editor.state)) return;
    editor.view.dispatch(editor.state.tr.setMeta(pluginKey, 'show'));
    openMenu(request.custom ? 'custom' : 'menu');
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps

  // The open menu is much taller than the button: place it again (floating-ui flips it below when needed).
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(pluginKey, 'updatePosition'));
    });
    return () => cancelAnimationFrame(id);
  }, [open, editor, pluginKey]);
  // Stable identities: BubbleMenu re-sends its options to the plugin whenever these change.
  const shouldShow = useCallback(({ view, state, element }: { view: Editor['view']; state: EditorState; element: HTMLElement }) => {
    if (openRef.current) return true;
    // One proposal per section at a time: while one is pending the bubble stays away.
    if (!editor.isEditable || useStore.getState().proposals[sectionId] || !selectionRevisable(state)) return false;
    return view.hasFocus() || element.contains(document.activeElement);
  }, [editor, sectionId]);
  const options = useMemo(() => ({ placement: 'top-start' as const, flip: {}, shift: { padding: 8 } }), []);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus && !editor.isDestroyed) editor.commands.focus(undefined, { scrollIntoView: false });
  };
  const choose = (c: MenuChoice) => {
    const r = range.current;
    close();
    // Hide at once; the lock that proposeRevision adds keeps it hidden over the pending passage.
    editor.view.dispatch(editor.state.tr.setMeta(pluginKey, 'hide'));
    if (r) void proposeRevision(sectionId, { ...c, range: r });
  };

  return (
    <BubbleMenu
      editor={editor} pluginKey={pluginKey} className="revise-bubble" updateDelay={120}
      options={options} shouldShow={shouldShow}
    >
      {open ? (
        <ReviseMenu
          startCustom={open === 'custom'} onChoose={choose} onClose={() => close()}
        />
      ) : (
        <button
          type="button" aria-haspopup="menu" aria-expanded={false}
          aria-keyshortcuts={REVISE_MENU_SHORTCUT.replace('Mod', 'Control').split('-').map((k) => (k.length === 1 ? k.toUpperCase() : k)).join('+')}
          title={`Revise the selection (${shortcutLabel(REVISE_MENU_SHORTCUT)})`}
          onMouseDown={(e) => e.preventDefault() /* keep the editor's selection and focus */}
          onClick={() => openMenu('menu')}
        >Revise</button>
      )}
    </BubbleMenu>
  );
}

function SectionReviseButton({ sectionId }: { sectionId: string }) {
  const [open, setOpen] = useState<false | 'menu' | 'custom'>(false);
  const disabled = useStore((s) => !!s.readOnlyReason || !!s.sections[sectionId]?.streaming || !!s.proposals[sectionId]);
  const request = useStore((s) => (s.menuRequest?.sectionId === sectionId && s.menuRequest.scope === 'section' ? s.menuRequest : null));
  const clearRequest = useStore((s) => s.clearMenuRequest);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!request) return;
    clearRequest();
    if (!disabled) setOpen(request.custom ? 'custom' : 'menu');
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps
  const close = () => { setOpen(false); button.current?.focus(); };
  return (
    <div className="section-revise">
      <button
        type="button" ref={button} aria-haspopup="menu" aria-expanded={!!open} disabled={disabled}
        title="Revise the whole section with an instruction" onClick={() => setOpen(open ? false : 'menu')}
      >Revise section</button>
      {open && (
        <div className="section-revise-pop">
          <ReviseMenu
            label="Revise section" startCustom={open === 'custom'} onClose={close}
            onChoose={(c) => { setOpen(false); void proposeRevision(sectionId, { ...c, range: 'section' }); }}
          />
        </div>
      )}
    </div>
  );
}
