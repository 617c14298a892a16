// Mocha's settings. `mocha` alone runs every suite; `mocha test/unit/foo.test.ts` runs that
// file only (mocha would otherwise add this file's specs to the ones named on the command line).
const named = process.argv.slice(2).some((a) => !a.startsWith('-') && /\.ts$|\*/.test(a));

module.exports = {
  require: ['tsx/cjs'],
  spec: named
    ? []
    : [
        'test/unit/**/*.test.ts',
        'test/equivalence/**/*.test.ts',
        'test/cli/**/*.test.ts',
        'test/server/**/*.test.ts',
        'test/neovim/**/*.test.ts',
        'test/reliability/**/*.test.ts',
        'test/realworld/**/*.test.ts',
      ],
  timeout: 20000,
  reporter: 'spec',
};
