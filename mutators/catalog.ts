/** The operator catalog: every sleepmut operator's name, summary and the options it reads, shared by all language backends. */

export type Language = 'js' | 'python';

/** Options that change what an operator generates (see `settings.ts`). */
export type OperatorOption = 'delayMs' | 'backoffDelayMs';

/**
 * The time a mutant adds each time its site runs, as the verdict rule (src/verdict) budgets it. Defined here, per
 * operator, never read from a replacement's text:
 * - a setting: it sleeps that long (`delayMs`);
 * - `poll`: up to one poll interval (`pollIntervalMs`) late per wake-up;
 * - `unknown`: as long as something the engines cannot see (a blocking sleep lasts as long as the sleep it replaces:
 *   nothing more when that sleep really waited, all of it when the tests mocked the async sleep);
 * - `none`: no wait of its own (it may even make tests faster, as a flattened backoff does).
 */
export type Injection = OperatorOption | 'poll' | 'unknown' | 'none';

/**
 * What a mutated site is, for the hint that tells how to catch it: an operator's sites differ (a FlattenBackoff site
 * may be a retry backoff or a cache TTL's jitter). The first kind whose words appear in the site's original code (or
 * its file's name) applies; none: the operator's general hint.
 */
export interface SiteKind {
  /** Key of the hint (src/report/hints.ts) and the label the report shows. */
  readonly kind: string;
  readonly words: RegExp;
}

export const siteKinds: Readonly<Record<string, readonly SiteKind[]>> = {
  FlattenBackoff: [
    { kind: 'TTL jitter', words: /ttl|expir|stale|refresh|cache|lease/i },
    { kind: 'retry backoff', words: /retr|attempt|backoff|tries|reconnect|fail/i },
    { kind: 'poll interval', words: /poll|interval|check/i },
  ],
  EventWaitToSleep: [
    { kind: 'drain wait', words: /join|drain|idle|empty|flush|finish|complete|done/i },
    { kind: 'readiness wait', words: /ready|connect|open|start|init|listen|up\b/i },
  ],
  DropOffload: [
    { kind: 'cooperative yield', words: /setImmediate|scheduler\.yield|setTimeout\(\s*\w+\s*,\s*0\s*\)/ },
    { kind: 'CPU offload', words: /hash|digest|pbkdf2|scrypt|gzip|gunzip|deflate|inflate|compress|brotli|crypt|encode|decode|pars/i },
    { kind: 'I/O offload', words: /read|write|open|stat|file|dir|path|fs|unlink|rename|copy|mkdir|sqlite|db|query/i },
  ],
  BlockingSleep: [{ kind: 'retry delay', words: /retr|backoff|attempt|delay|wait_/i }],
};

export function siteKindOf(operator: string, original: string, file = ''): string | undefined {
  return siteKinds[operator]?.find((site) => site.words.test(original) || site.words.test(file))?.kind;
}

/** The sleep interval of PollInsteadOfEvent's loop (ms). */
export const pollIntervalMs = 200;

export interface OperatorDefinition {
  /** PascalCase, letters only: usable in `excludedMutations` and `// Stryker disable` directives. */
  readonly name: string;
  /** One line, shown in `sleepmut list` and reports. */
  readonly summary: string;
  /** The timing mistake the mutant models. */
  readonly defect: string;
  readonly languages: readonly Language[];
  readonly options: readonly OperatorOption[];
  /** Set for operators that only run when named in `operators`: why they are not in the default set. */
  readonly optIn?: string;
  /** What the mutant adds per hit of its site (see `Injection`). */
  readonly injects: Injection;
  /** Whether the defect makes the code take longer by itself (a sleep, a block, a serialized wait): only then is a survivor's slowdown "time passed unnoticed". */
  readonly addsTime: boolean;
}

export const operatorCatalog = [
  {
    name: 'EventWaitToSleep',
    summary: 'replace an event wait with a fixed sleep',
    defect: 'waits a fixed time and hopes the signal came, instead of waiting for the signal',
    languages: ['js', 'python'],
    options: ['delayMs'],
    injects: 'delayMs',
    addsTime: true,
  },
  {
    name: 'DropOffload',
    summary: 'run offloaded blocking work on the event loop',
    defect: 'blocking work that was moved off the event loop runs on it again',
    languages: ['js', 'python'],
    options: [],
    injects: 'none',
    addsTime: false,
  },
  {
    name: 'BlockingSleep',
    summary: 'swap an awaited sleep for a blocking one',
    defect: 'a blocking sleep freezes every other task on the event loop for its duration',
    languages: ['js', 'python'],
    options: [],
    injects: 'unknown',
    addsTime: true,
  },
  {
    name: 'FlattenBackoff',
    summary: 'replace exponential backoff or jitter with a fixed delay',
    defect: 'retries hammer a failing dependency at a constant rate',
    languages: ['js', 'python'],
    options: ['backoffDelayMs'],
    injects: 'none',
    addsTime: false,
  },
  {
    name: 'SerializeConcurrency',
    summary: 'run concurrent work one task at a time',
    defect: 'work meant to overlap runs sequentially: latency becomes the sum instead of the maximum',
    languages: ['js', 'python'],
    options: [],
    injects: 'none',
    addsTime: true,
  },
  {
    name: 'PollInsteadOfEvent',
    summary: 'replace an event wait with a sleep-polling loop',
    defect: 'polling adds a latency floor to every wake-up',
    languages: ['python'],
    options: [],
    injects: 'poll',
    addsTime: true,
  },
  {
    name: 'NestedEventLoop',
    summary: 'run an awaited coroutine in a nested event loop',
    defect: 'asyncio.run inside a running loop blocks the outer loop (or fails)',
    languages: ['python'],
    options: [],
    optIn:
      'on real code most of its mutants die at once for reasons unrelated to timing (sys.exc_info() is empty on the helper thread, objects bound to the outer loop raise): 28% real on nine async libraries (issue 8), below the 90% of the default set',
    injects: 'none',
    addsTime: false,
  },
] as const satisfies readonly OperatorDefinition[];

export type OperatorName = (typeof operatorCatalog)[number]['name'];

export const operatorNames: readonly OperatorName[] = operatorCatalog.map((operator) => operator.name);

export function operatorsFor(language: Language): readonly OperatorDefinition[] {
  return operatorCatalog.filter((operator) => (operator.languages as readonly Language[]).includes(language));
}

/** The operators that run when `operators` is not configured: all of the language's, minus the opt-in ones. */
export function defaultOperatorsFor(language: Language): readonly OperatorDefinition[] {
  return operatorsFor(language).filter((operator) => !('optIn' in operator));
}

export function findOperator(name: string): OperatorDefinition | undefined {
  return operatorCatalog.find((operator) => operator.name === name);
}
