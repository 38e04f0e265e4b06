// Settings: Settings' command for the registry. The model picker (with the Settings dialog) is mounted by the app
// as its own chunk (src/app/modelPicker.tsx), so TanStack Query is not part of the page's first load.
export { settingsCommands } from './commands';
