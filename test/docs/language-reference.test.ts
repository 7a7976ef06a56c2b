// docs/language.md stays true: its generated tables are what the sources say now, every attribute
// and nested block the evaluator accepts (bodySpec of each schema, as src/config reads it) has its
// row and every row names one that exists, every resource attribute has its AWS API field, every
// function is documented, and the Terraform table is the one the diagnostics use. The README links
// to the page and points nowhere outside the repository.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { blockSchema, bodySpec, computedAttributes, RESOURCE_KINDS, type BodySpec } from '../../src/config/block-schema.js';
import { FUNCTIONS } from '../../src/config/functions.js';
import { TERRAFORM_RESOURCES } from '../../src/config/terraform-names.js';
import { AWS_FIELDS } from './language-reference/aws-fields.js';
import { FUNCTION_DOCS } from './language-reference/function-docs.js';
import { LANGUAGE_MD, regenerate, SETTING_BLOCKS } from './language-reference/generate.js';

const ROOT = resolve(import.meta.dirname, '../..');
const REGENERATE = 'Run `npx tsx test/docs/language-reference/generate.ts --write` and commit docs/language.md.';

/** Every attribute and nested block path the evaluator accepts in a block of this schema (labels fill attributes too). */
function acceptedPaths(spec: BodySpec, prefix = ''): string[] {
  const paths = spec.attributes.map((a) => `${prefix}${a}`);
  for (const [name, nested] of Object.entries(spec.blocks)) {
    paths.push(`${prefix}${name}`, ...nested.labels.map((l) => `${prefix}${name}.${l}`), ...acceptedPaths(nested.body, `${prefix}${name}.`));
  }
  return paths;
}

function schemaPaths(name: string): string[] {
  const paths = acceptedPaths(bodySpec(blockSchema(name)!));
  const computed = RESOURCE_KINDS.includes(name) ? computedAttributes(name).filter((c) => !paths.includes(c)) : [];
  return [...paths, ...computed].sort();
}

/** The rows (first cell, a code span) of the table under `### heading`, up to the next heading or section end. */
function documentedPaths(page: string, heading: string): string[] | undefined {
  const start = page.indexOf(`\n### ${heading}\n`);
  if (start === -1) return undefined;
  const rest = page.slice(start + heading.length + 6);
  const end = rest.search(/\n(### |<!-- \/generated)/);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).sort();
}

describe('docs/language.md', () => {
  const page = readFileSync(LANGUAGE_MD, 'utf8');

  it('has generated tables equal to what the schemas, functions and Terraform names say now', () => {
    // Compared line by line first, so that a failure shows the lines that differ.
    const expected = regenerate(page);
    const actualLines = page.split('\n');
    const differing = expected.split('\n').filter((line, i) => line !== actualLines[i]).slice(0, 5);
    expect(differing, REGENERATE).to.deep.equal([]);
    expect(page === expected, REGENERATE).to.equal(true);
  });

  it('documents every attribute and nested block of every resource kind, and no other', () => {
    for (const kind of RESOURCE_KINDS) {
      const documented = documentedPaths(page, kind);
      expect(documented, `docs/language.md has no "### ${kind}" section. ${REGENERATE}`).to.not.equal(undefined);
      const accepted = schemaPaths(kind);
      expect(accepted.filter((p) => !documented!.includes(p)), `${kind}: attributes missing from docs/language.md. ${REGENERATE}`).to.deep.equal([]);
      expect(documented!.filter((p) => !accepted.includes(p)), `${kind}: documented attributes that do not exist`).to.deep.equal([]);
    }
  });

  it('documents every setting of the blocks that are not resource kinds', () => {
    for (const name of SETTING_BLOCKS) {
      const documented = documentedPaths(page, name.replace('_', ' '));
      expect(documented, `no section for ${name}`).to.not.equal(undefined);
      expect(documented).to.deep.equal(schemaPaths(name));
    }
  });

  it('names the AWS API field of every resource attribute, and only of attributes that exist', () => {
    for (const kind of RESOURCE_KINDS) {
      const fields = AWS_FIELDS[kind] ?? {};
      const paths = schemaPaths(kind);
      expect(paths.filter((p) => fields[p] === undefined), `${kind}: add the AWS field to test/docs/language-reference/aws-fields.ts`).to.deep.equal([]);
      // A block's label is its name attribute: mapped through the label path (rule.name).
      expect(Object.keys(fields).filter((p) => !paths.includes(p)), `${kind}: aws-fields.ts names attributes that do not exist`).to.deep.equal([]);
    }
    expect(Object.keys(AWS_FIELDS).filter((k) => !RESOURCE_KINDS.includes(k))).to.deep.equal([]);
  });

  it('documents every function with what it returns, and no function that does not exist', () => {
    const names = [...FUNCTIONS.keys()];
    expect(names.filter((n) => !FUNCTION_DOCS[n]), 'add a line to test/docs/language-reference/function-docs.ts').to.deep.equal([]);
    expect(Object.keys(FUNCTION_DOCS).filter((n) => !FUNCTIONS.has(n))).to.deep.equal([]);
    const documented = [...page.matchAll(/^\| `([a-z_]+)\(/gm)].map((m) => m[1]!);
    expect(documented).to.deep.equal(names);
  });

  it('has a Terraform-to-bkp row for every aws_backup_* resource and each of its names, as the diagnostics know them', () => {
    for (const resource of TERRAFORM_RESOURCES) {
      expect(page).to.include(`| \`${resource.type}\` |`);
      for (const name of Object.keys(resource.body)) expect(page).to.include(`| \`${resource.type}.${name}\` |`);
    }
    expect(page).to.include('| `aws_backup_plan.rule.copy_action` | `backup_plan.rule.copy` |');
    expect(page).to.include('| `aws_backup_plan.rule.schedule_expression_timezone` | `backup_plan.rule.timezone` |');
  });

  it('is linked from the README, whose links all stay inside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).to.include('](docs/language.md)');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(targets.filter((t) => /^[a-z]+:/i.test(t) || t.startsWith('/') || t.startsWith('..')), 'links outside the repository').to.deep.equal([]);
    expect(targets.filter((t) => !existsSync(join(ROOT, t.split('#')[0]!))), 'links to missing files').to.deep.equal([]);
    // Plain-text paths that climb out of the repository, such as ../shared/… or a machine path.
    expect(readme).to.not.match(/(^|[\s`(])\.\.\/|\/work\/|\/root\//m);
    expect(dirname(LANGUAGE_MD)).to.equal(join(ROOT, 'docs'));
  });
});
