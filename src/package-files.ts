// Files bkp ships beside its code (the JSON Schemas, package.json), located from this module.
// It sits one level below the package root in every layout bkp runs from: src/ under tsx,
// dist/ as compiled by tsc, and dist/bkp.cjs, the bundle the `bkp` command runs. Modules deeper
// in the tree ask here instead of counting `../` themselves, so bundling cannot move their files.

/** The package's `schemas/` directory. */
export const SCHEMAS_DIR = new URL('../schemas/', import.meta.url);

/** The package's package.json. */
export const PACKAGE_JSON = new URL('../package.json', import.meta.url);
