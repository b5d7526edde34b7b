// Starts s3rver (an S3-protocol server for the tests) on 127.0.0.1:<port> with its objects in <directory>.
// Usage: node s3rver.js <s3rver package folder> <directory> <port>
// One change to it: after deleting an object s3rver removes the key's folders that became empty, and a PUT of another key
// into the same folder at that moment fails to open its file and takes the whole server down (an unhandled stream error).
// Real S3 stores have no folders; the empty ones are left in place here.
const path = require('path');
const [, , packageFolder, directory, port] = process.argv;
const S3rver = require(path.join(packageFolder, 'node_modules', 's3rver'));
const FilesystemStore = require(path.join(packageFolder, 'node_modules', 's3rver', 'lib', 'stores', 'filesystem'));
const fs = require('fs/promises');

FilesystemStore.prototype.deleteObject = async function deleteObject(bucket, key) {
  await Promise.all(['object', 'object.md5', 'metadata.json'].map(resource =>
    fs.unlink(this.getResourcePath(bucket, key, resource)).catch(err => { if (err.code !== 'ENOENT') throw err; })));
};

new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true }).run().then(
  () => console.log(`S3rver listening on 127.0.0.1:${port}`),
  err => { console.error(err); process.exit(1); });
