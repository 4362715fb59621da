// Training-set export: clips per label, manifest, grouped splits (issue 5).
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.
export const datasetCalls = {} as const;
