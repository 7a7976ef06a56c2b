// on_demand_backup: comparison rules. The resource stands for one backup job: a new trigger,
// resource or vault starts a new job; a new lifecycle updates the recovery point of a completed job
// in place; anything else cannot change a job already started.
import { isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { canonicalLifecycle, stringMap } from '../canonical.js';
import type { KindModel } from '../kind-model.js';

/** StartBackupJob's defaults: windows left unset and set to these values are the same job. */
export const DEFAULT_START_WINDOW_MINUTES = 480;
export const DEFAULT_COMPLETION_WINDOW_MINUTES = 10080;

function windowOrDefault(v: Value | undefined, fallback: number): Value {
  if (isUnknown(v)) return v as Value;
  return typeof v === 'number' && v > 0 ? v : fallback;
}

export const onDemandBackupModel: KindModel = {
  kind: 'on_demand_backup',
  forcesReplacement: new Set(['trigger', 'resource_arn', 'vault', 'logically_air_gapped_vault_arn']),
  computed: ['job_id', 'state', 'recovery_point_arn', 'percent_done'],
  optionalComputed: [],
  tagAttributes: [],
  keyedLists: {},
  jsonAttributes: [],
  startsJob: true,
  deleteReason: 'will be destroyed: bkp forgets the job (the recovery point is kept per its lifecycle)',

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = {
      ...a,
      start_window_minutes: windowOrDefault(a.start_window_minutes, DEFAULT_START_WINDOW_MINUTES),
      completion_window_minutes: windowOrDefault(a.completion_window_minutes, DEFAULT_COMPLETION_WINDOW_MINUTES),
      recovery_point_tags: stringMap(a.recovery_point_tags) as Value,
    };
    const lifecycle = canonicalLifecycle(a.lifecycle);
    if (lifecycle === undefined) delete out.lifecycle;
    else out.lifecycle = lifecycle;
    for (const key of ['trigger', 'backup_options', 'continuous_backup', 'logically_air_gapped_vault_arn']) if (out[key] === null) delete out[key];
    // StartBackupJob without Index makes no index: DISABLED and unset are the same job.
    if (out.index === null || out.index === 'DISABLED') delete out.index;
    return out;
  },

  replaceReason(paths) {
    const what = paths.map((p) => `\`${p}\``).join(', ');
    return `will start a new backup job: ${what} changed (the previous recovery point is kept per its lifecycle)`;
  },

  inPlaceChangeReason(changed, before) {
    const recoveryPoint = before.recovery_point_arn;
    if (changed.length !== 1 || changed[0] !== 'lifecycle') return undefined;
    if (before.state !== 'COMPLETED' || typeof recoveryPoint !== 'string') return undefined;
    return `the lifecycle of recovery point ${recoveryPoint} changes (UpdateRecoveryPointLifecycle); no new backup job`;
  },

  unappliedChangeWarning(changed) {
    const what = changed.map((p) => `\`${p}\``).join(', ');
    return (
      `A change to ${what} cannot apply to a backup job that has already started; it takes effect with the next job: ` +
      'change `trigger` to start one.'
    );
  },
};
