// Block labels for adopted objects: derived from their AWS names, snake_case, valid identifiers,
// unique within their kind, and the same on every run for the same account.

/** `Prod-Daily.Plan` → `prod_daily_plan`; a name without letters or digits becomes `object`. */
export function snakeCase(name: string): string {
  const words = name
    // camelCase and PascalCase word boundaries: `ProdDaily` → `Prod Daily`, `EBSVolumes` → `EBS Volumes`.
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const label = words.join('_');
  if (label === '') return 'object';
  // An identifier cannot start with a digit.
  return /^[0-9]/.test(label) ? `_${label}` : label;
}

/** Hands out labels for one kind: the same AWS name twice gets `_2`, `_3`, … */
export class LabelAllocator {
  private readonly taken = new Set<string>();

  label(awsName: string): string {
    const base = snakeCase(awsName);
    let label = base;
    for (let n = 2; this.taken.has(label); n++) label = `${base}_${n}`;
    this.taken.add(label);
    return label;
  }
}
