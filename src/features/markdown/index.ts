// Markdown import/export controls and the download helper other exports reuse.
export { downloadText } from './download';
