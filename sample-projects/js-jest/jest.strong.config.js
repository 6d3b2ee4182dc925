/** Jest config for the strong suite: ESM test files (they import `sleepmut/helpers`, an ES module), run with `--experimental-vm-modules`. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/strong/**/*.test.mjs'],
  moduleFileExtensions: ['js', 'mjs'],
  transform: {},
};
