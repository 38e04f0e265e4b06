// Story bible (issue 13): the page-level entry list, each section's extract / consistency controls, the editor's
// mention marks, and the extraction run after the pipeline writes a section.
import './bible.css';
export { BiblePanel } from './BiblePanel';
export { SectionBible } from './SectionBible';
export { bibleCommands } from './commands';
export { bibleExtensions } from './editorExtensions';
export { extractEntries } from './service';
