/**
 * The one fact that needs types: the class of a receiver whose type syntax cannot see (`const d = await makeDelay(o);
 * await d.apply()`). Not built yet: every such receiver is left unknown, so its call is left alone.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { ModuleInfo } from './module-info.js';
import type { TimingFact } from './timing.js';

export function typedMemberFact(_path: NodePath<t.CallExpression>, _module: ModuleInfo): TimingFact | undefined {
  return undefined;
}
