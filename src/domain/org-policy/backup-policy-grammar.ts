// The shape of an Organizations BACKUP_POLICY document: which keys exist at each level, which are
// settings (and whether they hold one value or a list), which are maps of user-chosen names. One
// table, read by the document checks (backup-policy-checks.ts) and by the readers of effective
// plans (effective-backup-plans.ts), so a key AWS adds is added once.

export type ValueKind = 'string' | 'number' | 'boolean' | 'cron' | 'timezone' | 'region' | 'arn' | 'text';

export interface SettingSpec {
  kind: 'setting';
  /** A list (JSON array): the only settings @@append and @@remove apply to. */
  multi: boolean;
  value: ValueKind;
  /** The `$account` variable may appear (ARNs that name the member account). */
  accountVariable?: boolean;
  /** Allowed values, when AWS lists them. */
  oneOf?: readonly string[];
}

export interface ContainerSpec {
  kind: 'container';
  /** Fixed keys. */
  keys?: Readonly<Record<string, GrammarNode>>;
  /** Every key is a name the user chooses (plans, rules, selections …), each shaped by `named`. */
  named?: GrammarNode;
  /** What the user-chosen names are: for messages. */
  namedWhat?: string;
  /** Keys that must be present once the effective policy is assembled. */
  required?: readonly string[];
}

export type GrammarNode = SettingSpec | ContainerSpec;

const setting = (value: ValueKind, extra: Partial<SettingSpec> = {}): SettingSpec => ({ kind: 'setting', multi: false, value, ...extra });
const list = (value: ValueKind, extra: Partial<SettingSpec> = {}): SettingSpec => ({ kind: 'setting', multi: true, value, ...extra });
const container = (keys: Record<string, GrammarNode>, required?: readonly string[]): ContainerSpec => ({ kind: 'container', keys, required });
const namedMap = (namedWhat: string, named: GrammarNode): ContainerSpec => ({ kind: 'container', named, namedWhat });

const tagPair = container({ tag_key: setting('text'), tag_value: setting('text') }, ['tag_key', 'tag_value']);

const lifecycle = container({
  move_to_cold_storage_after_days: setting('number'),
  delete_after_days: setting('number'),
  opt_in_to_archive_for_supported_resources: setting('boolean'),
});

const rule = container(
  {
    schedule_expression: setting('cron'),
    schedule_expression_timezone: setting('timezone'),
    start_backup_window_minutes: setting('number'),
    complete_backup_window_minutes: setting('number'),
    enable_continuous_backup: setting('boolean'),
    target_backup_vault_name: setting('string'),
    target_logically_air_gapped_backup_vault_arn: setting('arn', { accountVariable: true }),
    lifecycle,
    recovery_point_tags: namedMap('recovery point tag', tagPair),
    copy_actions: namedMap(
      'copy action (keyed by its destination vault ARN)',
      container({ target_backup_vault_arn: setting('arn', { accountVariable: true }), lifecycle }, ['target_backup_vault_arn']),
    ),
    index_actions: namedMap('index action', container({ resource_types: list('string', { oneOf: ['EBS', 'S3'] }) }, ['resource_types'])),
  },
  ['target_backup_vault_name'],
);

const CONDITION_OPERATORS = ['string_equals', 'string_not_equals', 'string_like', 'string_not_like'];
const conditionPair = container({ condition_key: setting('text'), condition_value: setting('text') }, ['condition_key', 'condition_value']);

const tagSelection = container(
  { iam_role_arn: setting('arn', { accountVariable: true }), tag_key: setting('text'), tag_value: list('text') },
  ['iam_role_arn', 'tag_key', 'tag_value'],
);
const resourceSelection = container(
  {
    iam_role_arn: setting('arn', { accountVariable: true }),
    resource_types: list('arn', { accountVariable: true }),
    not_resource_types: list('arn', { accountVariable: true }),
    conditions: container(Object.fromEntries(CONDITION_OPERATORS.map((op) => [op, namedMap('condition', conditionPair)]))),
  },
  ['iam_role_arn', 'resource_types'],
);

export const BACKUP_PLAN_GRAMMAR: ContainerSpec = container(
  {
    regions: list('region'),
    rules: namedMap('rule', rule),
    selections: container({ tags: namedMap('tag selection', tagSelection), resources: namedMap('resource selection', resourceSelection) }),
    advanced_backup_settings: container({ ec2: container({ windows_vss: setting('string', { oneOf: ['enabled', 'disabled'] }) }) }),
    backup_plan_tags: namedMap('plan tag', tagPair),
  },
  ['regions', 'rules', 'selections'],
);

export const BACKUP_POLICY_GRAMMAR: ContainerSpec = container({ plans: namedMap('backup plan', BACKUP_PLAN_GRAMMAR) });

/** Organizations' quota on the size of one backup policy document, in characters. */
export const BACKUP_POLICY_MAX_CHARACTERS = 10_000;

/** Plan, rule and selection names: AWS Backup's name rule, which the plans created from the policy must meet. */
export const BACKUP_POLICY_NAME_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** The grammar node at `path` (document keys from the root), or undefined where the grammar has none. */
export function grammarAt(path: readonly string[]): GrammarNode | undefined {
  let node: GrammarNode = BACKUP_POLICY_GRAMMAR;
  for (const key of path) {
    if (node.kind !== 'container') return undefined;
    const next: GrammarNode | undefined = node.keys?.[key] ?? node.named;
    if (!next) return undefined;
    node = next;
  }
  return node;
}
