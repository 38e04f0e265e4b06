// Quality's commands, defined once for the section's buttons, the keyboard and the command palette.
import type { AppCommand, CommandContext } from '../commands';
import { decideFit } from '../../core/fit/decideFit';
import { fitToTarget, stopFit } from './fitService';

const fitting = ({ state, sectionId }: CommandContext) => !!sectionId && !!state.qualityJobs[`fit:${sectionId}`];

export const fitToTargetCommand: AppCommand = {
  id: 'fit-to-target', label: 'Fit to target', keywords: 'length continue shorten',
  enabled: (ctx) => {
    const section = ctx.sectionId ? ctx.state.sections[ctx.sectionId] : undefined;
    if (!section || ctx.state.readOnlyReason || section.streaming || fitting(ctx)) return false;
    return decideFit(section.wordCount, section.targetWords).action !== 'ok';
  },
  // The section's Auto box applies shortening directly; from the palette it is a proposal to review.
  run: (ctx, input) => fitToTarget(ctx.sectionId!, { auto: !!(input as { auto?: boolean } | undefined)?.auto }),
};

export const stopFittingCommand: AppCommand = {
  id: 'stop-fitting', label: 'Stop fitting',
  enabled: fitting,
  run: (ctx) => stopFit(ctx.sectionId!),
};

export const qualityCommands: readonly AppCommand[] = [fitToTargetCommand, stopFittingCommand];
