// The page's entry. It runs the app (./boot) once the early reads of the last document (src/early.ts) are in,
// or after EARLY_WAIT_MS if they are slow. Evaluating the app's code takes the main thread for one long task
// (~200–250 ms on a slow machine); IndexedDB answers on the main thread, so while that task ran the chain of
// early reads (open, library, lock, document, first section) stalled behind it and only finished afterwards.
// Read first, the first render has the document and makes its editor at once. The app's chunks are preloaded
// by index.html (vite.config.ts), so they download and compile while the reads run.
import { earlyOpenSettled } from './storage/earlyOpen';
import './app/styles.css';

// A bound, not a wait: past it the app starts and takes the reads over when they arrive (or reads again).
const EARLY_WAIT_MS = 400;

void earlyOpenSettled(EARLY_WAIT_MS).then(() => import('./boot')).catch((err: unknown) => {
  // The app's code did not load (a new version deployed since this page was served, or the server went away):
  // say so instead of leaving a blank page. Nothing is lost: the writer's text is in this browser's storage.
  console.error(err);
  const root = document.getElementById('root');
  if (root) root.textContent = 'Longhand could not load its code. Reload the page; your documents are kept in this browser.';
});
