import { describe, expect, it } from 'vitest';
import { reporterListed } from '../../src/stryker/options-delivery.js';

describe('reporterListed', () => {
  it.each([
    ['{"reporters": ["html", "sleepmut"]}', [], true],
    ["export default { reporters: ['progress', 'sleepmut'] }", [], true],
    ['{"plugins": ["sleepmut"], "reporters": ["html"]}', [], false],
    ['{"plugins": ["sleepmut"]}', [], false],
    ['{"plugins": ["sleepmut"]}', ['run', '--reporters', 'clear-text,sleepmut'], true],
    ['{"plugins": ["sleepmut"]}', ['run', '--reporters', 'clear-text'], false],
  ])('%s with argv %j -> %s', (config, argv, expected) => {
    expect(reporterListed(config, argv)).toBe(expected);
  });
});
