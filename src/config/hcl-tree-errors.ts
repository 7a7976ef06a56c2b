// Syntax errors that survive the lexer's and structure checker's repairs show up in the tree-sitter
// tree as ERROR nodes (text the grammar could not place) and MISSING nodes (a token it assumed).
// Each becomes one diagnostic, unless its line already has an error: one mistake, one message.
import type { NodeId, SyntaxTree } from './hcl-syntax-tree.js';
import type { SyntaxErrors } from './hcl-text.js';

const MISSING_MESSAGES: Record<string, [summary: string, detail: string]> = {
  '}': ["missing '}'", "Add '}' to close the block or map."],
  block_end: ["missing '}'", "Add '}' to close the block."],
  object_end: ["missing '}'", "Add '}' to close the map."],
  ']': ["missing ']'", "Add ']' to close the list."],
  tuple_end: ["missing ']'", "Add ']' to close the list."],
  ')': ["missing ')'", "Add ')' to close the parenthesis or the function call."],
  quoted_template_end: ['unclosed string', 'Add the closing \'"\'.'],
  template_interpolation_end: ["missing '}' after the interpolation", 'An interpolation is written "${expression}".'],
  template_directive_end: ["missing '}' after the template directive", 'A directive is written "%{…}".'],
  heredoc_identifier: ['unclosed heredoc', 'End the heredoc with a line that contains only its marker.'],
  identifier: ['expected a name', 'A name starts with a letter or an underscore.'],
  '=': ["missing '='", 'An attribute is written `name = value`.'],
  ':': ["expected ':'", "A conditional is written `condition ? a : b`; a for expression `[for x in list : x]`."],
  '=>': ["expected '=>'", 'An object for expression is written `{for k, v in map : k => v}`.'],
  in: ["expected 'in'", 'A for expression is written `[for x in list : x]`.'],
};

export function reportTreeErrors(tree: SyntaxTree, root: NodeId, errors: SyntaxErrors, toReference: (offset: number) => number): void {
  if (!tree.hasError(root)) return;
  // Iterative walk: error trees of garbage input can be very deep.
  const pending: NodeId[] = [root];
  while (pending.length > 0 && !errors.full) {
    const node = pending.pop()!;
    if (tree.isMissing(node)) {
      reportMissing(tree, node, errors, toReference);
    } else if (tree.type(node) === 'ERROR') {
      reportError(tree, node, errors, toReference);
    } else {
      const children = tree.children(node);
      for (let k = children.length - 1; k >= 0; k--) {
        if (tree.hasError(children[k]!)) pending.push(children[k]!);
      }
    }
  }
}

function reportMissing(tree: SyntaxTree, node: NodeId, errors: SyntaxErrors, toReference: (offset: number) => number): void {
  const at = toReference(tree.start(node));
  if (errors.isLineFlagged(at)) return;
  const type = tree.type(node);
  const [summary, detail] = MISSING_MESSAGES[type] ?? [`expected '${type}'`, 'The text here is incomplete.'];
  errors.report(at, at, summary, detail);
}

function reportError(tree: SyntaxTree, node: NodeId, errors: SyntaxErrors, toReference: (offset: number) => number): void {
  const start = toReference(tree.start(node));
  const end = Math.max(start, toReference(tree.end(node)));
  if (errors.isLineFlagged(start)) return;
  const text = errors.mapper.text;
  const at = skipBlanks(text, start, end);
  const token = firstToken(text, at);
  if (token === '') {
    errors.report(at, at, 'unexpected end of the expression', 'Something is missing here: a value, an operator or a closing bracket.');
    return;
  }
  const parentType = tree.type(tree.parent(node));
  const inBody = parentType === 'body' || parentType === 'config_file';
  errors.report(
    at,
    at + token.length,
    `unexpected ${token.startsWith('"') ? 'string' : `'${token}'`}`,
    inBody
      ? 'Expected an attribute (`name = value`) or a block (`type "label" { … }`).'
      : 'This does not fit here: check for a missing operator, comma or bracket before it.',
  );
}

function skipBlanks(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && /\s/.test(text[at]!)) at++;
  return at;
}

/** The first token at `at`, as the user would name it. */
function firstToken(text: string, at: number): string {
  const match = /^(?:[\p{L}\p{N}_-]+|"[^"\n]*"?|\.\.\.|[=!<>]=|&&|\|\||=>|\S)/u.exec(text.slice(at, at + 80));
  return match ? match[0].slice(0, 40) : '';
}
