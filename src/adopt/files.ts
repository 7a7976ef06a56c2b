// The files an adoption writes: the provider and locals in main.bkp.hcl, resources grouped by
// subject (vaults, plans and their selections, settings, …), and every import block in
// imports.bkp.hcl, so that deleting that one file after the first apply is all the clean-up there is.
import { InternalError } from '../core/errors.js';
import { formatHcl } from '../config/format/format.js';
import { resourceKind } from '../resources/registry.js';
import { documentText, Expression, type HclBlock, type HclItem } from './hcl-document.js';

export const MAIN_FILE = 'main.bkp.hcl';
export const IMPORTS_FILE = 'imports.bkp.hcl';

export interface ResourceBlock {
  kind: string;
  label: string;
  items: HclItem[];
  /** Comment lines written above the block. */
  comment?: string[];
}

export interface ImportEntry {
  address: string;
  id: string;
}

export interface ConfigurationParts {
  /** main.bkp.hcl: provider, variables, locals, notes. */
  main: HclItem[];
  resources: ResourceBlock[];
  imports: ImportEntry[];
}

/** File name → formatted text. */
export function configurationFiles(parts: ConfigurationParts): Map<string, string> {
  const byFile = new Map<string, HclItem[]>();
  const add = (file: string, items: HclItem[]) => byFile.set(file, [...(byFile.get(file) ?? []), ...items]);
  if (parts.main.length > 0) add(MAIN_FILE, parts.main);
  for (const r of parts.resources) {
    const block: HclBlock = { kind: 'block', type: r.kind, labels: [r.label], items: r.items };
    add(resourceKind(r.kind)?.adoption?.file ?? `${r.kind.replace(/_/g, '-')}.bkp.hcl`, [...(r.comment ? [{ kind: 'comment' as const, lines: r.comment }] : []), block]);
  }
  if (parts.imports.length > 0) {
    add(IMPORTS_FILE, [
      { kind: 'comment', lines: ['The objects this configuration adopts: `bkp apply` records them in the state.', 'Delete this file after that first apply.'] },
      ...parts.imports.map((i): HclItem => ({
        kind: 'block',
        type: 'import',
        labels: [],
        items: [
          { kind: 'attribute', name: 'to', value: new Expression(i.address) },
          { kind: 'attribute', name: 'id', value: i.id },
        ],
      })),
    ]);
  }
  const files = new Map<string, string>();
  for (const [file, items] of [...byFile].sort(([a], [b]) => (a === MAIN_FILE ? -1 : b === MAIN_FILE ? 1 : a.localeCompare(b)))) {
    const text = documentText(items);
    const formatted = formatHcl(text, file);
    if (!formatted.ok) throw new InternalError(`the generated ${file} does not parse: ${formatted.diagnostics.map((d) => d.summary).join('; ')}\n${text}`);
    files.set(file, formatted.text);
  }
  return files;
}
