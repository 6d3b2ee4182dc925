/** Registration: puts sleepmut's mutators into the instrumenter's mutator list, idempotently, with the user's operator selection. */
import type { JsMutator } from '../../mutators/js/ast.js';
import { jsMutators } from '../../mutators/js/index.js';
import type { SleepmutOptions } from './options.js';

interface RegistryState {
  /** Stryker's own mutators, as found before sleepmut touched the list. */
  builtins: JsMutator[];
}

const stateKey = Symbol.for('sleepmut.registry');
const sleepmutNames = new Set(jsMutators.map((mutator) => mutator.name));

type Selection = Pick<SleepmutOptions, 'operators' | 'disableBuiltinMutators'>;

/**
 * Rewrites `allMutators` in place to Stryker's built-ins (unless disabled) followed by the selected sleepmut mutators.
 * Safe to call any number of times: the built-ins are remembered on first contact.
 */
export function applySelection(allMutators: JsMutator[], selection: Selection, wrap: (mutator: JsMutator) => JsMutator = (m) => m): void {
  const state = registryState(allMutators);
  const selected = jsMutators.filter((mutator) => selection.operators.includes(mutator.name as never)).map(wrap);
  allMutators.splice(0, allMutators.length, ...(selection.disableBuiltinMutators ? [] : state.builtins), ...selected);
}

function registryState(allMutators: JsMutator[]): RegistryState {
  const holder = allMutators as JsMutator[] & { [stateKey]?: RegistryState };
  holder[stateKey] ??= { builtins: allMutators.filter((mutator) => !sleepmutNames.has(mutator.name)) };
  return holder[stateKey];
}
