// Diagnostics: problems found in user input, with a position when they come from configuration.
// Shared by every layer (config, resources, engine, state), rendered only by src/render/.

/** 1-based line and column, 0-based character offset into the file text. */
export interface SourcePos {
  line: number;
  column: number;
  offset: number;
}

export interface SourceRange {
  /** Path as the user would type it: relative to the configuration directory. */
  file: string;
  start: SourcePos;
  end: SourcePos;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** One line: what is wrong. ("Unsupported argument") */
  summary: string;
  /** Longer explanation and how to fix it. */
  detail?: string;
  /** Where, when it comes from configuration. */
  range?: SourceRange;
  /** The enclosing block, as Terraform prints it: `backup_plan "daily"`. */
  context?: string;
  /** Stable code (BKP_E…) when the problem has one. */
  code?: string;
  /** The resource a plan's refusal or notice concerns, so per-account results can place it. */
  address?: string;
}

/** Collects diagnostics so that a run reports all problems at once. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(summary: string, fields: Omit<Diagnostic, 'severity' | 'summary'> = {}): void {
    this.items.push({ severity: 'error', summary, ...fields });
  }

  warning(summary: string, fields: Omit<Diagnostic, 'severity' | 'summary'> = {}): void {
    this.items.push({ severity: 'warning', summary, ...fields });
  }

  add(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }
}

/** Orders diagnostics by file, then position, so output is stable across runs. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    const fa = a.range?.file ?? '';
    const fb = b.range?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.range?.start.offset ?? 0) - (b.range?.start.offset ?? 0);
  });
}
