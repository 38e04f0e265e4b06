// The story bible's section commands, defined once for the section's buttons, the keyboard and the palette.
import type { AppCommand, CommandContext } from '../commands';

// The model requests load on first use; the registry's metadata does not need them.
const serviceModule = () => import('./service');

const job = ({ state, sectionId }: CommandContext, name: 'extract' | 'check') => !!sectionId && !!state.bibleJobs[`${name}:${sectionId}`];
const usable = (ctx: CommandContext) => {
  const section = ctx.sectionId ? ctx.state.sections[ctx.sectionId] : undefined;
  return !!section && !ctx.state.readOnlyReason && !section.streaming && section.wordCount > 0;
};

export const extractEntriesCommand: AppCommand = {
  id: 'bible-extract', label: 'Extract entries', keywords: 'story bible characters places codex',
  enabled: (ctx) => usable(ctx) && !job(ctx, 'extract'),
  run: async (ctx) => (await serviceModule()).extractEntries(ctx.sectionId!),
};

export const checkConsistencyCommand: AppCommand = {
  id: 'bible-check', label: 'Check consistency', keywords: 'story bible contradictions continuity',
  enabled: (ctx) => usable(ctx) && !job(ctx, 'check') && !!ctx.state.doc?.bible?.length,
  run: async (ctx) => (await serviceModule()).checkConsistency(ctx.sectionId!),
};

export const bibleCommands: readonly AppCommand[] = [extractEntriesCommand, checkConsistencyCommand];
