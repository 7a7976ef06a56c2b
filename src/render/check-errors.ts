// `bkp check` when the configuration has errors, in the machine formats: CI reads stdout or the
// -out file whatever happens (a SARIF upload step fails on a missing file), so the errors come as
// a document of the format asked for; the run still exits 1.
import type { Diagnostic } from '../core/diagnostics.js';
import { CHECK_JSON_FORMAT_VERSION } from './check-json.js';
import { cell } from './check-markdown.js';
import { ORIGINAL_URI_BASE_IDS, sarifLocation, SARIF_SCHEMA_URI } from './check-sarif.js';
import { CONTROLS_HELP_URI } from '../policy/catalogue.js';
import { diagnosticsToJson } from './diagnostics.js';

export function checkErrorsToJson(diagnostics: readonly Diagnostic[]) {
  return {
    format_version: CHECK_JSON_FORMAT_VERSION,
    compliant: false,
    valid: false,
    diagnostics: diagnosticsToJson(diagnostics),
    controls: [],
    findings: [],
  };
}

/** A run that did not succeed: no rules or results, the errors as notifications at their places. */
export function checkErrorsToSarif(diagnostics: readonly Diagnostic[], opts: { uriPrefix?: string; toolVersion?: string }) {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'bkp', ...(opts.toolVersion ? { version: opts.toolVersion } : {}), informationUri: CONTROLS_HELP_URI, rules: [] } },
        originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
        results: [],
        invocations: [
          {
            executionSuccessful: false,
            toolExecutionNotifications: diagnostics.map((d) => ({
              level: d.severity === 'error' ? 'error' : 'warning',
              message: { text: d.detail ? `${d.summary}: ${d.detail}` : d.summary },
              ...(d.range ? { locations: [sarifLocation(d.range, opts.uriPrefix ?? '')] } : {}),
            })),
          },
        ],
      },
    ],
  };
}

export function renderCheckErrorsMarkdown(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const out = ['### bkp check: not run', '', `The configuration has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix ${errors.length === 1 ? 'it' : 'them'} and run bkp check again.`, ''];
  out.push('| Where | Error |', '| --- | --- |');
  for (const d of errors) {
    const where = d.range ? `\`${d.range.file}:${d.range.start.line}:${d.range.start.column}\`` : '';
    out.push(`| ${where} | ${cell(d.detail ? `${d.summary}: ${d.detail}` : d.summary)} |`);
  }
  return `${out.join('\n')}\n`;
}
