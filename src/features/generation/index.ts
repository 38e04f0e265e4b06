// Generation: per-section controls, the outline's state badge, and Generate / Stop for other features.
export { SectionGenerationControls } from './SectionGenerationControls';
export { OutlineSectionState } from './OutlineSectionState';
export { generateSection, stopSection } from './service';
export { generationCommands } from './commands';
