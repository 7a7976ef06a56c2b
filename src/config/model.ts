// The evaluated configuration: what `loadConfig` returns and every later layer consumes.
import type { InstanceKey } from '../core/addresses.js';
import type { SourceRange } from '../core/diagnostics.js';
import type { ConfigFile } from './ast.js';
import type { ObjectValue, Value } from '../core/values.js';

/**
 * Source positions of an evaluated body, keyed by JSON Pointer into `attributes`
 * ("" for the block itself, "/rule/0" for a nested block, "/rule/0/lifecycle/delete_after_days"
 * for an attribute, "/tags/team" for a map item). The same paths as ajv's `instancePath`.
 */
export type PathRanges = Map<string, SourceRange>;

export interface ProviderConfig {
  /** "aws" or "sandbox". */
  type: string;
  alias?: string;
  /** How resources refer to it: "aws", "aws.dr", "sandbox", or `aws.account["prod"]` for one instance of a provider with for_each. */
  key: string;
  /** The for_each key of this instance (`prod` in `aws.account["prod"]`); absent without for_each. */
  instanceKey?: string;
  /** Evaluated arguments; an `assume_role` block is the object `{ role_arn, external_id?, session_name?, duration_seconds? }`. */
  attributes: ObjectValue;
  ranges: PathRanges;
  range: SourceRange;
}

export interface BackendConfig {
  /** "local" or "s3". */
  type: string;
  attributes: ObjectValue;
  ranges: PathRanges;
  range: SourceRange;
}

export interface VariableDecl {
  name: string;
  /** The declared type constraint as written (`string`, `number`, `bool`, `list(string)`, `map(number)`, `any`). */
  type: string;
  default?: Value;
  description?: string;
  sensitive: boolean;
  /** The value in effect after defaults, -var-file, -var and BKP_VAR_* were applied. */
  value: Value;
  range: SourceRange;
}

export interface ResourceLifecycle {
  prevent_destroy: boolean;
  /**
   * Top-level attributes (or nested block types) whose configured value is ignored once the object
   * exists: the planner keeps what the object has. `all` ignores every attribute. Absent: none.
   */
  ignore_changes?: string[] | 'all';
  /** A replacement must create the new object before deleting the old one (an error at plan time when names clash). */
  create_before_destroy?: boolean;
}

export interface ResourceConfig {
  /** `backup_vault.main`, or `backup_vault.regional["eu-west-1"]` for a for_each instance. */
  address: string;
  /** `backup_vault`, `backup_plan`, `backup_selection`, `on_demand_backup`. */
  kind: string;
  /** The block label. */
  name: string;
  /** The for_each key (a string) or count index (a number) of this instance, if any. */
  key?: InstanceKey;
  /** Provider key: "aws", "aws.dr", "sandbox", `aws.account["prod"]`. */
  provider: string;
  /**
   * The evaluated body without meta-arguments. Nested blocks follow the kind's schema: a single
   * block is an object, a repeatable block an array of objects, a block label fills the property
   * the schema names (`rule "daily" {…}` → `rule: [{ name: "daily", … }]`). Unknown values are
   * `UNKNOWN`.
   */
  attributes: ObjectValue;
  /** Addresses (without instance keys) of the resources this one refers to. */
  dependencies: string[];
  lifecycle: ResourceLifecycle;
  ranges: PathRanges;
  /** JSON Pointers of attributes whose value came from a sensitive variable. */
  sensitivePaths: string[];
  range: SourceRange;
  /** For diagnostics: `backup_plan "daily"`. */
  context: string;
}

export interface ImportConfig {
  to: string;
  id: string;
  range: SourceRange;
}

/** A `moved { from = …  to = … }` block: addresses as the root module sees them (config/evaluate-moved.ts). */
export interface MovedConfig {
  /** `backup_vault.old`, `module.prod.backup_vault.main`, `module.old` (a whole module call), `backup_vault.x["a"]`. */
  from: string;
  to: string;
  range: SourceRange;
}

/** An `output "name" { value = … }` block, evaluated. */
export interface OutputConfig {
  name: string;
  /** UNKNOWN (or containing UNKNOWN) where it depends on attributes known only after apply. */
  value: Value;
  description?: string;
  sensitive: boolean;
  /** The value comes from a sensitive variable: the state keeps only a marker of it, never the value. */
  fromSensitiveVariable: boolean;
  range: SourceRange;
}

/** A `policy "label" { … }` block (bkp check): kept evaluated but uninterpreted here. */
export interface PolicyConfig {
  name: string;
  attributes: ObjectValue;
  ranges: PathRanges;
  range: SourceRange;
}

export interface Config {
  /** The configuration directory (absolute). */
  dir: string;
  files: ConfigFile[];
  providers: ProviderConfig[];
  backend?: BackendConfig;
  variables: VariableDecl[];
  locals: Record<string, Value>;
  resources: ResourceConfig[];
  /**
   * `data` blocks, one per instance: address `data.KIND.NAME`, kind `data.KIND`, the arguments as
   * written (no lifecycle, no dependencies). Read during plan (app/), never by validate.
   */
  dataSources?: ResourceConfig[];
  imports: ImportConfig[];
  policies: PolicyConfig[];
  outputs: OutputConfig[];
  /** `moved` blocks of the root module and of every module instance, in that order. */
  moved?: MovedConfig[];
}
