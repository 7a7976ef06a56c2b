// bkp console: evaluate expressions against the configuration and state (terraform console).
// On a terminal it prompts with "> " until `exit` or Ctrl-D; piped, it evaluates each line of
// its input and exits 1 when any line failed.
import { createInterface } from 'node:readline';
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import type { StateFlags, VarFlags } from '../../app/options.js';
import { stateOptions, varOptions } from './shared-options.js';

export function consoleCommand(io: Io): BkpCommand {
  return {
    command: 'console',
    describe: 'Evaluate expressions against the configuration and state (one per line)',
    builder: (y) =>
      stateOptions(varOptions(y))
        .example("echo 'backup_vault.main.arn' | bkp console", 'Print one value and exit')
        .example('bkp console -var env=prod', 'Evaluate interactively with a variable set'),
    handler: async (flags: GlobalFlags & VarFlags & StateFlags) => {
      const { runConsole } = await import('../../app/console.js');
      process.exitCode = await runConsole(commandContext(flags, io), flags, inputLines(io), { interactive: io.stdinIsTty });
    },
  };
}

/** The lines typed or piped in; on a terminal, a prompt before each one (after the previous result is shown). */
async function* inputLines(io: Io): AsyncGenerator<string> {
  const interactive = io.stdinIsTty;
  const reader = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive, prompt: '> ' });
  // Ctrl-C at the prompt ends the console, as Ctrl-D does (readline would otherwise only pause).
  reader.on('SIGINT', () => reader.close());
  const lines = reader[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (interactive) reader.prompt();
      const next = await lines.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.close();
  }
}
