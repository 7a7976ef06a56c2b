// The `control` blocks that a `policy` and a `backup_framework` share: how they are read from the
// evaluated attributes and the rules beyond their JSON Schema (known control names, which
// parameters each control accepts, min ≤ max, age bounds). One code path for both, so a framework
// is valid exactly when the same controls in a policy are.
import { isObjectValue, type ObjectValue } from '../../core/values.js';
import { didYouMean } from '../../core/suggest.js';
import { acceptedParameters, AUDIT_CONTROLS, checkOnlyParameters, CONTROL_NAMES, isControlName, parameterDefault } from '../../domain/audit-controls.js';
import { knownList, knownNumber, knownString, type Problem } from './problem.js';

export interface ControlBlock {
  /** The control label, when known. */
  name?: string;
  index: number;
  /** JSON Pointer of the block in its owner's attributes: "/control/2". */
  path: string;
  params: ObjectValue;
}

/** The `control` blocks of a policy's or a framework's attributes. */
export function controlBlocksOf(attributes: ObjectValue): ControlBlock[] {
  const list = knownList(attributes.control) ?? [];
  return list.flatMap((value, index) =>
    isObjectValue(value) ? [{ name: knownString(value.name), index, path: `/control/${index}`, params: value }] : [],
  );
}

/**
 * Problems of a list of control blocks. `owner` names what holds them in messages
 * (`policy "company"`, `backup_framework "audit"`); `split` says how to check several scopes;
 * `deployed` says they are also sent to Audit Manager (a backup_framework), which knows none of
 * bkp check's own parameters.
 */
export function controlProblems(controls: readonly ControlBlock[], owner: string, split: string, deployed = false): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const control of controls) {
    const name = control.name;
    if (name === undefined) continue;
    if (!isControlName(name)) {
      problems.push({
        severity: 'error',
        path: control.path,
        summary: 'Unknown control',
        detail: `bkp has no control "${name}".${didYouMean(name, CONTROL_NAMES)} Known controls: ${CONTROL_NAMES.join(', ')}.`,
      });
      continue;
    }
    if (seen.has(name)) {
      problems.push({
        severity: 'error',
        path: control.path,
        summary: 'Duplicate control',
        detail: `The control "${name}" already appears in ${owner}. Give each control once; to check several scopes, ${split}.`,
      });
      continue;
    }
    seen.add(name);
    const accepted = acceptedParameters(name);
    for (const key of Object.keys(control.params)) {
      if (key === 'name' || accepted.includes(key)) continue;
      problems.push({
        severity: 'error',
        path: `${control.path}/${key}`,
        summary: 'Unsupported argument',
        detail: `The control "${name}" has no parameter "${key}".${didYouMean(key, accepted)} It accepts: ${accepted.join(', ')}.`,
      });
    }
    for (const parameter of AUDIT_CONTROLS[name].parameters) {
      if (!parameter.required || control.params[parameter.name] !== undefined) continue;
      problems.push({
        severity: 'error',
        path: control.path,
        summary: 'Missing required argument',
        detail: `The control "${name}" needs ${parameter.name}: Audit Manager has no default for it. Add ${parameter.name} = … to the control block (docs/check.md).`,
      });
    }
    if (deployed) {
      for (const parameter of checkOnlyParameters(name)) {
        if (control.params[parameter.name] === undefined) continue;
        problems.push({
          severity: 'warning',
          path: `${control.path}/${parameter.name}`,
          summary: 'Checked by bkp check only',
          detail: `${parameter.name} is bkp's extension of "${name}": bkp check evaluates it, but Audit Manager's control has no such parameter, so the deployed framework is not sent it and AWS judges the control without it. To make that visible, declare it in a policy block's control and leave it out of the framework.`,
        });
      }
    }
    const min = knownNumber(control.params.min_retention_days);
    const max = knownNumber(control.params.max_retention_days);
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({
        severity: 'error',
        path: `${control.path}/min_retention_days`,
        summary: 'Invalid value',
        detail: `min_retention_days (${min}) is greater than max_retention_days (${max}); no vault lock could satisfy both.`,
      });
    }
    const ageUnit = knownString(control.params.recovery_point_age_unit) ?? parameterDefault(name, 'recovery_point_age_unit');
    const age = knownNumber(control.params.recovery_point_age_value);
    if (ageUnit === 'days' && age !== undefined && age > 31) {
      problems.push({
        severity: 'error',
        path: `${control.path}/recovery_point_age_value`,
        summary: 'Invalid value',
        detail: `recovery_point_age_value is ${age}, but with recovery_point_age_unit = "days" it must be at most 31 (as in Audit Manager). Use hours for up to 744.`,
      });
    }
  }
  return problems;
}
