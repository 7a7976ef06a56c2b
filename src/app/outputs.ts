// Output values: evaluated after apply with what the state knows by then, stored in the state, and
// read back by `bkp output [NAME] [-json] [-raw]`.
import type { OutputConfig } from '../config/model.js';
import { containsUnknown } from '../core/values.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { knownFromState } from '../engine/workflow.js';
import { withOutputs, type JsonValue, type StateOutput } from '../state/model.js';
import type { CommandContext } from './context.js';
import type { EngineSession } from './engine-session.js';
import { notify } from './io-host.js';
import type { StateFlags } from './options.js';
import { readCurrentState } from './state.js';

/** What the state records of evaluated outputs: values still unknown (a create that failed) are left out. */
export function stateOutputsOf(outputs: readonly OutputConfig[]): Record<string, StateOutput> {
  const recorded: Record<string, StateOutput> = {};
  for (const output of outputs) {
    if (output.fromSensitiveVariable) recorded[output.name] = { sensitive: true, withheld: true };
    else if (!containsUnknown(output.value)) recorded[output.name] = { value: output.value as JsonValue, sensitive: output.sensitive };
  }
  return recorded;
}

/**
 * After an apply: evaluates the outputs with the attributes the state now holds and stores them.
 * A destroy leaves none. Returns what was recorded (undefined when the configuration has no
 * outputs and the state had none), for the caller to print after its summary.
 */
export async function recordOutputs(run: EngineSession, destroyed: boolean): Promise<Record<string, StateOutput> | undefined> {
  const current = run.state.current();
  if (run.config.outputs.length === 0 && current.outputs === undefined) return undefined;
  const outputs = destroyed ? {} : stateOutputsOf(run.evaluateOutputs(knownFromState(current)));
  await run.state.persist(withOutputs(current, outputs));
  return outputs;
}

/** The "Outputs:" block after a human apply. */
export async function showRecordedOutputs(ctx: CommandContext, outputs: Record<string, StateOutput> | undefined): Promise<void> {
  if (outputs !== undefined && Object.keys(outputs).length > 0) await notify(ctx.host, 'BKP_R_OUTPUTS', 'result', 'Outputs recorded.', { outputs, view: 'after-apply' });
}

export interface OutputFlags extends StateFlags {
  name?: string;
  json?: boolean;
  raw?: boolean;
}

/** `bkp output [NAME] [-json] [-raw]`, from the state. */
export async function runOutput(ctx: CommandContext, flags: OutputFlags): Promise<number> {
  if (flags.json && flags.raw) throw new UserError(ErrorCode.Usage, 'The -raw and -json options are mutually exclusive.');
  if (flags.raw && !flags.name) throw new UserError(ErrorCode.Usage, 'The -raw option requires the name of one output: bkp output -raw NAME.');
  const outputs = (await readCurrentState(ctx, flags)).outputs ?? {};
  if (!flags.name) {
    if (flags.json) {
      // Without a name, sensitive values stay hidden even in JSON: only `bkp output NAME -json` prints one.
      const all = Object.fromEntries(Object.keys(outputs).sort().map((name) => [name, jsonEntry(outputs[name]!)]));
      await notify(ctx.host, 'BKP_R_OUTPUT_TEXT', 'result', JSON.stringify(all, null, 2), {});
      return 0;
    }
    if (Object.keys(outputs).length === 0) {
      await notify(ctx.host, 'BKP_W_NO_OUTPUTS', 'warn', 'Warning: No outputs found. The state has no output values: add output blocks to the configuration and run bkp apply.', {});
      return 0;
    }
    await notify(ctx.host, 'BKP_R_OUTPUTS', 'result', `${Object.keys(outputs).length} outputs.`, { outputs, view: 'list' });
    return 0;
  }
  const output = outputs[flags.name];
  if (!output) {
    throw new UserError(ErrorCode.Usage, `Output "${flags.name}" not found.${didYouMean(flags.name, Object.keys(outputs))}`, {
      hint: 'The output is not in the state: it must be declared with an output block and applied (bkp apply). `bkp output` lists the outputs the state holds.',
    });
  }
  if (output.withheld && (flags.raw || flags.json)) {
    throw new UserError(ErrorCode.Usage, `The value of output "${flags.name}" comes from a sensitive variable, so bkp did not store it in the state.`, {
      hint: 'Values of sensitive variables never reach the state file; read the value where the variable is set.',
    });
  }
  if (flags.json || flags.raw) {
    const text = flags.json ? JSON.stringify(output.value ?? null, null, 2) : rawText(flags.name, output.value ?? null);
    await notify(ctx.host, 'BKP_R_OUTPUT_TEXT', 'result', text, {});
  } else {
    await notify(ctx.host, 'BKP_R_OUTPUTS', 'result', `Output ${flags.name}.`, { outputs: { [flags.name]: output }, view: 'one' });
  }
  return 0;
}

function jsonEntry(output: StateOutput): Record<string, JsonValue> {
  const entry: Record<string, JsonValue> = { sensitive: output.sensitive };
  if (output.value !== undefined && !output.sensitive) entry.value = output.value;
  return entry;
}

/** -raw prints a string, number or bool as it is, for shell scripts; anything else is refused as Terraform does. */
function rawText(name: string, value: JsonValue): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UserError(ErrorCode.Usage, `Unsupported value for raw output: the output "${name}" is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'a map'}, and -raw prints only strings, numbers and bools.`, {
    hint: `Use bkp output -json ${name} for structured values.`,
  });
}
