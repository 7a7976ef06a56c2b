import { expect } from 'chai';
import type { Block, Body, Expr, TemplateExpr } from '../../src/config/ast.js';
import type { JsonSchema } from '../../src/config/block-schema.js';
import { parseJsonConfig, type ParseResult } from '../../src/config/syntax/json-parser.js';
import { withoutRanges } from './hcl-test-helpers.js';

/** A small stand-in for schemas/config/, so these tests do not depend on the real schemas' details. */
const FAKE_SCHEMAS: Record<string, JsonSchema> = {
  backup_vault: {
    properties: {
      name: { type: 'string' },
      tags: { type: 'object' },
      notifications: { type: 'object', 'x-bkp': { block: 'single' }, properties: { sns_topic_arn: {}, events: {} } },
    },
  },
  backup_plan: {
    properties: {
      name: { type: 'string' },
      rule: {
        type: 'array',
        'x-bkp': { block: 'list', labels: ['name'] },
        items: {
          properties: {
            name: {},
            target_vault: {},
            lifecycle: { 'x-bkp': { block: 'single' }, properties: { delete_after_days: {} } },
            copy: { type: 'array', 'x-bkp': { block: 'list' }, items: { properties: { destination_vault_arn: {} } } },
          },
        },
      },
    },
  },
  provider_aws: { properties: { region: {} } },
};

function parse(text: string): ParseResult {
  return parseJsonConfig(text, 'main.bkp.json', { schemaFor: (name) => FAKE_SCHEMAS[name] });
}

function body(text: string): Body {
  const result = parse(text);
  expect(result.diagnostics, 'diagnostics').to.deep.equal([]);
  return result.body;
}

/** The expression of the attribute `x` of `locals`. */
function local(json: string): Expr {
  return body(`{"locals": {"x": ${json}}}`).blocks[0]!.body.attributes[0]!.expr;
}

function problems(text: string): string[] {
  return parse(text).diagnostics.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`);
}

function outline(block: Block): unknown {
  return {
    [`${block.type}${block.labels.map((l) => ` "${l.value}"`).join('')}`]: [
      ...block.body.attributes.map((a) => a.name),
      ...block.body.blocks.map(outline),
    ],
  };
}

describe('JSON configuration parser', () => {

  describe('blocks', () => {
    it('reads top-level block types with one object level per label', () => {
      const parsed = body(
        JSON.stringify({
          provider: { aws: { region: 'eu-west-1' } },
          backup_vault: { main: { name: 'a' }, other: { name: 'b' } },
          locals: { days: 35 },
          variable: { env: { default: 'prod' } },
        }),
      );
      expect(parsed.blocks.map(outline)).to.deep.equal([
        { 'provider "aws"': ['region'] },
        { 'backup_vault "main"': ['name'] },
        { 'backup_vault "other"': ['name'] },
        { locals: ['days'] },
        { 'variable "env"': ['default'] },
      ]);
      expect(parsed.attributes).to.deep.equal([]);
    });

    it('reads an array of bodies as repeated blocks (import), and keeps unknown keys as blocks', () => {
      const parsed = body('{"import": [{"to": "a", "id": "1"}, {"to": "b", "id": "2"}], "bogus": {"x": 1}}');
      expect(parsed.blocks.map(outline)).to.deep.equal([{ import: ['to', 'id'] }, { import: ['to', 'id'] }, { bogus: ['x'] }]);
    });

    it('makes a property a nested block when the schema says so: single, list, labelled', () => {
      const parsed = body(
        JSON.stringify({
          backup_vault: { main: { name: 'v', notifications: { sns_topic_arn: 'arn', events: ['A'] }, tags: { team: 'infra' } } },
          backup_plan: {
            daily: {
              name: 'd',
              rule: {
                daily: { target_vault: 'v', lifecycle: { delete_after_days: 35 }, copy: [{ destination_vault_arn: 'x' }, { destination_vault_arn: 'y' }] },
                weekly: { target_vault: 'v', copy: { destination_vault_arn: 'z' } },
              },
            },
          },
        }),
      );
      expect(parsed.blocks.map(outline)).to.deep.equal([
        { 'backup_vault "main"': ['name', 'tags', { notifications: ['sns_topic_arn', 'events'] }] },
        {
          'backup_plan "daily"': [
            'name',
            { 'rule "daily"': ['target_vault', { lifecycle: ['delete_after_days'] }, { copy: ['destination_vault_arn'] }, { copy: ['destination_vault_arn'] }] },
            { 'rule "weekly"': ['target_vault', { copy: ['destination_vault_arn'] }] },
          ],
        },
      ]);
      // tags is an attribute whose value is a map, not a block.
      expect(withoutRanges(parsed.blocks[0]!.body.attributes[1]!.expr)).to.deep.equal({
        kind: 'object',
        items: [{ key: { kind: 'literal', value: 'team' }, value: { kind: 'literal', value: 'infra' } }],
      });
    });

    it('reads lifecycle as a block on every resource, even when the kind schema has no such property', () => {
      const parsed = body('{"backup_vault": {"main": {"name": "v", "lifecycle": {"prevent_destroy": true}}}, "locals": {"lifecycle": {"a": 1}}}');
      expect(parsed.blocks.map(outline)).to.deep.equal([{ 'backup_vault "main"': ['name', { lifecycle: ['prevent_destroy'] }] }, { locals: ['lifecycle'] }]);
    });

    it('ignores "//" comment keys at every level', () => {
      const parsed = body('{"//": "top", "backup_vault": {"//": "x", "main": {"//": "y", "name": "v", "tags": {"//": "z", "a": "1"}}}}');
      expect(parsed.blocks.map(outline)).to.deep.equal([{ 'backup_vault "main"': ['name', 'tags'] }]);
      const tags = parsed.blocks[0]!.body.attributes[1]!.expr as Extract<Expr, { kind: 'object' }>;
      expect(tags.items).to.have.length(1);
    });

    it('reports a block whose value has the wrong shape', () => {
      expect(problems('{"backup_vault": "main"}')).to.deep.equal(["1:18 expected an object keyed by the backup_vault block's label"]);
      expect(problems('{"locals": [1]}')).to.deep.equal(['1:13 expected an object for the locals block']);
    });

    it('uses the real block schemas by default', () => {
      const parsed = parseJsonConfig('{"backup_plan": {"p": {"name": "p", "rule": {"daily": {"target_vault": "v"}}}}}', 'main.bkp.json');
      expect(parsed.diagnostics).to.deep.equal([]);
      expect(parsed.body.blocks.map(outline)).to.deep.equal([{ 'backup_plan "p"': ['name', { 'rule "daily"': ['target_vault'] }] }]);
    });
  });

  describe('values', () => {
    it('maps JSON values to literal, tuple and object expressions', () => {
      expect(withoutRanges(local('[1, 2.5e3, -0.5, true, false, null, "s"]'))).to.deep.equal({
        kind: 'tuple',
        items: [1, 2500, -0.5, true, false, null, 's'].map((value) => ({ kind: 'literal', value })),
      });
      expect(withoutRanges(local('{"a b": {"c": []}}'))).to.deep.equal({
        kind: 'object',
        items: [{ key: { kind: 'literal', value: 'a b' }, value: { kind: 'object', items: [{ key: { kind: 'literal', value: 'c' }, value: { kind: 'tuple', items: [] } }] } }],
      });
    });

    it('decodes JSON escapes and the $${ template escape', () => {
      expect(withoutRanges(local('"tab\\t \\"q\\" \\u00e9 \\/"'))).to.deep.equal({ kind: 'literal', value: 'tab\t "q" é /' });
      expect(withoutRanges(local('"cost $${x} %%{y}"'))).to.deep.equal({ kind: 'literal', value: 'cost ${x} %{y}' });
    });

    it('parses ${…} interpolations in strings into expressions', () => {
      expect(withoutRanges(local('"prod-${var.env}-x"'))).to.deep.equal({
        kind: 'template',
        parts: ['prod-', { kind: 'getattr', object: { kind: 'variable', name: 'var' }, name: 'env' }, '-x'],
      });
      expect(withoutRanges(local('"${upper(lookup(m, \\"k\\"))}\\n"'))).to.deep.equal({
        kind: 'template',
        parts: [
          {
            kind: 'call',
            name: 'upper',
            args: [{ kind: 'call', name: 'lookup', args: [{ kind: 'variable', name: 'm' }, { kind: 'literal', value: 'k' }], expandFinal: false }],
            expandFinal: false,
          },
          '\n',
        ],
      });
    });

    it('gives the expression itself for a string that is exactly one interpolation', () => {
      expect(withoutRanges(local('"${backup_vault.main}"'))).to.deep.equal({
        kind: 'getattr',
        object: { kind: 'variable', name: 'backup_vault' },
        name: 'main',
      });
      expect(withoutRanges(local('"${1 + 2}"'))).to.deep.equal({
        kind: 'binary',
        op: '+',
        left: { kind: 'literal', value: 1 },
        right: { kind: 'literal', value: 2 },
      });
    });

    it('keeps literal text that looks like a heredoc marker', () => {
      expect(withoutRanges(local('"a\\nBKP_TEMPLATE_END\\n${x}"'))).to.deep.equal({
        kind: 'template',
        parts: ['a\nBKP_TEMPLATE_END\n', { kind: 'variable', name: 'x' }],
      });
    });
  });

  describe('positions', () => {
    it('gives blocks, labels, attributes and values their place in the JSON file', () => {
      const text = '{\n  "backup_vault": {\n    "main": {\n      "name": "prod-${var.env}"\n    }\n  }\n}\n';
      const block = parse(text).body.blocks[0]!;
      expect(block.typeRange.start).to.deep.equal({ line: 2, column: 3, offset: 4 });
      expect(block.labels[0]!.range.start).to.deep.equal({ line: 3, column: 5, offset: 26 });
      const attribute = block.body.attributes[0]!;
      expect(attribute.nameRange.start).to.deep.equal({ line: 4, column: 7, offset: 42 });
      expect(attribute.expr.range.start).to.deep.equal({ line: 4, column: 15, offset: 50 });
      const reference = (attribute.expr as TemplateExpr).parts[1] as Expr;
      expect(reference.range).to.deep.include({ start: { line: 4, column: 23, offset: 58 }, end: { line: 4, column: 30, offset: 65 } });
    });

    it('maps positions inside interpolations past JSON escapes', () => {
      const expr = local('"\\"q\\" ${a.b}"') as TemplateExpr;
      // {"locals": {"x": "\"q\" ${a.b}"}}: the reference starts after two escaped quotes.
      expect((expr.parts[1] as Expr).range.start).to.deep.equal({ line: 1, column: 27, offset: 26 });
    });
  });

  describe('errors', () => {
    it('reports JSON syntax errors with their position', () => {
      expect(problems('{"locals": {"a": 1,}}')).to.deep.equal(['1:19 trailing comma']);
      expect(problems('{"locals": {"a": [1, 2,]}}')).to.deep.equal(['1:23 trailing comma']);
      expect(problems('{"locals": {"a": 1 "b": 2}}')).to.deep.equal(["1:20 expected ',' or '}' after property"]);
      expect(problems('{"locals": {"a": 1 2}}')).to.deep.equal(["1:20 expected ',' or '}' after property"]);
      expect(problems('{"locals": {"a": [1 2]}}')).to.deep.equal(["1:21 expected ',' or ']' after item"]);
      expect(problems('{"locals": {"a" 1}}')).to.deep.equal(["1:17 expected ':' after the property name"]);
      expect(problems('{"locals": {a: 1}}')).to.deep.equal(['1:13 expected a property name in double quotes']);
      expect(problems('{"locals": {"a": \'x\'}}')).to.deep.equal(["1:18 expected a value, found ' (JSON strings use double quotes)"]);
      expect(problems('{"locals": {"a": "x\n"}}')).to.deep.equal(['1:18 unclosed string']);
      expect(problems('{"locals": {"a": "\\q"}}')).to.deep.equal(["1:19 invalid escape sequence '\\q'"]);
      expect(problems('{"locals": {"a": 1}')).to.deep.equal(["1:20 expected ',' or '}' after property"]);
      expect(problems('{"a": 1} x')).to.deep.equal(['1:10 unexpected text after the JSON document']);
      expect(problems('// c\n{}')).to.deep.equal(['1:1 comments are not allowed in JSON']);
      expect(problems('')).to.deep.equal(['1:1 empty JSON configuration file']);
      expect(problems('[1]')).to.deep.equal(['1:1 expected a JSON object at the top of the file']);
      expect(problems('{"locals": {"a": -1e400}}')).to.deep.equal(['1:18 number -1e400 is out of range']);
    });

    it('keeps reading after a missing comma or a trailing comma', () => {
      const result = parse('{"locals": {"a": 1 "b": 2,}, "backup_vault": {"v": {"name": "n"}}}');
      expect(result.diagnostics.map((d) => d.summary)).to.deep.equal(["expected ',' or '}' after property", 'trailing comma']);
      expect(result.body.blocks.map(outline)).to.deep.equal([{ locals: ['a', 'b'] }, { 'backup_vault "v"': ['name'] }]);
    });

    it('reports errors inside interpolations at their place in the JSON file', () => {
      expect(problems('{"locals": {"a": "x-${var.}"}}')).to.have.length(1);
      expect(parse('{"locals": {"a": "%{if x}y%{endif}"}}').diagnostics).to.deep.equal([]);
      const [directive] = parse('{"locals": {"a": "%{if x}y%{endiff}"}}').diagnostics;
      expect(directive!.summary).to.equal('unknown template directive "endiff"');
      expect(directive!.range!.start).to.deep.include({ line: 1, column: 29 });
      const [unclosed] = parse('{"locals": {\n  "a": "x-${var.y"\n}}').diagnostics;
      expect(unclosed!.range!.start.line).to.equal(2);
    });

    it('never throws, whatever the input', () => {
      const document = JSON.stringify({ backup_plan: { p: { name: 'x-${var.a}', rule: { r: { target_vault: '${v.x}', copy: [{ a: [1, { b: null }] }] } } } } });
      for (let cut = 0; cut <= document.length; cut++) {
        const result = parse(document.slice(0, cut));
        for (const d of result.diagnostics) expect(d.range!.end.offset).to.be.at.most(cut);
      }
      let seed = 7;
      for (let k = 0; k < 300; k++) {
        const chars = document.split('');
        seed = (seed * 1103515245 + 12345) % 2147483648;
        chars.splice(seed % chars.length, 1, '{}[]",:\\$x '[seed % 11]!);
        parse(chars.join(''));
      }
      expect(problems(`{"locals": {"a": ${'['.repeat(1000)}${']'.repeat(1000)}}}`)).to.deep.equal(['1:216 JSON nested too deeply']);
    });
  });
});
