/**
 * FlattenBackoff (Python): exponential backoff or jitter becomes a constant delay, so retries hammer at a fixed rate.
 * In a delay context (the value reaches a sleep/timer call, a delay-like name or keyword, a delay-like function's
 * return, or sits in a retry loop): `base * 2 ** n` / `base * pow(2, n)` -> `base`; a bare `2 ** n` -> backoffDelayMs
 * in seconds; `random.uniform(a, b)` -> `(a + b) / 2` and `random.random()` -> `0.5` (the mean, without the jitter).
 * `min(cap, base * 2 ** n)` mutates only the inner product. Anywhere: `tenacity.wait_exponential(...)` (and
 * `wait_random_exponential`) -> `wait_fixed(<first wait>)`; `backoff.expo` passed to `backoff.on_exception` /
 * `on_predicate` -> `backoff.constant` (or, when the decorator passes expo's keywords, a constant generator accepting them).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { mutatorSettings } from '../settings.js';
import { qualifiedName, siblingSpelling } from './facts/names.js';
import { callParts, dottedName, enclosingScope, field, isNumericLiteral, lastSegment, seconds, unwrapParentheses } from './syntax.js';

const DELAY_WORDS = /delay|backoff|wait|interval|timeout|sleep|pause|cooldown|timer|call_later/i;
const RETRY_WORDS = /attempt|retr|tries/i;
/** Calls whose result carries their argument on: the delay context is decided where the call's value goes. */
const PASS_THROUGH = new Set(['min', 'max', 'round', 'int', 'float', 'abs', 'random.uniform']);
const TENACITY_EXPONENTIALS = new Set(['tenacity.wait_exponential', 'tenacity.wait_random_exponential']);
const EXPO_KEYWORDS = ['base', 'factor', 'max_value'];

export const flattenBackoff: PyMutator = {
  name: 'FlattenBackoff',
  *mutate(node) {
    const replacement = backoffMathReplacement(node) ?? jitterReplacement(node) ?? retryLibraryReplacement(node);
    if (replacement !== undefined) yield { node, replacement, level: 'expression' };
  },
};

// Exponential math.

function backoffMathReplacement(node: Node): string | undefined {
  const base = exponentialProductBase(node);
  if (base) return inDelayContext(node) ? base.text : undefined;
  if (!isExponential(node) || isProductOperand(node)) return undefined;
  return inDelayContext(node) ? seconds(mutatorSettings().backoffDelayMs) : undefined;
}

/** `base * 2 ** n` or `2 ** n * base` (also with `pow(2, n)`): the base operand. */
function exponentialProductBase(node: Node): Node | undefined {
  if (binaryOperator(node) !== '*') return undefined;
  const [left, right] = [field(node, 'left'), field(node, 'right')];
  if (isExponential(unwrapParentheses(right))) return left;
  return isExponential(unwrapParentheses(left)) ? right : undefined;
}

/** `k ** n` or `pow(k, n)` / `math.pow(k, n)` with a literal k > 1 and a non-literal exponent. */
function isExponential(node: Node): boolean {
  if (binaryOperator(node) === '**') return isGrowthFactor(field(node, 'left')) && !isNumericLiteral(field(node, 'right'));
  const parts = callParts(node);
  const name = parts && (qualifiedName(parts.callee) ?? dottedName(parts.callee));
  if (!parts || (name !== 'pow' && name !== 'math.pow') || parts.positional.length !== 2 || parts.keywords.size > 0) return false;
  return isGrowthFactor(parts.positional[0]) && !isNumericLiteral(parts.positional[1]);
}

function isGrowthFactor(node: Node): boolean {
  return isNumericLiteral(node) && Number(node.text.replaceAll('_', '')) > 1;
}

function isProductOperand(node: Node): boolean {
  let outer = node.parent;
  while (outer?.type === 'parenthesized_expression') outer = outer.parent;
  return outer !== null && binaryOperator(outer) === '*';
}

function binaryOperator(node: Node): string | undefined {
  return node.type === 'binary_operator' ? node.childForFieldName('operator')?.type : undefined;
}

// Jitter.

function jitterReplacement(node: Node): string | undefined {
  const parts = callParts(node);
  if (!parts || parts.hasSplat || parts.keywords.size > 0) return undefined;
  const name = qualifiedName(parts.callee);
  const [low, high] = parts.positional;
  const mean = name === 'random.random' && !low ? '0.5' : name === 'random.uniform' && high ? `(${low.text} + ${high.text}) / 2` : undefined;
  return mean !== undefined && inDelayContext(node) ? mean : undefined;
}

// Retry libraries.

function retryLibraryReplacement(node: Node): string | undefined {
  return tenacityReplacement(node) ?? backoffReplacement(node);
}

/** `wait_exponential(multiplier=m, min=lo)` -> `wait_fixed(<its first wait>)`: max(lo, m) when both are given. */
function tenacityReplacement(node: Node): string | undefined {
  const parts = callParts(node);
  if (!parts || parts.hasSplat || !TENACITY_EXPONENTIALS.has(qualifiedName(parts.callee) ?? '')) return undefined;
  const waits = [parts.keywords.get('multiplier') ?? parts.positional[0], parts.keywords.get('min') ?? parts.positional[3]].filter((arg) => arg !== undefined);
  const firstWait = waits.length === 2 ? `max(${waits[0].text}, ${waits[1].text})` : (waits[0]?.text ?? seconds(mutatorSettings().backoffDelayMs));
  return `${siblingSpelling(parts.callee, 'tenacity', 'wait_fixed')}(${firstWait})`;
}

/**
 * `backoff.on_exception(backoff.expo, ...)` -> `backoff.constant`; when the decorator passes expo's own keywords
 * (base, factor, max_value), which reach the wait generator, a generator taking them that repeats expo's first wait.
 */
function backoffReplacement(node: Node): string | undefined {
  if (qualifiedName(node) !== 'backoff.expo' || node.parent?.type !== 'argument_list') return undefined;
  const decorator = callParts(node.parent.parent!)!;
  const decoratorName = qualifiedName(decorator.callee);
  if ((decoratorName !== 'backoff.on_exception' && decoratorName !== 'backoff.on_predicate') || !decorator.positional[0]?.equals(node)) return undefined;
  const constant = siblingSpelling(node, 'backoff', 'constant');
  return EXPO_KEYWORDS.some((keyword) => decorator.keywords.has(keyword)) ? `lambda base=2, factor=1, max_value=None: ${constant}(factor)` : constant;
}

// Delay context.

/** True when the value computed at `node` is a delay: decided by where it flows, else by an enclosing retry loop. */
function inDelayContext(node: Node): boolean {
  return delaySink(node) ?? inRetryLoop(node);
}

/** Follows the value up through arithmetic and pass-through calls to its sink; undefined when the sink says nothing. */
function delaySink(node: Node): boolean | undefined {
  let value = node;
  for (let parent = value.parent; parent; value = parent, parent = value.parent) {
    if (['parenthesized_expression', 'binary_operator', 'unary_operator', 'conditional_expression'].includes(parent.type)) continue;
    if (parent.type === 'keyword_argument') return DELAY_WORDS.test(field(parent, 'name').text);
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment') return isDelayTarget(field(parent, 'left'));
    if (parent.type === 'return_statement') return DELAY_WORDS.test(enclosingFunctionName(parent));
    if (parent.type !== 'argument_list') return undefined;
    const callee = calleeName(parent.parent!);
    if (DELAY_WORDS.test(lastSegment(callee))) return true;
    if (!PASS_THROUGH.has(callee)) return undefined;
    parent = parent.parent!;
  }
  return undefined;
}

function calleeName(call: Node): string {
  const callee = field(call, 'function');
  return qualifiedName(callee) ?? dottedName(callee) ?? '';
}

/** A delay-like name (`delay`, `self._backoff`), or a plain name that later reaches a sleep/timer call in the same function. */
function isDelayTarget(target: Node): boolean {
  const name = dottedName(target);
  if (name === undefined) return false;
  if (DELAY_WORDS.test(lastSegment(name))) return true;
  const scope = enclosingScope(target);
  const calls = scope ? scope.descendantsOfType('call') : [];
  return calls.some((call) => call !== null && DELAY_WORDS.test(lastSegment(calleeName(call))) && field(call, 'arguments').descendantsOfType('identifier').some((arg) => arg?.text === name));
}

function enclosingFunctionName(node: Node): string {
  const scope = enclosingScope(node);
  return scope?.type === 'function_definition' ? field(scope, 'name').text : '';
}

/** Inside a loop (in the same function) that retries: its body has a try statement, or its variable reads like an attempt count. */
function inRetryLoop(node: Node): boolean {
  for (let current = node.parent; current && !['function_definition', 'lambda', 'class_definition'].includes(current.type); current = current.parent) {
    if (current.type !== 'for_statement' && current.type !== 'while_statement') continue;
    const loopVariable = current.type === 'for_statement' ? field(current, 'left').text : '';
    if (RETRY_WORDS.test(loopVariable) || field(current, 'body').descendantsOfType('try_statement').length > 0) return true;
  }
  return false;
}
