import { expect } from 'chai';
import { DependencyWalk, dependencyOrder, shortestCycle, type DependencyGraph } from '../../src/core/graph.js';

/** `{ a: ['b'] }`: a depends on b. */
const graph = (dependencies: Record<string, string[]>): DependencyGraph<string> => new Map(Object.entries(dependencies));

/** Hands out everything ready, completing nothing. */
function drain(walk: DependencyWalk<string>): string[] {
  const out: string[] = [];
  for (let node = walk.next(); node !== undefined; node = walk.next()) out.push(node);
  return out;
}

describe('core/graph', () => {
  describe('dependencyOrder', () => {
    it('places every node after the nodes it depends on', () => {
      const { order, cycles } = dependencyOrder(graph({ a: ['b', 'c'], b: ['c'], c: [], d: ['a'] }));
      expect(order).to.deep.equal(['c', 'b', 'a', 'd']);
      expect(cycles).to.deep.equal([]);
    });

    it('is stable: input already in dependency order, and independent nodes, keep their order', () => {
      expect(dependencyOrder(graph({ c: [], b: ['c'], a: ['b'], z: [], y: ['z'] })).order).to.deep.equal(['c', 'b', 'a', 'z', 'y']);
      expect(dependencyOrder(graph({ q: [], p: [], r: [], a: [] })).order).to.deep.equal(['q', 'p', 'r', 'a']);
    });

    it('brings a node’s dependencies just before it, in the order it lists them', () => {
      expect(dependencyOrder(graph({ x: [], a: ['d', 'c'], b: [], c: [], d: [] })).order).to.deep.equal(['x', 'd', 'c', 'a', 'b']);
    });

    it('ignores dependencies that are not nodes of the graph, and repeated ones', () => {
      expect(dependencyOrder(graph({ a: ['missing', 'b', 'b'], b: ['elsewhere'] }))).to.deep.equal({ order: ['b', 'a'], cycles: [] });
    });

    it('reports each cycle once, self-dependencies included, and still orders every node', () => {
      const { order, cycles } = dependencyOrder(graph({ x: ['a'], a: ['b'], b: ['c'], c: ['a'], s: ['s'], t: [] }));
      expect(cycles).to.deep.equal([['a', 'b', 'c'], ['s']]);
      expect(order).to.deep.equal(['a', 'b', 'c', 'x', 's', 't']);
    });

    it('orders a chain of 50,000 nodes without deep recursion', () => {
      const chain = new Map(Array.from({ length: 50_000 }, (_, i) => [`n${i}`, i + 1 < 50_000 ? [`n${i + 1}`] : []]));
      const { order } = dependencyOrder(chain);
      expect(order[0]).to.equal('n49999');
      expect(order[order.length - 1]).to.equal('n0');
    });

    it('takes any node type, compared by identity', () => {
      const a = { name: 'a' };
      const b = { name: 'b' };
      expect(dependencyOrder(new Map([[a, new Set([b])], [b, new Set<typeof a>()]])).order).to.deep.equal([b, a]);
    });
  });

  describe('shortestCycle', () => {
    it('finds the shortest way back to the start', () => {
      // a → b → c → d → a is longer than a → e → a.
      const g = graph({ a: ['b', 'e'], b: ['c'], c: ['d'], d: ['a'], e: ['a'] });
      expect(shortestCycle(g, 'a')).to.deep.equal(['a', 'e', 'a']);
      expect(shortestCycle(g, 'c')).to.deep.equal(['c', 'd', 'a', 'b', 'c']);
    });

    it('among cycles of the same length, follows the first-listed dependencies', () => {
      expect(shortestCycle(graph({ a: ['c', 'b'], b: ['a'], c: ['a'] }), 'a')).to.deep.equal(['a', 'c', 'a']);
      expect(shortestCycle(graph({ a: ['b', 'c'], b: ['a'], c: ['a'] }), 'a')).to.deep.equal(['a', 'b', 'a']);
    });

    it('gives a self-dependency as [node, node], and undefined off any cycle', () => {
      const g = graph({ s: ['t', 's'], t: [], u: ['s'] });
      expect(shortestCycle(g, 's')).to.deep.equal(['s', 's']);
      expect(shortestCycle(g, 't')).to.equal(undefined);
      expect(shortestCycle(g, 'u')).to.equal(undefined);
      expect(shortestCycle(g, 'not-a-node')).to.equal(undefined);
    });
  });

  describe('DependencyWalk', () => {
    it('hands out the nodes without dependencies first, in input order', () => {
      const walk = new DependencyWalk(graph({ a: ['b'], b: [], c: [], d: ['a', 'c'] }));
      expect(drain(walk)).to.deep.equal(['b', 'c']);
    });

    it('makes a node ready once its last dependency completes, in completion order', () => {
      const walk = new DependencyWalk(graph({ a: ['b'], b: [], c: [], d: ['a', 'c'], e: ['c'] }));
      drain(walk);
      walk.complete('c');
      expect(drain(walk)).to.deep.equal(['e']);
      walk.complete('b');
      expect(drain(walk)).to.deep.equal(['a']);
      expect(walk.finished).to.equal(false);
      walk.complete('a');
      expect(drain(walk)).to.deep.equal(['d']);
      walk.complete('e');
      walk.complete('d');
      expect(walk.finished).to.equal(true);
      expect(walk.next()).to.equal(undefined);
    });

    it('counts a dependency listed twice once, and ignores dependencies that are not nodes', () => {
      const walk = new DependencyWalk(graph({ a: ['b', 'b', 'elsewhere'], b: [] }));
      expect(drain(walk)).to.deep.equal(['b']);
      walk.complete('b');
      expect(drain(walk)).to.deep.equal(['a']);
    });

    it('never hands out a node on a cycle or after one', () => {
      const walk = new DependencyWalk(graph({ a: ['b'], b: ['a'], c: ['a'], d: [] }));
      expect(drain(walk)).to.deep.equal(['d']);
      walk.complete('d');
      expect(drain(walk)).to.deep.equal([]);
      expect(walk.finished).to.equal(false);
    });

    it('refuses to complete a node it did not hand out, or to complete one twice', () => {
      const walk = new DependencyWalk(graph({ a: [], b: ['a'] }));
      expect(() => walk.complete('b')).to.throw(/not handed out/);
      walk.next();
      walk.complete('a');
      expect(() => walk.complete('a')).to.throw(/completed already/);
    });

    it('walks 20,000 nodes that fan in and out in linear time', () => {
      const nodes = new Map<string, string[]>();
      for (let i = 0; i < 20_000; i++) nodes.set(`n${i}`, i < 100 ? [] : [`n${i % 100}`, `n${i - 1}`]);
      const walk = new DependencyWalk(nodes);
      const started = Date.now();
      let walked = 0;
      for (let node = walk.next(); node !== undefined; node = walk.next()) {
        walk.complete(node);
        walked++;
      }
      expect(walked).to.equal(20_000);
      expect(walk.finished).to.equal(true);
      expect(Date.now() - started).to.be.lessThan(2000);
    });
  });
});
