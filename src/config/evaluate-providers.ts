// Which provider configuration each resource (and data block) uses: `provider = aws.dr` names one (a reference,
// not a string), `provider = aws.account["prod"]` one instance of a provider with for_each, otherwise
// the single provider configured without an alias. Which provider is worked out once, with the
// configuration's structure; which instance, per instance of the resource (`aws.account[each.key]`).
import { headerRange, type ProviderDecl, type ResourceDecl } from './decode.js';
import { providerReferenceFrom, referenceExpr, type ProviderReference } from './evaluate-addresses.js';
import type { Reporter } from './evaluate-diagnostics.js';
import { evaluateGuarded, type Scope } from './evaluate-expression.js';
import { expandForEach, type ForEachInstance } from './evaluate-for-each.js';
import { describeValue } from './evaluate-values.js';
import type { SourceRange } from '../core/diagnostics.js';
import { instanceAddress } from '../core/addresses.js';
import { didYouMean } from '../core/suggest.js';
import { isUnknown } from '../core/values.js';

/** A provider configuration a block can name: one of the root module's, or one a module was given. */
export interface NameableProvider {
  /** "aws", "aws.dr", "aws.account" (for_each: its instances are `aws.account["KEY"]`). */
  key: string;
  alias?: string;
  hasForEach: boolean;
}

/** The provider each resource and data block refers to (by block address); a wrong reference is reported and left out. */
export function providerReferencesOf(
  decls: Iterable<ResourceDecl>,
  providers: readonly NameableProvider[],
  refusedProviders: number,
  reporter: Reporter,
): Map<string, ProviderReference> {
  const references = new Map<string, ProviderReference>();
  const configured = providers.map((p) => p.key);
  const defaults = providers.filter((p) => p.alias === undefined).map((p) => p.key);
  const withoutDefault: ResourceDecl[] = [];
  for (const decl of decls) {
    if (!decl.provider) {
      if (defaults.length === 1) references.set(decl.address, { key: defaults[0]! });
      else withoutDefault.push(decl);
      continue;
    }
    const expr = decl.provider.expr;
    const written = referenceExpr(expr, 'provider reference', 'aws.dr', reporter, decl.context);
    const reference = written && providerReferenceFrom(written);
    if (!reference) {
      if (written) {
        reporter.error(
          'Invalid provider reference',
          'provider takes a provider name and an optional alias, like provider = aws.dr, and for a provider with for_each the instance, like provider = aws.account["prod"].',
          expr.range,
          decl.context,
        );
      }
      continue;
    }
    const provider = providers.find((p) => p.key === reference.key);
    if (!provider) {
      const [type, alias] = reference.key.split('.');
      reporter.error(
        'Provider configuration not present',
        `There is no provider "${reference.key}". Add provider "${type}" {${alias === undefined ? '' : ` alias = "${alias}"`} … }, or use one of: ${configured.join(', ') || 'none configured'}.${didYouMean(reference.key, configured)}`,
        expr.range,
        decl.context,
      );
      continue;
    }
    if (!instanceChoiceIsValid(reference, provider, expr.range, decl.context, reporter)) continue;
    references.set(decl.address, reference);
  }
  const first = withoutDefault[0];
  // With no provider left because the only ones were refused, that error already says what to fix.
  const onlyRefused = configured.length === 0 && refusedProviders > 0;
  if (first && !onlyRefused) {
    const others = withoutDefault.length > 1 ? ` (and ${withoutDefault.length - 1} other resource${withoutDefault.length > 2 ? 's' : ''})` : '';
    const example = providers[0] ? writtenReference(providers[0]) : '';
    const detail =
      defaults.length > 1
        ? `Several providers are configured without an alias (${defaults.join(', ')}), so ${first.address}${others} must choose one, like provider = ${defaults[0]}.`
        : configured.length > 0
          ? `Every configured provider has an alias, so ${first.address}${others} must choose one, like provider = ${example}; or configure one provider without an alias.`
          : `${first.address}${others} needs a provider: add provider "aws" { region = "…" }, or provider "sandbox" {} to work without AWS.`;
    reporter.error(defaults.length > 1 ? 'Ambiguous provider' : 'Missing provider configuration', detail, headerRange(first.block), first.context);
  }
  return references;
}

/** How a reference to the provider is written: `aws.dr`, or `aws.account["KEY"]` when it has instances. */
function writtenReference(provider: NameableProvider): string {
  return provider.hasForEach ? `${provider.key}["KEY"]` : provider.key;
}

/**
 * A provider with for_each is named with an instance, one without it never is. Reported at
 * `range` when wrong (the reference in a provider argument or a module's providers map).
 */
export function instanceChoiceIsValid(reference: ProviderReference, provider: NameableProvider, range: SourceRange, context: string, reporter: Reporter): boolean {
  if (provider.hasForEach && reference.index === undefined) {
    reporter.error(
      'Provider instance not chosen',
      `The provider "${provider.key}" has for_each, so it is several configurations: choose an instance, like ${provider.key}["prod"], or ${provider.key}[each.key] in a block with for_each.`,
      range,
      context,
    );
    return false;
  }
  if (!provider.hasForEach && reference.index !== undefined) {
    reporter.error(
      'Unexpected provider instance key',
      `The provider "${provider.key}" has no for_each, so it has no instances to choose from: write ${provider.key} without […], or add for_each to its provider block.`,
      range,
      context,
    );
    return false;
  }
  return true;
}

/**
 * The provider key one instance uses: `target` itself, or `target["KEY"]` with the index evaluated
 * in the instance's scope (each.key, count.index, locals). `instanceKeys` are the instances the
 * provider has (undefined when its for_each could not be expanded, already reported). Empty when
 * the index is unusable (reported).
 */
export function providerInstanceKey(reference: ProviderReference, target: string, scope: Scope, instanceKeys: readonly string[] | undefined): string {
  if (reference.index === undefined) return target;
  const range = reference.index.range;
  const inner: Scope = { ...scope, taint: { sensitive: false } };
  const key = evaluateGuarded(reference.index, inner);
  const invalid = (summary: string, detail: string): string => {
    scope.reporter.error(summary, detail, range, scope.context);
    return '';
  };
  if (isUnknown(key)) {
    if (inner.taint.failed) return '';
    return invalid('Invalid provider instance key', 'The instance key of a provider must be known when the configuration is loaded: use a literal, each.key, a variable or a local, not a value known only after apply.');
  }
  if (typeof key !== 'string') {
    return invalid('Invalid provider instance key', `The instances of ${reference.key} are named by strings, like ${reference.key}["prod"], but this key is not a string: ${describeValue(key)}.`);
  }
  if (instanceKeys !== undefined && !instanceKeys.includes(key)) {
    const listed = instanceKeys.length > 0 ? `its instances are ${instanceKeys.map((k) => JSON.stringify(k)).join(', ')}.` : 'its for_each gives it no instances.';
    return invalid('Provider instance not present', `The provider "${reference.key}" has no instance ${JSON.stringify(key)}: ${listed}${didYouMean(key, instanceKeys)}`);
  }
  return instanceAddress(target, key);
}

/**
 * The instances of a provider block with for_each. Its keys must be known when the configuration
 * is loaded (they name configurations, as in OpenTofu): a value known only after apply is
 * reported, and so is one left unknown by a variable without a value under `bkp validate`, since
 * then the resources cannot be told which configuration they use.
 */
export function expandProvider(decl: ProviderDecl & { forEach: NonNullable<ProviderDecl['forEach']> }, scope: Scope, missingAsUnknown: boolean): ForEachInstance[] | undefined {
  const reported = scope.reporter.items.length;
  const instances = expandForEach(decl.forEach.expr, scope, {
    sensitive: `The for_each value depends on a sensitive variable. Its keys name the configurations of provider "${decl.key}" (${decl.key}["KEY"]), which are always shown, so a sensitive value cannot be used here.`,
    afterApply: `The for_each value of provider "${decl.key}" depends on values known only after apply, but provider configurations must be known when the configuration is loaded. Use values written in the configuration, variables or locals, not attributes of resources.`,
  });
  if (!instances && missingAsUnknown && scope.reporter.items.length === reported) {
    scope.reporter.error(
      'Invalid for_each argument',
      `The for_each value of provider "${decl.key}" is not known: it depends on a variable that has no value here. Provider configurations must be known when the configuration is loaded; give the variable a value (-var, -var-file, BKP_VAR_NAME) or a default.`,
      decl.forEach.expr.range,
      scope.context,
    );
  }
  return instances;
}
