import { randomBytes } from "node:crypto";
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * The temporary files writeXlsx writes into before moving a workbook into place. Their names carry
 * the writing process's id, so that a process that watches another write (`okr rebuild` watching
 * its child) can remove what the writer left when it was killed before it could clean up.
 */

const TEMPORARY = /^\.okr-(\d+)-[0-9a-f]{12}\.tmp$/;

/** `.okr-<pid>-<12 hex digits>.tmp`: short, and not made from the file's name. */
export function temporaryName(pid: number = process.pid): string {
  return `.okr-${pid}-${randomBytes(6).toString("hex")}.tmp`;
}

/**
 * Removes from `folder` the temporary files of the process `pid` (which has ended). Never throws:
 * a folder that cannot be listed, or a file already gone, is nothing to remove.
 */
export async function removeTemporaryFiles(folder: string, pid: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (match !== null && Number(match[1]) === pid)
      await unlink(join(folder, name)).catch(() => undefined);
  }
}
