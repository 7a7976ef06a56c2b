// Configuration files are UTF-8. A byte sequence that is not valid UTF-8 is an error at its
// position, as in Terraform, rather than a silent U+FFFD that would end up in a name or a tag.
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../../core/diagnostics.js';
import { LineIndex } from './source.js';

export interface DecodedText {
  text: string;
  diagnostics: Diagnostic[];
}

const BOM = 0xfeff;

/** The text of a configuration file (without a byte order mark), and an error for invalid UTF-8. */
export function decodeConfigText(bytes: Uint8Array, file: string): DecodedText {
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const skip = decoded.charCodeAt(0) === BOM ? 1 : 0;
  const text = skip === 1 ? decoded.slice(1) : decoded;
  if (isUtf8(bytes)) return { text, diagnostics: [] };
  const bad = firstInvalidByte(bytes);
  // Everything before the first bad byte is valid, so its decoded length is the text offset.
  const offset = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).length - skip;
  const start = new LineIndex(text).position(Math.max(0, offset));
  const end = { ...start, column: start.column + 1, offset: start.offset + 1 };
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    text,
    diagnostics: [
      {
        severity: 'error',
        summary: 'Invalid UTF-8',
        detail: `The file contains the byte 0x${byte}, which does not start a valid UTF-8 character here. Configuration files must be UTF-8: re-save the file as UTF-8 in your editor (or convert it with iconv).`,
        range: { file, start, end },
      },
    ],
  };
}

/** Index of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629), or the length. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) continuation = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      continuation = 2;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      continuation = 3;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= continuation; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += continuation + 1;
  }
  return i;
}
