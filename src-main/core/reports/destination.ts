/** Checks a user-chosen output path before any work starts, so mistakes fail fast and clearly. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ApiError } from '../apiError';

export function checkedOutputPath(path: string, overwrite: boolean): string {
  const target = resolve(path);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new ApiError('bad_request', `the folder ${folder} does not exist`, [
      { path: 'destination.path', message: 'no such folder' },
    ]);
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw new ApiError('bad_request', `${target} is a folder: give a file name`, [
        { path: 'destination.path', message: 'is a folder' },
      ]);
    if (!overwrite)
      throw new ApiError(
        'conflict',
        `${basename(target)} already exists (allow overwriting to replace it)`,
      );
  }
  return target;
}

/** A file name from a run name: letters, digits, dots and dashes only. */
export function fileStem(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'run';
}
