// The generation and revision services, as quality calls them (contracts in the team brief). One file so the
// rest of the feature does not depend on how those services are wired.
export { generateSection, stopSection } from '../generation';
export { proposeRevision } from '../revision';
