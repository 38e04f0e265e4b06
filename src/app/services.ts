// The composition root for services: the model gateway (one abort registry, one request log), the section
// content port and the section pipeline are built here with their real dependencies and handed to the
// features that use them. Nothing else constructs one, and no feature keeps such state in module-level maps.
import { createGateway, createAbortRegistry } from '../features/engine/gateway';
import { createSectionContent } from '../features/engine/sectionContent';
import { createPipeline } from '../features/engine/pipeline';
import { streamGenerate } from '../shared/generateClient';
import { resolveModel } from '../features/settings/providers';
import { appendLog } from '../storage/logs';
import { createSummaryService } from '../features/generation/summaries';
import { saveTake } from '../features/generation/takes';
import { checkSection } from '../features/quality/checkService';
import { proposeRevision } from '../features/revision/service';
import { extractEntries } from '../features/bible/service';
import { getEditor } from '../editor/registry';
import { docToMarkdown, docToText, markdownToDoc } from '../editor/markdown';
import { loadContent, saveContent } from './workspace';
import { useStore } from './store';
import { collab } from './collab';

export const aborts = createAbortRegistry();

export const gateway = createGateway({
  resolveModel: () => resolveModel(),
  stream: (req, opts) => streamGenerate(req, opts),
  log: (entry) => appendLog(entry),
}, aborts);

/** A section's text, mounted or not. */
export const content = createSectionContent({
  getEditor: (id) => getEditor(id),
  // A shared section's text is its Y.Doc fragment (the local snapshot may lag a collaborator's edits).
  load: (id) => Promise.resolve(collab.readSection(id)).then((shared) => shared ?? loadContent(id)),
  save: (id, doc) => { collab.writeSection(id, doc); return saveContent(id, doc); },
  toDoc: markdownToDoc,
  toMarkdown: (doc) => docToMarkdown(doc),
  toText: (doc) => docToText(doc),
  onWords: (id, wordCount) => { if (useStore.getState().sections[id]) useStore.getState().updateSection(id, { wordCount }); },
});

/** Section summaries (the memory of later sections), one request per section at a time. */
export const summaries = createSummaryService({ gateway, readMarkdown: (id) => content.read(id) });

/** The one section pipeline behind Generate section, Continue, Write all and Fit to target. */
export const pipeline = createPipeline({
  gateway, content, store: useStore,
  summarize: (id) => summaries.summarize(id),
  check: (id, signal) => checkSection(id, { signal }),
  saveTake: (take) => saveTake(take),
  propose: async (id, { instruction, label, target }) => (await proposeRevision(id, {
    instruction, label, range: 'section', auto: false, targetWords: target || undefined,
  })).status,
  // Story bible: what the new text introduces comes back as suggestions for the writer (never applied silently).
  // Only once the writer keeps a bible (one entry or more): a writer who never uses it does not pay an extra
  // request per written section; "Extract entries" starts one by hand.
  onSectionWritten: (id) => {
    if ((useStore.getState().doc?.bible?.length ?? 0) > 0) void extractEntries(id, { auto: true });
  },
});
