// Which provider configuration each resource (and data block) uses: `provider = aws.dr` names one (a reference,
// not a string), otherwise the single provider configured without an alias.
import { headerRange, type DecodedConfig, type ResourceDecl } from './decode.js';
import { providerKeyFrom, referenceExpr } from './evaluate-addresses.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { didYouMean } from '../core/suggest.js';

/** The provider of each resource: its `provider` argument, or the single unaliased provider. */
export function providerKeysOf(decoded: DecodedConfig, reporter: Reporter): Map<string, string> {
  const keys = new Map<string, string>();
  const configured = decoded.providers.map((p) => p.key);
  const defaults = decoded.providers.filter((p) => p.alias === undefined).map((p) => p.key);
  const withoutDefault: ResourceDecl[] = [];
  for (const decl of [...decoded.resources.values(), ...decoded.dataSources.values()]) {
    if (!decl.provider) {
      if (defaults.length === 1) keys.set(decl.address, defaults[0]!);
      else withoutDefault.push(decl);
      continue;
    }
    const reference = referenceExpr(decl.provider.expr, 'provider reference', 'aws.dr', reporter, decl.context);
    const key = reference && providerKeyFrom(reference);
    if (!key) {
      if (reference) reporter.error('Invalid provider reference', 'provider takes a provider name and an optional alias, like provider = aws.dr.', decl.provider.expr.range, decl.context);
      continue;
    }
    if (!configured.includes(key)) {
      const [type, alias] = key.split('.');
      reporter.error(
        'Provider configuration not present',
        `There is no provider "${key}". Add provider "${type}" {${alias === undefined ? '' : ` alias = "${alias}"`} … }, or use one of: ${configured.join(', ') || 'none configured'}.${didYouMean(key, configured)}`,
        decl.provider.expr.range,
        decl.context,
      );
      continue;
    }
    keys.set(decl.address, key);
  }
  const first = withoutDefault[0];
  // With no provider left because the only ones were refused, that error already says what to fix.
  const onlyRefused = configured.length === 0 && decoded.refusedProviders > 0;
  if (first && !onlyRefused) {
    const others = withoutDefault.length > 1 ? ` (and ${withoutDefault.length - 1} other resource${withoutDefault.length > 2 ? 's' : ''})` : '';
    const detail =
      defaults.length > 1
        ? `Several providers are configured without an alias (${defaults.join(', ')}), so ${first.address}${others} must choose one, like provider = ${defaults[0]}.`
        : configured.length > 0
          ? `Every configured provider has an alias, so ${first.address}${others} must choose one, like provider = ${configured[0]}; or configure one provider without an alias.`
          : `${first.address}${others} needs a provider: add provider "aws" { region = "…" }, or provider "sandbox" {} to work without AWS.`;
    reporter.error(defaults.length > 1 ? 'Ambiguous provider' : 'Missing provider configuration', detail, headerRange(first.block), first.context);
  }
  return keys;
}
