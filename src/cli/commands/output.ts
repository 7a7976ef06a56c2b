// bkp output [NAME] [-json] [-raw]: the output values the last apply stored in the state.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { stateOptions } from './shared-options.js';
import { nonEmptyArgument } from './option-values.js';

type Flags = Record<string, unknown>;

export function outputCommand(io: Io): BkpCommand {
  return {
    command: 'output [name]',
    describe: 'Show the output values of the last apply (from the state)',
    builder: (y) =>
      stateOptions(y)
        .positional('name', { type: 'string', ...nonEmptyArgument('name', 'the name of an output; leave it out for all of them'), describe: 'One output; without it, all of them (sensitive ones as <sensitive>)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON (with NAME: the value itself, also when sensitive)' })
        .option('raw', { type: 'boolean', default: false, describe: 'Print the string, number or bool value of NAME as it is, for scripts (also when sensitive)' }),
    handler: async (flags: Flags) => {
      const { runOutput } = await import('../../app/outputs.js');
      process.exitCode = await runOutput(commandContext(flags, io), flags);
    },
  };
}
