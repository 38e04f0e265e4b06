import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startWorkspace } from './app/workspace';
import './app/styles.css';

// Reading the library and the last document starts now, alongside React's first render (App calls it too;
// it runs once).
void startWorkspace();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
