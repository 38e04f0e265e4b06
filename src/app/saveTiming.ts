// How long the workspace waits before writing changed text (debounce), and how long at most it then waits for
// an idle moment: a change is on disk within about their sum. A module of its own, free of browser and store
// imports, so the e2e test that holds back this exact timer imports the same number the app uses.
export const SAVE_DEBOUNCE_MS = 400;
export const SAVE_IDLE_TIMEOUT_MS = 100;
