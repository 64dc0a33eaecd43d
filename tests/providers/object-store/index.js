'use strict';
/**
 * An upload provider that behaves like a remote object store (S3 and the like): objects are
 * kept outside Strapi's public folder and served from another origin, with absolute URLs.
 * Used to check that the image pipeline writes, reads and deletes only through the provider.
 */
const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');

module.exports = {
  init({ dir, baseUrl }) {
    if (!dir || !baseUrl)
      throw new Error(
        'The object-store provider needs providerOptions.dir and providerOptions.baseUrl'
      );
    fs.mkdirSync(dir, { recursive: true });
    const key = (file) => `${file.path ? `${file.path}/` : ''}${file.hash}${file.ext}`;
    const place = (file) => {
      const target = path.join(dir, key(file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return target;
    };
    return {
      async uploadStream(file) {
        await pipeline(file.stream, fs.createWriteStream(place(file)));
        file.url = `${baseUrl}/${key(file)}`;
      },
      async upload(file) {
        fs.writeFileSync(place(file), file.buffer);
        file.url = `${baseUrl}/${key(file)}`;
      },
      async delete(file) {
        fs.rmSync(path.join(dir, key(file)), { force: true });
      },
    };
  },
};
