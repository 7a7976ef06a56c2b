import { expect } from 'chai';
import type { SourceRange } from '../../src/core/diagnostics.js';
import { Reporter } from '../../src/config/evaluate-diagnostics.js';
import { evaluationOrder, type GraphNode } from '../../src/config/evaluate-graph.js';
import { covered, load, SANDBOX } from './evaluate-helpers.js';

const R = (offset: number): SourceRange => ({ file: 'g.hcl', start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: offset + 2, offset: offset + 1 } });

function graph(edges: Record<string, string[]>): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  Object.entries(edges).forEach(([id, targets], order) => {
    nodes.set(id, { id, context: id, order, edges: targets.map((to, i) => ({ to, range: R(order * 10 + i) })) });
  });
  return nodes;
}

describe('config/evaluate-graph', () => {

  it('orders every node after the nodes it refers to', () => {
    const reporter = new Reporter();
    const { order, cyclic } = evaluationOrder(graph({ a: ['b', 'c'], b: ['c'], c: [], d: ['a'] }), reporter);
    expect(order.indexOf('c')).to.be.lessThan(order.indexOf('b'));
    expect(order.indexOf('b')).to.be.lessThan(order.indexOf('a'));
    expect(order.indexOf('a')).to.be.lessThan(order.indexOf('d'));
    expect(cyclic.size).to.equal(0);
    expect(reporter.items).to.deep.equal([]);
  });

  it('handles a long chain without deep recursion', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 20_000; i++) edges[`n${i}`] = i + 1 < 20_000 ? [`n${i + 1}`] : [];
    const { order } = evaluationOrder(graph(edges), new Reporter());
    expect(order[0]).to.equal('n19999');
    expect(order[order.length - 1]).to.equal('n0');
  });

  it('reports each cycle once, starting at its earliest node', () => {
    const reporter = new Reporter();
    const { cyclic } = evaluationOrder(graph({ x: ['a'], a: ['b'], b: ['c'], c: ['a'], s: ['s'] }), reporter);
    expect([...cyclic].sort()).to.deep.equal(['a', 'b', 'c', 's']);
    expect(reporter.items.map((d) => d.detail!.split('.')[0])).to.have.members(['Cycle in references: a → b → c → a', 'Cycle in references: s → s']);
    expect(reporter.items.every((d) => d.summary === 'Cycle in references')).to.equal(true);
  });

  it('reports a cycle among locals at the first reference', () => {
    const text = `locals {\n  a = local.b + 1\n  b = local.c\n  c = local.a\n  d = local.a\n}\n`;
    const { errors } = load(text);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail).to.contain('Cycle in references: local.a → local.b → local.c → local.a');
    expect(covered(text, errors[0]!)).to.equal('local.b');
    expect(errors[0]!.context).to.equal('locals');
  });

  it('reports a cycle among resources, also through locals', () => {
    const text = `${SANDBOX}backup_vault "a" { name = backup_vault.b.name }\nbackup_vault "b" { name = local.n }\nlocals { n = backup_vault.a.name }\n`;
    const { errors } = load(text);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail).to.contain('Cycle in references: backup_vault.a → backup_vault.b → local.n → backup_vault.a');
    expect(errors[0]!.context).to.equal('backup_vault "a"');
  });

  it('reports a cycle made by depends_on', () => {
    const text = `${SANDBOX}backup_vault "a" {\n  name = "a"\n  depends_on = [backup_vault.b]\n}\nbackup_vault "b" {\n  name = "b"\n  depends_on = [backup_vault.a]\n}\n`;
    const { errors } = load(text);
    expect(errors.map((e) => e.summary)).to.deep.equal(['Cycle in references']);
  });

  it('lets locals refer to each other in any order', () => {
    const { config, errors } = load(`locals {\n  c = local.b * 2\n  b = local.a + 1\n  a = 1\n}\n`);
    expect(errors).to.deep.equal([]);
    expect(config.locals).to.deep.equal({ c: 4, b: 2, a: 1 });
  });
});
