// One section of the manuscript: its header (title, brief, target, status, count) and its editor.
// Subscribes only to its own section, so typing elsewhere never re-renders it; the body re-renders only when
// its own metadata changes (a keystroke changes at most its count).
import { lazy, memo, Suspense } from 'react';
import { useStore } from '../../app/store';
import { Reserved } from '../../app/Reserved';
import { SECTION_STATUSES, type SectionStatus } from '../../core/model';
import { SectionEditor } from './SectionEditor';
import { LazyMount } from './LazyMount';
import { whenEditor } from '../../editor/registry';
import { CountLabel } from './CountLabel';
import { SectionGenerationControls } from '../generation';
import { SectionRevision } from '../revision';
import { SectionQuality } from '../quality';
import { SectionBible } from '../bible';
import { useDeferred } from '../../app/useDeferred';

// Sharing's UI comes with the collab chunk, loaded only for a shared document.
const SectionLock = lazy(() => import('../collab').then((m) => ({ default: m.SectionLock })));

export const SectionView = memo(function SectionView({ sectionId, index, eager }: { sectionId: string; index: number; eager: boolean }) {
  const title = useStore((s) => s.sections[sectionId]?.title);
  const streaming = useStore((s) => !!s.sections[sectionId]?.streaming);
  // Only the size of the placeholder depends on the count; a mounted body ignores it.
  const words = useStore((s) => s.sections[sectionId]?.wordCount ?? 0);
  const pinned = useStore((s) => !!s.pins[sectionId]);
  if (title === undefined) return null;
  const name = title.trim() || 'Untitled section';
  // In a long book a section far off-screen is only this shell: its header, brief, feature slots and editor
  // mount when it nears the viewport (or is pinned: jumped to, streaming, under revision).
  return (
    <section className={`section${streaming ? ' is-streaming' : ''}`} aria-label={name} data-section-id={sectionId} id={`section-${sectionId}`}>
      <LazyMount
        eager={eager || pinned} estimateWords={words}
        onActivate={() => void whenEditor(sectionId).then((e) => e.commands.focus('start'))}
        preview={<div className="section-head-lite" aria-hidden="true"><span className="section-number">{index + 1}</span> {name}</div>}
      >
        <SectionBody sectionId={sectionId} index={index} />
      </LazyMount>
    </section>
  );
});

// The slots are memoized here (whatever their owners do): they take only the section id and subscribe to
// what they need, so a header re-render (title typed, status changed) does not re-render them. Each is its
// feature's own chunk (lazy): the header and the editor show and take keystrokes without waiting for them.
const QualitySlot = memo(SectionQuality);
const RevisionSlot = memo(SectionRevision);
const BibleSlot = memo(SectionBible);
const GenerationSlot = memo(SectionGenerationControls);

/** The count subscribes on its own: a count change (each keystroke, a streamed section every ~400 ms)
 * re-renders this label only, not the header, the slots or the editor. */
const SectionCount = memo(function SectionCount({ sectionId }: { sectionId: string }) {
  const count = useStore((s) => s.sections[sectionId]?.wordCount ?? 0);
  const target = useStore((s) => s.sections[sectionId]?.targetWords ?? 0);
  return <CountLabel label="Section" count={count} target={target} />;
});

const SectionBody = memo(function SectionBody({ sectionId, index }: { sectionId: string; index: number }) {
  // Field by field, so a new section record that only changed its word count re-renders nothing here.
  const exists = useStore((s) => !!s.sections[sectionId]);
  const title = useStore((s) => s.sections[sectionId]?.title ?? '');
  const targetWords = useStore((s) => s.sections[sectionId]?.targetWords ?? 0);
  const status = useStore((s) => s.sections[sectionId]?.status);
  const brief = useStore((s) => s.sections[sectionId]?.brief ?? '');
  const docId = useStore((s) => s.sections[sectionId]?.docId);
  const streaming = useStore((s) => !!s.sections[sectionId]?.streaming);
  const interrupted = useStore((s) => !!s.sections[sectionId]?.interrupted);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const shared = useStore((s) => !!s.collab);
  // The feature slots load once the page's first section is up (their chunks are not part of the first load).
  const rest = useDeferred(useStore((s) => s.restReady));
  const update = useStore((s) => s.updateSection);
  if (!exists || !docId) return null;
  return (
    <>
      <header className="section-head">
        <span className="section-number" aria-hidden="true">{index + 1}</span>
        <input
          className="section-title" aria-label="Section title" placeholder="Untitled section" value={title}
          readOnly={readOnly} onChange={(e) => update(sectionId, { title: e.target.value })}
        />
        <label className="field-inline">
          <span>Target</span>
          <input
            type="number" min={0} step={50} aria-label="Target words" value={targetWords || ''} placeholder="0"
            readOnly={readOnly} onChange={(e) => update(sectionId, { targetWords: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
          />
        </label>
        <select
          aria-label="Section status" value={status} disabled={readOnly}
          onChange={(e) => update(sectionId, { status: e.target.value as SectionStatus })}
        >
          {SECTION_STATUSES.map((st) => <option key={st} value={st}>{st}</option>)}
        </select>
        <SectionCount sectionId={sectionId} />
      </header>
      <textarea
        className="section-brief" aria-label="Section brief" rows={2} placeholder="Brief: main points and beats of this section"
        value={brief} readOnly={readOnly} onChange={(e) => update(sectionId, { brief: e.target.value })}
      />
      <Reserved id={`sec.${sectionId}`} kind="sec" ready={rest}>
        <QualitySlot sectionId={sectionId} />
        <GenerationSlot sectionId={sectionId} />
        <BibleSlot sectionId={sectionId} />
      </Reserved>
      {streaming && <p className="streaming-flag" role="status">Writing… this section is read-only until the generation ends.</p>}
      {shared && <Suspense fallback={null}><SectionLock sectionId={sectionId} /></Suspense>}
      {interrupted && !streaming && <p className="interrupted-flag" role="status">Interrupted: the generation stopped before it finished. The text so far is kept.</p>}
      <SectionEditor sectionId={sectionId} docId={docId} />
      {/* Below the text, so it can come with the rest: its chunk brings the revision service with Markdown
          conversion, which cost ~40–60 ms of the open when the first section requested it. */}
      {rest && <Suspense fallback={null}><RevisionSlot sectionId={sectionId} /></Suspense>}
    </>
  );
});
