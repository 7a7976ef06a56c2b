// Collects the diagnostics of one evaluation. The same expression is evaluated once per for_each
// instance and once per `for` iteration, so identical problems at the same place are kept once.
import type { Diagnostic, SourceRange } from '../core/diagnostics.js';

export class Reporter {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private errors = 0;
  private reports = 0;

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

  /** Every error reported so far, repeats of one already kept included: whether a step failed at all. */
  get errorReports(): number {
    return this.reports;
  }

  /** Where the diagnostics are now, to take back what a failed attempt reports (try(), can()). */
  checkpoint(): number {
    return this.items.length;
  }

  /** Takes back the diagnostics reported since `checkpoint`, and returns them. */
  rollback(checkpoint: number): Diagnostic[] {
    const removed = this.items.splice(checkpoint);
    for (const d of removed) {
      this.seen.delete(keyOf(d));
      if (d.severity === 'error') this.errors--;
    }
    return removed;
  }

  private push(diagnostic: Diagnostic): void {
    if (diagnostic.severity === 'error') this.reports++;
    const key = keyOf(diagnostic);
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

/** Identical problems at the same place are one. */
function keyOf(diagnostic: Diagnostic): string {
  const r = diagnostic.range;
  return `${diagnostic.severity}|${diagnostic.summary}|${diagnostic.detail ?? ''}|${r ? `${r.file}:${r.start.offset}-${r.end.offset}` : ''}`;
}
