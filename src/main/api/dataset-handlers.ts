import type { datasetCalls } from '../../shared/contract-dataset';
import type { HandlersFor } from './handler-types';

// Handlers of contract-dataset.ts (one owner per area; handlers.ts spreads these in).
export const datasetHandlers: HandlersFor<keyof typeof datasetCalls> = {};
