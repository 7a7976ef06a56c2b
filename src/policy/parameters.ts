// A control's parameter as an evaluator reads it: the configured value, else the default the
// shared table (src/domain/audit-controls.ts) gives, which a backup_framework sends to Audit
// Manager too, so bkp check and AWS judge against the same numbers.
import { parameterDefault } from '../domain/audit-controls.js';
import { knownNumber, knownString } from '../resources/rules/problem.js';
import type { ControlContext } from './context.js';

export function numberParameter(ctx: Pick<ControlContext, 'control' | 'params'>, name: string): number | undefined {
  const fallback = parameterDefault(ctx.control, name);
  return knownNumber(ctx.params[name]) ?? (typeof fallback === 'number' ? fallback : undefined);
}

export function stringParameter(ctx: Pick<ControlContext, 'control' | 'params'>, name: string): string | undefined {
  const fallback = parameterDefault(ctx.control, name);
  return knownString(ctx.params[name]) ?? (typeof fallback === 'string' ? fallback : undefined);
}
