// Why a file the user named could not be read or written, in words: "the file does not exist",
// "its folder does not exist". Node's own messages name the system call and, for a write, the
// temporary file beside the target ("EISDIR: illegal operation on a directory, rename
// '.plan.123.tmp' -> 'plan'").
import { FileRefusedError } from './read-file.js';

/**
 * The reason for a failure the path causes (a missing file or folder, no permission, a directory,
 * a full or read-only disk); undefined for any other failure, which is not the user's to mend.
 */
export function fileErrorReason(error: unknown, access: 'read' | 'write'): string | undefined {
  // bkp's own refusals (a directory, a device, a file over the size limit) say it already.
  if (error instanceof FileRefusedError) return error.message;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return access === 'read' ? 'the file does not exist' : 'its folder does not exist';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EISDIR':
      return 'it is a directory';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    default:
      return undefined;
  }
}

/** The reason in words where there is one, else the error's own message. */
export function fileErrorText(error: unknown, access: 'read' | 'write'): string {
  return fileErrorReason(error, access) ?? (error as Error).message;
}
