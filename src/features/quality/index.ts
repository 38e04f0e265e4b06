// Quality: per-section figures and checklists, the document checklist, and the metrics the stats view reads.
import { lazy } from 'react';
import './quality.css';

// The section's figures and checklist, the document checklist and the engines behind them (metrics worker,
// checks, fit) load as their own chunk: opening a book and typing needs none of them. Render inside Suspense.
export const SectionQuality = lazy(() => import('./SectionQuality').then((m) => ({ default: m.SectionQuality })));
export const DocumentChecklist = lazy(() => import('./DocumentChecklist').then((m) => ({ default: m.DocumentChecklist })));
export const recomputeMetrics = async (): Promise<void> => (await import('./metricsEngine')).recomputeMetrics();
export const startQuality = async (): Promise<void> => (await import('./watch')).startQuality();
export type { SectionMetricsView } from './slice';
// Its command definitions, for the app's registry: their own chunk, loaded with the registry after the first
// load (a re-export here would put them in it, since this index is part of it).
export const loadQualityCommands = async () => (await import('./commands')).qualityCommands;
