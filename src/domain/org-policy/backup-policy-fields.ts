// How org_backup_policy's rule attributes are named in the BACKUP_POLICY document, and the type
// each document string stands for: one table for the compiler (configuration → document) and for
// the decompiler of `bkp convert` (document → configuration), so the two cannot drift apart.

/** The type a document value (always written as a string) is read back as. */
export type PolicyScalar = 'string' | 'number' | 'boolean';

/** A rule field: [bkp attribute, document key, type]. */
export type PolicyField = readonly [attribute: string, documentKey: string, type: PolicyScalar];

export const POLICY_RULE_FIELDS: readonly PolicyField[] = [
  ['schedule', 'schedule_expression', 'string'],
  ['timezone', 'schedule_expression_timezone', 'string'],
  ['start_window_minutes', 'start_backup_window_minutes', 'number'],
  ['completion_window_minutes', 'complete_backup_window_minutes', 'number'],
  ['continuous_backup', 'enable_continuous_backup', 'boolean'],
  ['target_vault', 'target_backup_vault_name', 'string'],
  ['target_logically_air_gapped_vault_arn', 'target_logically_air_gapped_backup_vault_arn', 'string'],
];

export const POLICY_LIFECYCLE_FIELDS: readonly PolicyField[] = [
  ['cold_storage_after_days', 'move_to_cold_storage_after_days', 'number'],
  ['delete_after_days', 'delete_after_days', 'number'],
  ['opt_in_to_archive_for_supported_resources', 'opt_in_to_archive_for_supported_resources', 'boolean'],
];

/** The condition operators of a resource selection, as both sides name them. */
export const POLICY_CONDITION_OPERATORS: readonly string[] = ['string_equals', 'string_not_equals', 'string_like', 'string_not_like'];
