// The configuration's resources and the dependencies between them, as `bkp graph` shows them. As
// in Terraform, locals and variables are not nodes: a resource that refers to a local depends on
// the resources that local refers to (ResourceConfig.dependencies already says so), and the
// instances of a for_each resource are one node (each instance of a module keeps its own nodes).
import type { Config } from './model.js';
import { withoutInstanceKey } from '../core/addresses.js';

export interface DependencyGraphView {
  /** Resource addresses (without instance keys), sorted. */
  nodes: string[];
  /** `from` depends on `to` (a reference or depends_on), sorted. */
  edges: Array<{ from: string; to: string }>;
}

export function dependencyGraph(config: Config): DependencyGraphView {
  const nodes = new Set<string>();
  const edges = new Map<string, { from: string; to: string }>();
  for (const resource of config.resources) {
    const from = withoutInstanceKey(resource.address);
    nodes.add(from);
    for (const to of resource.dependencies) edges.set(`${from}\0${to}`, { from, to });
  }
  return {
    nodes: [...nodes].sort(byText),
    edges: [...edges.values()].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to)),
  };
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
