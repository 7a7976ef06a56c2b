// `bkp graph`: the dependency graph in Graphviz DOT, laid out like `terraform graph`'s output
// (one node per resource, labelled by its address; an edge from a resource to each it depends on).
import type { DependencyGraphView } from '../config/dependency-graph.js';

export function renderGraphDot(graph: DependencyGraphView): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = ['digraph {', '  compound = "true"', '  newrank = "true"', '  subgraph "root" {'];
  for (const node of graph.nodes) lines.push(`    ${quote(node)} [label = ${quote(node)}, shape = "box"]`);
  for (const edge of graph.edges) lines.push(`    ${quote(edge.from)} -> ${quote(edge.to)}`);
  lines.push('  }', '}');
  return lines.join('\n');
}
