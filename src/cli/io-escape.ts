// Every human output passes through here on its way to the terminal (processIo): values from the
// state, the configuration or the account may hold control characters, and a terminal obeys them
// (an ESC sequence can rewrite the title, hide lines, move the cursor over what was printed). Such
// characters are shown escaped instead (\x1b, \u009b, \x07…); only the few sequences bkp's own
// views emit pass: newlines and tabs, the colours of render/style.ts when colour is on, and the
// cursor moves of progress redraws on a terminal, where the view puts them.

/** What a writer lets through besides printable text, newlines and tabs. */
export interface EscapeOptions {
  /** The SGR sequences of render/style.ts (bold, dim, underline, the colours, their resets). */
  color: boolean;
  /** A redraw prefix "ESC[nA ESC[0J" at the very start of the text (job progress on a terminal). */
  redrawPrefix?: boolean;
  /** Carriage returns and "ESC[K" (the refresh counter's status line on a terminal). */
  statusLine?: boolean;
}

const STYLE_SGR = /^\u001b\[(?:1|2|4|22|24|31|32|33|36|39)m$/;
const REDRAW_PREFIX = /^\u001b\[\d+A\u001b\[0J/;
/**
 * A CSI sequence (to judge as a whole), or one control character: C0 but \t and \n, DEL, C1. A
 * carriage return followed by a newline is a line ending (a CSV report's, say), which a terminal
 * cannot misuse; a lone one could write over what was printed, and is escaped.
 */
const CONTROL = /\u001b\[[0-9;]*[A-Za-z]|\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function escapeControlCharacters(text: string, options: EscapeOptions): string {
  let prefix = '';
  let rest = text;
  if (options.redrawPrefix) {
    const redraw = REDRAW_PREFIX.exec(rest);
    if (redraw !== null) {
      prefix = redraw[0];
      rest = rest.slice(prefix.length);
    }
  }
  return (
    prefix +
    rest.replace(CONTROL, (match) => {
      if (match.length > 1) {
        if (options.color && STYLE_SGR.test(match)) return match;
        if (options.statusLine && match === '\u001b[K') return match;
        // Only the ESC is a control character; the rest of the sequence prints as it is.
        return `\\x1b${match.slice(1)}`;
      }
      if (options.statusLine && match === '\r') return match;
      return escapeOne(match);
    })
  );
}

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0x80 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}
