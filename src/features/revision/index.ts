// Revision: the per-section review flow, and proposing a revision for other features (checklist Fix, fit).
import { lazy } from 'react';

// The review UI (bubble menu with its floating-ui positioning, the diff view) loads as its own chunk: a book opens
// and takes keystrokes without it. Render it inside a Suspense boundary.
export const SectionRevision = lazy(() => import('./SectionRevision').then((m) => ({ default: m.SectionRevision })));
export { proposeRevision } from './service';
export { revisionCommands } from './commands';
