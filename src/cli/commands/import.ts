// bkp import ADDRESS ID
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { stateOptions, varOptions } from './shared-options.js';
import { nonEmptyArgument } from './option-values.js';

export function importCommand(io: Io): BkpCommand {
  return {
    command: 'import <address> <id>',
    describe: 'Adopt an existing AWS object (vault name, plan id, PLAN_ID/SELECTION_ID) into the state',
    builder: (y) =>
      stateOptions(varOptions(y))
        .positional('address', { type: 'string', ...nonEmptyArgument('address', 'a resource address, such as backup_vault.main'), describe: 'The resource address to import into' })
        .positional('id', { type: 'string', ...nonEmptyArgument('id', 'the id of the AWS object: a vault name, a plan id, PLAN_ID/SELECTION_ID'), describe: 'The AWS object\'s id' }),
    handler: async (flags: Record<string, unknown>) => {
      const { runImport } = await import('../../app/import.js');
      process.exitCode = await runImport(commandContext(flags, io), flags as Record<string, unknown> & { address: string; id: string });
    },
  };
}
