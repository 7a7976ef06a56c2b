// Restore tests in a simulation: how many restore jobs each restore testing plan's selections
// started during the simulated window (the sandbox clock runs the plans), and how they ended.
import type { AccountState } from '../sandbox/state.js';

export interface RestoreTestReport {
  /** The restore testing plan's and the selection's names in AWS. */
  plan: string;
  selection: string;
  region: string;
  resourceType: string;
  /** Restore jobs the selection started in the window. */
  tests: number;
  completed: number;
  failed: number;
  /** Validation results: reported SUCCESSFUL or FAILED, or the window closed without one. */
  validationTimedOut: number;
  /** The status message of the last failed restore test, to say why. */
  lastFailure?: string;
}

/** One line per selection of every restore testing plan of the accounts, with the restore jobs it started since `since`. */
export function restoreTestReports(accounts: readonly AccountState[], since: number): RestoreTestReport[] {
  const reports = new Map<string, RestoreTestReport>();
  accounts.forEach((account, index) => {
    for (const [region, state] of Object.entries(account.backup)) {
      const key = (plan: string, selection: string) => `${index}\u0000${region}\u0000${plan}\u0000${selection}`;
      for (const plan of Object.values(state.restoreTestingPlans ?? {})) {
        for (const selection of Object.values(plan.selections)) {
          reports.set(key(plan.name, selection.name), { plan: plan.name, selection: selection.name, region, resourceType: selection.protectedResourceType, tests: 0, completed: 0, failed: 0, validationTimedOut: 0 });
        }
      }
      const jobs = Object.values(state.restoreJobs ?? {}).sort((a, b) => a.creationDate - b.creationDate);
      for (const job of jobs) {
        const test = job.restoreTest;
        if (test === undefined || job.creationDate < since) continue;
        const report = reports.get(key(test.planName, test.selectionName));
        if (report === undefined) continue;
        report.tests += 1;
        if (job.status === 'COMPLETED') report.completed += 1;
        if (job.status === 'FAILED') {
          report.failed += 1;
          if (job.statusMessage !== undefined) report.lastFailure = job.statusMessage;
        }
        if (job.validationStatus === 'TIMED_OUT') report.validationTimedOut += 1;
      }
    }
  });
  return [...reports.values()].sort((a, b) => a.region.localeCompare(b.region) || a.plan.localeCompare(b.plan) || a.selection.localeCompare(b.selection));
}
