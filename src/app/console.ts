// The work behind `bkp console`: evaluates expressions typed one per line against the
// configuration and the state, as `terraform console` does. Each line is evaluated as the value of
// an output block added to the configuration, so it sees exactly what an output sees: variables,
// locals, resources (computed attributes such as an ARN from the state, else unknown), `each`-free
// expressions and every function, with the same diagnostics.
import type { Diagnostic, SourcePos, SourceRange } from '../core/diagnostics.js';
import type { Block, ConfigFile } from '../config/ast.js';
import { evaluateConfig } from '../config/evaluate.js';
import type { Config } from '../config/model.js';
import { parseHcl } from '../config/syntax/hcl-parser.js';
import type { Value } from '../core/values.js';
import { knownFromState, type KnownAttributes } from '../engine/workflow.js';
import { loadValidConfig } from './configuration.js';
import { configInputs, type CommandContext } from './context.js';
import { notify, warnAbout } from './io-host.js';
import type { StateFlags, VarFlags } from './options.js';
import { readCurrentState } from './state.js';

/** The file name diagnostics give a console line. */
export const CONSOLE_FILE = '<console>';
/** The output the line becomes; a configuration that declares one of this name shadows nothing: it is replaced. */
const CONSOLE_OUTPUT = 'bkp_console_expression';
/** What the line is parsed behind, so that it is parsed as an expression; columns are shifted back by its length. */
const PREFIX = 'value = ';

export type ConsoleResult =
  | { ok: true; value: Value; sensitive: boolean }
  | { ok: false; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> };

/** A configuration and state to evaluate lines against; each line is independent of the others. */
export class ConsoleSession {
  constructor(
    private readonly config: Config,
    private readonly inputs: ReturnType<typeof configInputs>,
    private readonly known: KnownAttributes,
  ) {}

  evaluate(line: string): ConsoleResult {
    const sources = new Map([[CONSOLE_FILE, line]]);
    const parsed = parseHcl(`${PREFIX}${line}\n`, CONSOLE_FILE);
    const attribute = parsed.body.attributes[0];
    const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (parseErrors.length > 0 || !attribute || parsed.body.attributes.length !== 1 || parsed.body.blocks.length > 0) {
      const diagnostics = parseErrors.length > 0 ? parseErrors : [{ severity: 'error' as const, summary: 'Invalid expression', detail: 'Type one expression per line, such as var.env or backup_vault.main.arn.' }];
      return { ok: false, diagnostics: diagnostics.map(unshift), sources };
    }
    const block: Block = {
      type: 'output',
      typeRange: attribute.nameRange,
      labels: [{ value: CONSOLE_OUTPUT, range: attribute.nameRange }],
      // `sensitive = true` lets a value from a sensitive variable through; the view hides it.
      body: { attributes: [attribute, { ...attribute, name: 'sensitive', expr: { kind: 'literal', value: true, range: attribute.nameRange } }], blocks: [], range: attribute.range },
      range: attribute.range,
    };
    const consoleFile: ConfigFile = { path: CONSOLE_FILE, text: `${PREFIX}${line}`, body: { attributes: [], blocks: [block], range: attribute.range } };
    const files = this.config.files.map((file) => ({ ...file, body: { ...file.body, blocks: file.body.blocks.filter((b) => !(b.type === 'output' && b.labels[0]?.value === CONSOLE_OUTPUT)) } }));
    const { config, diagnostics } = evaluateConfig([...files, consoleFile], { ...this.inputs, missingAsUnknown: true, knownAttributes: this.known });
    const errors = diagnostics.filter((d) => d.severity === 'error' && d.range?.file === CONSOLE_FILE).map(unshift);
    const output = config.outputs.find((o) => o.name === CONSOLE_OUTPUT);
    if (errors.length > 0 || !output) {
      return { ok: false, diagnostics: errors.length > 0 ? errors : [{ severity: 'error', summary: 'Cannot evaluate the expression', detail: 'The configuration could not be evaluated around it.' }], sources };
    }
    return { ok: true, value: output.value, sensitive: output.fromSensitiveVariable };
  }
}

/** Positions in the line as typed (the parsed text had PREFIX before it), without the synthetic output's name as context. */
function unshift(diagnostic: Diagnostic): Diagnostic {
  const { context: _context, range, ...rest } = diagnostic;
  if (!range || range.file !== CONSOLE_FILE) return rest;
  const back = (pos: SourcePos): SourcePos => ({ line: pos.line, column: Math.max(1, pos.column - PREFIX.length), offset: Math.max(0, pos.offset - PREFIX.length) });
  const shifted: SourceRange = { file: range.file, start: back(range.start), end: back(range.end) };
  return { ...rest, range: shifted };
}

export interface ConsoleFlags extends VarFlags, StateFlags {}

/** Loads the configuration (it must be valid) and the state, read without the lock. */
export async function openConsole(ctx: CommandContext, flags: ConsoleFlags): Promise<ConsoleSession> {
  const inputs = configInputs(ctx, flags);
  const { config, warnings, sources } = await loadValidConfig({ ...inputs, missingAsUnknown: true });
  if (warnings.length > 0) await warnAbout(ctx.host, warnings, sources);
  const state = await readCurrentState(ctx, flags);
  return new ConsoleSession(config, inputs, knownFromState(state));
}

/**
 * Evaluates each line and shows its value or its diagnostics; `exit` ends as end of input does.
 * Without a terminal, exit status 1 when any line failed, as a script piping expressions in needs
 * to know; a person at a terminal saw each error where it happened.
 */
export async function runConsole(ctx: CommandContext, flags: ConsoleFlags, lines: AsyncIterable<string>, options: { interactive: boolean }): Promise<number> {
  const session = await openConsole(ctx, flags);
  let failed = 0;
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    if (line === 'exit') break;
    const result = session.evaluate(line);
    if (result.ok) await notify(ctx.host, 'BKP_R_CONSOLE_VALUE', 'result', 'The value of the expression.', { value: result.value, sensitive: result.sensitive });
    else {
      failed++;
      await notify(ctx.host, 'BKP_E_CONSOLE_DIAGNOSTICS', 'error', 'The expression could not be evaluated.', { diagnostics: result.diagnostics, sources: result.sources });
    }
  }
  return failed > 0 && !options.interactive ? 1 : 0;
}
