// The command palette (Ctrl/⌘+K): every command in the registry, filtered by name as the writer types, with its
// shortcut. Enter runs the selected command if it is enabled; disabled ones are listed but cannot run. Escape
// closes and gives focus back to where it was (usually the section editor, with its selection intact).
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../../app/store';
import { shortcutLabel } from '../../core/revision/presets';
import { commandContext, targetSection, type AppCommand, type AppRegistry } from './types';
import './commands.css';

export function CommandPalette({ registry }: { registry: AppRegistry }) {
  const open = useStore((s) => s.paletteOpen);
  const setOpen = useStore((s) => s.setPaletteOpen);
  if (!open) return null;
  return createPortal(<Palette registry={registry} onClose={() => setOpen(false)} />, document.body);
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function Palette({ registry, onClose }: { registry: AppRegistry; onClose: () => void }) {
  // The section fixed when the palette opened: focus moves into the palette, the target must not.
  const [sectionId] = useState(() => targetSection(useStore.getState()));
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const title = useStore((s) => (sectionId ? s.sections[sectionId]?.title.trim() || 'Untitled section' : ''));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { input.current?.focus(); }, []);

  const list = useMemo(() => registry.filter(query), [registry, query]);
  // Enabled flags follow the store (Stop turns on when a stream starts while the palette is open).
  const enabledKey = useStore((s) => list.map((c) => (registry.isEnabled(c.id, commandContext(s, sectionId)) ? '1' : '0')).join(''));
  const enabled = (i: number) => enabledKey[i] === '1';

  useEffect(() => { document.getElementById(`cmd-${list[active]?.id}`)?.scrollIntoView?.({ block: 'nearest' }); }, [list, active]);

  const close = () => {
    onClose();
    if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  };
  const pick = (c: AppCommand | undefined, i: number) => {
    if (!c || !enabled(i)) return;
    close();
    registry.run(c.id, commandContext(useStore.getState(), sectionId));
  };
  const mac = isMac();

  return (
    <div className="palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close(); }}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="palette"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); } }}>
        {title && <p className="palette-target">Section commands act on “{title}” (revisions: its selection, else the paragraph at the cursor).</p>}
        <input
          ref={input} role="combobox" aria-label="Command" aria-expanded="true" aria-controls="command-palette-list"
          aria-autocomplete="list"
          aria-activedescendant={list[active] ? `cmd-${list[active]!.id}` : undefined}
          value={query} placeholder="Type a command…"
          onChange={(e) => { setQuery(e.target.value); setActive(0); }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, list.length - 1)); }
            else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
            else if (e.key === 'Enter') { e.preventDefault(); pick(list[active], active); }
          }}
        />
        <ul role="listbox" id="command-palette-list" aria-label="Commands" className="palette-list">
          {list.map((c, i) => (
            <li
              key={c.id} id={`cmd-${c.id}`} role="option" aria-label={c.label} aria-selected={i === active}
              aria-disabled={!enabled(i) || undefined}
              onMouseEnter={() => setActive(i)} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(c, i)}
            >
              <span>{c.label}</span>{c.shortcut && <kbd>{shortcutLabel(c.shortcut, mac)}</kbd>}
            </li>
          ))}
          {!list.length && <li role="option" aria-selected="false" aria-disabled="true">No matching command</li>}
        </ul>
      </div>
    </div>
  );
}
