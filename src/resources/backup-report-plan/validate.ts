// Semantic rules of backup_report_plan beyond its JSON Schema: AWS's rules per report template —
// the compliance reports need the frameworks they report on, the job reports take none — and
// number_of_frameworks, when given, counts framework_arns.
import type { ResourceConfig } from '../../config/model.js';
import { templateTakesFrameworks } from '../../domain/report-templates.js';
import { error, knownList, knownNumber, knownObject, knownString, type Problem } from '../rules/problem.js';

export function validateBackupReportPlan(resource: Pick<ResourceConfig, 'attributes'>): Problem[] {
  const setting = knownObject(resource.attributes.report_setting);
  if (setting === undefined) return [];
  const template = knownString(setting.report_template);
  if (template === undefined) return [];
  const problems: Problem[] = [];
  const arns = setting.framework_arns;
  const count = knownNumber(setting.number_of_frameworks);
  if (templateTakesFrameworks(template)) {
    if (arns === undefined || arns === null || (Array.isArray(arns) && arns.length === 0)) {
      problems.push(
        error(
          '/report_setting/report_template',
          'Frameworks required',
          `${template} reports the compliance of frameworks: set framework_arns, e.g. framework_arns = [backup_framework.company.arn].`,
        ),
      );
    }
    const list = knownList(arns);
    if (list !== undefined && count !== undefined && count !== list.length) {
      problems.push(
        error('/report_setting/number_of_frameworks', 'Invalid value', `number_of_frameworks is ${count}, but framework_arns names ${list.length}. AWS sets it to the number of frameworks: leave it out.`),
      );
    }
  } else {
    if (Array.isArray(arns) && arns.length > 0) {
      problems.push(error('/report_setting/framework_arns', 'Not for a job report', `${template} reports jobs, not frameworks: remove framework_arns (or use CONTROL_COMPLIANCE_REPORT or RESOURCE_COMPLIANCE_REPORT).`));
    }
    if (count !== undefined && count !== 0) {
      problems.push(error('/report_setting/number_of_frameworks', 'Not for a job report', `${template} reports jobs, not frameworks: remove number_of_frameworks.`));
    }
  }
  return problems;
}
