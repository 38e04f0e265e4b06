// Generation's commands, defined once: the buttons in the section and the generation bar, the keyboard and the
// command palette all read these. What they run (the section pipeline, planning, the Write-all queue) loads on
// first use: the registry's metadata is part of the page, the engine behind it is not needed to open a book.
import { heldByCollaborator, type AppCommand, type CommandContext } from '../commands';
import type { QueueMode } from '../../core/generation/writeQueue';
import type { WriteAllCoverage } from './slice';

const serviceModule = () => import('./service');
const planModule = () => import('./plan');
const writeAllModule = () => import('./writeAll');

const section = ({ state, sectionId }: CommandContext) => (sectionId ? state.sections[sectionId] : undefined);
const sectionBusy = (ctx: CommandContext) => !!section(ctx)?.streaming || !!(ctx.sectionId && ctx.state.gen[ctx.sectionId]?.active);
const runBusy = ({ state }: CommandContext) => !!state.run && !state.run.finished;
/** A collaborator's Write all or Plan outline in a shared document: one document-wide job at a time. */
const collabJob = ({ state }: CommandContext) => state.collab?.job ?? null;

/** Why a collaborator's job keeps these commands disabled here (shown beside them), or null. With a section: only
 * when that job will still write it. */
export function collabJobReason(state: CommandContext['state'], sectionId?: string): string | null {
  const job = state.collab?.job;
  if (!job) return null;
  const name = job.kind === 'plan' ? 'Plan outline' : 'Write all';
  if (sectionId !== undefined) return job.sections.includes(sectionId) ? `Queued in ${job.by}'s ${name}` : null;
  return `${name} is ${job.paused ? 'paused' : 'running'} in ${job.by}'s browser`;
}

export interface GenerateInput { mode?: 'replace' | 'continue' }
export interface WriteAllInput { mode: QueueMode; limit?: number; coverage: WriteAllCoverage }

export const generateSectionCommand: AppCommand = {
  id: 'generate-section', label: 'Generate section', keywords: 'write',
  // Not while a collaborator generates it, or their Write all will (shared documents: locked for everyone else).
  enabled: (ctx) => !!section(ctx) && !ctx.state.readOnlyReason && !sectionBusy(ctx) && !heldByCollaborator(ctx.state, ctx.sectionId),
  // From the palette a section with text is continued (nothing is replaced without the writer choosing it).
  run: async (ctx, input) => (await serviceModule()).generateSection(ctx.sectionId!, {
    mode: (input as GenerateInput | undefined)?.mode ?? ((section(ctx)?.wordCount ?? 0) > 0 ? 'continue' : 'replace'),
  }),
};

export const stopSectionCommand: AppCommand = {
  id: 'stop-section', label: 'Stop', keywords: 'generation section',
  enabled: (ctx) => sectionBusy(ctx),
  run: async (ctx) => (await serviceModule()).stopSection(ctx.sectionId!),
};

export const planOutlineCommand: AppCommand = {
  id: 'plan-outline', label: 'Plan outline',
  enabled: (ctx) => !!ctx.state.doc && !ctx.state.readOnlyReason && !runBusy(ctx) && !ctx.state.planning?.active && !collabJob(ctx),
  // An outline with sections is not replaced without asking (the generation bar shows the question).
  run: async ({ state }) => {
    const m = await planModule();
    if (m.hasOutline()) state.setPlanAsking(true);
    else await m.planOutline('replace');
  },
};

export const stopPlanningCommand: AppCommand = {
  id: 'stop-planning', label: 'Stop planning',
  enabled: ({ state }) => !!state.planning?.active,
  run: async () => (await planModule()).stopPlanning(),
};

export const writeAllCommand: AppCommand = {
  id: 'write-all', label: 'Write all', keywords: 'generate document',
  enabled: (ctx) => !!ctx.state.doc && !ctx.state.readOnlyReason && !runBusy(ctx) && !ctx.state.planning?.active && !collabJob(ctx),
  // The bar passes its coverage and mode; the palette uses the defaults (empty sections, one at a time).
  run: async (_ctx, input) => (await writeAllModule()).writeAll((input as WriteAllInput | undefined) ?? { mode: 'sequential', coverage: 'empty' }),
};

export const generationCommands: readonly AppCommand[] = [
  generateSectionCommand, stopSectionCommand, writeAllCommand, planOutlineCommand, stopPlanningCommand,
];
