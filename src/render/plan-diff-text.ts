// Draws a diff tree (plan-diff.ts) the way Terraform draws a resource body:
//
//       ~ name = "a" -> "b" # forces replacement
//       + tags = {
//           + "team" = "infra"
//         }
//         # (2 unchanged attributes hidden)
//
//       ~ rule "daily" {
//           ~ lifecycle { … }
//         }
//
// Every line starts with four spaces per nesting level and a four-character action column
// ("  + ", "  ~ ", "  - " or blanks), so values line up whatever their action.
import type { Value } from '../core/values.js';
import type { Style } from './style.js';
import type { BlockNode, DiffAction, DiffNode, JsonLine, ListNode, MapNode } from './plan-diff.js';
import { formatInline, plural, quoteString, SENSITIVE_TEXT } from './value-format.js';

/** Unchanged lines kept around each change in a JSON document. */
const JSON_CONTEXT_LINES = 3;
/** Shorter runs of unchanged lines stay visible: folding them would hide structure for little gain. */
const JSON_MIN_FOLDED_LINES = 8;

function indentation(level: number): string {
  return '    '.repeat(level);
}

export function actionColumn(action: DiffAction, s: Style): string {
  switch (action) {
    case 'create':
      return `  ${s.green('+')} `;
    case 'delete':
      return `  ${s.red('-')} `;
    case 'update':
      return `  ${s.yellow('~')} `;
    case 'no-op':
      return '    ';
  }
}

function forcesSuffix(node: { forcesReplacement: boolean }, s: Style): string {
  return node.forcesReplacement ? ` ${s.red('# forces replacement')}` : '';
}

function hiddenLine(level: number, count: number, noun: string, s: Style): string {
  return `${indentation(level)}    ${s.dim(`# (${plural(count, `unchanged ${noun}`)} hidden)`)}`;
}

/**
 * A block body from its opening brace to its closing brace; `level` is the nesting level of the
 * line that opens it (0 for the resource itself).
 */
export function renderBlockBody(node: BlockNode, level: number, s: Style): string {
  if (node.attributes.length === 0 && node.blocks.length === 0) return `{}${forcesSuffix(node, s)}`;
  const lines = [`{${forcesSuffix(node, s)}`];
  const width = Math.max(0, ...node.attributes.map((a) => a.name.length));
  let hiddenAttributes = 0;
  for (const attribute of node.attributes) {
    if (attribute.node.action === 'no-op') {
      hiddenAttributes++;
      continue;
    }
    const value = renderValue(attribute.node, level + 1, s, false);
    lines.push(`${indentation(level + 1)}${actionColumn(attribute.node.action, s)}${attribute.name.padEnd(width)} = ${value}`);
  }
  if (hiddenAttributes > 0) lines.push(hiddenLine(level + 1, hiddenAttributes, 'attribute', s));

  let hiddenBlocks = 0;
  let previousName: string | undefined;
  let shownInGroup = false;
  for (const block of node.blocks) {
    if (block.name !== previousName) {
      previousName = block.name;
      shownInGroup = false;
    }
    if (block.node.action === 'no-op') {
      hiddenBlocks++;
      continue;
    }
    // Terraform separates attributes from each kind of nested block with one empty line.
    if (!shownInGroup && node.attributes.length > 0) lines.push('');
    shownInGroup = true;
    const header = block.label === undefined ? block.name : `${block.name} ${block.label}`;
    lines.push(`${indentation(level + 1)}${actionColumn(block.node.action, s)}${header} ${renderBlockBody(block.node, level + 1, s)}`);
  }
  if (hiddenBlocks > 0) lines.push('', hiddenLine(level + 1, hiddenBlocks, 'block', s));
  lines.push(`${indentation(level)}    }`);
  return lines.join('\n');
}

/**
 * The text after `name = `. Elements of a deleted map or list print without their own
 * `-> null`: the closing bracket carries it once.
 */
function renderValue(node: DiffNode, level: number, s: Style, insideDeleted: boolean): string {
  const nullSuffix = node.action === 'delete' && !insideDeleted ? ' -> null' : '';
  switch (node.type) {
    case 'sensitive':
      return `${SENSITIVE_TEXT}${nullSuffix}${forcesSuffix(node, s)}`;
    case 'primitive':
      return `${primitiveText(node.action, node.before, node.after)}${nullSuffix}${forcesSuffix(node, s)}`;
    case 'map':
      return renderMap(node, level, s, nullSuffix);
    case 'list':
      return renderList(node, level, s, nullSuffix);
    case 'json':
      return renderJson(node.lines, node, level, s, nullSuffix);
  }
}

function primitiveText(action: DiffAction, before: Value | undefined, after: Value | undefined): string {
  switch (action) {
    case 'create':
      return formatInline(after);
    case 'delete':
      return formatInline(before);
    case 'update':
      return `${formatInline(before)} -> ${formatInline(after)}`;
    case 'no-op':
      return formatInline(after ?? before);
  }
}

function renderMap(node: MapNode, level: number, s: Style, nullSuffix: string): string {
  if (node.elements.length === 0) return `{}${nullSuffix}${forcesSuffix(node, s)}`;
  const lines = [`{${forcesSuffix(node, s)}`];
  const width = Math.max(...node.elements.map((e) => quoteString(e.key).length));
  let hidden = 0;
  for (const element of node.elements) {
    if (element.node.action === 'no-op') {
      hidden++;
      continue;
    }
    const value = renderValue(element.node, level + 1, s, node.action === 'delete');
    lines.push(`${indentation(level + 1)}${actionColumn(element.node.action, s)}${quoteString(element.key).padEnd(width)} = ${value}`);
  }
  if (hidden > 0) lines.push(hiddenLine(level + 1, hidden, 'element', s));
  lines.push(`${indentation(level)}    }${nullSuffix}`);
  return lines.join('\n');
}

function renderList(node: ListNode, level: number, s: Style, nullSuffix: string): string {
  if (node.elements.length === 0) return `[]${nullSuffix}${forcesSuffix(node, s)}`;
  const lines = [`[${forcesSuffix(node, s)}`];
  let hidden = 0;
  for (const element of node.elements) {
    if (element.action === 'no-op') {
      hidden++;
      continue;
    }
    const value = renderValue(element, level + 1, s, node.action === 'delete');
    lines.push(`${indentation(level + 1)}${actionColumn(element.action, s)}${value},`);
  }
  if (hidden > 0) lines.push(hiddenLine(level + 1, hidden, 'element', s));
  lines.push(`${indentation(level)}    ]${nullSuffix}`);
  return lines.join('\n');
}

/** A JSON document as `jsonencode(` + its pretty-printed lines with their own actions + `)`. */
function renderJson(jsonLines: JsonLine[], node: DiffNode, level: number, s: Style, nullSuffix: string): string {
  const lines = [`jsonencode(${forcesSuffix(node, s)}`];
  const visible = visibleLines(jsonLines);
  let hidden = 0;
  jsonLines.forEach((line, i) => {
    if (!visible[i]) {
      hidden++;
      return;
    }
    if (hidden > 0) lines.push(hiddenLine(level + 1, hidden, 'line', s));
    hidden = 0;
    lines.push(`${indentation(level + 1)}${actionColumn(line.action, s)}${line.text}`);
  });
  if (hidden > 0) lines.push(hiddenLine(level + 1, hidden, 'line', s));
  lines.push(`${indentation(level)}    )${nullSuffix}`);
  return lines.join('\n');
}

/** Changed lines and a few lines of context around them; long unchanged runs fold away. */
function visibleLines(lines: JsonLine[]): boolean[] {
  const visible = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.action === 'no-op') return;
    for (let j = Math.max(0, i - JSON_CONTEXT_LINES); j <= Math.min(lines.length - 1, i + JSON_CONTEXT_LINES); j++) visible[j] = true;
  });
  let runStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !visible[i]) continue;
    if (i - runStart < JSON_MIN_FOLDED_LINES) for (let j = runStart; j < i; j++) visible[j] = true;
    runStart = i + 1;
  }
  return visible;
}
