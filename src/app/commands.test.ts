// The composed registry: every action the issue lists is there once, under the names the buttons carry, and no
// two commands share a shortcut or take one of TipTap's own keys.
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommands } from './commands';
import type { DocumentMeta, SectionMeta } from '../core/model';
import type { CollabView } from '../features/collab';
import type { RemoteJob } from '../features/collab/jobs';
import { collabJobReason } from '../features/generation/commands';
import { canonicalShortcut } from '../core/commands/registry';
import { commandContext } from '../features/commands';
import { useStore } from './store';
import { COMMAND_SHORTCUTS } from './commandShortcuts';

const TIPTAP = [
  'Mod-b', 'Mod-i', 'Mod-u', 'Mod-e', 'Mod-z', 'Mod-y', 'Shift-Mod-z', 'Mod-a', 'Mod-Enter', 'Shift-Enter',
  'Mod-Shift-s', 'Mod-Shift-b', 'Mod-Shift-7', 'Mod-Shift-8', 'Mod-Shift-9', 'Mod-Alt-c',
  'Mod-Alt-0', 'Mod-Alt-1', 'Mod-Alt-2', 'Mod-Alt-3', 'Mod-Alt-4', 'Mod-Alt-5', 'Mod-Alt-6',
].map(canonicalShortcut);

// The definitions load as their own chunks in the page; here they are simply awaited once.
const commands = await loadCommands();

describe('the app command registry', () => {
  it('holds each action once, named as its button is', () => {
    const labels = commands.all.map((c) => c.label);
    for (const name of ['Generate section', 'Stop', 'Write all', 'Plan outline', 'Fit to target', 'Settings', 'Fix grammar', 'More neutral', 'Change tone: Friendlier', 'Custom instruction…']) {
      expect(labels, name).toContain(name);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps the existing shortcuts, none on a TipTap key', () => {
    const keys = commands.all.flatMap((c) => (c.shortcut ? [canonicalShortcut(c.shortcut)] : []));
    expect(keys).toEqual(expect.arrayContaining(['mod-k', 'mod-alt-r', 'mod-alt-g', 'mod-alt-q']));
    for (const k of keys) expect(TIPTAP, k).not.toContain(k);
    expect(commands.byKey({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })?.id).toBe('command-palette');
  });

  it('lists every shortcut up front, for key presses made before it loads (and no other)', () => {
    const keys = commands.all.flatMap((c) => (c.shortcut ? [canonicalShortcut(c.shortcut)] : []));
    expect([...COMMAND_SHORTCUTS].map(canonicalShortcut).sort()).toEqual(keys.sort());
  });

  it('enables by state: no document, nothing runs but Settings', () => {
    const ctx = commandContext(useStore.getState());
    expect(ctx.sectionId).toBeNull();
    const enabled = commands.all.filter((c) => commands.isEnabled(c.id, ctx)).map((c) => c.id);
    expect(enabled).toEqual(['settings']);
    expect(commands.run('generate-section', ctx)).toBe(false);
  });

  it('filters the palette by name', () => {
    expect(commands.filter('gen')[0]?.label).toBe('Generate section');
    expect(commands.filter('neutral').map((c) => c.label)).toEqual(['More neutral']);
    expect(commands.filter('palette')).toEqual([]);
  });
});

describe('a collaborator\'s Write all or Plan outline (shared document)', () => {
  const doc = { id: 'd_1', title: 'Shared', sectionIds: ['s1', 's2', 's3'] } as DocumentMeta;
  const sections = Object.fromEntries(doc.sectionIds.map((id) => [id, { id, docId: doc.id, title: id, wordCount: 0, streaming: null } as unknown as SectionMeta]));
  const withJob = (job: RemoteJob | null) => {
    useStore.setState({ doc, sections, collab: { docId: doc.id, secret: 's', readOnly: false, session: {} as CollabView['session'], ready: true, peers: [], locks: {}, job, sync: { kind: 'synced' }, localSaving: false } });
    return (sectionId: string | null = 's1') => commandContext(useStore.getState(), sectionId);
  };
  afterEach(() => useStore.setState({ doc: null, sections: {}, collab: null }));

  it('without one, Write all, Plan outline and Generate section are enabled', () => {
    const ctx = withJob(null);
    for (const id of ['write-all', 'plan-outline', 'generate-section']) expect(commands.isEnabled(id, ctx()), id).toBe(true);
    expect(collabJobReason(useStore.getState())).toBeNull();
  });

  it('Write all elsewhere disables Write all, Plan outline, and Generate section for the sections it will still write', () => {
    const ctx = withJob({ kind: 'write-all', sections: ['s2', 's3'], by: 'Ada' });
    expect(commands.isEnabled('write-all', ctx())).toBe(false);
    expect(commands.isEnabled('plan-outline', ctx())).toBe(false);
    expect(commands.run('write-all', ctx())).toBe(false);
    expect(commands.isEnabled('generate-section', ctx('s1'))).toBe(true);
    expect(commands.isEnabled('generate-section', ctx('s2'))).toBe(false);
    expect(commands.isEnabled('generate-section', ctx('s3'))).toBe(false);
    const s = useStore.getState();
    expect(collabJobReason(s)).toBe('Write all is running in Ada\'s browser');
    expect(collabJobReason(s, 's2')).toBe('Queued in Ada\'s Write all');
    expect(collabJobReason(s, 's1')).toBeNull();
  });

  it('Plan outline elsewhere disables both document-wide commands but no section', () => {
    const ctx = withJob({ kind: 'plan', sections: [], by: 'Ben' });
    expect(commands.isEnabled('write-all', ctx())).toBe(false);
    expect(commands.isEnabled('plan-outline', ctx())).toBe(false);
    expect(commands.isEnabled('generate-section', ctx('s2'))).toBe(true);
    expect(collabJobReason(useStore.getState())).toBe('Plan outline is running in Ben\'s browser');
  });

  it('Fit to target and the revision presets wait for a section a collaborator streams into or will still write', () => {
    const ctx = withJob({ kind: 'write-all', sections: ['s2'], by: 'Ada' });
    // Over target by far: Fit to target has something to do; the presets need only a section.
    useStore.setState({ sections: Object.fromEntries(Object.entries(sections).map(([id, s]) => [id, { ...s, wordCount: 900, targetWords: 300 }])) });
    for (const id of ['fit-to-target', 'revise-fix-grammar', 'revise-menu']) {
      expect(commands.isEnabled(id, ctx('s1')), `${id} on a free section`).toBe(true);
      expect(commands.isEnabled(id, ctx('s2')), `${id} on a queued section`).toBe(false);
    }
    const c = useStore.getState().collab!;
    useStore.setState({ collab: { ...c, locks: { s3: 'Ben' } } });
    for (const id of ['fit-to-target', 'revise-fix-grammar', 'revise-menu', 'generate-section']) {
      expect(commands.isEnabled(id, ctx('s3')), `${id} on a section Ben streams into`).toBe(false);
    }
  });

  it('a paused run elsewhere says so and still holds its sections', () => {
    const ctx = withJob({ kind: 'write-all', sections: ['s1'], paused: true, by: 'Ada' });
    expect(commands.isEnabled('generate-section', ctx('s1'))).toBe(false);
    expect(collabJobReason(useStore.getState())).toBe('Write all is paused in Ada\'s browser');
  });
});
