// Placeholder until its owner writes the scenario; bench/run.ts appends the returned Markdown to the report.
export async function benchStreaming(_ctx: { browserPath?: string; root: string }): Promise<string> {
  return '';
}
