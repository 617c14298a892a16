// Preload for the "deleted or replaced while being read" cases: just before Charter reads a file
// named vanishing*.md it is deleted, and one named becomes-folder*.md is replaced by a folder —
// the moment between finding a file and reading it, made certain.
const fs = require('node:fs');
const original = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const name = typeof file === 'string' ? file : '';
  if (/(^|[\\/])vanishing[^\\/]*\.md$/.test(name) && fs.existsSync(name)) fs.unlinkSync(name);
  if (/(^|[\\/])becomes-folder[^\\/]*\.md$/.test(name) && fs.existsSync(name) && !fs.statSync(name).isDirectory()) {
    fs.unlinkSync(name);
    fs.mkdirSync(name);
  }
  return original.call(this, file, ...rest);
};
