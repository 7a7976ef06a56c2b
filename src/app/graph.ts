// The work behind `bkp graph`: the dependency graph of the configuration, read offline (required
// variables without a value are unknown, as for `bkp validate`).
import { dependencyGraph } from '../config/dependency-graph.js';
import { loadValidConfig } from './configuration.js';
import { configInputs, type CommandContext } from './context.js';
import { notify } from './io-host.js';
import type { VarFlags } from './options.js';

export async function runGraph(ctx: CommandContext, flags: VarFlags): Promise<number> {
  const { config } = await loadValidConfig({ ...configInputs(ctx, flags), missingAsUnknown: true });
  const graph = dependencyGraph(config);
  await notify(ctx.host, 'BKP_R_GRAPH', 'result', `${graph.nodes.length} resources, ${graph.edges.length} dependencies.`, { graph });
  return 0;
}
