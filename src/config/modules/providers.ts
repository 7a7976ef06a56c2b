// The providers a module uses: those of the module that calls it, by the same names (the root's
// default and aliased configurations), unless the call's `providers = { aws = aws.dr }` says that
// inside the module `aws` is the caller's `aws.dr`, as in Terraform. A module configures no
// provider itself, so one module can serve several accounts or regions.
import type { Diagnostic } from '../../core/diagnostics.js';
import { didYouMean } from '../../core/suggest.js';
import { PROVIDER_TYPES, type ProviderDecl } from '../decode.js';
import { providerKeyFrom, staticString } from '../evaluate-addresses.js';
import type { Reporter } from '../evaluate-diagnostics.js';
import type { VisibleProvider } from './frame.js';
import type { ModuleCallDecl } from './calls.js';

/** The root module's providers, each standing for itself. */
export function rootProviders(providers: readonly ProviderDecl[]): VisibleProvider[] {
  return providers.map((p) => ({ key: p.key, type: p.type, ...(p.alias !== undefined ? { alias: p.alias } : {}), target: p.key }));
}

/** The providers the called module sees; undefined when the providers argument is invalid (reported). */
export function visibleProviders(call: ModuleCallDecl, caller: readonly VisibleProvider[], reporter: Reporter): VisibleProvider[] | undefined {
  if (!call.providers) return [...caller];
  const expr = call.providers.expr;
  const error = (detail: string, range = expr.range): undefined => {
    reporter.error('Invalid providers argument', detail, range, call.context);
    return undefined;
  };
  if (expr.kind !== 'object') return error('providers maps the module\'s provider names to this module\'s, like providers = { aws = aws.dr }.');
  const overrides = new Map<string, VisibleProvider>();
  const known = caller.map((p) => p.key);
  for (const item of expr.items) {
    const inner = staticString(item.key) ?? providerKeyFrom(item.key);
    const outer = providerKeyFrom(item.value);
    if (inner === undefined || !/^[a-z]+(\.[A-Za-z_][A-Za-z0-9_-]*)?$/.test(inner)) return error('Each key names a provider as the module writes it, like aws or aws.dr.', item.key.range);
    const [type, alias] = inner.split('.') as [string, string | undefined];
    if (!(PROVIDER_TYPES as readonly string[]).includes(type)) {
      return error(`bkp has the providers "aws" and "sandbox"; "${type}" is not one of them.${didYouMean(type, PROVIDER_TYPES)}`, item.key.range);
    }
    if (outer === undefined) return error('Each value is a provider reference without quotes, like aws.dr.', item.value.range);
    const target = caller.find((p) => p.key === outer);
    if (!target) {
      return error(`There is no provider "${outer}" here. Use one of: ${known.join(', ') || 'none configured'}.${didYouMean(outer, known)}`, item.value.range);
    }
    if (target.type !== type) return error(`A ${type} provider cannot stand for the ${target.type} provider "${outer}".`, item.value.range);
    overrides.set(inner, { key: inner, type, ...(alias !== undefined ? { alias } : {}), target: target.target });
  }
  return [...caller.filter((p) => !overrides.has(p.key)), ...overrides.values()];
}

/** Provider and backend blocks, import and policy blocks belong in the root module. */
export function rootOnlyBlockDiagnostic(type: string, range: Diagnostic['range'], context: string): Diagnostic {
  const detail: Record<string, string> = {
    provider: 'A module uses the providers of the module that calls it. Move this provider block to the root module; to give the module another configuration, write providers = { aws = aws.dr } in its module block.',
    backend: 'The state backend is configured once, in the root module. Remove this block from the module.',
    import: 'Import blocks are only allowed in the root module: write the import there, with the address inside the module, like to = module.prod.backup_vault.main.',
    policy: 'Policy blocks are read from the root module only. Move this block there.',
  };
  return { severity: 'error', summary: `${type[0]!.toUpperCase()}${type.slice(1)} block in a module`, detail: detail[type] ?? '', ...(range ? { range } : {}), context };
}
