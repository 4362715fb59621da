import type { qaCalls } from '../../shared/contract-qa';
import type { HandlersFor } from './handler-types';

// Handlers of contract-qa.ts (one owner per area; handlers.ts spreads these in).
export const qaHandlers: HandlersFor<keyof typeof qaCalls> = {};
