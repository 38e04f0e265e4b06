// The sidebar's panels (library and outline), loaded as their own chunk: the page's first load is what shows the
// first section and takes a keystroke. The sidebar is the grid's first column (fixed width), so its panels
// arriving a moment later never move the text.
import { LibraryPanel } from '../features/library/LibraryPanel';
import { OutlinePanel } from '../features/outline/OutlinePanel';

export default function Sidebar() {
  return (
    <>
      <LibraryPanel />
      <OutlinePanel />
    </>
  );
}
