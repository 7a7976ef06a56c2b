// Where an account or OU sits in an organization: the node ids from the root down to it, the order
// in which Organizations merges the policies attached along the way. One walk for every reader of
// a tree (the sandbox's, the one read from AWS, the one a configuration declares).

/** The ids from the root to `id`, `id` last; `parentOf` answers undefined at the root. A cycle stops the walk. */
export function pathFromRoot(parentOf: (id: string) => string | undefined, id: string): string[] {
  const path: string[] = [];
  for (let current: string | undefined = id; current !== undefined && !path.includes(current); current = parentOf(current)) path.unshift(current);
  return path;
}
