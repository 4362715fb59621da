// Import and export of annotation tables: Raven, Audacity, BirdNET, Chirpity, CSV, JSON (issue 5).
// Spread into `calls` in contract.ts; same conventions: domain.verb names, zod input and output.
export const exchangeCalls = {} as const;
