// Placeholder slot: the proxy team replaces this (combobox "Model").
export function ModelPicker() {
  return null;
}
