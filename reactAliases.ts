// The app runs on Preact through preact/compat: React's API and TipTap's and TanStack's React bindings unchanged,
// at ~10 KB instead of react-dom's ~60 KB gzip, which was most of the entry's evaluation on open (issue 11). One
// list for the build and the unit tests, so components are tested on the runtime that ships.
export const reactAliases = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];
