// The generated benchmark configuration in two languages: bkp's own resource blocks, and the
// equivalent Terraform configuration of built-ins (issue 16 compares `bkp validate` with
// `terraform validate`). generate-config.ts describes each resource once, as attributes and nested
// blocks holding HCL expressions; a dialect writes references and resources its own way:
//   bkp:        backup_plan "p0001" { provider = sandbox  rule "daily" { … } }
//   Terraform:  resource "terraform_data" "backup_plan_p0001" { input = { provider = "sandbox",
//               rule = [{ name = "daily", … }] } }
// terraform_data takes no nested blocks, so a nested block becomes an object in a list under its
// type (its label, if any, as `name`) and the provider a string; variables, locals, for_each,
// functions and templates are written alike in both.

/** An HCL expression, already in the dialect's syntax. */
export type Expression = string;

export type BodyItem = { attribute: string; value: Expression } | { block: string; label?: string; body: BodyItem[] };

export interface ResourceSpec {
  kind:
    | 'backup_vault'
    | 'backup_plan'
    | 'backup_selection'
    | 'logically_air_gapped_vault'
    | 'tiering_configuration'
    | 'legal_hold'
    | 'region_settings'
    | 'global_settings';
  name: string;
  /** for_each expression, when the block stands for several instances. */
  forEach?: Expression;
  /** Provider key: "sandbox", "sandbox.r2", … */
  provider: string;
  body: BodyItem[];
}

export interface Dialect {
  readonly name: 'bkp' | 'terraform';
  /** File name suffix: `.bkp.hcl` or `.tf`. */
  readonly extension: string;
  /**
   * A reference to a resource (`instanceKey` like `[each.key]`), to one of its attributes, or to
   * the resource itself when `attribute` is undefined (its id).
   */
  reference(kind: ResourceSpec['kind'], name: string, instanceKey: string, attribute?: string): Expression;
  resource(spec: ResourceSpec): string;
}

export const attribute = (name: string, value: Expression): BodyItem => ({ attribute: name, value });
export const block = (type: string, body: BodyItem[], label?: string): BodyItem => (label === undefined ? { block: type, body } : { block: type, label, body });

const indent = (depth: number) => '  '.repeat(depth);

/**
 * `name = value` lines, the `=` of consecutive attributes aligned as `terraform fmt` aligns them:
 * the files then look, and weigh, like hand-written ones.
 */
function attributeLines(items: ReadonlyArray<{ name: string; value: Expression } | string>, depth: number): string {
  let out = '';
  for (let i = 0; i < items.length; ) {
    const item = items[i]!;
    if (typeof item === 'string') {
      out += item;
      i += 1;
      continue;
    }
    let end = i;
    while (end < items.length && typeof items[end] !== 'string') end += 1;
    const run = items.slice(i, end) as Array<{ name: string; value: Expression }>;
    const width = Math.max(...run.map((a) => a.name.length));
    for (const a of run) out += `${indent(depth)}${a.name.padEnd(width)} = ${a.value}\n`;
    i = end;
  }
  return out;
}

function bkpBody(items: readonly BodyItem[], depth: number): string {
  // Labelled blocks (rules) are set apart by blank lines from what follows them, as people write them.
  const afterLabelled = (i: number) => {
    const previous = items[i - 1];
    return previous !== undefined && 'block' in previous && previous.label !== undefined;
  };
  return attributeLines(
    items.flatMap((item, i) => {
      const gap = afterLabelled(i) ? ['\n'] : [];
      if ('attribute' in item) return [...gap, { name: item.attribute, value: item.value }];
      const label = item.label === undefined ? '' : ` "${item.label}"`;
      return [...gap, `${indent(depth)}${item.block}${label} {\n${bkpBody(item.body, depth + 1)}${indent(depth)}}\n`];
    }),
    depth,
  );
}

export const bkpDialect: Dialect = {
  name: 'bkp',
  extension: '.bkp.hcl',
  reference: (kind, name, instanceKey, attributeName) => `${kind}.${name}${instanceKey}${attributeName === undefined ? '' : `.${attributeName}`}`,
  resource(spec) {
    const forEach = spec.forEach === undefined ? [] : [attribute('for_each', spec.forEach)];
    return `${spec.kind} "${spec.name}" {\n${bkpBody([...forEach, attribute('provider', spec.provider), ...spec.body], 1)}}\n`;
  },
};

/** Attributes, then each block type once: a list of the objects its blocks become. */
function terraformObject(items: readonly BodyItem[], depth: number): string {
  const lines = [attributeLines(items.flatMap((item) => ('attribute' in item ? [{ name: item.attribute, value: item.value }] : [])), depth)];
  const blockTypes = [...new Set(items.flatMap((item) => ('block' in item ? [item.block] : [])))];
  for (const type of blockTypes) {
    const objects = items
      .filter((item): item is Extract<BodyItem, { block: string }> => 'block' in item && item.block === type)
      .map((item) => {
        const body = item.label === undefined ? item.body : [attribute('name', `"${item.label}"`), ...item.body];
        return `${indent(depth + 1)}{\n${terraformObject(body, depth + 2)}${indent(depth + 1)}},\n`;
      });
    lines.push(`${indent(depth)}${type} = [\n${objects.join('')}${indent(depth)}]\n`);
  }
  return lines.join('');
}

export const terraformDialect: Dialect = {
  name: 'terraform',
  extension: '.tf',
  reference: (kind, name, instanceKey, attributeName) =>
    `terraform_data.${kind}_${name}${instanceKey}${attributeName === undefined ? '.id' : `.output.${attributeName}`}`,
  resource(spec) {
    const forEach = spec.forEach === undefined ? '' : `  for_each = ${spec.forEach}\n`;
    const input = terraformObject([attribute('provider', `"${spec.provider}"`), ...spec.body], 2);
    return `resource "terraform_data" "${spec.kind}_${spec.name}" {\n${forEach}  input = {\n${input}  }\n}\n`;
  },
};
