// Fuzzing the configuration loader: a seeded PRNG mutates the example configurations (and a JSON
// version of the quickstart) thousands of times, one example file at a time; every mutant goes through the same pipeline as
// `loadConfig` (parse → evaluate → validate → render), in process. Whatever the input, bkp must not
// throw, and every diagnostic must have a summary and, when it points into a file, a range inside
// that file whose line and column agree with its offset.
//
// A failing input is written to the temporary directory and named in the failure, with the seed
// and iteration, so it can be replayed.
import { expect } from 'chai';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigFile } from '../../src/config/ast.js';
import { evaluateConfig } from '../../src/config/evaluate.js';
import { parseHcl, type ParseResult } from '../../src/config/syntax/hcl-parser.js';
import { parseJsonConfig } from '../../src/config/syntax/json-parser.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { diagnosticsToJson, renderDiagnostics } from '../../src/render/diagnostics.js';
import { validateConfig } from '../../src/resources/validate.js';
import { mutate, prng } from './config-mutants.js';

/** Mutants per seed: one seed per example file (five today, see SEEDS), 4,000 mutants in all. */
const ITERATIONS_PER_SEED = 800;
const SEED = 20261125;

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Seeds

/** The quickstart example as a .bkp.json file (plus notifications, a lock, a copy and a condition). */
const JSON_QUICKSTART = `{
  "//": "The quickstart example in JSON form.",
  "provider": {
    "sandbox": { "path": ".bkp/sandbox.json", "region": "eu-west-1", "account_id": "123456789012" }
  },
  "variable": {
    "env": { "type": "string", "default": "demo", "description": "Environment name" }
  },
  "locals": {
    "daily_retention_days": 35,
    "monthly_retention_days": 365,
    "backup_role_arn": "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  },
  "backup_vault": {
    "main": {
      "name": "main-\${var.env}",
      "tags": { "team": "infra", "env": "\${var.env}" },
      "notifications": {
        "sns_topic_arn": "arn:aws:sns:eu-west-1:123456789012:backup-events",
        "events": ["BACKUP_JOB_FAILED", "BACKUP_JOB_EXPIRED"]
      },
      "lock": { "min_retention_days": 7, "max_retention_days": 3650 }
    }
  },
  "backup_plan": {
    "standard": {
      "name": "standard-\${var.env}",
      "rule": {
        "daily": {
          "target_vault": "\${backup_vault.main.name}",
          "schedule": "cron(0 5 ? * * *)",
          "timezone": "Europe/Paris",
          "lifecycle": { "delete_after_days": "\${local.daily_retention_days}" },
          "recovery_point_tags": { "schedule": "daily" }
        },
        "monthly": {
          "target_vault": "\${backup_vault.main.name}",
          "schedule": "cron(0 3 1 * ? *)",
          "lifecycle": { "cold_storage_after_days": 30, "delete_after_days": "\${local.monthly_retention_days}" },
          "copy": [
            { "destination_vault_arn": "arn:aws:backup:us-east-1:123456789012:backup-vault:dr" }
          ]
        }
      },
      "tags": { "team": "infra" }
    }
  },
  "backup_selection": {
    "tagged": {
      "plan": "\${backup_plan.standard}",
      "name": "tagged-\${var.env}",
      "iam_role_arn": "\${local.backup_role_arn}",
      "resources": ["arn:aws:ec2:*:*:instance/*"],
      "tag": [{ "key": "backup", "value": "standard" }],
      "condition": [{ "string_equals": { "aws:ResourceTag/env": "\${var.env}" } }]
    }
  },
  "on_demand_backup": {
    "before-upgrade": {
      "resource_arn": "arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60001",
      "vault": "\${backup_vault.main.name}",
      "iam_role_arn": "\${local.backup_role_arn}",
      "start_window_minutes": 60,
      "lifecycle": { "delete_after_days": 30 },
      "recovery_point_tags": { "reason": "upgrade" },
      "trigger": "2026-11-25"
    }
  }
}
`;

interface SeedConfig {
  name: string;
  /** file() reads relative to it. */
  dir: string;
  files: Record<string, string>;
  /** The file that is mutated; the others stay intact, so cross-file references still resolve. */
  target: string;
}

/** One seed per file of an example directory; the other files of the directory stay intact. */
function exampleSeeds(example: string): SeedConfig[] {
  const dir = join(EXAMPLES, example);
  const names = readdirSync(dir).filter((n) => n.endsWith('.bkp.hcl')).sort();
  const files = Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  return names.map((target) => ({ name: `${example}/${target}`, dir, files, target }));
}

const SEEDS: SeedConfig[] = [
  ...exampleSeeds('quickstart'),
  ...exampleSeeds('production'),
  { name: 'quickstart JSON', dir: join(EXAMPLES, 'quickstart'), files: { 'main.bkp.json': JSON_QUICKSTART }, target: 'main.bkp.json' },
];

function parse(path: string, text: string): ParseResult {
  return path.endsWith('.json') ? parseJsonConfig(text, path) : parseHcl(text, path);
}

/** Parse results of the files that are not mutated: parsing is a third of the time of a run. */
const intactFiles = new Map<string, ParseResult>();

function parseCached(path: string, text: string): ParseResult {
  const key = `${path}\0${text}`;
  let result = intactFiles.get(key);
  if (!result) intactFiles.set(key, (result = parse(path, text)));
  return result;
}

/** What `loadConfig` does, on texts instead of a directory. */
function loadTexts(files: Record<string, string>, dir: string, target: string): { diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const sources = new Map(Object.entries(files));
  const diagnostics: Diagnostic[] = [];
  const parsed: ConfigFile[] = [];
  for (const [path, text] of sources) {
    const result = path === target ? parse(path, text) : parseCached(path, text);
    diagnostics.push(...result.diagnostics);
    parsed.push({ path, text, body: result.body });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources };
  const evaluated = evaluateConfig(parsed, { dir, env: {} });
  diagnostics.push(...evaluated.diagnostics);
  // Unlike loadConfig, every resource is validated, even those that failed to evaluate: the
  // validators must cope with whatever the evaluator leaves behind.
  diagnostics.push(...validateConfig(evaluated.config, { now: new Date('2026-11-25T00:00:00Z') }));
  return { diagnostics, sources };
}

/** Why a diagnostic is malformed, or undefined when it is fine. */
function malformed(d: Diagnostic, sources: ReadonlyMap<string, string>): string | undefined {
  if (d.severity !== 'error' && d.severity !== 'warning') return `severity ${String(d.severity)}`;
  if (typeof d.summary !== 'string' || d.summary.trim() === '') return 'no summary';
  if (d.detail !== undefined && typeof d.detail !== 'string') return 'detail is not a string';
  if (!d.range) return undefined;
  const text = sources.get(d.range.file);
  if (text === undefined) return `range in unknown file ${d.range.file}`;
  const { start, end } = d.range;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) {
    return `range ${start.offset}..${end.offset} outside the file (${text.length} characters)`;
  }
  for (const [name, pos] of [['start', start], ['end', end]] as const) {
    const lineStart = text.lastIndexOf('\n', pos.offset - 1) + 1;
    const line = countNewlines(text, pos.offset) + 1;
    const column = pos.offset - lineStart + 1;
    if (pos.line !== line || pos.column !== column) {
      return `${name} ${pos.line}:${pos.column} does not match offset ${pos.offset} (${line}:${column})`;
    }
  }
  return undefined;
}

function countNewlines(text: string, before: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < before; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Saves a failing mutant for replay and says where. */
function keep(seed: SeedConfig, iteration: number, text: string): string {
  const path = join(tmpdir(), `bkp-fuzz-${seed.name.replace(/\W+/g, '-')}-${iteration}-${seed.target}`);
  writeFileSync(path, text);
  return path;
}

describe('configuration loader fuzzing', function () {
  // About 30 s in all (5 to 11 s per seed) measured on a shared development machine; the margin is
  // for slow CI runners.
  this.timeout(180_000);


  it('loads every seed configuration without errors (mutations start from valid input)', () => {
    for (const seed of SEEDS) {
      const { diagnostics } = loadTexts(seed.files, seed.dir, '');
      expect(diagnostics.filter((d) => d.severity === 'error'), seed.name).to.deep.equal([]);
    }
  });

  it('catches malformed diagnostics (the checks below can fail)', () => {
    const sources = new Map([['a.bkp.hcl', 'x = 1\ny = 2\n']]);
    const at = (line: number, column: number, offset: number) => ({ line, column, offset });
    const located = (start: ReturnType<typeof at>, end: ReturnType<typeof at>): Diagnostic => ({ severity: 'error', summary: 'S', range: { file: 'a.bkp.hcl', start, end } });
    expect(malformed(located(at(2, 1, 6), at(2, 2, 7)), sources)).to.equal(undefined);
    expect(malformed(located(at(1, 7, 6), at(2, 2, 7)), sources)).to.contain('does not match offset 6 (2:1)');
    expect(malformed(located(at(2, 1, 6), at(3, 2, 40)), sources)).to.contain('outside the file');
    expect(malformed({ severity: 'error', summary: ' ' }, sources)).to.equal('no summary');
    expect(malformed({ ...located(at(1, 1, 0), at(1, 1, 0)), range: { file: 'b.bkp.hcl', start: at(1, 1, 0), end: at(1, 1, 0) } }, sources)).to.contain('unknown file');
  });

  SEEDS.forEach((seed, seedIndex) => {
    it(`survives ${ITERATIONS_PER_SEED} mutants of ${seed.name}`, () => {
      const random = prng(SEED + seedIndex);
      const failures: string[] = [];
      let withErrors = 0;
      for (let iteration = 0; iteration < ITERATIONS_PER_SEED && failures.length < 5; iteration++) {
        const mutant = mutate(seed.files[seed.target]!, random);
        const files = { ...seed.files, [seed.target]: mutant.text };
        try {
          const { diagnostics, sources } = loadTexts(files, seed.dir, seed.target);
          renderDiagnostics(diagnostics, sources, true);
          JSON.stringify(diagnosticsToJson(diagnostics));
          if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
          const bad = diagnostics.map((d) => [d, malformed(d, sources)] as const).find(([, why]) => why !== undefined);
          if (bad) {
            failures.push(`iteration ${iteration} (${mutant.steps.join(', ')}): "${bad[0].summary}": ${bad[1]}; input kept at ${keep(seed, iteration, mutant.text)}`);
          }
        } catch (e) {
          const error = e as Error;
          failures.push(`iteration ${iteration} (${mutant.steps.join(', ')}): threw ${error.stack ?? String(e)}; input kept at ${keep(seed, iteration, mutant.text)}`);
        }
      }
      expect(failures, failures.join('\n\n')).to.deep.equal([]);
      // The mutations must actually break things, or this test proves nothing.
      expect(withErrors, 'mutants with errors').to.be.greaterThan(ITERATIONS_PER_SEED / 2);
    });
  });
});
