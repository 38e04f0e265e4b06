// Revision: the per-section review flow, and proposing a revision for other features (checklist Fix, fit).
export { SectionRevision } from './SectionRevision';
export { proposeRevision } from './service';
export { revisionCommands } from './commands';
