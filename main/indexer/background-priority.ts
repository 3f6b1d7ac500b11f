import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value of indexing threads: below the UI, above nothing else the user runs. */
const BACKGROUND_NICE = 10;

/**
 * Lowers the scheduling priority of the calling worker thread, so that on a busy machine the
 * process's main thread (the app's UI and IPC) is scheduled first. Measured on 2 cores: with the
 * writer and two reader threads at normal priority, the main thread stalled up to 72 ms while a
 * cold index ran; the target is under 50 ms.
 *
 * Linux only: there a nice value is per thread, and /proc/thread-self names the thread's id.
 * Elsewhere setPriority can only reach the whole process (the UI too), so nothing is done.
 */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // Never the main thread: its id is the process id, and niceing it would slow the UI.
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, BACKGROUND_NICE);
  } catch {
    // Best effort: a sandbox may hide /proc or refuse the call.
  }
}
