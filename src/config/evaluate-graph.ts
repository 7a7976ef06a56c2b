// The order in which locals and resources are evaluated: dependencies first (core/graph.ts).
// Each reference cycle is reported once, at its first reference.
import type { SourceRange } from '../core/diagnostics.js';
import { dependencyOrder, shortestCycle, type DependencyGraph } from '../core/graph.js';
import type { Reporter } from './evaluate-diagnostics.js';

export interface GraphEdge {
  to: string;
  /** The reference that creates the edge. */
  range: SourceRange;
}

export interface GraphNode {
  /** `local.x` or `backup_vault.main`. */
  id: string;
  context: string;
  /** Position in the configuration: the cycle message starts at the earliest node. */
  order: number;
  edges: GraphEdge[];
}

export interface EvaluationOrder {
  /** Node ids, every node after the nodes it refers to (except inside cycles). */
  order: string[];
  /** Nodes that are part of a cycle. */
  cyclic: Set<string>;
}

export function evaluationOrder(nodes: ReadonlyMap<string, GraphNode>, reporter: Reporter): EvaluationOrder {
  const graph: DependencyGraph<string> = new Map([...nodes].map(([id, node]) => [id, node.edges.map((e) => e.to)]));
  const { order, cycles } = dependencyOrder(graph);
  const cyclic = new Set<string>();
  for (const component of cycles) {
    component.forEach((id) => cyclic.add(id));
    reportCycle(component, nodes, graph, reporter);
  }
  return { order, cyclic };
}

/** "Cycle in references: local.a → local.b → local.a", from the earliest node of the component. */
function reportCycle(component: string[], nodes: ReadonlyMap<string, GraphNode>, graph: DependencyGraph<string>, reporter: Reporter): void {
  const start = component.map((id) => nodes.get(id)!).sort((a, b) => a.order - b.order)[0]!;
  // A node of a cycle is on one: the shortest way back exists.
  const path = shortestCycle(graph, start.id)!;
  const firstEdge = start.edges.find((e) => e.to === path[1])!;
  reporter.error(
    'Cycle in references',
    `Cycle in references: ${path.join(' → ')}. A value cannot depend on itself, directly or through others; break the cycle by removing one of these references.`,
    firstEdge.range,
    start.context,
  );
}
