// Settings: the model picker and the Settings dialog, and Settings' command for the registry.
export { ModelPicker } from './ModelPicker';
export { settingsCommands } from './commands';
