// Commands bkp suggests (`bkp state mv backup_vault.v["a"] …`) are pasted into a shell: a word
// with characters the shell treats specially is single-quoted, or the shell strips the quotes
// of an instance key and bkp receives another address.

/** `word` as one shell word: as it is when it is plain, else in single quotes (a quote inside as '\''). */
export function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
