// Terraform spells long flags with one dash (`-chdir=DIR`, `-auto-approve`, `-var 'a=b'`);
// yargs wants two. Rewrite before parsing so both spellings work.

const SINGLE_DASH_LONG = /^-[A-Za-z][A-Za-z0-9-]+(=.*)?$/s;

export function normalizeArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let passthrough = false;
  for (const arg of argv) {
    if (passthrough) {
      out.push(arg);
      continue;
    }
    if (arg === '--') passthrough = true;
    out.push(SINGLE_DASH_LONG.test(arg) ? `-${arg}` : arg);
  }
  return out;
}
