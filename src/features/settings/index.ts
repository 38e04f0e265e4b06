// Settings: Settings' command for the registry. The model picker (with the Settings dialog) is mounted by the app
// as its own chunk (src/app/modelPicker.tsx), so TanStack Query is not part of the page's first load.
// Its command definitions, for the app's registry: their own chunk, loaded with the registry after the first
// load (a re-export here would put them in it, since this index is part of it).
export const loadSettingsCommands = async () => (await import('./commands')).settingsCommands;
