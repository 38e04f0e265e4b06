// Command palette (Mod-K): the same revision commands as the Revise menu, searchable by name. Acts on the
// focused section: its selection, else the paragraph at the cursor, or the whole section when ticked.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../../app/store';
import { getEditor } from '../../editor/registry';
import {
  CUSTOM_PRESET_ID, PALETTE_SHORTCUT, REVISION_PRESETS, TONE_MENU_LABEL, shortcutLabel,
} from '../../core/revision/presets';
import { normalizeInstruction } from '../../core/revision/customInstructions';
import { commandRange } from './passage';
import { proposeRevision } from './service';

interface Command { id: string; label: string; instruction: string; hint?: string }

const COMMANDS: Command[] = REVISION_PRESETS.map((p) => ({
  id: p.id, label: p.group === 'tone' ? `${TONE_MENU_LABEL}: ${p.label}` : p.label, instruction: p.instruction,
  hint: p.shortcut ? shortcutLabel(p.shortcut) : undefined,
}));

function isPaletteKey(e: KeyboardEvent): boolean {
  const key = PALETTE_SHORTCUT.split('-').pop()!.toLowerCase();
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === key;
}

export function RevisionPalette() {
  const open = useStore((s) => s.paletteOpen);
  const setOpen = useStore((s) => s.setPaletteOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteKey(e) || !useStore.getState().doc) return;
      e.preventDefault();
      setOpen(!useStore.getState().paletteOpen);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [setOpen]);
  if (!open) return null;
  return createPortal(<Palette onClose={() => setOpen(false)} />, document.body);
}

function Palette({ onClose }: { onClose: () => void }) {
  const sectionId = useStore((s) => (s.focusedSectionId && s.sections[s.focusedSectionId] ? s.focusedSectionId : s.doc?.sectionIds[0] ?? null));
  const title = useStore((s) => (sectionId ? s.sections[sectionId]?.title.trim() || 'Untitled section' : ''));
  const recent = useStore((s) => s.recentCustom);
  const pending = useStore((s) => !!sectionId && !!s.proposals[sectionId]);
  const remember = useStore((s) => s.rememberCustomInstruction);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [custom, setCustom] = useState(false);
  const [whole, setWhole] = useState(() => {
    const e = sectionId ? getEditor(sectionId) : undefined;
    return !e || !commandRange(e.state);
  });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { input.current?.focus(); }, [custom]);

  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    const recents: Command[] = recent.map((r, i) => ({ id: `recent-${i}`, label: `Custom: ${r}`, instruction: r }));
    return [...COMMANDS, ...recents].filter((c) => !q || c.label.toLowerCase().includes(q));
  }, [query, recent]);

  useEffect(() => { document.getElementById(`palette-${list[active]?.id}`)?.scrollIntoView?.({ block: 'nearest' }); }, [list, active]);

  const close = () => {
    onClose();
    if (sectionId) getEditor(sectionId)?.commands.focus(undefined, { scrollIntoView: false });
  };
  const run = (instruction: string, label: string) => {
    if (!sectionId) return;
    const editor = getEditor(sectionId);
    const range = !whole && editor ? commandRange(editor.state) : null;
    close();
    void proposeRevision(sectionId, { instruction, label, range: range ?? 'section' });
  };
  const pick = (c: Command | undefined) => {
    if (!c) return;
    if (c.id === CUSTOM_PRESET_ID) { setCustom(true); setQuery(''); return; }
    if (c.id.startsWith('recent-')) remember(c.instruction);
    run(c.instruction, c.id.startsWith('recent-') ? c.instruction.slice(0, 40) : c.label);
  };
  const submitCustom = () => {
    const text = normalizeInstruction(query);
    if (!text) return;
    remember(text);
    run(text, text.length > 40 ? `${text.slice(0, 39)}…` : text);
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close(); }}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="palette"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}>
        <p className="palette-target">
          Revise in “{title}”:{' '}
          <label><input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} /> Whole section</label>
          {!whole && <span> (the selection, or the paragraph at the cursor)</span>}
        </p>
        {pending && <p className="palette-target" role="note">A revision is already pending in this section: accept or reject it first.</p>}
        {custom ? (
          <input
            ref={input} aria-label="Custom instruction" value={query} placeholder="Type an instruction and press Enter"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); submitCustom(); } }}
          />
        ) : (
          <>
            <input
              ref={input} role="combobox" aria-label="Command" aria-expanded="true" aria-controls="revision-palette-list"
              aria-activedescendant={list[active] ? `palette-${list[active]!.id}` : undefined}
              value={query} placeholder="Type a command…"
              onChange={(e) => { setQuery(e.target.value); setActive(0); }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, list.length - 1)); }
                else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
                else if (e.key === 'Enter') { e.preventDefault(); pick(list[active]); }
              }}
            />
            <ul role="listbox" id="revision-palette-list" aria-label="Commands" className="palette-list">
              {list.map((c, i) => (
                <li
                  key={c.id} id={`palette-${c.id}`} role="option" aria-label={c.label} aria-selected={i === active}
                  onMouseEnter={() => setActive(i)} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(c)}
                >
                  <span>{c.label}</span>{c.hint && <kbd>{c.hint}</kbd>}
                </li>
              ))}
              {!list.length && <li role="option" aria-selected="false" aria-disabled="true">No matching command</li>}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
