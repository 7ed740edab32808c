import { existsSync, readdirSync, readlinkSync } from 'node:fs';

/** Whether this system lists a process's open files in /proc/self/fd (Linux does). */
export const LISTS_OPEN_FILES = existsSync('/proc/self/fd');

/** The paths of the files this process holds open, by /proc/self/fd. */
export function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return []; // closed while listed
    }
  });
}
