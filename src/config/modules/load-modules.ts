// Reads the files of the local modules a configuration calls, before anything is evaluated (the
// evaluation is synchronous): every `module` block's source directory, recursively, each directory
// once. A module that calls itself, directly or through others, is reported with the whole chain.
import type { Diagnostic } from '../../core/diagnostics.js';
import { UserError } from '../../core/errors.js';
import type { Block, ConfigFile } from '../ast.js';
import { headerRange } from '../decode.js';
import { describeDir, resolveSource, ROOT_MODULE_DIR, sourceText } from './sources.js';

/** Reads and parses the configuration files of one directory (relative to the configuration directory). */
export type DirectoryReader = (dir: string) => Promise<{ files: ConfigFile[]; diagnostics: Diagnostic[] }>;

interface Pending {
  dir: string;
  files: readonly ConfigFile[];
  /** The calls that lead here from the root: `module "a" (modules/a)`. */
  chain: Array<{ name: string; dir: string }>;
}

/** The files of every module the root files call (each tagged with its module directory), and the problems found. */
export async function loadModuleFiles(rootFiles: readonly ConfigFile[], read: DirectoryReader): Promise<{ files: ConfigFile[]; diagnostics: Diagnostic[] }> {
  const files: ConfigFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded = new Set<string>([ROOT_MODULE_DIR]);
  const pending: Pending[] = [{ dir: ROOT_MODULE_DIR, files: rootFiles, chain: [] }];
  for (let next = pending.shift(); next; next = pending.shift()) {
    for (const block of moduleBlocks(next.files)) {
      const found = sourceOf(block, next.dir, diagnostics);
      if (found === undefined) continue;
      const name = block.labels[0]!.value;
      const chain = [...next.chain, { name, dir: found }];
      if (found === next.dir || next.chain.some((c) => c.dir === found) || found === ROOT_MODULE_DIR) {
        const path = ['root', ...chain.map((c) => `module "${c.name}" (${describeDir(c.dir)})`)].join(' → ');
        diagnostics.push(error('Module cycle', `A module cannot call itself, directly or through other modules: ${path}. Remove the call that closes the loop.`, block));
        continue;
      }
      if (loaded.has(found)) continue;
      loaded.add(found);
      let contents: Awaited<ReturnType<DirectoryReader>>;
      try {
        contents = await read(found);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        diagnostics.push(error('Module not found', `The module "${name}" cannot be read: ${e.message} Check the source path (it is relative to the directory of the file that calls the module).`, block));
        continue;
      }
      const own = contents.files.map((f) => ({ ...f, module: found }));
      files.push(...own);
      diagnostics.push(...contents.diagnostics);
      pending.push({ dir: found, files: own, chain });
    }
  }
  return { files, diagnostics };
}

function moduleBlocks(files: readonly ConfigFile[]): Block[] {
  return files.flatMap((f) => f.body.blocks.filter((b) => b.type === 'module' && b.labels.length === 1));
}

/** The directory a module block calls, or undefined when its source is missing or unusable (reported). */
function sourceOf(block: Block, callerDir: string, diagnostics: Diagnostic[]): string | undefined {
  const attr = block.body.attributes.find((a) => a.name === 'source');
  if (!attr) {
    diagnostics.push(error('Missing required argument', 'The argument "source" is required: the module\'s directory, like source = "./modules/vaults".', block));
    return undefined;
  }
  const text = sourceText(block);
  if (text === undefined) {
    diagnostics.push({ ...error('Invalid module source', 'source must be a literal string, like source = "./modules/vaults": modules are read before anything is evaluated.', block), range: attr.expr.range });
    return undefined;
  }
  const resolved = resolveSource(callerDir, text);
  if (!resolved.ok) {
    diagnostics.push({ ...error(resolved.summary, resolved.detail, block), range: attr.expr.range });
    return undefined;
  }
  return resolved.dir;
}

function error(summary: string, detail: string, block: Block): Diagnostic {
  return { severity: 'error', summary, detail, range: headerRange(block), context: `module "${block.labels[0]!.value}"` };
}
