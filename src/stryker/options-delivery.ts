/** Options delivery: the only Stryker hook that runs before instrumentation and receives the options is an Ignore plugin, so sleepmut ships one. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configureMutators, settingsWereConfigured } from '../../mutators/settings.js';
import type { JsMutator } from '../../mutators/js/ast.js';
import { withDefaults, type SleepmutOptions } from './options.js';
import { missingReporterHint } from './reporter-hint.js';

// Stryker's config file names, in its own search order (core: config-file-formats.js).
const configFileNames = ['', '.'].flatMap((prefix) =>
  ['.conf', '.config'].flatMap((suffix) => ['json', 'js', 'mjs', 'cjs'].map((ext) => `${prefix}stryker${suffix}.${ext}`)),
);

/** Hands the validated `sleepmut` options to the mutators; never ignores anything itself. */
export function deliverOptions(options: Partial<SleepmutOptions> | undefined, select: (options: SleepmutOptions) => void): void {
  const complete = withDefaults(options);
  configureMutators({ delayMs: complete.delayMs, backoffDelayMs: complete.backoffDelayMs });
  select(complete);
}

/**
 * Wraps a mutator so that the first mutation checks the options arrived. Without `"ignorers": ["sleepmut"]`
 * Stryker never hands sleepmut its options; if the config sets any, using defaults silently would be wrong.
 */
export function guardOptionsDelivery(mutator: JsMutator): JsMutator {
  return {
    name: mutator.name,
    mutate(nodePath) {
      assertOptionsDelivered();
      return mutator.mutate(nodePath);
    },
  };
}

let checked = false;

function assertOptionsDelivered(): void {
  if (checked) return;
  checked = true;
  if (settingsWereConfigured()) return;
  const configFile = strykerConfigFile();
  const configText = configFile ? readFileSync(configFile, 'utf8') : '';
  if (configFile && /["']?\bsleepmut["']?\s*:/.test(configText)) {
    // Thrown inside Babel's traversal, an error would reach the user as a page of stack trace: stop with one line instead.
    process.stderr.write(
      `sleepmut: ${path.relative(process.cwd(), configFile)} sets "sleepmut" options, but Stryker only delivers them to sleepmut with "ignorers": ["sleepmut"] in the same config; add it and run again\n`,
    );
    process.exit(1);
  }
  // Without the ignorer the options never arrive, so the ignorer's reporter hint cannot run: give it from here.
  if (!reporterListed(configText, process.argv)) process.stderr.write(`${missingReporterHint}\n`);
}

/** Whether the `sleepmut` reporter is on, read from the config text or a `--reporters a,b` flag (the options object is out of reach here). */
export function reporterListed(configText: string, argv: readonly string[]): boolean {
  const flag = argv.indexOf('--reporters');
  if (flag >= 0 && argv[flag + 1]?.split(',').includes('sleepmut')) return true;
  return /reporters["']?\s*:\s*\[[^\]]*["']sleepmut["']/.test(configText);
}

function strykerConfigFile(): string | undefined {
  const explicit = process.argv.slice(2).find((arg) => /\.(json|[cm]?js)$/.test(arg) && existsSync(arg));
  if (explicit) return path.resolve(explicit);
  return configFileNames.map((name) => path.resolve(name)).find((file) => existsSync(file));
}
