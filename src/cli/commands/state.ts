// bkp show, bkp state list|show|rm|mv|pull|push, bkp force-unlock.
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext } from '../context.js';
import { stateOptions } from './shared-options.js';
import { nonEmptyArgument, nonEmptyArguments } from './option-values.js';

type Flags = Record<string, unknown>;

export function showCommand(io: Io): BkpCommand {
  return {
    command: 'show [file]',
    describe: 'Show the state, a saved plan file, or the recovery points of a vault or on-demand backup (ADDRESS)',
    builder: (y) =>
      stateOptions(y)
        .positional('file', {
          type: 'string',
          ...nonEmptyArgument('file', 'a plan file or an address; leave it out to show the state'),
          describe: 'A plan saved with `bkp plan -out=FILE`, or a backup_vault / on_demand_backup ADDRESS to list its recovery points',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
    handler: async (flags: Flags) => {
      const { runShow } = await import('../../app/state.js');
      process.exitCode = await runShow(commandContext(flags, io), flags);
    },
  };
}

export function stateCommand(io: Io): BkpCommand {
  return {
    command: 'state <subcommand>',
    describe: 'Inspect and edit the state (list, show, rm, mv, pull, push)',
    builder: (y) =>
      y
        .command({
          command: 'list [addresses..]',
          describe: 'List the resources in the state',
          builder: (s) =>
            stateOptions(s).positional('addresses', { type: 'string', array: true, ...nonEmptyArguments('addresses', 'resource or module addresses'), describe: 'Only these addresses and what is within them' }),
          handler: async (flags: Flags) => {
            const { runStateList } = await import('../../app/state.js');
            process.exitCode = await runStateList(commandContext(flags, io), flags as Flags & { addresses?: string[] });
          },
        })
        .command({
          command: 'show <address>',
          describe: 'Show one resource in the state',
          builder: (s) => stateOptions(s).positional('address', { type: 'string', ...nonEmptyArgument('address', 'a resource address, such as backup_vault.main'), describe: 'The resource' }),
          handler: async (flags: Flags) => {
            const { runStateShow } = await import('../../app/state.js');
            process.exitCode = await runStateShow(commandContext(flags, io), flags as Flags & { address: string });
          },
        })
        .command({
          command: 'rm <addresses..>',
          describe: 'Forget resources (they stay in AWS, unmanaged)',
          builder: (s) =>
            stateOptions(s).positional('addresses', { type: 'string', array: true, ...nonEmptyArguments('addresses', 'resource addresses'), describe: 'The resources to forget' }),
          handler: async (flags: Flags) => {
            const { runStateRm } = await import('../../app/state.js');
            process.exitCode = await runStateRm(commandContext(flags, io), flags as Flags & { addresses: string[] });
          },
        })
        .command({
          command: 'mv <from> <to>',
          describe: 'Move a resource to another address (after renaming a block)',
          builder: (s) =>
            stateOptions(s)
              .positional('from', { type: 'string', ...nonEmptyArgument('from', 'a resource address, such as backup_vault.main'), describe: 'The address the state holds it at' })
              .positional('to', { type: 'string', ...nonEmptyArgument('to', 'a resource address, such as backup_vault.main'), describe: 'The new address' }),
          handler: async (flags: Flags) => {
            const { runStateMv } = await import('../../app/state.js');
            process.exitCode = await runStateMv(commandContext(flags, io), flags as Flags & { from: string; to: string });
          },
        })
        .command({
          command: 'pull',
          describe: 'Print the state document (JSON) from the configured backend',
          builder: (s) => stateOptions(s),
          handler: async (flags: Flags) => {
            const { runStatePull } = await import('../../app/state.js');
            process.exitCode = await runStatePull(commandContext(flags, io), flags);
          },
        })
        .command({
          command: 'push <file>',
          describe: 'Store a state file in the configured backend as it is (lineage and serial kept)',
          builder: (s) =>
            stateOptions(s)
              .positional('file', { type: 'string', ...nonEmptyArgument('file', 'the name of a state file'), describe: 'The state file to store' })
              .option('force', {
              type: 'boolean',
              default: false,
              describe: 'Replace a newer or unrelated state (another lineage) in the backend',
            }),
          handler: async (flags: Flags) => {
            const { runStatePush } = await import('../../app/state.js');
            process.exitCode = await runStatePush(commandContext(flags, io), flags as Flags & { file: string; force?: boolean });
          },
        })
        .demandCommand(1, 'Name a state subcommand: list, show, rm, mv, pull or push.'),
    handler: () => undefined,
  };
}

export function forceUnlockCommand(io: Io): BkpCommand {
  return {
    command: 'force-unlock <id>',
    describe: 'Remove a stale state lock (give the lock ID the lock error printed)',
    builder: (y) =>
      y
        .positional('id', { type: 'string', ...nonEmptyArgument('id', 'the lock ID the lock error printed'), describe: 'The lock ID' })
        .option('force', { type: 'boolean', default: false, describe: 'Accepted for Terraform compatibility' }),
    handler: async (flags: Flags) => {
      const { runForceUnlock } = await import('../../app/state.js');
      process.exitCode = await runForceUnlock(commandContext(flags, io), flags as Flags & { id: string });
    },
  };
}
