// bkp fmt: rewrite configuration and variable files in the canonical layout (terraform fmt).
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import { nonEmptyArguments } from './option-values.js';

interface FmtFlags extends GlobalFlags {
  paths?: string[];
  check?: boolean;
  diff?: boolean;
  recursive?: boolean;
  write?: boolean;
  list?: boolean;
}

export function fmtCommand(io: Io): BkpCommand {
  return {
    command: 'fmt [paths..]',
    describe: 'Rewrite *.bkp.hcl and *.bkpvars.hcl files in the canonical layout',
    builder: (y) =>
      y
        .positional('paths', { type: 'string', array: true, ...nonEmptyArguments('paths', 'files or directories'), describe: 'Files or directories (default: the configuration directory)' })
        .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 3 if any file is not formatted (for CI)' })
        .option('diff', { type: 'boolean', default: false, describe: 'Show the changes as a unified diff' })
        .option('recursive', { type: 'boolean', default: false, describe: 'Also format the files in subdirectories' })
        .option('write', { type: 'boolean', default: true, describe: 'Write the formatted files (-write=false to only list them)' })
        .option('list', { type: 'boolean', default: true, describe: 'List the files whose layout changes (-list=false to keep quiet)' })
        .example('bkp fmt -check -recursive', 'Fail a CI job when a file is not formatted')
        .example('bkp fmt -diff main.bkp.hcl', 'Format one file and show what changed'),
    handler: async (flags: FmtFlags) => {
      const { runFmt } = await import('../../app/fmt.js');
      process.exitCode = await runFmt(commandContext(flags, io), {
        paths: flags.paths ?? [],
        check: flags.check === true,
        diff: flags.diff === true,
        recursive: flags.recursive === true,
        write: flags.write !== false,
        list: flags.list !== false,
      });
    },
  };
}
