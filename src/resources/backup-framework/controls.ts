// A framework's control blocks in bkp's form and in Audit Manager's (FrameworkControl): parameter
// names and string values through the shared table (src/domain/audit-controls.ts), the scope as
// ControlScope. Pure: used by the handler (to send and read) and the model (to compare).
import type { ControlScope, FrameworkControl } from '@aws-sdk/client-backup';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { AUDIT_CONTROLS, awsParameters, controlByAuditManagerName, isControlName, type ControlParameter } from '../../domain/audit-controls.js';
import { stringMap, stringSet } from '../canonical.js';

/** The attribute holding controls AWS lists that bkp has no name for: carried through every update. */
export const OTHER_CONTROLS = 'other_controls';

function parameterText(parameter: ControlParameter, value: Value): string {
  return parameter.type === 'string-list' && Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function parameterValue(parameter: ControlParameter, text: string): Value {
  if (parameter.type === 'integer') return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
  if (parameter.type === 'string-list') return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return text;
}

/**
 * The value a parameter has: configured, else Audit Manager's default (which bkp sends, so that
 * AWS evaluates exactly the numbers bkp check evaluated).
 */
function effective(parameter: ControlParameter, params: ObjectValue): Value | undefined {
  const v = params[parameter.name];
  return v === undefined || v === null ? parameter.default : v;
}

/** A configured control block as Audit Manager's FrameworkControl. */
export function controlToAws(control: ObjectValue): FrameworkControl {
  const name = String(control.name);
  if (!isControlName(name)) return { ControlName: name };
  const shared = AUDIT_CONTROLS[name];
  // bkp check's own parameters (copy retention…) are never sent: Audit Manager would refuse them.
  const parameters = awsParameters(name).flatMap((p) => {
    const v = effective(p, control);
    return v === undefined ? [] : [{ ParameterName: p.awsName, ParameterValue: parameterText(p, v) }];
  });
  const out: FrameworkControl = { ControlName: shared.auditManagerName };
  if (parameters.length > 0) out.ControlInputParameters = parameters;
  if (shared.resourceScoped) {
    const scope: ControlScope = {};
    const types = Array.isArray(control.resource_types) ? control.resource_types.map(String) : [];
    const ids = Array.isArray(control.resource_ids) ? control.resource_ids.map(String) : [];
    const tags = isObjectValue(control.tags) ? (control.tags as Record<string, string>) : {};
    if (types.length > 0) scope.ComplianceResourceTypes = types;
    if (ids.length > 0) scope.ComplianceResourceIds = ids;
    if (Object.keys(tags).length > 0) scope.Tags = tags;
    if (Object.keys(scope).length > 0) out.ControlScope = scope;
  }
  return out;
}

/** A FrameworkControl bkp knows, in configuration form; undefined for one it has no name for. */
export function controlFromAws(control: FrameworkControl): ObjectValue | undefined {
  const name = controlByAuditManagerName(control.ControlName ?? '');
  if (name === undefined) return undefined;
  const out: ObjectValue = { name };
  for (const input of control.ControlInputParameters ?? []) {
    const parameter = AUDIT_CONTROLS[name].parameters.find((p) => p.awsName === input.ParameterName);
    if (parameter !== undefined && input.ParameterValue !== undefined) out[parameter.name] = parameterValue(parameter, input.ParameterValue);
  }
  const scope = control.ControlScope;
  if (scope?.ComplianceResourceTypes?.length) out.resource_types = [...scope.ComplianceResourceTypes];
  if (scope?.ComplianceResourceIds?.length) out.resource_ids = [...scope.ComplianceResourceIds];
  if (scope?.Tags && Object.keys(scope.Tags).length > 0) out.tags = { ...scope.Tags };
  return out;
}

/** The controls of a framework read from AWS: bkp's, and the others as AWS wrote them. */
export function controlsFromAws(controls: readonly FrameworkControl[] | undefined): { known: ObjectValue[]; other: Value[] } {
  const known: ObjectValue[] = [];
  const other: Value[] = [];
  for (const c of controls ?? []) {
    const read = controlFromAws(c);
    if (read !== undefined) known.push(read);
    else other.push(JSON.parse(JSON.stringify(c)) as Value);
  }
  return { known, other };
}

/**
 * A control in the form both sides compare in: defaults filled in, integers as numbers, lists as
 * sorted sets, scope unset and empty alike, and `severity` and the other parameters of bkp check's
 * own left out (never sent).
 */
export function canonicalControl(control: Value): Value {
  if (!isObjectValue(control)) return control;
  const name = control.name;
  if (typeof name !== 'string' || !isControlName(name)) return control;
  const shared = AUDIT_CONTROLS[name];
  const out: ObjectValue = { name };
  // AWS holds only its own parameters: bkp check's would otherwise show as a change forever.
  for (const p of awsParameters(name)) {
    const v = effective(p, control);
    if (v === undefined) continue;
    if (isUnknown(v)) out[p.name] = v;
    else if (p.type === 'string-list') out[p.name] = stringSet(v);
    else if (p.type === 'integer' && typeof v === 'string') out[p.name] = parameterValue(p, v);
    else out[p.name] = v;
  }
  if (shared.resourceScoped) {
    out.resource_types = stringSet(control.resource_types ?? []);
    out.resource_ids = stringSet(control.resource_ids ?? []);
    out.tags = stringMap(control.tags) as Value;
  }
  return out;
}
