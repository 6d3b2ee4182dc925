/** The Stryker plugin module: registers sleepmut's mutators on import and exports its plugins and options schema. */
import type { Ignorer } from '@stryker-mutator/api/ignore';
import type { StrykerOptions } from '@stryker-mutator/api/core';
import { loadInstrumenter, UnsupportedStrykerError, type InstrumenterInternals } from './instrumenter.js';
import { applySelection } from './register.js';
import { defaultSleepmutOptions, type SleepmutOptions } from './options.js';
import { deliverOptions, guardOptionsDelivery } from './options-delivery.js';
import { SleepmutReporter } from './reporter.js';
import { hintIfReporterMissing } from './reporter-hint.js';

export { strykerValidationSchema } from './options.js';

/** Test-runner workers import every plugin too, but never instrument: skip the instrumenter there. */
const isStrykerWorker = /child-process-proxy-worker\.js$/.test(process.argv[1] ?? '');

const instrumenter: InstrumenterInternals | undefined = isStrykerWorker ? undefined : await registerOrExit();

async function registerOrExit(): Promise<InstrumenterInternals> {
  try {
    const internals = await loadInstrumenter();
    applySelection(internals.allMutators, defaultSleepmutOptions, guardOptionsDelivery);
    return internals;
  } catch (error) {
    // Stryker would log a plugin import error as a warning and carry on without sleepmut: stop instead.
    const message = error instanceof UnsupportedStrykerError ? error.message : `sleepmut: cannot register its mutators: ${String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

/** Listed in `ignorers`, it is constructed with the options before instrumentation; it ignores nothing. */
class SleepmutOptionsIgnorer implements Ignorer {
  static readonly inject = ['options'] as const;
  constructor(options: StrykerOptions & { sleepmut?: Partial<SleepmutOptions> }) {
    deliverOptions(options.sleepmut, (selection) => {
      if (instrumenter) applySelection(instrumenter.allMutators, selection, guardOptionsDelivery);
      hintIfReporterMissing(options, selection.operators);
    });
  }
  shouldIgnore(): undefined {
    return undefined;
  }
}

export const strykerPlugins = [
  { kind: 'Ignore', name: 'sleepmut', injectableClass: SleepmutOptionsIgnorer },
  { kind: 'Reporter', name: 'sleepmut', injectableClass: SleepmutReporter },
];
