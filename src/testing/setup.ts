// Vitest setup for every test file. In jsdom files, Testing Library's findBy*/waitFor give up after 1 s by
// default; on a 2-core machine with both cores busy a lazily loaded dialog or a query's fetch can take longer,
// so a passing test failed. They still return as soon as the condition holds: only a broken test waits longer.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 15_000 });
}
export {};
