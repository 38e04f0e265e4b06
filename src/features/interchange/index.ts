// Import/export of Word, standard manuscript format, HTML, plain text and Markdown files.
export { Interchange } from './Interchange';
