/** The `sleepmut` section of a Stryker config: its JSON schema (validated by Stryker) and its typed form. */
import { operatorsFor, type OperatorName } from '../../mutators/catalog.js';
import { defaultSettings } from '../../mutators/settings.js';
import { optionRanges } from '../bounds.js';

export interface SleepmutOptions {
  delayMs: number;
  backoffDelayMs: number;
  operators: OperatorName[];
  disableBuiltinMutators: boolean;
}

export const jsOperatorNames = operatorsFor('js').map((operator) => operator.name as OperatorName);

export const defaultSleepmutOptions: SleepmutOptions = {
  ...defaultSettings,
  operators: [...jsOperatorNames],
  disableBuiltinMutators: false,
};

/** Merged by Stryker into its config schema: wrong types and unknown keys get Stryker's own validation errors. */
export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    sleepmut: {
      description: 'Options of the sleepmut timing-defect mutators. They reach the mutators only with "ignorers": ["sleepmut"].',
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        delayMs: {
          description: 'Fixed sleep (ms) that EventWaitToSleep puts where an event wait was.',
          type: 'integer',
          minimum: optionRanges.delayMs.min,
          maximum: optionRanges.delayMs.max,
          default: defaultSleepmutOptions.delayMs,
        },
        backoffDelayMs: {
          description: 'Fixed retry delay (ms) FlattenBackoff uses where no base delay is visible.',
          type: 'integer',
          minimum: optionRanges.backoffDelayMs.min,
          maximum: optionRanges.backoffDelayMs.max,
          default: defaultSleepmutOptions.backoffDelayMs,
        },
        operators: {
          description: 'The sleepmut operators to run.',
          type: 'array',
          uniqueItems: true,
          items: { enum: jsOperatorNames },
          default: defaultSleepmutOptions.operators,
        },
        disableBuiltinMutators: {
          description: "Run only sleepmut's operators, none of Stryker's built-in mutators.",
          type: 'boolean',
          default: defaultSleepmutOptions.disableBuiltinMutators,
        },
      },
    },
  },
} as const;

/** Fills defaults for options that did not pass through Stryker's validator (the CLI, tests). */
export function withDefaults(options: Partial<SleepmutOptions> | undefined): SleepmutOptions {
  return { ...defaultSleepmutOptions, ...options };
}
