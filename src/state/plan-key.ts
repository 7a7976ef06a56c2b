// The secret that binds saved plans to their state: `bkp plan -out` signs the plan file with an
// HMAC under this key, and `bkp apply FILE` (and `bkp show FILE`) refuse a file whose HMAC does not
// verify. Someone who can edit a plan file (a CI artifact, a file in a pull request) but cannot read
// the state's storage cannot recompute it, unlike a plain checksum. The key is random (32 bytes)
// and lives beside the state, in the same storage and with the same access: the local backend keeps
// it in `<state>.plankey` (mode 0600, created exclusively, whole), the S3 backend in the object
// `<key>.plankey` of the state's bucket (created only if absent, encrypted like the state).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createFileExclusivelySync } from '../core/atomic-write.js';
import { ErrorCode, UserError } from '../core/errors.js';
import { fileErrorText } from '../core/file-errors.js';

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

/** A new key, as its file or object holds it. */
export function newPlanKeyText(): string {
  return `${randomBytes(KEY_BYTES).toString('hex')}\n`;
}

/** The key in a key file's text; throws a user error naming `where` when the text is no key. */
export function parsePlanKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!KEY_TEXT.test(hex)) {
    throw new UserError(ErrorCode.StateCorrupt, `The plan key ${where} is damaged: it must hold 64 hexadecimal digits.`, {
      hint: `Delete ${where}: the next \`bkp plan -out\` makes a new key (saved plans made before can then no longer be applied).`,
    });
  }
  return Buffer.from(hex, 'hex');
}

/**
 * The local backend's key at `path`; with `create`, made when there is none. undefined when there
 * is none and `create` is false (no plan was saved for this state, so none can verify).
 */
export function localPlanKey(path: string, create: boolean): Buffer | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new UserError(ErrorCode.StateWriteFailed, `Cannot read the plan key ${path}: ${fileErrorText(e, 'read')}.`, {
          hint: 'bkp keeps the key that signs saved plans beside the state; check the permissions of that directory.',
        });
      }
      if (!create) return undefined;
      // Whole or absent (link-based exclusive create): a concurrent `plan -out` reads ours or
      // writes its own first, and then we read that one.
      createFileExclusivelySync(path, newPlanKeyText(), { sync: true });
      continue;
    }
    return parsePlanKey(text, path);
  }
  throw new UserError(ErrorCode.StateWriteFailed, `Cannot create the plan key ${path}.`, { hint: 'Check that the state directory is writable.' });
}
