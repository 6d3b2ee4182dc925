/**
 * SerializeConcurrency (Python): work meant to overlap runs one awaitable at a time; gather returns a list, so the list
 * literal holds the same values. `await asyncio.gather(a(), b())` -> `[await a(), await b()]` (two or more call
 * arguments); `await asyncio.gather(*[f(x) for x in xs])` (or a generator) -> `[await f(x) for x in xs]`.
 * Left alone: gathers over plain names or `*tasks` (already started elsewhere: an equivalent mutant), and any keyword
 * argument (`return_exceptions=True` cannot be reproduced by an expression).
 */
import type { PyMutator } from './types.js';
import { qualifiedName } from './facts/names.js';
import { awaitedCall, callParts, field, type CallParts } from './syntax.js';

export const serializeConcurrency: PyMutator = {
  name: 'SerializeConcurrency',
  *mutate(node) {
    const call = awaitedCall(node);
    const parts = call && callParts(call)!;
    if (!parts || qualifiedName(parts.callee) !== 'asyncio.gather' || parts.keywords.size > 0) return;
    const replacement = sequentialCalls(parts) ?? sequentialComprehension(parts);
    if (replacement) yield { node, replacement, level: 'expression' };
  },
};

/** `gather(a(), b())` -> `[await a(), await b()]`. */
function sequentialCalls(parts: CallParts): string | undefined {
  const { positional } = parts;
  if (positional.length < 2 || !positional.every((arg) => arg.type === 'call')) return undefined;
  return `[${positional.map((arg) => `await ${arg.text}`).join(', ')}]`;
}

/** `gather(*[f(x) for x in xs])` or `gather(*(f(x) for x in xs))` -> `[await f(x) for x in xs]`. */
function sequentialComprehension(parts: CallParts): string | undefined {
  const [splat] = parts.positional;
  const comprehension = parts.positional.length === 1 && splat.type === 'list_splat' ? splat.firstNamedChild : null;
  if (!comprehension || !['list_comprehension', 'generator_expression'].includes(comprehension.type)) return undefined;
  const body = field(comprehension, 'body');
  if (body.type !== 'call') return undefined;
  const clauses = comprehension.text.slice(body.endIndex - comprehension.startIndex, -1);
  return `[await ${body.text}${clauses}]`;
}
