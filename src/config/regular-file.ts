/**
 * Reads a text file the user pointed at (a policy file) only when it is a regular file. A FIFO
 * would block the read forever and a device may never end, so the file is opened without
 * blocking and checked through the same descriptor (no window for a swap between a check and
 * the read) before a byte is read. A directory keeps Node's EISDIR. lockfile/regular-file.ts is
 * the same for lockfiles (adapters do not import each other).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { NotRegularFileError, notRegularKind } from '../model/errors.js';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readRegularFile(path: string): Promise<string> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const kind = notRegularKind(await handle.stat());
    if (kind !== null) throw new NotRegularFileError(kind);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
