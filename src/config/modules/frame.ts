// What a module instance is evaluated with: where it sits (its address, its directory), the values
// of its call's arguments and the providers it can use. The evaluator of the calling module makes
// one per instance; the module's own evaluator reads it (config/evaluate.ts).
import type { SourceRange } from '../../core/diagnostics.js';
import type { Value } from '../../core/values.js';
import type { Block } from '../ast.js';

/** A provider configuration a module can name, and the root module's configuration it is. */
export interface VisibleProvider {
  /** What the module writes: `aws`, `aws.dr`. */
  key: string;
  type: string;
  alias?: string;
  /** The root module's provider key it stands for (`aws.account["prod"]` for an instance given by a providers map). */
  target: string;
  /** A root provider with for_each, inherited: resources name an instance, `aws.account["prod"]`. */
  hasForEach?: boolean;
  /** Its instance keys; undefined when its for_each could not be expanded (reported). */
  instanceKeys?: readonly string[];
}

/** One argument of a module block, evaluated for one instance. */
export interface ModuleInput {
  value: Value;
  sensitive: boolean;
  /** UNKNOWN because of a problem already reported. */
  failed: boolean;
  /** The value expression and the argument's name, for messages at the call site. */
  range: SourceRange;
  nameRange: SourceRange;
}

export interface ModuleFrame {
  /** The module directory, relative to the configuration directory (`modules/vaults`). */
  dir: string;
  /** The instance's address in the calling module: `module.prod`, `module.env["prod"]`. */
  address: string;
  /** The module block, for messages at the call site. */
  call: Block;
  inputs: ReadonlyMap<string, ModuleInput>;
  providers: readonly VisibleProvider[];
}
