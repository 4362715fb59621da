import type { z } from 'zod';
import type { CallName, CallOutput, calls } from '../../shared/contract';
import type { AppContext } from '../app/app-context';

type Parsed<N extends CallName> = z.output<(typeof calls)[N]['input']>;

export type Handler<N extends CallName> = (ctx: AppContext, input: Parsed<N>) => Promise<CallOutput<N>> | CallOutput<N>;

/** Handlers for a subset of the contract (an area's own file); handlers.ts spreads them all together. */
export type HandlersFor<Names extends CallName> = { [N in Names]: Handler<N> };
