// Collects the diagnostics of one evaluation. The same expression is evaluated once per for_each
// instance and once per `for` iteration, so identical problems at the same place are kept once.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';

export class Reporter {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private errors = 0;

  error(summary: string, detail: string, range?: SourceRange, context?: string): void {
    this.push({ severity: 'error', summary, detail, range, context });
  }

  warning(summary: string, detail: string, range?: SourceRange, context?: string): void {
    this.push({ severity: 'warning', summary, detail, range, context });
  }

  add(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.push(d);
  }

  /** Errors kept so far; compare before and after a step to learn whether it reported one. */
  get errorCount(): number {
    return this.errors;
  }

  private push(diagnostic: Diagnostic): void {
    const r = diagnostic.range;
    const key = `${diagnostic.severity}|${diagnostic.summary}|${diagnostic.detail ?? ''}|${r ? `${r.file}:${r.start.offset}-${r.end.offset}` : ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (diagnostic.severity === 'error') this.errors++;
    const clean: Diagnostic = { severity: diagnostic.severity, summary: diagnostic.summary };
    if (diagnostic.detail !== undefined) clean.detail = diagnostic.detail;
    if (diagnostic.range !== undefined) clean.range = diagnostic.range;
    if (diagnostic.context !== undefined) clean.context = diagnostic.context;
    if (diagnostic.code !== undefined) clean.code = diagnostic.code;
    this.items.push(clean);
  }
}
