// Quality's commands, defined once for the section's buttons, the keyboard and the command palette.
import { heldByCollaborator, type AppCommand, type CommandContext } from '../commands';
import { decideFit } from '../../core/fit/decideFit';

// What the commands run loads on first use (the pipeline with it); deciding whether they are enabled does not.
const fitModule = () => import('./fitService');

const fitting = ({ state, sectionId }: CommandContext) => !!sectionId && !!state.qualityJobs[`fit:${sectionId}`];

export const fitToTargetCommand: AppCommand = {
  id: 'fit-to-target', label: 'Fit to target', keywords: 'length continue shorten',
  enabled: (ctx) => {
    const section = ctx.sectionId ? ctx.state.sections[ctx.sectionId] : undefined;
    if (!section || ctx.state.readOnlyReason || section.streaming || fitting(ctx) || heldByCollaborator(ctx.state, ctx.sectionId)) return false;
    return decideFit(section.wordCount, section.targetWords).action !== 'ok';
  },
  // The section's Auto box applies shortening directly; from the palette it is a proposal to review.
  run: async (ctx, input) => (await fitModule()).fitToTarget(ctx.sectionId!, { auto: !!(input as { auto?: boolean } | undefined)?.auto }),
};

export const stopFittingCommand: AppCommand = {
  id: 'stop-fitting', label: 'Stop fitting',
  enabled: fitting,
  run: async (ctx) => (await fitModule()).stopFit(ctx.sectionId!),
};

export const qualityCommands: readonly AppCommand[] = [fitToTargetCommand, stopFittingCommand];
