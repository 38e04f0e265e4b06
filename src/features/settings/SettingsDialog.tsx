// Settings: how to connect each kind of provider, and each provider's current status from the server.
// Keys are never entered here: they live only in the server's environment (or .env), never in the browser.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ProviderInfo, ProviderKind } from '../../shared/protocol';
import { providersQuery } from './providers';

const HOW: Record<ProviderKind, ReactNode> = {
  openai: <>Set <code>OPENAI_API_KEY</code>. Optional: <code>OPENAI_MODELS</code> (comma list) and <code>OPENAI_BASE_URL</code>.</>,
  anthropic: <>Set <code>ANTHROPIC_API_KEY</code>. Optional: <code>ANTHROPIC_MODELS</code> and <code>ANTHROPIC_BASE_URL</code>.</>,
  'openai-compatible': <>For vLLM, LM Studio, llama.cpp server, OpenRouter, Together, Groq…: set <code>LLM_BASE_URL</code>{' '}
    (for example <code>http://127.0.0.1:1234/v1</code>), <code>LLM_API_KEY</code> if the server needs one, and{' '}
    <code>LLM_MODELS</code> unless its <code>/v1/models</code> lists them.</>,
  ollama: <>Nothing to configure: start Ollama (<code>ollama serve</code>), pull a model (<code>ollama pull llama3.2</code>)
    and press Refresh. Elsewhere than <code>http://127.0.0.1:11434</code>? Set <code>OLLAMA_BASE_URL</code>.</>,
  demo: <>Always available. It writes placeholder prose offline, shaped like the request, so every workflow can be
    tried without a model. It is not AI.</>,
};

function Status({ p }: { p: ProviderInfo }) {
  if (!p.available) return <span className="provider-status off">Unavailable: {p.reason ?? 'not configured'}</span>;
  const n = p.models.length;
  return (
    <span className="provider-status on">
      Available · {n} model{n === 1 ? '' : 's'}{p.default ? ' · default' : ''}
    </span>
  );
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const q = useQuery(providersQuery);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, [onClose]);

  return (
    <div className="settings-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="settings-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1}>
        <div className="settings-head">
          <h2 id={titleId}>Settings</h2>
          {/* The button keeps its name and stays enabled while the list reloads: a control that is renamed or
              disabled under the pointer swallows the click. aria-busy and the status text say it is working;
              a click during a fetch restarts it, so a provider started a moment ago is seen. */}
          <button type="button" onClick={() => void q.refetch()} aria-busy={q.isFetching}>Refresh</button>
          <span className="settings-refreshing" role="status">{q.isFetching ? 'Checking providers…' : ''}</span>
          <button type="button" onClick={onClose}>Close</button>
        </div>
        <p>
          Longhand talks to models through its own server, so API keys stay on your machine and never reach the
          browser. Put settings in a <code>.env</code> file next to <code>package.json</code> (or in the environment),
          one <code>NAME=value</code> per line, then restart Longhand (<code>npm start</code>).
        </p>
        <pre className="settings-example">{'OPENAI_API_KEY=<your OpenAI key>\nANTHROPIC_API_KEY=<your Anthropic key>\nLLM_BASE_URL=http://127.0.0.1:1234/v1'}</pre>
        {q.isError && <p role="alert">Could not load provider status: {(q.error as Error).message}</p>}
        <ul className="provider-list" aria-label="Providers">
          {(q.data ?? []).map((p) => (
            <li key={p.id} aria-label={p.label}>
              <div className="provider-row"><strong>{p.label}</strong> <Status p={p} /></div>
              <div className="provider-how">{HOW[p.kind] ?? null}</div>
            </li>
          ))}
        </ul>
        <p className="settings-note">
          Serving Longhand to other machines (<code>HOST</code> not 127.0.0.1) requires <code>LONGHAND_TOKEN</code>;
          open the app with <code>#token=…</code> once and the browser remembers it.
        </p>
      </div>
    </div>
  );
}
