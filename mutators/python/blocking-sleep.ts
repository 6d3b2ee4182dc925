/**
 * BlockingSleep (Python): `await asyncio.sleep(d)` / `await anyio.sleep(d)` / `await trio.sleep(d)` ->
 * `__import__('time').sleep(d)`, which freezes the whole event loop for d. Both return None; sleeps with asyncio's
 * `result` argument and zero-delay sleeps (cooperative yields, not waits) are left alone, and so is a sleep that is the
 * only yield of a `while` loop waiting for another task of the same loop (a hang by construction, not a slow mutant),
 * unless the loop reads a clock (`time.monotonic()`, `current_time()`), its condition polls a process or thread
 * (`.exitcode`) or its body polls a child (`os.waitpid(pid, os.WNOHANG)`).
 * A sleep function that returns the awaitable instead of awaiting it (`def sleep(s): return asyncio.sleep(s)`, or a
 * lambda, which callers await) -> `(__import__('time').sleep(s), asyncio.sleep(0))[1]`: it blocks for s when called
 * and hands back an awaitable that completes at once, so callers still await the same None.
 * trio/anyio deadline sleeps: `await trio.sleep_until(t)` -> `time.sleep(max(0, t - trio.current_time()))` (builtins' max: a parameter may shadow it).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { qualifiedName } from './facts/names.js';
import { ownDescendants } from './facts/module.js';
import { ancestorsInScope, awaitedCall, calleeLastName, callParts, enclosingScope, field, isAsyncFunction, isZeroLiteral } from './syntax.js';

const ASYNC_SLEEPS = new Set(['asyncio.sleep', 'anyio.sleep', 'trio.sleep']);

export const blockingSleep: PyMutator = {
  name: 'BlockingSleep',
  nodeTypes: ['await', 'call'],
  *mutate(node) {
    const call = awaitedCall(node);
    const delay = call && sleepDelay(call);
    if (delay && !isZeroLiteral(delay) && !isOnlyYieldOfPollingLoop(node)) yield { node, replacement: `__import__('time').sleep(${delay.text})`, level: 'expression' };
    const deadline = call && sleepUntilDeadline(call);
    if (deadline) yield { node, replacement: `__import__('time').sleep(__import__('builtins').max(0, ${deadline.text} - __import__('${deadline.library}').current_time()))`, level: 'expression' };
    const returned = returnedSleep(node);
    if (returned) yield { node, replacement: `(__import__('time').sleep(${returned.delay.text}), ${returned.callee.text}(0))[1]`, level: 'expression' };
  },
};

/** The delay argument of an async library sleep that takes nothing else (`sleep(d)`, `sleep(delay=d)`, `sleep(seconds=d)`). */
function sleepDelay(call: Node): Node | undefined {
  const parts = callParts(call);
  if (!parts || !ASYNC_SLEEPS.has(qualifiedName(parts.callee) ?? '') || parts.hasSplat || parts.positional.length + parts.keywords.size !== 1) return undefined;
  return parts.positional[0] ?? parts.keywords.get('delay') ?? parts.keywords.get('seconds');
}

/** A loop that reads a clock (condition or body) ends by itself; one whose condition polls a process or thread progresses without the event loop. */
const CLOCK = /monotonic|perf_counter|time\(\)|current_time/;
const OUTSIDE_PROGRESS = /exitcode|returncode|is_alive|\.poll\(\)/;
/** A body that polls a child process itself (`pid, status = os.waitpid(pid, os.WNOHANG)`) also waits for outside progress. */
const POLLS_PROCESS = /\bwaitpid\(/;

/**
 * True when the sleep is the only yield of a `while` loop (no other await that always runs in its body) that reads no
 * clock and whose condition polls no process or thread: the loop waits for another task of the same event loop, and a
 * blocking sleep never lets that task run, so the mutant hangs by construction instead of being slow.
 */
function isOnlyYieldOfPollingLoop(sleep: Node): boolean {
  const loop = [...ancestorsInScope(sleep)].find((node) => node.type === 'while_statement');
  if (!loop || CLOCK.test(loop.text) || OUTSIDE_PROGRESS.test(field(loop, 'condition').text) || POLLS_PROCESS.test(field(loop, 'body').text)) return false;
  const body = field(loop, 'body');
  const yields = ownDescendants(body, ['await', 'for_statement', 'with_statement']).filter((node) => node.id !== sleep.id && isYield(node) && !isConditional(node, body));
  return yields.length === 0;
}

function isYield(node: Node): boolean {
  return node.type === 'await' || node.firstChild?.type === 'async';
}

/** Inside an if/elif/else branch or an except clause between `node` and the loop body: it does not run every time round. */
function isConditional(node: Node, body: Node): boolean {
  for (let current = node.parent; current && current.id !== body.id; current = current.parent) {
    if (['if_statement', 'elif_clause', 'else_clause', 'except_clause', 'conditional_expression', 'boolean_operator'].includes(current.type)) return true;
  }
  return false;
}

/** `trio.sleep_until(deadline)` / `anyio.sleep_until(deadline)`: the deadline, on its library's clock. */
function sleepUntilDeadline(call: Node): { text: string; library: string } | undefined {
  const parts = callParts(call);
  const name = parts && qualifiedName(parts.callee);
  if (!parts || (name !== 'trio.sleep_until' && name !== 'anyio.sleep_until') || parts.hasSplat || parts.keywords.size > 0 || parts.positional.length !== 1) return undefined;
  return { text: parts.positional[0].text, library: name.split('.')[0] };
}

/** `return asyncio.sleep(d)` in a plain function, or `lambda s: asyncio.sleep(s)`: the sleep handed to callers to await. */
function returnedSleep(node: Node): { delay: Node; callee: Node } | undefined {
  if (calleeLastName(node) !== 'sleep') return undefined;
  const parent = node.parent;
  const returned = parent?.type === 'return_statement' || (parent?.type === 'lambda' && parent.childForFieldName('body')?.equals(node));
  const delay = returned && node.type === 'call' ? sleepDelay(node) : undefined;
  const scope = delay && enclosingScope(node);
  if (!delay || !scope || isZeroLiteral(delay) || isAsyncFunction(scope) || scope.type === 'class_definition') return undefined;
  return { delay, callee: callParts(node)!.callee };
}
