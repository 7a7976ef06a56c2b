// JSON Schema validators compiled at build time (scripts/compile-schemas.mjs), so start-up does
// not pay for ajv's compiler. Absent when running from sources: callers then compile at run time.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

let compiled: Record<string, ValidateFunction> | null | undefined;

/** `config_<block>` for schemas/config/<block>.schema.json, or `state`. */
export function precompiledValidator(name: string): ValidateFunction | undefined {
  if (compiled === undefined) {
    try {
      compiled = createRequire(import.meta.url)('./generated/schema-validators.cjs') as Record<string, ValidateFunction>;
    } catch {
      compiled = null;
    }
  }
  return compiled?.[name] ?? undefined;
}
