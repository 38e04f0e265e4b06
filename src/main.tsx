import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startWorkspace } from './app/workspace';
import { useStore } from './app/store';
import { stopSection } from './features/generation/service';
import { stopProposal } from './features/revision/service';
import './app/styles.css';

// Reading the library and the last document starts now, alongside React's first render (App calls it too;
// it runs once).
// Handing the document to another tab stops this tab's generations and revisions first: the text so far stays
// and is written before the other tab reads it.
void startWorkspace({
  stopWork: () => {
    for (const id of useStore.getState().doc?.sectionIds ?? []) { stopSection(id); stopProposal(id); }
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
