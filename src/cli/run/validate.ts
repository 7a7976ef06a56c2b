// The work behind `bkp validate`, loaded only when the command runs.
import { loadConfig } from '../../app/configuration.js';
import { ConfigError } from '../../core/errors.js';
import { diagnosticsToJson, renderDiagnostics } from '../../render/diagnostics.js';
import { style } from '../../render/style.js';
import { configInputs, type CommandContext } from '../context.js';
import type { VarFlags } from '../commands/shared-options.js';

export async function runValidate(ctx: CommandContext, flags: VarFlags & { json?: boolean }): Promise<number> {
  const result = await loadConfig(configInputs(ctx, flags));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        {
          format_version: '1.0',
          valid: errors === 0,
          error_count: errors,
          warning_count: warnings,
          diagnostics: diagnosticsToJson(result.diagnostics),
        },
        null,
        2,
      ),
    );
    return errors === 0 ? 0 : 1;
  }
  if (errors > 0) throw new ConfigError(result.diagnostics, result.sources);
  if (warnings > 0) ctx.io.err(renderDiagnostics(result.diagnostics, result.sources, ctx.io.colorErr));
  const s = style(ctx.io.color);
  const count = result.config?.resources.length ?? 0;
  ctx.io.out(`${s.bold(s.green('Success!'))} The configuration is valid (${count} resource${count === 1 ? '' : 's'}).`);
  return 0;
}
