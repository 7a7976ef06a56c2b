// The order in which locals and resources are evaluated: dependencies first. Strongly connected
// components (Tarjan's algorithm, iterative so deep chains cannot overflow the stack) give both
// the order and the cycles; each cycle is reported once, at its first reference.
import type { SourceRange } from '../core/diagnostics.js';
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
  const components = stronglyConnectedComponents(nodes);
  const order: string[] = [];
  const cyclic = new Set<string>();
  for (const component of components) {
    order.push(...component);
    const only = nodes.get(component[0]!)!;
    if (component.length > 1 || only.edges.some((e) => e.to === only.id)) {
      component.forEach((id) => cyclic.add(id));
      reportCycle(component, nodes, reporter);
    }
  }
  return { order, cyclic };
}

/** Components in reverse topological order of the edges: a node's dependencies come first. */
function stronglyConnectedComponents(nodes: ReadonlyMap<string, GraphNode>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ id: string; edge: number }> = [{ id: start, edge: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = nodes.get(frame.id)!.edges;
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!.to;
        if (!nodes.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          lowLink.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** "Cycle in references: local.a → local.b → local.a", from the earliest node of the component. */
function reportCycle(component: string[], nodes: ReadonlyMap<string, GraphNode>, reporter: Reporter): void {
  const members = new Set(component);
  const start = component.map((id) => nodes.get(id)!).sort((a, b) => a.order - b.order)[0]!;
  // Breadth-first search for the shortest way back to the start, following only edges inside the component.
  const cameFrom = new Map<string, string>();
  const queue = [start.id];
  let closing: string | undefined;
  for (let i = 0; i < queue.length && closing === undefined; i++) {
    const id = queue[i]!;
    for (const edge of nodes.get(id)!.edges) {
      if (edge.to === start.id) {
        closing = id;
        break;
      }
      if (members.has(edge.to) && !cameFrom.has(edge.to)) {
        cameFrom.set(edge.to, id);
        queue.push(edge.to);
      }
    }
  }
  const path = [start.id];
  for (let id = closing; id !== undefined && id !== start.id; id = cameFrom.get(id)) path.splice(1, 0, id);
  path.push(start.id);
  const firstEdge = start.edges.find((e) => e.to === path[1])!;
  reporter.error(
    'Cycle in references',
    `Cycle in references: ${path.join(' → ')}. A value cannot depend on itself, directly or through others; break the cycle by removing one of these references.`,
    firstEdge.range,
    start.context,
  );
}
