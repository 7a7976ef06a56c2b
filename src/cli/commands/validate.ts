// bkp validate: parse, evaluate and validate the configuration, with no network access.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import type { VarFlags } from '../../app/options.js';
import { varOptions } from './shared-options.js';

interface ValidateFlags extends GlobalFlags, VarFlags {
  json?: boolean;
}

export function validateCommand(io: Io): BkpCommand {
  return {
    command: 'validate',
    describe: 'Check the configuration (syntax, references, AWS Backup rules) without touching AWS',
    builder: (y) =>
      varOptions(y).option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' }),
    handler: async (flags: ValidateFlags) => {
      const { runValidate } = await import('../../app/validate.js');
      process.exitCode = await runValidate(commandContext(flags, io), flags);
    },
  };
}
