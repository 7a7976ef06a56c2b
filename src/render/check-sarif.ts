// `bkp check -format=sarif`: SARIF 2.1.0 for code-scanning tools (GitHub's upload-sarif, GitLab),
// which annotate the pull request at each finding's file and line. One rule per control; result
// locations are relative to %SRCROOT% (the repository checkout: see -sarif-base).
import type { SourceRange } from '../core/diagnostics.js';
import { CONTROLS, CONTROLS_HELP_URI, type ControlName } from '../policy/catalogue.js';
import type { CheckReport, Finding } from '../policy/model.js';

export interface SarifOptions {
  /** Prepended to configuration file paths: the configuration directory relative to %SRCROOT%, with a trailing slash. */
  uriPrefix?: string;
  toolVersion?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const URI_BASE = '%SRCROOT%';
/** Where the result URIs start: the same in every report bkp check writes. */
export const ORIGINAL_URI_BASE_IDS = { [URI_BASE]: { description: { text: 'The repository checkout (the directory bkp check was given as -sarif-base).' } } };

export function checkToSarif(report: CheckReport, opts: SarifOptions = {}) {
  const controls = [...new Set(report.results.map((r) => r.control))];
  const ruleIndex = new Map<ControlName, number>(controls.map((c, i) => [c, i]));
  const findings = report.results.flatMap((r) => r.findings);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bkp',
            ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
            informationUri: CONTROLS_HELP_URI,
            rules: controls.map((name) => {
              const info = CONTROLS[name];
              return {
                id: name,
                name: pascalCase(name),
                shortDescription: { text: info.title },
                fullDescription: { text: info.description },
                helpUri: CONTROLS_HELP_URI,
                help: { text: `${info.description} AWS Backup Audit Manager control: ${info.auditManagerName}. Parameters and examples: docs/check.md.` },
                defaultConfiguration: { level: 'error' },
                properties: { auditManagerControl: info.auditManagerName, tags: ['backup', 'compliance'] },
              };
            }),
          },
        },
        originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
        results: findings.map((f) => result(f, ruleIndex.get(f.control)!, opts.uriPrefix ?? '')),
        invocations: [{ executionSuccessful: true, ...notEvaluatedAccounts(report) }],
      },
    ],
  };
}

function result(f: Finding, index: number, prefix: string) {
  return {
    ruleId: f.control,
    ruleIndex: index,
    level: f.severity,
    message: { text: f.message },
    locations: f.range ? [sarifLocation(f.range, prefix)] : [],
    // Stable across runs and line moves, so code scanning tracks one alert per resource and control.
    partialFingerprints: { bkpFinding: `${f.policy}/${f.control}/${f.resource}` },
    properties: { policy: f.policy, resource: f.resource, resourceType: f.resourceType, ...(f.account ? { accountId: f.account.id, accountName: f.account.name } : {}) },
  };
}

/** Organization accounts whose effective backup plans could not be judged: notifications, not results (they are not findings). */
function notEvaluatedAccounts(report: CheckReport) {
  const org = report.organization;
  if (org === undefined) return {};
  const texts = org.notEvaluated !== undefined ? [`Organization accounts not evaluated: ${org.notEvaluated}`] : org.accounts.filter((a) => a.plans === undefined).map((a) => `account ${a.id} (${a.name}) not evaluated: ${a.notEvaluated ?? 'unknown'}`);
  return texts.length === 0 ? {} : { toolExecutionNotifications: texts.map((text) => ({ level: 'warning', message: { text } })) };
}

export function sarifLocation(range: SourceRange, prefix: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(`${prefix}${range.file}`), uriBaseId: URI_BASE },
      region: {
        startLine: range.start.line,
        startColumn: range.start.column,
        endLine: range.end.line,
        // SARIF's endColumn is one past the last character; a range's end column is exclusive too.
        endColumn: Math.max(range.end.column, range.end.line === range.start.line ? range.start.column + 1 : 1),
      },
    },
  };
}

function pascalCase(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
