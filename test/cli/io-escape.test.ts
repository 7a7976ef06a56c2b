// Issue 22, section 7: control characters from the state, the configuration or the account are
// shown escaped on every human output; only the sequences bkp's own views emit reach the terminal.
import { expect } from 'chai';
import { escapeControlCharacters } from '../../src/cli/io-escape.js';
import { renderStateList } from '../../src/render/state-view.js';
import { style } from '../../src/render/style.js';
import { newState } from '../../src/state/model.js';
import { sampleResource } from '../state/helpers.js';

describe('escaping control characters in human output', () => {
  it('escapes C0, DEL and C1 characters and ESC sequences, keeping newlines and tabs', () => {
    const text = 'a\u001b]0;pwned\u0007b\u001b[2J\u007f\u009b31m\r\tend\n';
    expect(escapeControlCharacters(text, { color: false })).to.equal('a\\x1b]0;pwned\\x07b\\x1b[2J\\x7f\\u009b31m\\x0d\tend\n');
  });

  it('keeps the colours of render/style.ts only when colour is on, and no other SGR', () => {
    const s = style(true);
    const styled = `${s.bold('x')} ${s.red('y')}`;
    expect(escapeControlCharacters(styled, { color: true })).to.equal(styled);
    expect(escapeControlCharacters(styled, { color: false })).to.not.include('\u001b');
    expect(escapeControlCharacters('\u001b[8mhidden', { color: true })).to.equal('\\x1b[8mhidden');
  });

  it('keeps a progress redraw only at the start of the text, and a status line\'s carriage return only where asked', () => {
    expect(escapeControlCharacters('\u001b[3A\u001b[0Jtable', { color: false, redrawPrefix: true })).to.equal('\u001b[3A\u001b[0Jtable');
    expect(escapeControlCharacters('row \u001b[3A\u001b[0J', { color: false, redrawPrefix: true })).to.equal('row \\x1b[3A\\x1b[0J');
    expect(escapeControlCharacters('\rRefreshing 1/2\r\u001b[K', { color: false, statusLine: true })).to.equal('\rRefreshing 1/2\r\u001b[K');
  });

  it('lets a CRLF line ending through (a CSV report) but escapes a lone carriage return, which could write over a line', () => {
    expect(escapeControlCharacters('a,b\r\n1,2\r\n', { color: false })).to.equal('a,b\r\n1,2\r\n');
    expect(escapeControlCharacters('safe\rforged\r\n', { color: false })).to.equal('safe\\x0dforged\r\n');
    expect(escapeControlCharacters('end\r', { color: false })).to.equal('end\\x0d');
  });

  it('makes a state list with an ESC sequence in an address printable', () => {
    const state = { ...newState('0.0.0-test'), resources: [{ ...sampleResource('evil'), address: 'backup_vault.evil\u001b[2J\u001b]0;owned\u0007' }] };
    const shown = escapeControlCharacters(renderStateList(state, []), { color: false });
    expect(shown).to.include('backup_vault.evil\\x1b[2J\\x1b]0;owned\\x07');
    expect(shown).to.not.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
