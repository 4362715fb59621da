// QA of a model's output: precision, recall, calibration, agreement, plots (issue 6).
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.
export const qaCalls = {} as const;
