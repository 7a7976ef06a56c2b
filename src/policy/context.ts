// What a control's evaluation receives, and what it returns.
import type { SourceRange } from '../core/diagnostics.js';
import type { Config, PolicyConfig } from '../config/model.js';
import type { ObjectValue } from '../core/values.js';
import type { AccountSettingsView } from './account-settings.js';
import type { ConfigFacts, JudgedPlan, PlanFacts } from './config-facts.js';
import type { ControlName } from '../domain/audit-controls.js';
import type { CheckInputs, Finding, InventoryResource } from './model.js';

export interface ControlContext {
  config: Pick<Config, 'resources' | 'providers' | 'files'>;
  facts: ConfigFacts;
  inputs: CheckInputs;
  policy: PolicyConfig;
  /** Which control is evaluated: whose defaults (src/domain/audit-controls.ts) fill unset parameters. */
  control: ControlName;
  /** The control block's parameters (as evaluated; validated before evaluation). */
  params: ObjectValue;
  /** The control block: where findings about resources outside the configuration point. */
  controlRange: SourceRange;
  /**
   * Every plan the plan-level controls judge: the backup_plans, each org_backup_policy's plans, and
   * the plans the organization's accounts get from their effective backup policies.
   */
  plans: JudgedPlan[];
  /** Inventory resources in the control's scope (resource controls only). */
  scoped: InventoryResource[];
  /** The plans whose selections pick the resource, in its Region. */
  plansProtecting(resource: InventoryResource): PlanFacts[];
  /** The account settings that keep AWS Backup from protecting a resource (service opt-in, cross-account backup). */
  settings: AccountSettingsView;
}

/** A finding before the policy, control and severity are filled in. */
export type RawFinding = Omit<Finding, 'policy' | 'control' | 'severity'>;

export interface ControlOutcome {
  evaluated: string[];
  findings: RawFinding[];
  /** Set when the control could not be evaluated at all, with the reason. */
  notEvaluated?: string;
}
