/**
 * PollInsteadOfEvent (Python): a discarded `await ev.wait()` statement on a known asyncio/anyio/trio Event becomes a
 * sleep-polling loop on the same condition, `while not ev.is_set(): await <its library>.sleep(0.2)`: the code still
 * proceeds once the event is set, but up to one poll interval late. Only receivers bound to an Event (assignment or
 * annotation) are mutated, since conditions, barriers and queues have no `is_set()`.
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { asyncEventLibrary } from './facts/names.js';
import { awaitedCall, awaitedSleep, callParts, field, seconds, type AsyncLibrary } from './syntax.js';
import { pollIntervalMs } from '../catalog.js';

const POLL_INTERVAL_SECONDS = seconds(pollIntervalMs);

export const pollInsteadOfEvent: PyMutator = {
  name: 'PollInsteadOfEvent',
  nodeTypes: ['expression_statement'],
  *mutate(node) {
    const wait = node.type === 'expression_statement' && node.namedChildCount === 1 ? awaitedEventWait(node.firstNamedChild!) : undefined;
    if (wait) {
      const loop = `while not ${wait.receiver}.is_set():\n    ${awaitedSleep(wait.library, POLL_INTERVAL_SECONDS)}`;
      yield { node, replacement: loop, level: 'statement' };
    }
  },
};

/** `await R.wait()` where R is bound to an async library's Event: R's text and that library. */
function awaitedEventWait(node: Node): { receiver: string; library: AsyncLibrary } | undefined {
  const call = awaitedCall(node);
  const parts = call && callParts(call)!;
  if (!parts || parts.callee.type !== 'attribute' || field(parts.callee, 'attribute').text !== 'wait' || parts.positional.length + parts.keywords.size > 0) return undefined;
  const receiver = field(parts.callee, 'object');
  const library = asyncEventLibrary(receiver);
  return library && { receiver: receiver.text, library };
}
