// Quality: per-section figures and checklists, the document checklist, and the metrics the stats view reads.
import './quality.css';
export { SectionQuality } from './SectionQuality';
export { DocumentChecklist } from './DocumentChecklist';
export { recomputeMetrics } from './metricsEngine';
export { startQuality } from './watch';
export type { SectionMetricsView } from './slice';
export { qualityCommands } from './commands';
