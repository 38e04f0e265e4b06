// The manuscript: section views and editors, and the count label other features show.
export { CountLabel } from './CountLabel';
