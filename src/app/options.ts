// The options shared by several use cases, as the command line names them (-var, -lock-timeout…).

export interface VarFlags {
  var?: string[];
  'var-file'?: string[];
}

export interface StateFlags {
  lock?: boolean;
  'lock-timeout'?: string;
}

export interface PlanningFlags extends VarFlags, StateFlags {
  target?: string[];
  replace?: string[];
  refresh?: boolean;
  'refresh-only'?: boolean;
  parallelism?: number;
}
