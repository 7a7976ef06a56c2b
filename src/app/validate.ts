// The work behind `bkp validate`, loaded only when the command runs.
import { loadConfig } from './configuration.js';
import { ConfigError } from '../core/errors.js';
import { notify, warnAbout } from './io-host.js';
import { configInputs, type CommandContext } from './context.js';
import type { VarFlags } from './options.js';

export async function runValidate(ctx: CommandContext, flags: VarFlags & { json?: boolean }): Promise<number> {
  // As terraform validate: a required variable without a value is unknown, so everything else is still checked.
  const result = await loadConfig({ ...configInputs(ctx, flags), missingAsUnknown: true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (flags.json) {
    const verdict = errors === 0 ? 'valid' : 'invalid';
    await notify(ctx.host, 'BKP_R_VALIDATION', 'result', `The configuration is ${verdict}.`, { diagnostics: result.diagnostics, errors, warnings });
    return errors === 0 ? 0 : 1;
  }
  if (errors > 0) throw new ConfigError(result.diagnostics, result.sources);
  if (warnings > 0) await warnAbout(ctx.host, result.diagnostics, result.sources);
  const count = result.config?.resources.length ?? 0;
  await notify(ctx.host, 'BKP_R_VALID', 'result', `Success! The configuration is valid (${count} resource${count === 1 ? '' : 's'}).`, { resources: count });
  return 0;
}
