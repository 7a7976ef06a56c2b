// backup_framework: comparison rules. Controls are matched by name (AWS keeps no meaning in their
// order) and compared with defaults filled in and AWS's string values read back as numbers and
// lists; `severity` is bkp check's own and never compared. Controls AWS lists that bkp has no name
// for are carried through unchanged.
import { isUnknown, type ObjectValue, type Value } from '../../core/values.js';
import { stringMap } from '../canonical.js';
import type { KindModel } from '../kind-model.js';
import { canonicalControl, OTHER_CONTROLS } from './controls.js';

function canonicalControls(v: Value | undefined): Value {
  if (isUnknown(v)) return v!;
  if (!Array.isArray(v)) return [];
  const controls = v.map(canonicalControl);
  return controls.sort((a, b) => {
    const an = typeof a === 'object' && a !== null && !Array.isArray(a) && !isUnknown(a) ? String(a.name) : '';
    const bn = typeof b === 'object' && b !== null && !Array.isArray(b) && !isUnknown(b) ? String(b.name) : '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  });
}

export const backupFrameworkModel: KindModel = {
  kind: 'backup_framework',
  forcesReplacement: new Set(['name']),
  computed: ['arn', 'creation_time', 'deployment_status', 'framework_status'],
  optionalComputed: [],
  tagAttributes: ['tags'],
  keyedLists: { control: 'name' },
  jsonAttributes: [],
  unmodelled: {
    attribute: OTHER_CONTROLS,
    describe: (value) =>
      (Array.isArray(value) ? value : []).map((c) => `control ${typeof c === 'object' && c !== null && !Array.isArray(c) && !isUnknown(c) ? String(c.ControlName) : '?'} (not one bkp models)`),
  },

  canonical(a: ObjectValue): ObjectValue {
    const out: ObjectValue = { ...a, control: canonicalControls(a.control), tags: stringMap(a.tags) as Value };
    // AWS has no empty description: unset and "" are the same.
    if (out.description === undefined || out.description === null || out.description === '') delete out.description;
    return out;
  },

  replaceReason() {
    return 'must be replaced: an Audit Manager framework cannot be renamed';
  },
};
