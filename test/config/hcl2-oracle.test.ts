// hcl2-parser (HashiCorp's HCL compiled to JavaScript, via hcl2json) as a test oracle: for every
// valid configuration in test/fixtures/valid/, the block and attribute structure our HCL
// parser produces must agree with it: names and nesting of blocks and attributes, and the values
// of attributes written with literals only (expressions are not evaluated by either parser).
//
// Known hcl2-parser defects and differences this test allows for:
// 1. Its output is Terraform-JSON-like, `{type: {label: [body, …]}}`, with keys re-sorted and
//    same-named blocks merged, so bodies are compared as sets of names, blocks by count per label path.
// 2. An attribute whose value is a list of objects looks exactly like a list of blocks in its
//    output; our AST says which it is, and the comparison follows our AST.
// 3. A duplicate attribute name collapses into one key (our AST keeps both): compared as sets.
// 4. It rejects several attributes in a one-line block (`tag { key = "a" value = "b" }`, HCL's
//    "only one argument is allowed in a single-line block"), which DESIGN.md's example uses and
//    bkp accepts; for that fixture the oracle gets the block split over lines.
// 5. On a syntax error it returns `[null, {}]`: no message, no position. Useless as an error oracle.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import hcl from 'hcl2-parser';
import type { Body, Expr } from '../../src/config/ast.js';
import { parseHcl } from '../../src/config/syntax/hcl-parser.js';

const fixtureDir = new URL('../fixtures/valid/', import.meta.url);
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.bkp.hcl'))
  .sort();

/** Defect 4: one-line blocks with several attributes, split for the oracle only. */
function forOracle(text: string): string {
  return text.replace(/^(\s*)(\w+) \{ key = ("[^"]*") value = ("[^"]*") \}/gm, '$1$2 {\n$1  key = $3\n$1  value = $4\n$1}');
}

type OracleBody = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares one body of ours with the oracle's object for it; returns the differences found. */
function compareBody(ours: Body, oracle: OracleBody, path: string): string[] {
  const problems: string[] = [];
  const blockTypes = new Set(ours.blocks.map((b) => b.type));
  const expectedKeys = new Set([...ours.attributes.map((a) => a.name), ...blockTypes]);
  for (const key of Object.keys(oracle)) {
    if (!expectedKeys.has(key)) problems.push(`${path}: hcl2-parser has "${key}", we do not`);
  }
  for (const name of expectedKeys) {
    if (!(name in oracle)) problems.push(`${path}: we have "${name}", hcl2-parser does not`);
  }
  for (const type of blockTypes) {
    const ofType = ours.blocks.filter((b) => b.type === type);
    // Group our blocks by label path, like hcl2json nests them.
    const byLabels = new Map<string, Body[]>();
    for (const block of ofType) {
      const key = JSON.stringify(block.labels.map((l) => l.value));
      byLabels.set(key, [...(byLabels.get(key) ?? []), block.body]);
    }
    for (const [labelKey, bodies] of byLabels) {
      const labels = JSON.parse(labelKey) as string[];
      let node: unknown = oracle[type];
      for (const label of labels) node = isRecord(node) ? node[label] : undefined;
      const where = `${path}${type}${labels.map((l) => `["${l}"]`).join('')}`;
      if (!Array.isArray(node)) {
        problems.push(`${where}: hcl2-parser has no block list here`);
        continue;
      }
      if (node.length !== bodies.length) problems.push(`${where}: ${bodies.length} block(s) here, hcl2-parser ${node.length}`);
      bodies.forEach((body, k) => {
        const other: unknown = node[k];
        if (isRecord(other)) problems.push(...compareBody(body, other, `${where}[${k}].`));
        else problems.push(`${where}[${k}]: hcl2-parser body is not an object`);
      });
    }
  }
  return problems;
}

/** The value of an expression made only of literals (undefined otherwise: templates with interpolation stay unevaluated). */
function literalValue(expr: Expr): unknown {
  if (expr.kind === 'literal') return expr.value;
  if (expr.kind === 'tuple') {
    const items = expr.items.map(literalValue);
    return items.includes(undefined) ? undefined : items;
  }
  if (expr.kind === 'object') {
    const out: Record<string, unknown> = {};
    for (const item of expr.items) {
      const value = literalValue(item.value);
      if (item.key.kind !== 'literal' || value === undefined) return undefined;
      out[String(item.key.value)] = value;
    }
    return out;
  }
  return undefined;
}

function literalDifferences(ours: Body, oracle: OracleBody | undefined, path: string): string[] {
  const problems: string[] = [];
  for (const attribute of ours.attributes) {
    const value = literalValue(attribute.expr);
    if (value === undefined) continue;
    try {
      expect(oracle?.[attribute.name]).to.deep.equal(value);
    } catch {
      problems.push(`${path}${attribute.name}: ours ${JSON.stringify(value)}, hcl2-parser ${JSON.stringify(oracle?.[attribute.name])}`);
    }
  }
  const seen = new Map<string, number>();
  for (const block of ours.blocks) {
    let node: unknown = oracle?.[block.type];
    for (const label of block.labels) node = isRecord(node) ? node[label.value] : undefined;
    const key = JSON.stringify([block.type, ...block.labels.map((l) => l.value)]);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const body: unknown = Array.isArray(node) ? node[index] : undefined;
    problems.push(...literalDifferences(block.body, isRecord(body) ? body : undefined, `${path}${block.type}.`));
  }
  return problems;
}

describe('hcl2-parser as an oracle for the HCL parser', () => {

  it('has a corpus of at least 15 valid configurations', () => {
    expect(fixtures.length).to.be.at.least(15);
  });

  for (const name of fixtures) {
    it(`agrees on the structure of ${name}`, () => {
      const text = readFileSync(new URL(name, fixtureDir), 'utf8');
      const ours = parseHcl(text, name);
      expect(ours.diagnostics, 'our diagnostics').to.deep.equal([]);
      const [oracle, error] = hcl.parseToObject(forOracle(text)) as [OracleBody | null, unknown];
      expect(oracle, `hcl2-parser failed: ${JSON.stringify(error)}`).to.be.an('object');
      expect(compareBody(ours.body, oracle!, '')).to.deep.equal([]);
    });
  }

  for (const name of fixtures) {
    it(`agrees on the value of every literal attribute in ${name}`, () => {
      const text = readFileSync(new URL(name, fixtureDir), 'utf8');
      const [oracle] = hcl.parseToObject(forOracle(text)) as [OracleBody];
      // Heredocs, escapes and numbers decode exactly as HCL does; deep equality ignores key order (defect 1).
      expect(literalDifferences(parseHcl(text, name).body, oracle, '')).to.deep.equal([]);
    });
  }

  it('detects a structural difference (the comparison can fail)', () => {
    const ours = parseHcl('a "x" {\n  b = 1\n}\n', 'x.bkp.hcl');
    const [oracle] = hcl.parseToObject('a "x" {\n  c = 1\n}\na "y" {\n}\n') as [OracleBody];
    expect(compareBody(ours.body, oracle, '')).to.have.members([
      'a["x"][0].: hcl2-parser has "c", we do not',
      'a["x"][0].: we have "b", hcl2-parser does not',
    ]);
  });

  it('defect 4: hcl2-parser rejects a one-line block with two attributes, which bkp accepts', () => {
    const text = 'tag { key = "backup" value = "daily" }\n';
    expect(hcl.parseToObject(text)[0]).to.equal(null);
    const ours = parseHcl(text, 'x.bkp.hcl');
    expect(ours.diagnostics).to.deep.equal([]);
    expect(ours.body.blocks[0]!.body.attributes.map((a) => a.name)).to.deep.equal(['key', 'value']);
  });
});
