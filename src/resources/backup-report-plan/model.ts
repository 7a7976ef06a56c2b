// backup_report_plan: comparison rules. Formats and the scope lists are sets (unset = [], formats
// unset = AWS's ["CSV"]); number_of_frameworks is what AWS makes it, the number of framework_arns
// of a compliance report, and absent for a job report.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { DEFAULT_REPORT_FORMATS, templateTakesFrameworks } from '../../domain/report-templates.js';
import { stringMap, stringSet } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

function canonicalChannel(v: Value | undefined): Value {
  if (!isObjectValue(v)) return v ?? null;
  const out: ObjectValue = { s3_bucket_name: v.s3_bucket_name ?? null, formats: stringSet(v.formats ?? DEFAULT_REPORT_FORMATS) };
  if (v.s3_key_prefix !== undefined && v.s3_key_prefix !== null && v.s3_key_prefix !== '') out.s3_key_prefix = v.s3_key_prefix;
  return out;
}

function canonicalSetting(v: Value | undefined): Value {
  if (!isObjectValue(v)) return v ?? null;
  const template = v.report_template;
  const out: ObjectValue = {
    report_template: template ?? null,
    accounts: stringSet(v.accounts),
    organization_units: stringSet(v.organization_units),
    regions: stringSet(v.regions),
  };
  if (typeof template === 'string' && templateTakesFrameworks(template)) {
    const arns = stringSet(v.framework_arns);
    out.framework_arns = arns;
    out.number_of_frameworks = Array.isArray(arns) && !isUnknown(arns) ? arns.length : (v.number_of_frameworks ?? null);
  }
  return out;
}

export const backupReportPlanModel: KindModel = {
  kind: 'backup_report_plan',
  forcesReplacement: new Set(['name']),
  computed: ['arn', 'creation_time', 'deployment_status'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  keyedLists: {},
  jsonAttributes: [],

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = {
      ...a,
      report_delivery_channel: canonicalChannel(a.report_delivery_channel),
      report_setting: canonicalSetting(a.report_setting),
      tags: stringMap(a.tags) as Value,
    };
    if (out.description === undefined || out.description === null || out.description === '') delete out.description;
    return out;
  },

  replaceReason() {
    return 'must be replaced: a report plan cannot be renamed';
  },
};
