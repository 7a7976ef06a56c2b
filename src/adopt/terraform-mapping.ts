// Terraform's aws_backup_* resources → bkp's kinds: resource types, attribute and block names, the
// attributes a reference may name, and the import id each kind takes from a Terraform state.
// (docs/adopt.md shows this table. src/config/terraform-names.ts holds the same names shaped for
// diagnostics and docs/language.md; test/adopt/terraform-tables.test.ts keeps the two in agreement.)

/** How a Terraform block body maps onto a bkp body. */
export interface BodyMapping {
  /** Terraform attribute → bkp attribute. */
  attributes: Record<string, string>;
  /** Terraform nested block → bkp nested block. */
  blocks: Record<string, NestedMapping>;
}

export interface NestedMapping extends BodyMapping {
  /** The bkp block name. */
  to: string;
  /** The Terraform attribute whose (literal) value becomes the bkp block's label (`rule_name`). */
  labelFrom?: string;
}

export interface KindMapping {
  /** The bkp kind. */
  kind: string;
  body: BodyMapping;
  /** Attributes a reference `aws_backup_x.NAME.ATTR` may name → the bkp attribute. */
  references: Record<string, string>;
  /** The bkp import id from the Terraform state's attributes (undefined: the kind has none). */
  importId?(attributes: Record<string, unknown>, region: string | undefined): string | undefined;
}

/** Resources that are parts of a bkp backup_vault: merged into the vault their backup_vault_name names. */
export interface VaultPartMapping {
  /** The bkp vault attribute or block they fill. */
  into: 'access_policy' | 'notifications' | 'lock';
  body: BodyMapping;
}

const LIFECYCLE: NestedMapping = {
  to: 'lifecycle',
  attributes: { cold_storage_after: 'cold_storage_after_days', delete_after: 'delete_after_days', opt_in_to_archive_for_supported_resources: 'opt_in_to_archive_for_supported_resources' },
  blocks: {},
};

const KEY_VALUE: BodyMapping = { attributes: { key: 'key', value: 'value' }, blocks: {} };

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export const TERRAFORM_KINDS: Readonly<Record<string, KindMapping>> = {
  aws_backup_vault: {
    kind: 'backup_vault',
    body: { attributes: { name: 'name', kms_key_arn: 'kms_key_arn', tags: 'tags', force_destroy: 'force_destroy' }, blocks: {} },
    references: { id: 'name', name: 'name', arn: 'arn', recovery_points: 'recovery_points' },
    importId: (a) => text(a.name) ?? text(a.id),
  },
  aws_backup_logically_air_gapped_vault: {
    kind: 'logically_air_gapped_vault',
    body: {
      attributes: { name: 'name', min_retention_days: 'min_retention_days', max_retention_days: 'max_retention_days', encryption_key_arn: 'kms_key_arn', tags: 'tags' },
      blocks: {},
    },
    references: { id: 'name', name: 'name', arn: 'arn' },
    importId: (a) => text(a.name) ?? text(a.id),
  },
  aws_backup_plan: {
    kind: 'backup_plan',
    body: {
      attributes: { name: 'name', tags: 'tags' },
      blocks: {
        rule: {
          to: 'rule',
          labelFrom: 'rule_name',
          attributes: {
            target_vault_name: 'target_vault',
            schedule: 'schedule',
            schedule_expression_timezone: 'timezone',
            enable_continuous_backup: 'continuous_backup',
            start_window: 'start_window_minutes',
            completion_window: 'completion_window_minutes',
            recovery_point_tags: 'recovery_point_tags',
            target_logically_air_gapped_backup_vault_arn: 'target_logically_air_gapped_vault_arn',
          },
          blocks: {
            lifecycle: LIFECYCLE,
            copy_action: { to: 'copy', attributes: { destination_vault_arn: 'destination_vault_arn' }, blocks: { lifecycle: LIFECYCLE } },
            scan_action: { to: 'scan_action', attributes: { malware_scanner: 'malware_scanner', scan_mode: 'scan_mode' }, blocks: {} },
          },
        },
        advanced_backup_setting: { to: 'advanced_backup_setting', attributes: { backup_options: 'options', resource_type: 'resource_type' }, blocks: {} },
        scan_setting: {
          to: 'scan_setting',
          attributes: { malware_scanner: 'malware_scanner', resource_types: 'resource_types', scanner_role_arn: 'scanner_role_arn' },
          blocks: {},
        },
      },
    },
    references: { id: 'id', arn: 'arn', name: 'name', version: 'version_id' },
    importId: (a) => text(a.id),
  },
  aws_backup_selection: {
    kind: 'backup_selection',
    body: {
      attributes: { name: 'name', plan_id: 'plan', iam_role_arn: 'iam_role_arn', resources: 'resources', not_resources: 'not_resources' },
      blocks: { selection_tag: { to: 'tag', attributes: { type: 'condition_type', key: 'key', value: 'value' }, blocks: {} } },
    },
    references: { id: 'id', name: 'name', plan_id: 'plan' },
    importId: (a) => (text(a.plan_id) && text(a.id) ? `${text(a.plan_id)}/${text(a.id)}` : undefined),
  },
  aws_backup_region_settings: {
    kind: 'region_settings',
    body: {
      attributes: { resource_type_opt_in_preference: 'resource_type_opt_in_preference', resource_type_management_preference: 'resource_type_management_preference' },
      blocks: {},
    },
    references: {},
    importId: (a, region) => text(a.id) ?? region,
  },
  aws_backup_global_settings: {
    kind: 'global_settings',
    // global_settings = { isCrossAccountBackupEnabled = "true" }: converted key by key (GLOBAL_SETTING_KEYS).
    body: { attributes: {}, blocks: {} },
    references: {},
    // Terraform's id is the account id; bkp's is the provider's Region.
    importId: (_a, region) => region,
  },
  aws_backup_framework: {
    kind: 'backup_framework',
    // Each control is converted through the Audit Manager table (src/domain/audit-controls.ts) and FRAMEWORK_SCOPE.
    body: { attributes: { name: 'name', description: 'description', tags: 'tags' }, blocks: {} },
    references: { id: 'name', name: 'name', arn: 'arn' },
    importId: (a) => text(a.name) ?? text(a.id),
  },
  aws_backup_report_plan: {
    kind: 'backup_report_plan',
    body: {
      attributes: { name: 'name', description: 'description', tags: 'tags' },
      blocks: {
        report_delivery_channel: { to: 'report_delivery_channel', attributes: { s3_bucket_name: 's3_bucket_name', s3_key_prefix: 's3_key_prefix', formats: 'formats' }, blocks: {} },
        report_setting: {
          to: 'report_setting',
          attributes: {
            report_template: 'report_template',
            framework_arns: 'framework_arns',
            number_of_frameworks: 'number_of_frameworks',
            accounts: 'accounts',
            organization_units: 'organization_units',
            regions: 'regions',
          },
          blocks: {},
        },
      },
    },
    references: { id: 'name', name: 'name', arn: 'arn' },
    importId: (a) => text(a.name) ?? text(a.id),
  },
  aws_backup_restore_testing_plan: {
    kind: 'restore_testing_plan',
    body: {
      attributes: { name: 'name', schedule_expression: 'schedule', schedule_expression_timezone: 'timezone', start_window_hours: 'start_window_hours', tags: 'tags' },
      blocks: {
        recovery_point_selection: {
          to: 'recovery_point_selection',
          attributes: {
            algorithm: 'algorithm',
            include_vaults: 'include_vaults',
            exclude_vaults: 'exclude_vaults',
            recovery_point_types: 'recovery_point_types',
            selection_window_days: 'selection_window_days',
          },
          blocks: {},
        },
      },
    },
    references: { id: 'name', name: 'name', arn: 'arn' },
    importId: (a) => text(a.name) ?? text(a.id),
  },
  aws_backup_restore_testing_selection: {
    kind: 'restore_testing_selection',
    body: {
      attributes: {
        name: 'name',
        restore_testing_plan_name: 'restore_testing_plan_name',
        protected_resource_type: 'protected_resource_type',
        iam_role_arn: 'iam_role_arn',
        protected_resource_arns: 'protected_resource_arns',
        restore_metadata_overrides: 'restore_metadata_overrides',
        validation_window_hours: 'validation_window_hours',
      },
      blocks: {
        protected_resource_conditions: {
          to: 'protected_resource_conditions',
          attributes: {},
          blocks: { string_equals: { to: 'string_equals', ...KEY_VALUE }, string_not_equals: { to: 'string_not_equals', ...KEY_VALUE } },
        },
      },
    },
    references: { name: 'name' },
    importId: (a) => (text(a.restore_testing_plan_name) && text(a.name) ? `${text(a.restore_testing_plan_name)}/${text(a.name)}` : undefined),
  },
};

/** The vault parts Terraform keeps as resources of their own. */
export const TERRAFORM_VAULT_PARTS: Readonly<Record<string, VaultPartMapping>> = {
  aws_backup_vault_policy: { into: 'access_policy', body: { attributes: { policy: 'access_policy' }, blocks: {} } },
  aws_backup_vault_notifications: { into: 'notifications', body: { attributes: { sns_topic_arn: 'sns_topic_arn', backup_vault_events: 'events' }, blocks: {} } },
  aws_backup_vault_lock_configuration: {
    into: 'lock',
    body: { attributes: { min_retention_days: 'min_retention_days', max_retention_days: 'max_retention_days', changeable_for_days: 'changeable_for_days' }, blocks: {} },
  },
};

/** aws_backup_global_settings' map keys → bkp's global_settings attributes. */
export const GLOBAL_SETTING_KEYS: Readonly<Record<string, string>> = {
  isCrossAccountBackupEnabled: 'cross_account_backup',
  isMpaEnabled: 'multi_party_approval',
  isDelegatedAdministratorEnabled: 'delegated_administrator',
};

/** aws_backup_framework control scope attributes → bkp control attributes. */
export const FRAMEWORK_SCOPE: Readonly<Record<string, string>> = {
  compliance_resource_types: 'resource_types',
  compliance_resource_ids: 'resource_ids',
  tags: 'tags',
};

/** Terraform meta-arguments bkp has too. */
export const META_ARGUMENTS = ['for_each', 'provider', 'depends_on'] as const;
