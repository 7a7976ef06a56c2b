// The providers a module uses: those of the module that calls it, by the same names (the root's
// default and aliased configurations), unless the call's `providers = { aws = aws.dr }` says that
// inside the module `aws` is the caller's `aws.dr`, as in Terraform. A module configures no
// provider itself, so one module can serve several accounts or regions.
import type { Diagnostic } from '../../core/diagnostics.js';
import { didYouMean } from '../../core/suggest.js';
import { PROVIDER_TYPES, type ProviderDecl } from '../decode.js';
import { providerReferenceFrom, staticString, type ProviderReference } from '../evaluate-addresses.js';
import type { Scope } from '../evaluate-expression.js';
import type { Reporter } from '../evaluate-diagnostics.js';
import { instanceChoiceIsValid, providerInstanceKey } from '../evaluate-providers.js';
import type { VisibleProvider } from './frame.js';
import type { ModuleCallDecl } from './calls.js';

/** The root module's providers, each standing for itself; one with for_each with its instance keys as far as they are known. */
export function rootProviders(providers: readonly ProviderDecl[], instanceKeys: (key: string) => readonly string[] | undefined): VisibleProvider[] {
  return providers.map((p) => {
    const visible: VisibleProvider = { key: p.key, type: p.type, ...(p.alias !== undefined ? { alias: p.alias } : {}), target: p.key };
    if (p.forEach === undefined) return visible;
    const keys = instanceKeys(p.key);
    return { ...visible, hasForEach: true, ...(keys !== undefined ? { instanceKeys: keys } : {}) };
  });
}

/** One entry of a call's providers map: the name inside the module, and the caller's provider (or instance of one) it stands for. */
export interface ProviderOverride {
  inner: Pick<VisibleProvider, 'key' | 'type' | 'alias'>;
  reference: ProviderReference;
  outer: VisibleProvider;
}

/** The provider references a call's providers map makes (for reference checks); none when it is not a map. */
export function providerMapReferences(call: ModuleCallDecl): ProviderReference[] {
  const expr = call.providers?.expr;
  if (expr?.kind !== 'object') return [];
  return expr.items.flatMap((item) => providerReferenceFrom(item.value) ?? []);
}

/** The call's providers map checked against the caller's providers, once per call; undefined when it is invalid (reported). */
export function providerOverrides(call: ModuleCallDecl, caller: readonly VisibleProvider[], reporter: Reporter): ProviderOverride[] | undefined {
  if (!call.providers) return [];
  const expr = call.providers.expr;
  const error = (detail: string, range = expr.range): undefined => {
    reporter.error('Invalid providers argument', detail, range, call.context);
    return undefined;
  };
  if (expr.kind !== 'object') return error('providers maps the module\'s provider names to this module\'s, like providers = { aws = aws.dr }.');
  const overrides: ProviderOverride[] = [];
  const known = caller.map((p) => p.key);
  for (const item of expr.items) {
    const written = staticString(item.key) ?? providerReferenceFrom(item.key);
    const inner = typeof written === 'object' && written.index === undefined ? written.key : written;
    if (typeof inner !== 'string' || !/^[a-z]+(\.[A-Za-z_][A-Za-z0-9_-]*)?$/.test(inner)) {
      return error('Each key names a provider as the module writes it, like aws or aws.dr (a module sees one configuration under each name, never an instance key).', item.key.range);
    }
    const [type, alias] = inner.split('.') as [string, string | undefined];
    if (!(PROVIDER_TYPES as readonly string[]).includes(type)) {
      return error(`bkp has the providers "aws" and "sandbox"; "${type}" is not one of them.${didYouMean(type, PROVIDER_TYPES)}`, item.key.range);
    }
    const reference = providerReferenceFrom(item.value);
    if (reference === undefined) return error('Each value is a provider reference without quotes, like aws.dr or aws.account[each.key].', item.value.range);
    const outer = caller.find((p) => p.key === reference.key);
    if (!outer) {
      return error(`There is no provider "${reference.key}" here. Use one of: ${known.join(', ') || 'none configured'}.${didYouMean(reference.key, known)}`, item.value.range);
    }
    if (outer.type !== type) return error(`A ${type} provider cannot stand for the ${outer.type} provider "${reference.key}".`, item.value.range);
    if (!instanceChoiceIsValid(reference, { key: outer.key, hasForEach: outer.hasForEach === true }, item.value.range, call.context, reporter)) return undefined;
    overrides.push({ inner: { key: inner, type, ...(alias !== undefined ? { alias } : {}) }, reference, outer });
  }
  return overrides;
}

/**
 * The providers one instance of the module sees: the caller's, with the overrides, whose instance
 * keys (`aws.account[each.key]`) are evaluated in the instance's scope. Undefined when one is unusable (reported).
 */
export function instanceProviders(caller: readonly VisibleProvider[], overrides: readonly ProviderOverride[], scope: Scope): VisibleProvider[] | undefined {
  const replaced = new Map<string, VisibleProvider>();
  for (const { inner, reference, outer } of overrides) {
    const target = providerInstanceKey(reference, outer.target, scope, outer.instanceKeys);
    if (target === '') return undefined;
    replaced.set(inner.key, { ...inner, target });
  }
  return [...caller.filter((p) => !replaced.has(p.key)), ...replaced.values()];
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
