// What terraform-provider-aws calls each aws_backup_* resource, argument and block, and what bkp
// calls it. One table serves two readers: the unknown-argument diagnostics (a user who types
// `copy_action` is told that bkp says `copy`) and docs/language.md's Terraform-to-bkp table, which
// a test keeps equal to this table.

/** How one Terraform argument or block is written in bkp. */
export interface TerraformField {
  /** The bkp name in the matching bkp block; null when bkp has no equivalent. */
  bkp: string | null;
  /** How bkp expresses it when it is not simply another name (or why there is none). */
  note?: string;
  /** For a Terraform block: its own arguments and blocks, matched inside the bkp block `bkp`. */
  body?: TerraformBody;
  /** For a Terraform block bkp has no block for: its members are arguments of the enclosing bkp block. */
  inline?: boolean;
}

export type TerraformBody = Record<string, TerraformField>;

export interface TerraformResource {
  /** The Terraform resource type: aws_backup_plan. */
  type: string;
  /** The bkp kind it becomes, or null when bkp has none. */
  kind: string | null;
  /** When the resource becomes a nested block of a bkp kind: its name there (`lock` of backup_vault). */
  block?: string;
  note?: string;
  body: TerraformBody;
}

const same = (name: string): TerraformField => ({ bkp: name });
const none = (note?: string): TerraformField => (note === undefined ? { bkp: null } : { bkp: null, note });
const to = (bkp: string, note?: string): TerraformField => (note === undefined ? { bkp } : { bkp, note });
const block = (bkp: string | null, body: TerraformBody, note?: string): TerraformField => ({ bkp, body, ...(note ? { note } : {}) });

/** Arguments every resource of provider v6 takes, and attributes each exports. */
const REGION = none('bkp chooses the region by provider: `provider = aws.ALIAS` (a provider block with `alias` and `region`)');
const TAGS_ALL = none('bkp never merges provider default tags; `tags` is what it manages');
const ID = none('`id` of the state; references use the kind\'s own attributes');

/** What both Terraform vault resources (backup and logically air-gapped) take and export alike. */
const VAULT_COMMON: TerraformBody = {
  tags: same('tags'),
  region: REGION,
  arn: same('arn'),
  recovery_points: same('recovery_points'),
  id: ID,
  tags_all: TAGS_ALL,
};

const LIFECYCLE: TerraformBody = {
  cold_storage_after: to('cold_storage_after_days'),
  delete_after: to('delete_after_days'),
  opt_in_to_archive_for_supported_resources: same('opt_in_to_archive_for_supported_resources'),
};

const SELECTION_CONDITION: TerraformBody = {
  key: none('written as the map key: `string_equals = { "aws:ResourceTag/env" = "prod" }`'),
  value: none('written as the map value'),
};

const RESTORE_CONDITION: TerraformBody = { key: same('key'), value: same('value') };

export const TERRAFORM_RESOURCES: readonly TerraformResource[] = [
  {
    type: 'aws_backup_vault',
    kind: 'backup_vault',
    body: {
      name: same('name'),
      kms_key_arn: same('kms_key_arn'),
      force_destroy: same('force_destroy'),
      ...VAULT_COMMON,
    },
  },
  {
    type: 'aws_backup_vault_lock_configuration',
    kind: 'backup_vault',
    block: 'lock',
    body: {
      backup_vault_name: none('the lock block is written inside its backup_vault block'),
      min_retention_days: same('min_retention_days'),
      max_retention_days: same('max_retention_days'),
      changeable_for_days: same('changeable_for_days'),
      region: REGION,
      backup_vault_arn: none('the `arn` of the backup_vault block'),
    },
  },
  {
    type: 'aws_backup_vault_notifications',
    kind: 'backup_vault',
    block: 'notifications',
    body: {
      backup_vault_name: none('the notifications block is written inside its backup_vault block'),
      sns_topic_arn: same('sns_topic_arn'),
      backup_vault_events: to('events'),
      region: REGION,
      backup_vault_arn: none('the `arn` of the backup_vault block'),
    },
  },
  {
    type: 'aws_backup_vault_policy',
    kind: 'backup_vault',
    note: 'the access_policy argument of backup_vault',
    body: {
      backup_vault_name: none('the access policy is the `access_policy` argument of its backup_vault block'),
      policy: to('access_policy'),
      region: REGION,
      backup_vault_arn: none('the `arn` of the backup_vault block'),
    },
  },
  {
    type: 'aws_backup_logically_air_gapped_vault',
    kind: 'logically_air_gapped_vault',
    body: {
      name: same('name'),
      min_retention_days: same('min_retention_days'),
      max_retention_days: same('max_retention_days'),
      encryption_key_arn: to('kms_key_arn'),
      ...VAULT_COMMON,
    },
  },
  {
    type: 'aws_backup_plan',
    kind: 'backup_plan',
    body: {
      name: same('name'),
      rule: block('rule', {
        rule_name: none('the rule block\'s label: `rule "NAME" { … }`'),
        target_vault_name: to('target_vault'),
        schedule: same('schedule'),
        schedule_expression_timezone: to('timezone'),
        start_window: to('start_window_minutes'),
        completion_window: to('completion_window_minutes'),
        enable_continuous_backup: to('continuous_backup'),
        lifecycle: block('lifecycle', LIFECYCLE),
        recovery_point_tags: same('recovery_point_tags'),
        copy_action: block('copy', { destination_vault_arn: same('destination_vault_arn'), lifecycle: block('lifecycle', LIFECYCLE) }),
        scan_action: block('scan_action', { malware_scanner: same('malware_scanner'), scan_mode: same('scan_mode') }),
        target_logically_air_gapped_backup_vault_arn: to('target_logically_air_gapped_vault_arn'),
      }),
      advanced_backup_setting: block('advanced_backup_setting', { resource_type: same('resource_type'), backup_options: to('options') }),
      scan_setting: block('scan_setting', { malware_scanner: same('malware_scanner'), resource_types: same('resource_types'), scanner_role_arn: same('scanner_role_arn') }),
      tags: same('tags'),
      region: REGION,
      arn: same('arn'),
      id: same('id'),
      version: to('version_id'),
      tags_all: TAGS_ALL,
    },
  },
  {
    type: 'aws_backup_selection',
    kind: 'backup_selection',
    body: {
      name: same('name'),
      plan_id: to('plan'),
      iam_role_arn: same('iam_role_arn'),
      resources: same('resources'),
      not_resources: same('not_resources'),
      selection_tag: block('tag', { type: to('condition_type'), key: same('key'), value: same('value') }),
      condition: block('condition', {
        string_equals: block('string_equals', SELECTION_CONDITION, 'a map argument: `string_equals = { "aws:ResourceTag/env" = "prod" }`'),
        string_not_equals: block('string_not_equals', SELECTION_CONDITION, 'a map argument, as string_equals'),
        string_like: block('string_like', SELECTION_CONDITION, 'a map argument, as string_equals'),
        string_not_like: block('string_not_like', SELECTION_CONDITION, 'a map argument, as string_equals'),
      }),
      region: REGION,
      id: same('id'),
    },
  },
  {
    type: 'aws_backup_region_settings',
    kind: 'region_settings',
    body: {
      resource_type_opt_in_preference: same('resource_type_opt_in_preference'),
      resource_type_management_preference: same('resource_type_management_preference'),
      region: REGION,
      id: same('id'),
    },
  },
  {
    type: 'aws_backup_global_settings',
    kind: 'global_settings',
    body: {
      global_settings: none('one bool argument per setting: `cross_account_backup`, `multi_party_approval`, `delegated_administrator` (isCrossAccountBackupEnabled, isMpaEnabled, isDelegatedAdministratorEnabled)'),
      id: same('id'),
    },
  },
  {
    type: 'aws_backup_framework',
    kind: 'backup_framework',
    body: {
      name: same('name'),
      description: same('description'),
      control: block('control', {
        name: none('the control block\'s label: `control "NAME" { … }`'),
        input_parameter: block(null, { name: none(), value: none() }, 'each parameter is an argument of the control: `required_retention_days = 35` for requiredRetentionDays'),
        scope: { ...block(null, { compliance_resource_ids: to('resource_ids'), compliance_resource_types: to('resource_types'), tags: same('tags') }, 'the scope\'s members are arguments of the control: `resource_types`, `resource_ids`, `tags`'), inline: true },
      }),
      tags: same('tags'),
      region: REGION,
      arn: same('arn'),
      creation_time: same('creation_time'),
      deployment_status: same('deployment_status'),
      status: to('framework_status'),
      id: ID,
      tags_all: TAGS_ALL,
    },
  },
  {
    type: 'aws_backup_report_plan',
    kind: 'backup_report_plan',
    body: {
      name: same('name'),
      description: same('description'),
      report_delivery_channel: block('report_delivery_channel', { formats: same('formats'), s3_bucket_name: same('s3_bucket_name'), s3_key_prefix: same('s3_key_prefix') }),
      report_setting: block('report_setting', {
        report_template: same('report_template'),
        accounts: same('accounts'),
        framework_arns: same('framework_arns'),
        number_of_frameworks: same('number_of_frameworks'),
        organization_units: same('organization_units'),
        regions: same('regions'),
      }),
      tags: same('tags'),
      region: REGION,
      arn: same('arn'),
      creation_time: same('creation_time'),
      deployment_status: same('deployment_status'),
      id: ID,
      tags_all: TAGS_ALL,
    },
  },
  {
    type: 'aws_backup_restore_testing_plan',
    kind: 'restore_testing_plan',
    body: {
      name: same('name'),
      schedule_expression: to('schedule'),
      schedule_expression_timezone: to('timezone'),
      start_window_hours: same('start_window_hours'),
      recovery_point_selection: block('recovery_point_selection', {
        algorithm: same('algorithm'),
        include_vaults: same('include_vaults'),
        exclude_vaults: same('exclude_vaults'),
        recovery_point_types: same('recovery_point_types'),
        selection_window_days: same('selection_window_days'),
      }),
      tags: same('tags'),
      region: REGION,
      arn: same('arn'),
      tags_all: TAGS_ALL,
    },
  },
  {
    type: 'aws_backup_restore_testing_selection',
    kind: 'restore_testing_selection',
    body: {
      name: same('name'),
      restore_testing_plan_name: same('restore_testing_plan_name'),
      protected_resource_type: same('protected_resource_type'),
      iam_role_arn: same('iam_role_arn'),
      protected_resource_arns: same('protected_resource_arns'),
      protected_resource_conditions: block('protected_resource_conditions', {
        string_equals: block('string_equals', RESTORE_CONDITION),
        string_not_equals: block('string_not_equals', RESTORE_CONDITION),
      }),
      restore_metadata_overrides: same('restore_metadata_overrides'),
      validation_window_hours: same('validation_window_hours'),
      region: REGION,
    },
  },
  {
    type: 'aws_backup_tiering_configuration',
    kind: 'tiering_configuration',
    body: {
      name: same('name'),
      backup_vault_name: same('backup_vault_name'),
      resource_selection: block('resource_selection', {
        resource_type: same('resource_type'),
        resources: same('resources'),
        tiering_down_settings_in_days: same('tiering_down_settings_in_days'),
      }),
      tags: same('tags'),
      region: REGION,
      arn: same('arn'),
      creation_time: same('creation_time'),
      last_updated_time: same('last_updated_time'),
      tags_all: TAGS_ALL,
    },
  },
];

/** The Terraform names that differ from bkp's at one place of a bkp kind, and its nested blocks. */
export interface TerraformNameScope {
  /** Terraform name → what to tell the user. */
  names: ReadonlyMap<string, { terraform: string; field: TerraformField }>;
  /** By bkp block name. */
  blocks: ReadonlyMap<string, TerraformNameScope>;
}

interface MutableScope {
  names: Map<string, { terraform: string; field: TerraformField }>;
  blocks: Map<string, MutableScope>;
}

const emptyScope = (): MutableScope => ({ names: new Map(), blocks: new Map() });

function addBody(scope: MutableScope, resource: string, body: TerraformBody): void {
  for (const [name, field] of Object.entries(body)) {
    if (field.bkp !== name && !scope.names.has(name)) scope.names.set(name, { terraform: resource, field });
    if (field.body && field.inline) addBody(scope, resource, field.body);
    else if (field.body && field.bkp !== null) {
      let nested = scope.blocks.get(field.bkp);
      if (!nested) scope.blocks.set(field.bkp, (nested = emptyScope()));
      addBody(nested, resource, field.body);
    }
  }
}

const scopes = new Map<string, MutableScope>();
for (const resource of TERRAFORM_RESOURCES) {
  if (resource.kind === null) continue;
  let scope = scopes.get(resource.kind);
  if (!scope) scopes.set(resource.kind, (scope = emptyScope()));
  if (resource.block) {
    let nested = scope.blocks.get(resource.block);
    if (!nested) scope.blocks.set(resource.block, (nested = emptyScope()));
    scope = nested;
  }
  addBody(scope, resource.type, resource.body);
}

/** Where to look up Terraform names inside a resource block of this kind. */
export function terraformNamesOf(kind: string): TerraformNameScope | undefined {
  return scopes.get(kind);
}

/**
 * The sentence that tells a user who typed a Terraform name what bkp calls it, or undefined when
 * `name` is no Terraform name here.
 */
export function terraformHint(scope: TerraformNameScope | undefined, name: string): string | undefined {
  const entry = scope?.names.get(name);
  if (!entry) return undefined;
  const { field, terraform } = entry;
  if (field.bkp !== null) return `"${name}" is Terraform's name; in bkp it is "${field.bkp}"${field.note ? ` (${field.note})` : ''}.`;
  return field.note ? `"${name}" is Terraform's name (${terraform}); in bkp it is ${field.note}.` : `"${name}" is an argument of Terraform's ${terraform} that bkp has no equivalent for.`;
}

/** `aws_backup_plan` (written as a block type, or as `resource "aws_backup_plan" "x"`) → the bkp block to write. */
export function terraformResourceHint(type: string, label: string | undefined): string | undefined {
  const resource = TERRAFORM_RESOURCES.find((r) => r.type === type);
  if (!resource) return undefined;
  const name = label ?? 'NAME';
  if (resource.kind === null) return `"${type}" is a Terraform resource that bkp has no equivalent for.`;
  if (resource.block) return `"${type}" is Terraform's resource; in bkp it is the ${resource.block} block inside a ${resource.kind} block: ${resource.kind} "${name}" { ${resource.block} { … } }.`;
  if (resource.kind === 'backup_vault' && type !== 'aws_backup_vault') {
    return `"${type}" is Terraform's resource; in bkp it is the access_policy argument of a backup_vault block.`;
  }
  return `"${type}" is Terraform's resource; in bkp it is ${resource.kind}: ${resource.kind} "${name}" { … }.`;
}
