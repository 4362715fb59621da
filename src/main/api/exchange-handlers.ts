import type { exchangeCalls } from '../../shared/contract-exchange';
import type { HandlersFor } from './handler-types';

// Handlers of contract-exchange.ts (one owner per area; handlers.ts spreads these in).
export const exchangeHandlers: HandlersFor<keyof typeof exchangeCalls> = {};
