// How long the workspace waits before writing changed text (debounce), and how long at most it then waits for
// an idle moment: a change is on disk within about their sum. A module of its own, free of browser and store
// imports, so the e2e test that holds back this exact timer imports the same number the app uses.
export const SAVE_DEBOUNCE_MS = 400;
export const SAVE_IDLE_TIMEOUT_MS = 100;
// While the writer keeps typing, the full snapshot waits for a pause of SAVE_DEBOUNCE_MS, but at most this long
// after the burst's first change: the journal already has every keystroke on disk within ~25 ms, so snapshots
// (a whole chapter serialized) need not run every 400 ms next to keystrokes.
export const SAVE_MAX_WAIT_MS = 2000;
