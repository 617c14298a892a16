// Preload for the "deleted or replaced while being read" cases: just before Charter reads a file
// named vanishing*.md it is deleted, and one named becomes-folder*.md is replaced by a folder —
// the moment between finding a file and reading it, made certain.
// Files are opened (openSync) and then read: the race is made at the open, or at readFileSync.
const fs = require('node:fs');
function race(file) {
  const name = typeof file === 'string' ? file : '';
  if (/(^|[\\/])vanishing[^\\/]*\.md$/.test(name) && fs.existsSync(name)) fs.unlinkSync(name);
  if (/(^|[\\/])becomes-folder[^\\/]*\.md$/.test(name) && fs.existsSync(name) && !fs.statSync(name).isDirectory()) {
    fs.unlinkSync(name);
    fs.mkdirSync(name);
  }
}
for (const fn of ['readFileSync', 'openSync']) {
  const original = fs[fn];
  fs[fn] = function (file, ...rest) {
    race(file);
    return original.call(this, file, ...rest);
  };
}
