// `bkp convert`'s pure half: a Terraform configuration's aws_backup_* resources (parsed by bkp's own
// HCL parser) → the bkp configuration that means the same, keeping variables, locals, outputs and
// references; with a Terraform state, import blocks with the ids Terraform recorded. What cannot be
// translated is written as a comment and reported at file:line.
import type { Attribute, Block, Body, Expr } from '../config/ast.js';
import { parseHcl } from '../config/syntax/hcl-parser.js';
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';
import { configurationFiles, type ImportEntry, type ResourceBlock } from './files.js';
import { Expression, quoted, type HclItem } from './hcl-document.js';
import type { SkippedObject } from './model.js';
import { AUDIT_CONTROLS, controlByAuditManagerName } from '../domain/audit-controls.js';
import {
  FRAMEWORK_SCOPE,
  GLOBAL_SETTING_KEYS,
  TERRAFORM_VAULT_PARTS,
  terraformKind,
  type BodyMapping,
} from './terraform-mapping.js';
import { backupPolicyContent } from './terraform-backup-policy.js';
import { literalText, translateExpression, Untranslatable, type Step, type TranslationScope } from './terraform-expressions.js';
import { stateValue, type TerraformState } from './terraform-state.js';

export interface TerraformFile {
  /** As shown in messages: relative to where bkp was started. */
  path: string;
  text: string;
}

export interface ConvertedConfiguration {
  files: Map<string, string>;
  counts: Record<string, number>;
  imports: number;
  skipped: SkippedObject[];
  warnings: string[];
}

/** Meta-arguments a vault part may carry (it is merged into the vault's block, where they cannot go). */
const VAULT_PART_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);

/** Terraform-only attributes that have no meaning once converted (computed by the provider). */
const DROPPED_ATTRIBUTES = new Set(['tags_all', 'region']);

interface Source {
  file: TerraformFile;
  block: Block;
}

export class TerraformSyntaxError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('the Terraform configuration does not parse');
  }
}

/** Converts; throws TerraformSyntaxError when a file does not parse. */
export function convertTerraform(files: readonly TerraformFile[], state: TerraformState | undefined): ConvertedConfiguration {
  const blocks: Source[] = [];
  const errors: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseHcl(file.text, file.path);
    errors.push(...parsed.diagnostics.filter((d) => d.severity === 'error'));
    for (const block of parsed.body.blocks) blocks.push({ file, block });
  }
  if (errors.length > 0) throw new TerraformSyntaxError(errors);
  return new Converter(blocks, state).run();
}

/** Terraform's provider assume_role arguments that bkp's has under the same name (its `duration` is not one). */
const ASSUME_ROLE_ARGUMENTS = ['role_arn', 'session_name', 'external_id'];

class Converter {
  private readonly warnings: string[] = [];
  private readonly skipped: SkippedObject[] = [];
  private readonly resources = new Map<string, Source>();
  private readonly vaultParts: Source[] = [];
  private current!: TerraformFile;
  /** The Terraform resource being converted (for a vault part, its vault): a reference to it is a cycle in bkp. */
  private self: string | undefined;

  constructor(
    private readonly blocks: readonly Source[],
    private readonly state: TerraformState | undefined,
  ) {
    for (const source of blocks) {
      const [type, name] = source.block.labels.map((l) => l.value);
      if (source.block.type !== 'resource' || !type || !name) continue;
      this.declared.add(`${type}.${name}`);
      if (terraformKind(type) && type !== 'aws_organizations_policy_attachment' && this.notConverted(source.block) === undefined) this.resources.set(`${type}.${name}`, source);
      else if (TERRAFORM_VAULT_PARTS[type]) this.vaultParts.push(source);
    }
    // Attachments after the policies: one is converted when the policy it attaches is.
    for (const source of blocks) {
      const [type, name] = source.block.labels.map((l) => l.value);
      if (source.block.type === 'resource' && type === 'aws_organizations_policy_attachment' && name && this.notConverted(source.block) === undefined) {
        this.resources.set(`${type}.${name}`, source);
      }
    }
  }

  /** Every resource the configuration declares (TYPE.NAME), converted or not. */
  private readonly declared = new Set<string>();

  /**
   * Why a resource of a converted type is still left out: an aws_organizations_policy of another
   * type (a service control policy), or an attachment of such a policy.
   */
  private notConverted(block: Block): string | undefined {
    const type = block.labels[0]?.value;
    if (type === 'aws_organizations_policy') {
      const literal = policyType(block);
      if (literal === 'BACKUP_POLICY') {
        // A document bkp cannot express leaves the policy to be written by hand: a half-converted
        // policy would mean less than the one Terraform sends.
        const content = block.body.attributes.find((a) => a.name === 'content');
        const converted = content ? backupPolicyContent(content.expr) : undefined;
        return converted && 'reason' in converted ? converted.reason : undefined;
      }
      return literal !== undefined ? `a ${literal} policy: bkp converts only BACKUP_POLICY` : 'its type is not the literal "BACKUP_POLICY"';
    }
    if (type === 'aws_organizations_policy_attachment') {
      const policyId = block.body.attributes.find((a) => a.name === 'policy_id');
      const policy = policyId ? /^aws_organizations_policy\.([A-Za-z_][A-Za-z0-9_-]*)\./.exec(this.textOf(block, policyId.expr.range)) : null;
      if (policy && !this.resources.has(`aws_organizations_policy.${policy[1]}`)) return `it attaches aws_organizations_policy.${policy[1]}, which is not converted`;
    }
    return undefined;
  }

  private textOf(block: Block, range: SourceRange): string {
    const source = this.blocks.find((b) => b.block === block);
    return source ? source.file.text.slice(range.start.offset, range.end.offset) : '';
  }

  private translate(expr: Expr): string {
    return translateExpression(expr, this.scope);
  }

  private readonly scope: TranslationScope = {
    localNames: new Set(),
    resourceReference: (type, name, steps, range) => {
      const mapping = terraformKind(type);
      if (!mapping || !this.resources.has(`${type}.${name}`)) {
        if (TERRAFORM_VAULT_PARTS[type]) throw new Untranslatable(`${type}.${name}: it becomes part of a backup_vault block; refer to the vault instead`, range);
        return undefined;
      }
      if (`${type}.${name}` === this.self) {
        // Terraform lets a vault's policy name the vault's own ARN; in bkp that is a reference cycle.
        const known = this.state ? stateValue(this.state, 'managed', type, name, steps) : undefined;
        if (known !== undefined) return literalText(known);
        throw new Untranslatable(`${type}.${name}: the object refers to itself, a cycle in bkp; give the value, or convert with -state to take it from the Terraform state`, range);
      }
      let rest = steps;
      let key = '';
      if (rest[0]?.kind === 'index') {
        key = `[${translateExpression(rest[0].expr, this.scope)}]`;
        rest = rest.slice(1);
      }
      const attribute = rest[0];
      if (attribute?.kind !== 'attr') throw new Untranslatable(`${type}.${name}: a whole resource cannot be used as a value in bkp; name an attribute`, range);
      const to = mapping.references[attribute.name];
      if (to === undefined) throw new Untranslatable(`${type}.${name}.${attribute.name}: bkp's ${mapping.kind} has no such attribute`, range);
      return `${mapping.kind}.${name}${key}.${to}${rest.slice(1).map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${translateExpression(s.expr, this.scope)}]`)).join('')}`;
    },
    stateValue: (mode, type, name, steps: readonly Step[]) => (this.state ? stateValue(this.state, mode, type, name, steps) : undefined),
  };

  run(): ConvertedConfiguration {
    const main: HclItem[] = [
      { kind: 'comment', lines: ['Written by `bkp convert` from a Terraform configuration. Review it, then run `bkp plan`.'] },
    ];
    const resources: ResourceBlock[] = [];
    let provider = false;
    for (const { file, block } of this.blocks) {
      this.current = file;
      // Only a resource can refer to itself: an output after it is not inside it.
      this.self = undefined;
      const labels = block.labels.map((l) => l.value);
      const address = (block.type === 'resource' ? labels : [block.type, ...labels]).join('.');
      switch (block.type) {
        case 'provider':
          if (block.labels[0]?.value === 'aws') {
            main.push(this.copyBlock(block, 'provider', ['aws'], ['region', 'profile', 'alias', 'endpoint', 'for_each']));
            provider = true;
          } else this.skip(`provider "${block.labels[0]?.value ?? ''}"`, 'bkp talks to AWS Backup only', block.range);
          break;
        case 'variable':
          main.push(this.copyBlock(block, 'variable', [block.labels[0]?.value ?? ''], ['type', 'default', 'description', 'sensitive'], ['type']));
          break;
        case 'locals':
          main.push(this.copyBlock(block, 'locals', [], undefined));
          break;
        case 'output': {
          const output = this.copyBlock(block, 'output', [block.labels[0]?.value ?? ''], ['value', 'description', 'sensitive']);
          // An output without its value is invalid: the whole block stays a comment (the warning is given).
          const untranslated = output.kind === 'block' && output.items.some((i) => i.kind === 'comment');
          main.push(untranslated ? { kind: 'comment', lines: ['bkp convert: this output is not translated (see above):', ...this.sourceText(block.range).split('\n')] } : output);
          break;
        }
        case 'resource': {
          const type = block.labels[0]?.value ?? '';
          if (this.resources.has(address)) resources.push(this.resource(block));
          else if (terraformKind(type)) {
            const reason = this.notConverted(block) ?? 'not converted';
            this.skip(address, reason, block.range);
            // A backup policy left out is bkp's to write: its Terraform text is kept for that.
            if (type === 'aws_organizations_policy' && policyType(block) === 'BACKUP_POLICY') main.push(this.untranslated(block.range, `${address}: ${reason}`));
          }
          else if (!TERRAFORM_VAULT_PARTS[type]) this.skip(address, 'not an AWS Backup resource', block.range);
          break;
        }
        case 'terraform':
          break;
        default:
          this.skip(address, `a ${block.type} block: bkp converts resource, variable, locals, output and provider "aws" blocks`, block.range);
      }
    }
    if (!provider) {
      main.splice(1, 0, { kind: 'comment', lines: ['The Terraform configuration has no provider "aws" block: set the Region here or in AWS_REGION.'] }, {
        kind: 'block',
        type: 'provider',
        labels: ['aws'],
        items: [],
      });
    }
    this.mergeVaultParts(resources);
    const counts: Record<string, number> = {};
    for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    const imports = this.imports(main);
    if (this.skipped.length > 0) main.push({ kind: 'comment', lines: ['Not converted:', ...this.skipped.map((s) => `  ${s.id}: ${s.reason}`)] });
    const files = configurationFiles({ main, resources, imports });
    return { files, counts, imports: imports.length, skipped: this.skipped, warnings: this.warnings };
  }

  /** An object left out; `range` names its place (file:line) in the reason. */
  private skip(id: string, reason: string, range?: SourceRange): void {
    this.skipped.push({ kind: 'terraform', id, reason: range ? `${reason} (${this.where(range)})` : reason });
  }

  private where(range: SourceRange): string {
    return `${range.file}:${range.start.line}`;
  }

  private sourceText(range: SourceRange): string {
    return this.current.text.slice(range.start.offset, range.end.offset);
  }

  /** A comment in place of what could not be translated, and a warning naming its place. */
  private untranslated(range: SourceRange, reason: string): HclItem {
    this.warnings.push(`${this.where(range)}: ${reason}`);
    return { kind: 'comment', lines: [`bkp convert: not translated (${this.where(range)}): ${reason}`, ...this.sourceText(range).split('\n')] };
  }

  /** `name = expr` translated, or a comment. */
  private attribute(attribute: Attribute, name: string, raw = false): HclItem {
    if (raw) return { kind: 'attribute', name, value: new Expression(this.sourceText(attribute.expr.range)) };
    try {
      return { kind: 'attribute', name, value: new Expression(this.translate(attribute.expr)) };
    } catch (e) {
      if (e instanceof Untranslatable) return this.untranslated(attribute.range, e.reason);
      throw e;
    }
  }

  /** variable, locals, output, provider: the attributes given (all, when undefined), expressions translated. */
  private copyBlock(block: Block, type: string, labels: string[], allowed: string[] | undefined, raw: string[] = []): HclItem {
    const items: HclItem[] = [];
    for (const attribute of block.body.attributes) {
      if (allowed && !allowed.includes(attribute.name)) items.push(this.untranslated(attribute.range, `${type} ${attribute.name}: bkp has no such argument`));
      else items.push(this.attribute(attribute, attribute.name, raw.includes(attribute.name)));
    }
    for (const nested of block.body.blocks) {
      // provider "aws" { endpoints { backup = URL } }: bkp's provider takes the AWS Backup endpoint as `endpoint`.
      const backupEndpoint = type === 'provider' && nested.type === 'endpoints' ? nested.body.attributes.find((a) => a.name === 'backup') : undefined;
      if (backupEndpoint) items.push(this.attribute(backupEndpoint, 'endpoint'));
      else if (type === 'provider' && nested.type === 'assume_role') items.push(this.copyBlock(nested, 'assume_role', [], ASSUME_ROLE_ARGUMENTS));
      else items.push(this.untranslated(nested.range, `${type} block ${nested.type}: bkp has no such block here`));
    }
    return { kind: 'block', type, labels, items };
  }

  /** The items of a body through a mapping; `special` handles the blocks the mapping cannot say. */
  private body(body: Body, mapping: BodyMapping, context: string): HclItem[] {
    const items: HclItem[] = [];
    for (const attribute of body.attributes) {
      if (DROPPED_ATTRIBUTES.has(attribute.name)) continue;
      const to = mapping.attributes[attribute.name];
      if (to === undefined) items.push(this.untranslated(attribute.range, `${context}.${attribute.name}: bkp has no such attribute`));
      else items.push(this.attribute(attribute, to));
    }
    body.blocks.forEach((nested, i) => {
      if (nested.type === 'dynamic') {
        items.push(this.untranslated(nested.range, `a dynamic "${nested.labels[0]?.value ?? ''}" block: write the blocks out`));
        return;
      }
      const nestedMapping = mapping.blocks[nested.type];
      if (!nestedMapping) {
        items.push(this.untranslated(nested.range, `${context}.${nested.type}: bkp has no such block`));
        return;
      }
      const labels: string[] = [];
      let attributes = nested.body.attributes;
      if (nestedMapping.labelFrom) {
        const labelAttribute = nested.body.attributes.find((a) => a.name === nestedMapping.labelFrom);
        const label = labelAttribute ? literalString(labelAttribute.expr) : undefined;
        if (label === undefined) {
          items.push(this.untranslated(labelAttribute?.range ?? nested.range, `${context}.${nested.type} needs a literal ${nestedMapping.labelFrom}: it becomes the block label`));
        }
        labels.push(label ?? `${nested.type}_${i + 1}`);
        attributes = attributes.filter((a) => a !== labelAttribute);
      }
      items.push({ kind: 'block', type: nestedMapping.to, labels, items: this.body({ ...nested.body, attributes }, nestedMapping, `${context}.${nested.type}`) });
    });
    return items;
  }

  private resource(block: Block): ResourceBlock {
    const type = block.labels[0]!.value;
    const name = block.labels[1]?.value ?? '';
    const mapping = terraformKind(type)!;
    this.self = `${type}.${name}`;
    const meta: HclItem[] = [];
    const rest: Body = { ...block.body, attributes: [], blocks: [] };
    for (const attribute of block.body.attributes) {
      if (attribute.name === 'for_each') meta.push(this.attribute(attribute, 'for_each'));
      else if (attribute.name === 'provider') meta.push(this.attribute(attribute, 'provider', true));
      else if (attribute.name === 'depends_on') meta.push(this.dependsOn(attribute));
      else if (attribute.name === 'count') meta.push(this.attribute(attribute, 'count'));
      else rest.attributes.push(attribute);
    }
    const special: HclItem[] = [];
    for (const nested of block.body.blocks) {
      if (nested.type === 'lifecycle') special.push(this.lifecycle(nested, mapping.body));
      else if (type === 'aws_backup_selection' && nested.type === 'condition') special.push(this.selectionCondition(nested));
      else if (type === 'aws_backup_framework' && nested.type === 'control') special.push(this.frameworkControl(nested));
      else rest.blocks.push(nested);
    }
    if (type === 'aws_organizations_policy') {
      const content = rest.attributes.find((a) => a.name === 'content');
      rest.attributes = rest.attributes.filter((a) => a !== content && a.name !== 'type');
      if (content) special.unshift(...this.policyContent(content));
    }
    if (type === 'aws_backup_global_settings') {
      const settings = rest.attributes.find((a) => a.name === 'global_settings');
      rest.attributes = rest.attributes.filter((a) => a !== settings);
      if (settings) special.unshift(...this.globalSettings(settings));
    }
    const items = [...meta, ...this.body(rest, mapping.body, type), ...special];
    return { kind: mapping.kind, label: name, items };
  }

  /** A BACKUP_POLICY's content → plan blocks; a document bkp cannot express stays a comment, reported. */
  private policyContent(content: Attribute): HclItem[] {
    const converted = backupPolicyContent(content.expr);
    // notConverted() has left out the policies whose content does not convert.
    return 'reason' in converted ? [this.untranslated(content.range, converted.reason)] : converted.items;
  }

  private dependsOn(attribute: Attribute): HclItem {
    if (attribute.expr.kind !== 'tuple') return this.untranslated(attribute.range, 'depends_on must be a list of resources');
    const kept: string[] = [];
    for (const item of attribute.expr.items) {
      const text = this.sourceText(item.range);
      const [type, name] = text.split('.');
      const mapping = type ? terraformKind(type) : undefined;
      // A dependency on something bkp does not manage has nothing to order in bkp.
      if (mapping && name && this.resources.has(`${type}.${name}`)) kept.push(`${mapping.kind}.${name}`);
    }
    return { kind: 'attribute', name: 'depends_on', value: kept.map((k) => new Expression(k)) };
  }

  private lifecycle(block: Block, mapping: BodyMapping): HclItem {
    const items: HclItem[] = [];
    for (const attribute of block.body.attributes) {
      if (attribute.name === 'prevent_destroy' || attribute.name === 'create_before_destroy') items.push(this.attribute(attribute, attribute.name));
      else if (attribute.name === 'ignore_changes' && attribute.expr.kind === 'tuple') {
        const names = attribute.expr.items.map((i) => mapping.attributes[this.sourceText(i.range)]);
        if (names.every((n) => n !== undefined)) items.push({ kind: 'attribute', name: 'ignore_changes', value: names.map((n) => new Expression(n!)) });
        else items.push(this.untranslated(attribute.range, 'ignore_changes names attributes bkp has under other names or not at all'));
      } else items.push(this.untranslated(attribute.range, `lifecycle ${attribute.name}: bkp has no such setting`));
    }
    return { kind: 'block', type: 'lifecycle', labels: [], items };
  }

  /** condition { string_equals { key = K  value = V } … } → condition { string_equals = { K = V } … } */
  private selectionCondition(block: Block): HclItem {
    const byOperator = new Map<string, string[]>();
    const items: HclItem[] = [];
    for (const nested of block.body.blocks) {
      const key = nested.body.attributes.find((a) => a.name === 'key');
      const value = nested.body.attributes.find((a) => a.name === 'value');
      if (!/^string_(not_)?(equals|like)$/.test(nested.type) || !key || !value) {
        items.push(this.untranslated(nested.range, `condition.${nested.type}: expected string_equals, string_not_equals, string_like or string_not_like with key and value`));
        continue;
      }
      try {
        const keyText = literalString(key.expr);
        const entry = `${keyText !== undefined ? quoted(keyText) : `(${this.translate(key.expr)})`} = ${this.translate(value.expr)}`;
        byOperator.set(nested.type, [...(byOperator.get(nested.type) ?? []), entry]);
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        items.push(this.untranslated(nested.range, e.reason));
      }
    }
    for (const [operator, entries] of byOperator) items.unshift({ kind: 'attribute', name: operator, value: new Expression(`{\n${entries.join('\n')}\n}`) });
    return { kind: 'block', type: 'condition', labels: [], items };
  }

  /**
   * control { name = "BACKUP_…_CHECK", input_parameter { name value }…, scope { … } } →
   * control "bkp_name" { required_retention_days = 35, … }, names through the shared Audit Manager table.
   */
  private frameworkControl(block: Block): HclItem {
    const nameAttribute = block.body.attributes.find((a) => a.name === 'name');
    const awsName = nameAttribute ? literalString(nameAttribute.expr) : undefined;
    const control = awsName !== undefined ? controlByAuditManagerName(awsName) : undefined;
    if (control === undefined) return this.untranslated(block.range, `a framework control bkp does not know (${awsName ?? 'its name is not a literal'})`);
    const items: HclItem[] = [];
    for (const attribute of block.body.attributes) if (attribute !== nameAttribute) items.push(this.untranslated(attribute.range, `control.${attribute.name}: bkp has no such attribute`));
    for (const nested of block.body.blocks) {
      if (nested.type === 'input_parameter') {
        const name = nested.body.attributes.find((a) => a.name === 'name');
        const value = nested.body.attributes.find((a) => a.name === 'value');
        const parameter = name ? AUDIT_CONTROLS[control].parameters.find((p) => p.awsName === literalString(name.expr)) : undefined;
        if (!parameter || !value) {
          items.push(this.untranslated(nested.range, `an input_parameter control ${awsName} does not take`));
          continue;
        }
        const literal = literalString(value.expr);
        if (literal !== undefined && parameter.type === 'integer' && /^[0-9]+$/.test(literal)) items.push({ kind: 'attribute', name: parameter.name, value: Number(literal) });
        else if (literal !== undefined && parameter.type === 'string-list') items.push({ kind: 'attribute', name: parameter.name, value: literal.split(',').map((s) => s.trim()) });
        else items.push(this.attribute(value, parameter.name));
      } else if (nested.type === 'scope') {
        for (const attribute of nested.body.attributes) {
          const to = FRAMEWORK_SCOPE[attribute.name];
          items.push(to ? this.attribute(attribute, to) : this.untranslated(attribute.range, `control.scope.${attribute.name}: bkp has no such attribute`));
        }
      } else items.push(this.untranslated(nested.range, `control.${nested.type}: bkp has no such block`));
    }
    return { kind: 'block', type: 'control', labels: [control], items };
  }

  /** global_settings = { isCrossAccountBackupEnabled = "true" } → cross_account_backup = true */
  private globalSettings(attribute: Attribute): HclItem[] {
    if (attribute.expr.kind !== 'object') return [this.untranslated(attribute.range, 'global_settings must be written as a map for bkp convert to split it')];
    return attribute.expr.items.map((item): HclItem => {
      const key = literalString(item.key);
      const to = key !== undefined ? GLOBAL_SETTING_KEYS[key] : undefined;
      if (to === undefined) return this.untranslated(item.range, `global setting ${key ?? '?'}: bkp has no such setting`);
      const literal = literalString(item.value);
      if (literal === 'true' || literal === 'false') return { kind: 'attribute', name: to, value: literal === 'true' };
      try {
        return { kind: 'attribute', name: to, value: new Expression(this.translate(item.value)) };
      } catch (e) {
        if (!(e instanceof Untranslatable)) throw e;
        return this.untranslated(item.range, e.reason);
      }
    });
  }

  /** Vault policy, notifications and lock resources → the vault block they belong to. */
  private mergeVaultParts(resources: ResourceBlock[]): void {
    for (const { file, block } of this.vaultParts) {
      this.current = file;
      const type = block.labels[0]!.value;
      const part = TERRAFORM_VAULT_PARTS[type]!;
      const vaultName = block.body.attributes.find((a) => a.name === 'backup_vault_name');
      const vault = vaultName ? this.vaultOf(vaultName.expr, resources) : undefined;
      if (!vault) {
        this.warnings.push(`${this.where(block.range)}: ${type}.${block.labels[1]?.value ?? ''}: its backup_vault_name names no converted aws_backup_vault; not converted`);
        this.skip(`${type}.${block.labels[1]?.value ?? ''}`, 'its vault is not in this configuration', block.range);
        continue;
      }
      // Meta-arguments of the part (a module's `count = var.locked ? 1 : 0`) have no place inside the vault's block.
      const meta = block.body.attributes.filter((a) => VAULT_PART_META.has(a.name));
      const rest: Body = { ...block.body, attributes: block.body.attributes.filter((a) => a !== vaultName && !meta.includes(a)) };
      this.self = `aws_backup_vault.${vault.label}`;
      const items = [
        ...meta.map((a) => this.untranslated(a.range, `${type}.${block.labels[1]?.value ?? ''}: ${a.name} on a part of a vault; it becomes part of the vault's block, so write it (or leave it out) there`)),
        ...this.body(rest, part.body, type),
      ];
      if (part.into === 'access_policy') vault.items.push(...items);
      else vault.items.push({ kind: 'block', type: part.into, labels: [], items });
    }
  }

  /** The converted vault `aws_backup_vault.x.name` (or `.id`), or the literal name, refers to. */
  private vaultOf(expr: Expr, resources: ResourceBlock[]): ResourceBlock | undefined {
    const text = this.sourceText(expr.range);
    // `aws_backup_vault.x[0].id` too: modules give their vault a count and name instance 0.
    const reference = /^aws_backup_vault\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?\.(name|id)$/.exec(text);
    if (reference) return resources.find((r) => r.kind === 'backup_vault' && r.label === reference[1]);
    const name = literalString(expr);
    if (name === undefined) return undefined;
    return resources.find((r) => {
      if (r.kind !== 'backup_vault') return false;
      const item = r.items.find((i) => i.kind === 'attribute' && i.name === 'name');
      return item?.kind === 'attribute' && item.value instanceof Expression && item.value.text === quoted(name);
    });
  }

  /** Import blocks for the state's objects of converted resources. */
  private imports(main: HclItem[]): ImportEntry[] {
    if (!this.state) return [];
    const providerRegion = this.literalProviderRegion();
    const entries: ImportEntry[] = [];
    for (const resource of this.state.resources) {
      const mapping = terraformKind(resource.type);
      if (resource.mode !== 'managed' || !mapping || resource.module !== undefined) continue;
      if (!this.resources.has(`${resource.type}.${resource.name}`)) {
        // Declared but left out (a service control policy): said once, in the list of what is not converted.
        if (this.declared.has(`${resource.type}.${resource.name}`)) continue;
        this.warnings.push(`the state holds ${resource.type}.${resource.name}, which the configuration does not declare: no import block`);
        continue;
      }
      for (const instance of resource.instances) {
        const region = regionOf(instance.attributes) ?? providerRegion;
        const id = mapping.importId?.(instance.attributes, region);
        const key = instance.index_key === undefined ? '' : typeof instance.index_key === 'number' ? `[${instance.index_key}]` : `[${quoted(instance.index_key)}]`;
        const address = `${mapping.kind}.${resource.name}${key}`;
        if (id === undefined) {
          this.warnings.push(`the state has no id for ${resource.type}.${resource.name}${key}: no import block for ${address}`);
          continue;
        }
        entries.push({ address, id });
      }
    }
    if (entries.length === 0 && this.state.resources.length > 0) main.push({ kind: 'comment', lines: ['The Terraform state holds no object of a converted resource.'] });
    return entries;
  }

  private literalProviderRegion(): string | undefined {
    for (const { block } of this.blocks) {
      if (block.type !== 'provider' || block.labels[0]?.value !== 'aws' || block.body.attributes.some((a) => a.name === 'alias')) continue;
      const region = block.body.attributes.find((a) => a.name === 'region');
      return region ? literalString(region.expr) : undefined;
    }
    return undefined;
  }
}

/** The Region an object's attributes name (the provider's v6 `region`, or its ARN). */
function regionOf(attributes: Record<string, unknown>): string | undefined {
  if (typeof attributes.region === 'string' && attributes.region !== '') return attributes.region;
  const arn = typeof attributes.arn === 'string' ? attributes.arn.split(':') : [];
  return arn.length > 3 && arn[3] !== '' ? arn[3] : undefined;
}

/** An aws_organizations_policy's literal `type` (BACKUP_POLICY, SERVICE_CONTROL_POLICY, …). */
function policyType(block: Block): string | undefined {
  const type = block.body.attributes.find((a) => a.name === 'type');
  return type ? literalString(type.expr) : undefined;
}

/** The value of a string literal (or a template without interpolations). */
function literalString(expr: Expr): string | undefined {
  if (expr.kind === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string')) return expr.parts.join('');
  return undefined;
}
