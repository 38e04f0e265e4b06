// The outline's public surface: the section selection other features read (the Export menu).
export { selectedSectionIds } from './slice';
