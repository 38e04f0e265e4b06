// The Revise menu: the preset catalog as a keyboard-operable menu (arrows, Home/End, Escape, → for the
// Change tone submenu), plus a free-text custom instruction with the recent ones a click away.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  CUSTOM_PRESET_ID, TONE_MENU_LABEL, presetsInGroup, shortcutLabel, topLevelPresets, type RevisionPreset,
} from '../../core/revision/presets';
import { useStore } from '../../app/store';

export interface MenuChoice { instruction: string; label: string }

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function focusItems(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]')) : [];
}

/** Arrow-key movement between a menu's items. */
function onMenuKey(e: KeyboardEvent<HTMLElement>, root: HTMLElement | null, onEscape: () => void) {
  const items = focusItems(root);
  const i = items.indexOf(document.activeElement as HTMLElement);
  const go = (n: number) => { e.preventDefault(); items[(n + items.length) % items.length]?.focus(); };
  if (e.key === 'ArrowDown') go(i + 1);
  else if (e.key === 'ArrowUp') go(i - 1);
  else if (e.key === 'Home') go(0);
  else if (e.key === 'End') go(items.length - 1);
  else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onEscape(); }
  else if (e.key === 'Tab') onEscape();
}

/** "Mod-Alt-s" → "Control+Alt+S" (the aria-keyshortcuts syntax). */
const ariaKeys = (k: string) => k.replace('Mod', isMac ? 'Meta' : 'Control').split('-').map((p) => p.length === 1 ? p.toUpperCase() : p).join('+');

function Item({ preset, onChoose }: { preset: RevisionPreset; onChoose: (c: MenuChoice) => void }) {
  return (
    <button
      type="button" role="menuitem" tabIndex={-1} aria-label={preset.label}
      aria-keyshortcuts={preset.shortcut ? ariaKeys(preset.shortcut) : undefined}
      onClick={() => onChoose({ instruction: preset.instruction, label: preset.label })}
    >
      <span>{preset.label}</span>
      {preset.shortcut && <kbd aria-hidden="true">{shortcutLabel(preset.shortcut, isMac)}</kbd>}
    </button>
  );
}

export function ReviseMenu({ onChoose, onClose, startCustom = false, label = 'Revise' }: {
  onChoose: (c: MenuChoice) => void; onClose: () => void; startCustom?: boolean; label?: string;
}) {
  const [custom, setCustom] = useState(startCustom);
  const [tone, setTone] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const toneRef = useRef<HTMLDivElement>(null);
  const toneButton = useRef<HTMLButtonElement>(null);
  const top = topLevelPresets();
  const main = top.filter((p) => p.id !== CUSTOM_PRESET_ID);
  const customPreset = top.find((p) => p.id === CUSTOM_PRESET_ID)!;

  useEffect(() => { if (!custom) focusItems(menuRef.current)[0]?.focus(); }, [custom]);
  useEffect(() => { if (tone) focusItems(toneRef.current)[0]?.focus(); }, [tone]);

  if (custom) return <CustomForm onChoose={onChoose} onClose={onClose} />;
  return (
    <div className="revise-menu-wrap">
      <div role="menu" aria-label={label} ref={menuRef} className="revise-menu" onKeyDown={(e) => {
        if (e.key === 'ArrowRight' && document.activeElement === toneButton.current) { e.preventDefault(); setTone(true); return; }
        onMenuKey(e, menuRef.current, onClose);
      }}>
        {main.map((p) => <Item key={p.id} preset={p} onChoose={onChoose} />)}
        <button
          type="button" role="menuitem" tabIndex={-1} ref={toneButton} aria-haspopup="menu" aria-expanded={tone}
          onClick={() => setTone((t) => !t)}
        >
          <span>{TONE_MENU_LABEL}</span><span aria-hidden="true">›</span>
        </button>
        {tone && (
          <div role="menu" aria-label={TONE_MENU_LABEL} ref={toneRef} className="revise-menu revise-submenu" onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'ArrowLeft' || e.key === 'Escape') { e.preventDefault(); setTone(false); toneButton.current?.focus(); return; }
            onMenuKey(e, toneRef.current, onClose);
          }}>
            {presetsInGroup('tone').map((p) => <Item key={p.id} preset={p} onChoose={onChoose} />)}
          </div>
        )}
        <Item preset={customPreset} onChoose={() => setCustom(true)} />
      </div>
    </div>
  );
}

function CustomForm({ onChoose, onClose }: { onChoose: (c: MenuChoice) => void; onClose: () => void }) {
  const recent = useStore((s) => s.recentCustom);
  const remember = useStore((s) => s.rememberCustomInstruction);
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { inputRef.current?.focus(); }, []);
  const submit = (value: string) => {
    if (!value.trim()) return;
    remember(value);
    onChoose({ instruction: value, label: value.trim().length > 40 ? `${value.trim().slice(0, 39)}…` : value.trim() });
  };
  return (
    <form
      className="revise-custom" aria-label="Custom instruction"
      onSubmit={(e) => { e.preventDefault(); submit(text); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}
    >
      <textarea
        ref={inputRef} aria-label="Custom instruction" rows={2} value={text} placeholder="e.g. Use British spelling"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(text); } }}
      />
      <div className="revise-custom-actions">
        <button type="submit" disabled={!text.trim()}>Apply instruction</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
      {recent.length > 0 && (
        <ul aria-label="Recent instructions" className="revise-recent">
          {recent.map((r) => <li key={r}><button type="button" onClick={() => submit(r)}>{r}</button></li>)}
        </ul>
      )}
    </form>
  );
}
