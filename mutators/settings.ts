/** Mutator settings: the option values every operator reads while generating mutants, with their defaults. */

export interface MutatorSettings {
  /** Fixed sleep (ms) that replaces an event wait. */
  readonly delayMs: number;
  /** Fixed retry delay (ms) used by FlattenBackoff where no base delay is visible. */
  readonly backoffDelayMs: number;
}

export const defaultSettings: MutatorSettings = Object.freeze({ delayMs: 500, backoffDelayMs: 2000 });

let current: MutatorSettings = defaultSettings;
let configured = false;

export function configureMutators(settings: Partial<MutatorSettings>): void {
  current = Object.freeze({ ...defaultSettings, ...settings });
  configured = true;
}

export function mutatorSettings(): MutatorSettings {
  return current;
}

/** True once options were delivered (by the Stryker ignorer or the CLI); false means defaults are in use. */
export function settingsWereConfigured(): boolean {
  return configured;
}
