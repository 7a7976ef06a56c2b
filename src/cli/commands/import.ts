// bkp import ADDRESS ID
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { stateOptions, varOptions } from './shared-options.js';

export function importCommand(io: Io): BkpCommand {
  return {
    command: 'import <address> <id>',
    describe: 'Adopt an existing AWS object (vault name, plan id, PLAN_ID/SELECTION_ID) into the state',
    builder: (y) => stateOptions(varOptions(y)),
    handler: async (flags: Record<string, unknown>) => {
      const { runImport } = await import('../../app/import.js');
      process.exitCode = await runImport(commandContext(flags, io), flags as Record<string, unknown> & { address: string; id: string });
    },
  };
}
