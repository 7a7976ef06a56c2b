import { expect } from 'chai';
import type { SourceRange } from '../../src/core/diagnostics.js';
import type { Expr } from '../../src/config/ast.js';
import {
  ANY_TYPE,
  BOOL_TYPE,
  convertValue,
  listOf,
  mapOf,
  NUMBER_TYPE,
  STRING_TYPE,
  toSetOrder,
  typeFromExpr,
  typeFromString,
  typeToString,
} from '../../src/config/type-constraint.js';
import { UNKNOWN } from '../../src/core/values.js';

const R: SourceRange = { file: 'x.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const word = (name: string): Expr => ({ kind: 'variable', name, range: R });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, nameRange: R, args, expandFinal: false, range: R });

describe('config/type-constraint', () => {
  describe('typeFromExpr', () => {
    it('reads primitive, any and collection types', () => {
      const read = (e: Expr): string => {
        const r = typeFromExpr(e);
        if (!r.ok) throw new Error(r.message);
        return typeToString(r.type);
      };
      expect(read(word('string'))).to.equal('string');
      expect(read(word('any'))).to.equal('any');
      expect(read(call('list', word('string')))).to.equal('list(string)');
      expect(read(call('map', call('set', word('number'))))).to.equal('map(set(number))');
      expect(read(word('map'))).to.equal('map(any)');
    });

    it('rejects malformed object types and unknown names with a fix', () => {
      const object = typeFromExpr(call('object', word('x')));
      expect(object.ok).to.equal(false);
      expect(!object.ok && object.message).to.contain('object({ name = string, days = optional(number, 35) })');
      const unknown = typeFromExpr(word('strng'));
      expect(!unknown.ok && unknown.message).to.contain('"strng" is not a type');
      const literal = typeFromExpr({ kind: 'literal', value: 5, range: R });
      expect(!literal.ok && literal.message).to.contain('not a value');
      const twoArgs = typeFromExpr(call('list', word('string'), word('number')));
      expect(!twoArgs.ok && twoArgs.message).to.contain('exactly one element type');
    });
  });

  describe('typeFromString', () => {
    it('reads types written as strings (JSON configurations)', () => {
      const r = typeFromString('list( map(string) )');
      expect(r.ok && typeToString(r.type)).to.equal('list(map(string))');
    });

    it('reports malformed type strings', () => {
      expect(typeFromString('list(string').ok).to.equal(false);
      expect(typeFromString('object({a=string})').ok).to.equal(false);
      expect(typeFromString('string x').ok).to.equal(false);
    });
  });

  describe('convertValue', () => {
    it('converts between primitives as the language does', () => {
      expect(convertValue('5', NUMBER_TYPE)).to.deep.equal({ ok: true, value: 5 });
      expect(convertValue('-1.5e2', NUMBER_TYPE)).to.deep.equal({ ok: true, value: -150 });
      // As cty's conversion: spaces around a number make it no number.
      expect(convertValue(' -1.5e2 ', NUMBER_TYPE).ok).to.equal(false);
      expect(convertValue(5, STRING_TYPE)).to.deep.equal({ ok: true, value: '5' });
      expect(convertValue('true', BOOL_TYPE)).to.deep.equal({ ok: true, value: true });
    });

    it('explains what is wrong', () => {
      const r = convertValue('abc', NUMBER_TYPE);
      expect(r.ok).to.equal(false);
      expect(!r.ok && r.message).to.equal('a number is required, but "abc" is not a number');
      const huge = convertValue('1e400', NUMBER_TYPE);
      expect(!huge.ok && huge.message).to.equal('"1e400" is out of range: bkp holds numbers from about -1.8e308 to 1.8e308');
      const nested = convertValue({ a: ['x', [1]] }, mapOf(listOf(STRING_TYPE)));
      expect(!nested.ok && nested.message).to.equal('element "a": element 1: a string is required, but this is a list');
      expect(convertValue('yes', BOOL_TYPE).ok).to.equal(false);
      expect(convertValue([1], mapOf(ANY_TYPE)).ok).to.equal(false);
    });

    it('lets null and unknown through', () => {
      expect(convertValue(null, NUMBER_TYPE)).to.deep.equal({ ok: true, value: null });
      expect(convertValue(UNKNOWN, listOf(STRING_TYPE))).to.deep.equal({ ok: true, value: UNKNOWN });
    });

    it('makes sets unique and ordered', () => {
      expect(convertValue(['b', 'a', 'b'], { kind: 'set', element: STRING_TYPE })).to.deep.equal({ ok: true, value: ['a', 'b'] });
      expect(toSetOrder([3, 1, 2, 1])).to.deep.equal([1, 2, 3]);
    });
  });
});
