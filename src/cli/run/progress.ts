// Progress on stderr for long work, only when stderr is a terminal.
import { renderRefreshProgress } from '../../render/apply-progress.js';
import type { Io } from '../io.js';

export function refreshProgress(io: Io): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTty) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    io.status(renderRefreshProgress(done, total));
  };
}
