import { calls, isCallName } from '../../shared/contract';
import { EarmarkError, type Result } from '../../shared/errors';
import type { AppContext } from '../app/app-context';
import { handlers } from './handlers';

/**
 * The single entry every transport uses: validate the input against the contract, run the handler,
 * and turn any failure into data (DESIGN.md: errors cross the boundary as `{ ok: false, code, message }`).
 */
export async function dispatch(ctx: AppContext, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, code: 'NOT_FOUND', message: `Unknown call: ${name}` };
  const spec = calls[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
    return { ok: false, code: 'BAD_INPUT', message: `${name}: ${detail}` };
  }
  try {
    const handler = handlers[name] as (ctx: AppContext, input: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof EarmarkError) return { ok: false, code: error.code, message: error.message };
    console.error(`[earmark] ${name} failed`, error);
    return { ok: false, code: 'INTERNAL', message: `${name} failed: ${(error as Error).message}` };
  }
}
