// Validation of data blocks before any network call: each data source's schema
// (schemas/config/data_<kind>.schema.json), then its kind's own rules; positioned like a resource's.
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { Config } from '../config/model.js';
import { schemaProblems } from '../resources/rules/schema-errors.js';
import { redactSensitive, toDiagnostics } from '../resources/validate.js';
import { dataSourceKind } from './registry.js';

export function validateDataSources(config: Pick<Config, 'dataSources'>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const data of config.dataSources ?? []) {
    const kind = dataSourceKind(data.kind);
    const schemaName = `data_${data.kind.slice('data.'.length)}`;
    const semantic = kind?.validate?.(data.attributes) ?? [];
    // Where a rule of the kind explains a value, the schema's complaint about it is noise.
    const explained = new Set(semantic.map((p) => p.path));
    const problems = [...schemaProblems(schemaName, data.attributes).filter((p) => !explained.has(p.path)), ...semantic];
    diagnostics.push(...toDiagnostics(redactSensitive(problems, data), data));
  }
  return sortDiagnostics(diagnostics);
}
