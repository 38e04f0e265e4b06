// The section's quality bar (inside its region): length score with a colour band, "Fit to target",
// repetition and readability figures, and the section's checklist with "Check" and "Fix".
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../app/store';
import { lengthBand, lengthScore } from '../../core/metrics/lengthScore';
import { decideFit } from '../../core/fit/decideFit';
import { applicableItems, type ApplicableItem } from '../../core/checklist/applicable';
import { SEQ_REP_4_FLAG } from '../../core/metrics/repetition';
import { OVERLAP_FLAG } from '../../core/metrics/documentOverlap';
import { formatCount } from '../../core/wordCount';
import { ChecklistList } from './ChecklistList';
import { addSectionItem, fixItem, removeSectionItem } from './checklistActions';
import { checkSection } from './checkService';
import { useCommand } from '../commands';
import { fitToTargetCommand, stopFittingCommand } from './commands';
import { startQuality } from './watch';
import './quality.css';

export function SectionQuality({ sectionId }: { sectionId: string }) {
  useEffect(() => { startQuality(); }, []);
  const section = useStore((s) => s.sections[sectionId]);
  const docChecklist = useStore((s) => s.doc?.checklist);
  const index = useStore((s) => s.doc?.sectionIds.indexOf(sectionId) ?? -1);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const fitting = useStore((s) => !!s.qualityJobs[`fit:${sectionId}`]);
  const checking = useStore((s) => !!s.qualityJobs[`check:${sectionId}`]);
  const message = useStore((s) => s.qualityMessages[sectionId]);
  const [auto, setAuto] = useState(false);
  const fitCmd = useCommand(fitToTargetCommand, sectionId);
  const stopFitCmd = useCommand(stopFittingCommand, sectionId);
  const [draft, setDraft] = useState('');
  const items = useMemo(
    () => (section ? applicableItems(docChecklist ? { checklist: docChecklist } : null, section, index) : []),
    [section, docChecklist, index],
  );
  if (!section) return null;

  const score = lengthScore(section.targetWords, section.wordCount);
  const fit = decideFit(section.wordCount, section.targetWords);
  const streaming = !!section.streaming;
  const fitHint = !(section.targetWords > 0) ? 'Set a target first'
    : fit.action === 'ok' ? 'Within 10% of the target'
    : fit.action === 'continue' ? `About ${formatCount(fit.missingWords)} words short` : `About ${formatCount(fit.excessWords)} words over`;

  const add = () => { if (addSectionItem(sectionId, draft)) setDraft(''); };
  const onFix = (a: ApplicableItem) => void fixItem(sectionId, a.item);
  const onRemove = (a: ApplicableItem) => removeSectionItem(sectionId, a.item.id);

  return (
    <div className="quality" role="group" aria-label="Section quality">
      <div className="quality-bar">
        <span className="quality-caption" aria-hidden="true">Length score</span>
        {score === null ? (
          <span className="length-score band-none" aria-label="Length score" title="Set a target to score the length">–</span>
        ) : (
          <span
            className={`length-score band-${lengthBand(score)}`} role="meter" aria-label="Length score"
            aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(score)} aria-valuetext={`${Math.round(score)} (${lengthBand(score)})`}
            title="LongBench-Write length score: 100 at the target, 0 at a third of it or four times it"
          >{Math.round(score)}</span>
        )}
        <button type="button" disabled={!fitCmd.enabled} title={fitHint} onClick={() => fitCmd.run({ auto })}>{fitCmd.label}</button>
        <label title="Apply shortening directly instead of as a proposal">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Auto
        </label>
        {fitting && <button type="button" onClick={() => stopFitCmd.run()}>{stopFitCmd.label}</button>}
        <SectionFigures sectionId={sectionId} />
      </div>
      <ChecklistList items={items} readOnly={readOnly} onFix={onFix} onRemove={onRemove} />
      <form className="ck-add" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input
          type="text" aria-label="New checklist item" placeholder={'Requirement, e.g. mention the lighthouse, or must contain "Pemberley"'}
          value={draft} readOnly={readOnly} onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={readOnly || !draft.trim()}>Add item</button>
        <button type="button" disabled={readOnly || checking || streaming || !items.length} onClick={() => void checkSection(sectionId)}>Check</button>
      </form>
      {(message || checking) && (
        <p className={`quality-msg${message?.tone === 'error' ? ' error' : ''}`} role="status">
          {checking ? 'Checking…' : message?.text}
        </p>
      )}
    </div>
  );
}

/** Repetition and readability from the idle-time metrics (absent until first computed). */
function SectionFigures({ sectionId }: { sectionId: string }) {
  const m = useStore((s) => s.metrics[sectionId]);
  // Only the title of the section this one overlaps with: subscribing to all sections would re-render every
  // section's figures on each keystroke anywhere.
  const otherTitle = useStore((s) => {
    const id = s.metrics[sectionId]?.overlap.with[0];
    return id ? s.sections[id]?.title ?? '' : '';
  });
  const looped = useStore((s) => !!s.gen[sectionId]?.loop);
  const loopFlag = looped
    ? <span className="quality-flag" title="The last generation repeated the same passage three times and was stopped">Looping</span>
    : null;
  if (!m || !m.words) return loopFlag;
  const repetitive = m.seqRep4 > SEQ_REP_4_FLAG;
  const overlapping = m.overlap.ratio > OVERLAP_FLAG;
  const other = m.overlap.with[0] ? otherTitle || 'another section' : '';
  return (
    <span className="quality-figures" aria-label="Repetition and readability">
      {loopFlag}
      <span className={repetitive ? 'quality-flag' : ''} title="seq-rep-4: share of repeated 4-word sequences">
        Repeated 4-grams {pct(m.seqRep4)}{repetitive ? ' (repetitive)' : ''}
      </span>
      <span className={overlapping ? 'quality-flag' : ''} title="8-word sequences shared with other sections">
        Overlap {pct(m.overlap.ratio)}{m.overlap.shared ? ` (${m.overlap.shared} shared 8-grams${other ? `, most with “${other}”` : ''})` : ''}
      </span>
      {m.readability ? (
        <span title="Flesch reading ease (higher is easier) and Flesch–Kincaid grade">
          Reading ease {Math.round(m.readability.ease)} · grade {m.readability.grade.toFixed(1)}
        </span>
      ) : <span title="Readability is measured for English text of 30 words or more">Readability n/a</span>}
    </span>
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
}
