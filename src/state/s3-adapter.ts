// A lowdb adapter for a state document kept in one S3 object. Every write is conditional on the
// object bkp last read or wrote (IfMatch its ETag; IfNoneMatch "*" when there was none), so a
// concurrent writer — another bkp run with -lock=false, a colleague's script — is detected and
// reported instead of silently overwritten.
import type { Adapter } from 'lowdb';
import { ErrorCode, UserError } from '../core/errors.js';
import type { StateDocument } from './model.js';
import { s3Url, type S3ObjectStore, type WriteCondition } from './s3-store.js';
import { parseStateText, type StateTextOrigin } from './validate.js';
import { serializeState } from './serialize.js';

export class S3StateAdapter implements Adapter<StateDocument> {
  readonly #store: S3ObjectStore;
  readonly #key: string;
  /** The ETag of the object as bkp last saw it; undefined when there was no object. */
  #etag: string | undefined;
  /** The serial bkp last read or wrote, for the conflict message. */
  #serial: number | undefined;

  constructor(store: S3ObjectStore, key: string) {
    this.#store = store;
    this.#key = key;
  }

  get url(): string {
    return s3Url(this.#store.bucket, this.#key);
  }

  async read(): Promise<StateDocument | null> {
    const object = await this.#store.get(this.#key);
    if (object === undefined) {
      this.#etag = undefined;
      this.#serial = undefined;
      return null;
    }
    const doc = parseStateText(object.body, this.url, s3Origin(this.url));
    this.#etag = object.etag;
    this.#serial = doc.serial;
    return doc;
  }

  async write(doc: StateDocument): Promise<void> {
    const condition: WriteCondition = this.#etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: this.#etag };
    const outcome = await this.#store.put(this.#key, serializeState(doc), condition);
    if (!outcome.written) throw await this.#conflict(doc);
    this.#etag = outcome.etag;
    this.#serial = doc.serial;
  }

  async #conflict(refused: StateDocument): Promise<UserError> {
    const seen = this.#serial === undefined ? 'no state' : `serial ${this.#serial}`;
    let now = 'it has changed';
    try {
      const current = await this.#store.get(this.#key);
      if (current === undefined) now = 'it has been deleted';
      else {
        const serial = (JSON.parse(current.body) as { serial?: unknown }).serial;
        now = typeof serial === 'number' ? `it now holds serial ${serial}` : 'it now holds something else';
      }
    } catch {
      // The conflict is the news; what the object holds now is only a detail.
    }
    return new UserError(
      ErrorCode.StateConflict,
      `The state in ${this.url} was changed by someone else since bkp read it (bkp read ${seen}; ${now}). ` +
        `Nothing was overwritten: bkp's write of serial ${refused.serial} was refused.`,
      {
        hint:
          'Another writer changed the state while this run worked on it, probably a bkp run with -lock=false. ' +
          'Run the command again: it reads the new state first. What this run changed in AWS is found again by its next refresh, ' +
          'or adopted with `bkp import`.',
      },
    );
  }
}

/** Messages about a damaged or foreign S3 state name the object and the versions to restore from. */
export function s3Origin(url: string): StateTextOrigin {
  const [bucket, ...keyParts] = url.slice('s3://'.length).split('/');
  const key = keyParts.join('/');
  return {
    display: url,
    recoveryHint: () =>
      `bkp left ${url} unchanged. With bucket versioning on, restore the previous version: list them with ` +
      `\`aws s3api list-object-versions --bucket ${bucket} --prefix ${key}\`, check one with \`aws s3api get-object --version-id ID …\`, ` +
      `and upload it again; or repair the object by hand.`,
    foreignHint: () => `bkp left ${url} unchanged. Point "key" of the backend "s3" block at another object, or move this object aside.`,
  };
}
