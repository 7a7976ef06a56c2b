// bkp graph: the dependency graph of the configuration in DOT (terraform graph).
import type { BkpCommand } from './index.js';
import type { Io } from '../io.js';
import { commandContext, type GlobalFlags } from '../context.js';
import type { VarFlags } from '../../app/options.js';
import { varOptions } from './shared-options.js';

export function graphCommand(io: Io): BkpCommand {
  return {
    command: 'graph',
    describe: 'Print the dependency graph of the resources in DOT (Graphviz)',
    builder: (y) =>
      varOptions(y)
        .option('type', { type: 'string', choices: ['plan'], default: 'plan', describe: 'The graph to print (only plan: the resources of the configuration)' })
        .example('bkp graph | dot -Tsvg > graph.svg', 'Draw the graph with Graphviz'),
    handler: async (flags: GlobalFlags & VarFlags) => {
      const { runGraph } = await import('../../app/graph.js');
      process.exitCode = await runGraph(commandContext(flags, io), flags);
    },
  };
}
