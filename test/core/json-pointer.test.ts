import { expect } from 'chai';
import { childPointer, escapePointerSegment, pointerSegments } from '../../src/core/json-pointer.js';

describe('core/json-pointer', () => {
  it('escapes ~ and / in a segment as RFC 6901 requires, and leaves other text as it is', () => {
    expect(escapePointerSegment('a/b~c')).to.equal('a~1b~0c');
    expect(escapePointerSegment('~1')).to.equal('~01');
    expect(escapePointerSegment('aws:ResourceTag/env')).to.equal('aws:ResourceTag~1env');
    expect(escapePointerSegment('plain')).to.equal('plain');
    expect(escapePointerSegment(3)).to.equal('3');
  });

  it('childPointer appends one escaped segment, the same for a list index given as a number or a string', () => {
    expect(childPointer('', 'rule')).to.equal('/rule');
    expect(childPointer('/rule', 0)).to.equal('/rule/0');
    expect(childPointer('/rule', '0')).to.equal('/rule/0');
    expect(childPointer('/tags', 'a/b')).to.equal('/tags/a~1b');
    // Asked again, under the same and under another parent.
    expect(childPointer('/tags', 'a/b')).to.equal('/tags/a~1b');
    expect(childPointer('/labels', 'a/b')).to.equal('/labels/a~1b');
  });

  it('childPointer stays right past the bound of what it remembers', () => {
    const wrong: number[] = [];
    for (let i = 0; i < 100_050; i++) if (childPointer(`/p${i % 7}`, i) !== `/p${i % 7}/${i}`) wrong.push(i);
    expect(wrong).to.deep.equal([]);
    expect(childPointer('/tags', 'x~y')).to.equal('/tags/x~0y');
  });

  it('pointerSegments reads the segments back unescaped', () => {
    expect(pointerSegments('')).to.deep.equal([]);
    expect(pointerSegments('/tags/a~1b~0c/0')).to.deep.equal(['tags', 'a/b~c', '0']);
    expect(pointerSegments(childPointer(childPointer('', 'x/y'), '~'))).to.deep.equal(['x/y', '~']);
  });
});
