// Files bkp ships beside its code (the JSON Schemas, package.json), located from this module.
// The module runs from src/core/ under tsx, dist/core/ as compiled by tsc, and dist/bkp.cjs, the
// bundle the `bkp` command runs (where every module has the bundle's URL): so the package root is
// found by walking up to the first directory that holds both package.json and schemas/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ErrorCode, INSTALLATION_HINT, UserError } from './errors.js';

function packageRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (;;) {
    if (existsSync(fileURLToPath(new URL('package.json', dir))) && existsSync(fileURLToPath(new URL('schemas/', dir)))) return dir;
    const parent = new URL('../', dir);
    if (parent.href === dir.href) {
      throw new UserError(ErrorCode.Installation, `bkp's installation is incomplete: no folder above ${fileURLToPath(import.meta.url)} holds package.json and schemas/.`, {
        hint: INSTALLATION_HINT,
      });
    }
    dir = parent;
  }
}

const ROOT = packageRoot();

/** The package's `schemas/` directory. */
export const SCHEMAS_DIR = new URL('schemas/', ROOT);

/** The package's package.json. */
export const PACKAGE_JSON = new URL('package.json', ROOT);
