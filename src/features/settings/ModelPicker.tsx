// The model picker (combobox "Model") in the top bar, and the button that opens Settings. Providers come from
// the server through TanStack Query; the choice is remembered by the settings slice.
import { lazy, Suspense, useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useStore } from '../../app/store';
import type { ProviderInfo } from '../../shared/protocol';
import { describeModel, effectiveModel } from './effectiveModel';
import { providersQuery } from './providers';
import { useCommand } from '../commands';
import { settingsCommand } from './commands';
import './settings.css';

// The dialog loads on first open: the page's first keystroke does not need it.
const SettingsDialog = lazy(() => import('./SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

const SEP = '\u0000'; // cannot occur in ids coming from the server's JSON lists
const keyOf = (provider: string, model: string) => `${provider}${SEP}${model}`;

export function ModelOptions({ providers }: { providers: ProviderInfo[] }) {
  return (
    <>
      {providers.map((p) => (p.available ? (
        <optgroup key={p.id} label={p.label}>
          {p.models.map((m) => <option key={m.id} value={keyOf(p.id, m.id)}>{m.label}</option>)}
        </optgroup>
      ) : (
        // Unavailable providers stay visible, disabled, with the reason: that is how a writer learns what to fix.
        <optgroup key={p.id} label={`${p.label} (unavailable)`} disabled>
          <option value={keyOf(p.id, '')} disabled>{p.reason ?? 'Not available'}</option>
        </optgroup>
      )))}
    </>
  );
}

export function ModelPicker() {
  const id = useId();
  const settingsOpen = useStore((s) => s.settingsOpen);
  const setSettingsOpen = useStore((s) => s.setSettingsOpen);
  const settings = useCommand(settingsCommand);
  const chosen = useStore((s) => s.selectedModel);
  const selectModel = useStore((s) => s.selectModel);
  const q = useQuery(providersQuery);
  const providers = q.data ?? [];
  const effective = q.data ? effectiveModel(providers, chosen) : null;
  const notOffered = !!(q.data && chosen && effective &&
    (effective.provider !== chosen.provider || effective.model !== chosen.model));

  let hint = '';
  if (q.isError) hint = 'Could not load the model list from the server.';
  else if (q.data && !effective) hint = 'No model is available. Open Settings to connect a provider.';
  else if (notOffered) hint = `${chosen!.model} is not available now; using ${describeModel(providers, effective!)}.`;
  else if (q.data && !chosen && effective) hint = 'default';

  return (
    <div className="model-picker">
      <label htmlFor={id}>Model</label>
      <select
        id={id}
        value={effective ? keyOf(effective.provider, effective.model) : ''}
        disabled={!q.data || !effective}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const [provider, model] = e.target.value.split(SEP);
          if (provider && model) selectModel({ provider, model });
        }}
      >
        {!q.data && <option value="">{q.isError ? 'Unavailable' : 'Loading models…'}</option>}
        {q.data && !effective && <option value="">No model available</option>}
        {q.data && <ModelOptions providers={providers} />}
      </select>
      {hint && (
        <span id={`${id}-hint`} className={`model-hint${hint === 'default' ? '' : ' warn'}`}>
          {hint === 'default' ? '(default)' : hint}
        </span>
      )}
      <button type="button" disabled={!settings.enabled} onClick={() => settings.run()} aria-haspopup="dialog">{settings.label}</button>
      {settingsOpen && <Suspense fallback={null}><SettingsDialog onClose={() => setSettingsOpen(false)} /></Suspense>}
    </div>
  );
}
