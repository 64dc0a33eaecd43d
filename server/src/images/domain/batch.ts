/** A file of a multipart upload as the body parser hands it over (only what pairing reads). */
export interface BatchFile {
  originalFilename?: string | null;
}

const nameOf = (info: unknown) =>
  info && typeof info === 'object' && typeof (info as { name?: unknown }).name === 'string'
    ? (info as { name: string }).name
    : null;

const distinct = (names: Array<string | null>): names is string[] =>
  names.every((n) => n !== null) && new Set(names).size === names.length;

/**
 * Pairs each file of a batch with its `fileInfo`. The body parser lists files in the order
 * their writes finished, not the order they were sent, so pairing by position can give one
 * file another's alternative text. When every `fileInfo` names a distinct file of the batch,
 * they are paired by name, in the `fileInfo` order; otherwise by position, as Strapi does.
 */
export const pairFileInfos = <F extends BatchFile>(
  files: F[],
  infos: unknown[]
): Array<{ file: F; info: unknown }> => {
  const infoNames = infos.map(nameOf);
  const fileNames = files.map((f) => f.originalFilename ?? null);
  if (
    infos.length === files.length &&
    distinct(infoNames) &&
    distinct(fileNames) &&
    infoNames.every((n) => fileNames.includes(n))
  ) {
    return infos.map((info, i) => ({
      file: files[fileNames.indexOf(infoNames[i] as string)],
      info,
    }));
  }
  return files.map((file, i) => ({ file, info: infos[i] ?? {} }));
};
