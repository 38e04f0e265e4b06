// The app itself, imported by main.tsx once the early reads are in (see there).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startWorkspace } from './app/workspace';
import { useStore } from './app/store';

// Opening the library and the last document (from the early reads, main.tsx waited for them) starts now, with
// the first render (App calls it too; it runs once).
// Handing the document to another tab stops this tab's generations and revisions first: the text so far stays
// and is written before the other tab reads it. The services load with the first generation or revision, so
// importing them here costs nothing then (and keeps them out of the page's first load).
void startWorkspace({
  stopWork: async () => {
    const [{ stopSection }, { stopProposal }] = await Promise.all([import('./features/generation/service'), import('./features/revision/service')]);
    for (const id of useStore.getState().doc?.sectionIds ?? []) { stopSection(id); stopProposal(id); }
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
