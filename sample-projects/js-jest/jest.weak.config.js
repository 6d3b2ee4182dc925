/** Jest config for the weak suite: plain CommonJS tests on real timers. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/weak/**/*.test.js'],
  transform: {},
};
