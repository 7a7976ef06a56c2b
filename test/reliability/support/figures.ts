// The figures each reliability suite reports (docs/reliability.md quotes them): one line per suite
// on stderr, `bkp-reliability {json}`, which scripts/soak.mjs adds up.
export interface ReliabilityFigures {
  applies: number;
  awsCalls: number;
  faultsInjected: number;
  crashes: number;
  fuzzInputs: number;
  duplicates: number;
  stateFilesLost: number;
  deleteRecoveryPointCalls: number;
}

export const FIGURES_PREFIX = 'bkp-reliability ';

export function newFigures(): ReliabilityFigures {
  return { applies: 0, awsCalls: 0, faultsInjected: 0, crashes: 0, fuzzInputs: 0, duplicates: 0, stateFilesLost: 0, deleteRecoveryPointCalls: 0 };
}

export function reportFigures(suite: string, figures: ReliabilityFigures): void {
  process.stderr.write(`${FIGURES_PREFIX}${JSON.stringify({ suite, ...figures })}\n`);
}
