// AWS Backup's advanced backup settings (AdvancedBackupSettings): the options each resource type
// accepts, their AWS defaults, and the canonical form bkp compares. `windows_vss = true` is the EC2
// entry { WindowsVSS = "enabled" }; an option at its AWS default is the same as no option.
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../core/values.js';

export interface KnownOption {
  /** The value AWS uses when the option is not set. */
  default: 'enabled' | 'disabled';
}

/**
 * AWS's documented options (API reference, AdvancedBackupSetting.BackupOptions). The S3 options are
 * spelled BackupACLs / BackupObjectTags in one version of the reference and S3BackupACLs /
 * S3BackupObjectTags in another: both spellings are accepted.
 */
export const KNOWN_OPTIONS: Readonly<Record<string, Readonly<Record<string, KnownOption>>>> = {
  EC2: { WindowsVSS: { default: 'disabled' } },
  S3: {
    BackupACLs: { default: 'enabled' },
    BackupObjectTags: { default: 'enabled' },
    S3BackupACLs: { default: 'enabled' },
    S3BackupObjectTags: { default: 'enabled' },
  },
};

export const OPTION_VALUES = ['enabled', 'disabled'] as const;

/** The options of one setting without those at their AWS default and without WindowsVSS (`windows_vss`), sorted. */
function meaningfulOptions(resourceType: string, options: Value | undefined): Value | undefined {
  if (isUnknown(options)) return options;
  if (!isObjectValue(options)) return undefined;
  const out: ObjectValue = {};
  for (const key of Object.keys(options).sort()) {
    const value = options[key];
    if (resourceType === 'EC2' && key === 'WindowsVSS') continue;
    if (typeof value === 'string' && KNOWN_OPTIONS[resourceType]?.[key]?.default === value) continue;
    out[key] = value ?? null;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** True when the settings turn Windows VSS on (the EC2 entry with WindowsVSS = "enabled"). */
export function enablesWindowsVss(settings: Value | undefined): boolean {
  if (!Array.isArray(settings)) return false;
  return settings.some((s) => isObjectValue(s) && s.resource_type === 'EC2' && isObjectValue(s.options) && s.options.WindowsVSS === 'enabled');
}

/**
 * The canonical `advanced_backup_setting` list: options at their defaults dropped, WindowsVSS left to
 * `windows_vss`, settings without options dropped, sorted by resource type. Undefined when empty.
 */
export function canonicalAdvancedSettings(settings: Value | undefined): Value | undefined {
  if (isUnknown(settings)) return settings;
  if (!Array.isArray(settings)) return undefined;
  if (settings.some(isUnknown)) return settings;
  const out: ObjectValue[] = [];
  for (const s of settings) {
    if (!isObjectValue(s)) continue;
    const type = s.resource_type;
    const options = meaningfulOptions(String(type), s.options);
    if (options !== undefined) out.push({ resource_type: type ?? null, options });
  }
  out.sort((a, b) => (String(a.resource_type) < String(b.resource_type) ? -1 : String(a.resource_type) > String(b.resource_type) ? 1 : 0));
  return out.length > 0 ? out : undefined;
}
