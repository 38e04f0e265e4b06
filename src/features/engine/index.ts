// The writing engine: the model gateway (the only path to the proxy) and the section pipeline. Built by the
// composition root (src/app/services.ts); features use the types and the instances it hands them.
export type { Gateway } from './gateway';
export type { PipelineOptions, PipelineResult } from './pipeline';
