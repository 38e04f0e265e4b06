// The composition root for services: the model gateway (one abort registry, one request log) is built here
// with its real dependencies and handed to the features that call models. Nothing else constructs one.
import { createGateway, createAbortRegistry } from '../features/engine/gateway';
import { streamGenerate } from '../shared/generateClient';
import { resolveModel } from '../features/settings/providers';
import { appendLog } from '../storage/logs';
import { createSummaryService } from '../features/generation/summaries';
import { sectionMarkdown } from './workspace';

export const aborts = createAbortRegistry();

export const gateway = createGateway({
  resolveModel: () => resolveModel(),
  stream: (req, opts) => streamGenerate(req, opts),
  log: (entry) => appendLog(entry),
}, aborts);

/** Section summaries (the memory of later sections), one request per section at a time. */
export const summaries = createSummaryService({ gateway, readMarkdown: sectionMarkdown });
