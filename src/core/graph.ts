// Dependency graphs: the one implementation behind the configuration's evaluation order and
// reference cycles (config/) and the order in which apply may start its operations (engine/).
//
// A graph maps each node, in input order, to the nodes it depends on, in the order it lists them.
// Both orders matter: they break every tie, so the same input always gives the same output.
// A dependency that is not a node of the graph is ignored: callers pass references as written and
// report the unknown ones elsewhere.

export type DependencyGraph<T> = ReadonlyMap<T, ReadonlyArray<T> | ReadonlySet<T>>;

export interface DependencyOrder<T> {
  /** Every node, each after the nodes it depends on (except where a cycle makes that impossible). */
  order: T[];
  /**
   * The cycles, as strongly connected components: two or more nodes that depend on each other,
   * or one that depends on itself. Each is reported once; its nodes are also in `order`, together.
   */
  cycles: T[][];
}

/**
 * A stable topological order, depth first: nodes are taken in input order, and each brings along,
 * just before itself, its dependencies not placed yet (in the order it lists them). Input already
 * in dependency order comes out unchanged, and nodes that do not depend on each other keep their
 * input order.
 *
 * The strongly connected components (Tarjan's algorithm) give the order and the cycles in one
 * pass. It is iterative, so a chain of many thousand nodes cannot overflow the stack.
 */
export function dependencyOrder<T>(graph: DependencyGraph<T>): DependencyOrder<T> {
  const order: T[] = [];
  const cycles: T[][] = [];
  for (const component of stronglyConnectedComponents(graph)) {
    order.push(...component);
    const only = component[0]!;
    if (component.length > 1 || dependsOnItself(graph, only)) cycles.push(component);
  }
  return { order, cycles };
}

/**
 * The shortest way from `start` back to itself, as `[start, …, start]`; undefined when `start`
 * is on no cycle. Breadth first, following dependencies in the order each node lists them, so
 * among cycles of the same length the one through the first-listed dependencies is chosen: a
 * diagnostic names the same cycle every time.
 */
export function shortestCycle<T>(graph: DependencyGraph<T>, start: T): T[] | undefined {
  const cameFrom = new Map<T, T>();
  const queue = [start];
  let closing: T | undefined;
  let closed = false;
  for (let i = 0; i < queue.length && !closed; i++) {
    const node = queue[i]!;
    for (const dependency of graph.get(node) ?? []) {
      if (dependency === start) {
        closing = node;
        closed = true;
        break;
      }
      if (graph.has(dependency) && !cameFrom.has(dependency)) {
        cameFrom.set(dependency, node);
        queue.push(dependency);
      }
    }
  }
  if (!closed) return undefined;
  const path = [start];
  for (let node = closing!; node !== start; node = cameFrom.get(node)!) path.splice(1, 0, node);
  path.push(start);
  return path;
}

/**
 * Hands out the nodes of a graph as their dependencies complete, for a walk that runs several
 * nodes at once (apply's workers). A node is ready once every node it depends on has completed;
 * ready nodes are handed out first come, first served: at the start in input order, later in the
 * order their last dependency completed. A node on a cycle is never handed out.
 *
 * Each node counts the dependencies it still waits for, and completing one releases only the
 * nodes waiting on it: rescanning every waiting node after each completion made a walk quadratic.
 */
export class DependencyWalk<T> {
  readonly #waitingFor = new Map<T, number>();
  readonly #dependents = new Map<T, T[]>();
  readonly #ready: T[] = [];
  #nextReady = 0;
  readonly #handedOut = new Set<T>();
  readonly #completed = new Set<T>();

  constructor(graph: DependencyGraph<T>) {
    for (const [node, dependencies] of graph) {
      let waiting = 0;
      for (const dependency of new Set(dependencies)) {
        if (!graph.has(dependency)) continue;
        waiting++;
        const dependents = this.#dependents.get(dependency);
        if (dependents) dependents.push(node);
        else this.#dependents.set(dependency, [node]);
      }
      this.#waitingFor.set(node, waiting);
      if (waiting === 0) this.#ready.push(node);
    }
  }

  /** The next ready node, or undefined when none is ready now (more may be once others complete). */
  next(): T | undefined {
    if (this.#nextReady === this.#ready.length) return undefined;
    const node = this.#ready[this.#nextReady++]!;
    // The queue only grows: drop what was handed out now and then, so a long walk keeps it short.
    if (this.#nextReady > 1024 && this.#nextReady * 2 > this.#ready.length) {
      this.#ready.splice(0, this.#nextReady);
      this.#nextReady = 0;
    }
    this.#handedOut.add(node);
    return node;
  }

  /** Marks a node handed out by next() as completed: the nodes that waited only for it become ready. */
  complete(node: T): void {
    if (!this.#handedOut.has(node) || this.#completed.has(node)) {
      throw new Error(`DependencyWalk.complete: ${String(node)} was not handed out, or was completed already`);
    }
    this.#completed.add(node);
    for (const dependent of this.#dependents.get(node) ?? []) {
      const left = this.#waitingFor.get(dependent)! - 1;
      this.#waitingFor.set(dependent, left);
      if (left === 0) this.#ready.push(dependent);
    }
  }

  /** True when every node has completed. */
  get finished(): boolean {
    return this.#completed.size === this.#waitingFor.size;
  }
}

function dependsOnItself<T>(graph: DependencyGraph<T>, node: T): boolean {
  for (const dependency of graph.get(node) ?? []) if (dependency === node) return true;
  return false;
}

/** Tarjan's components, dependencies first; each component's nodes in the order the walk met them. */
function stronglyConnectedComponents<T>(graph: DependencyGraph<T>): T[][] {
  const index = new Map<T, number>();
  const lowLink = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  let counter = 0;
  const discover = (node: T) => {
    index.set(node, counter);
    lowLink.set(node, counter++);
    stack.push(node);
    onStack.add(node);
  };

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    discover(start);
    const work: Array<{ node: T; dependencies: Iterator<T> }> = [{ node: start, dependencies: graph.get(start)![Symbol.iterator]() }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.dependencies.next();
      if (!step.done) {
        const dependency = step.value;
        if (!graph.has(dependency)) continue;
        if (!index.has(dependency)) {
          discover(dependency);
          work.push({ node: dependency, dependencies: graph.get(dependency)![Symbol.iterator]() });
        } else if (onStack.has(dependency)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(dependency)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: T[] = [];
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}
