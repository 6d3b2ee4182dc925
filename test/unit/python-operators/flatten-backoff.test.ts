/** Table tests for FlattenBackoff (Python): which backoff growth and jitter become constant, and which powers of two are left alone. */
import { flattenBackoff } from '../../../mutators/python/flatten-backoff.js';
import { inAsyncDef, operatorTable, projectTable } from '../python-harness.js';

const flat = (original: string, replacement: string) => ({ original, replacement });
const expoGenerator =
  'def expo(base=2, factor=1, max_value=None):\n    n = 0\n    while True:\n        a = factor * base ** n\n        if max_value is None or a < max_value:\n            yield a\n            n += 1\n        else:\n            yield max_value\n';
const strategyClass = (name: string) =>
  `class ${name}:\n    def __init__(self, multiplier=1, max=60, exp_base=2):\n        self.multiplier = multiplier\n        self.max = max\n        self.exp_base = exp_base\n\n    def __call__(self, retry_state):\n        try:\n            exp = self.exp_base ** (retry_state.attempt_number - 1)\n            result = self.multiplier * exp\n        except OverflowError:\n            return self.max\n        return max(0, min(result, self.max))\n`;
const retryLoop = (line: string) => `for attempt in range(5):\n    try:\n        return await call()\n    except OSError:\n        ${line}`;

operatorTable(flattenBackoff, [
  ['base * 2 ** attempt into asyncio.sleep', inAsyncDef('import asyncio', 'await asyncio.sleep(base * 2 ** attempt)'), [flat('base * 2 ** attempt', 'base')]],
  ['2 ** n * base assigned to delay', inAsyncDef('', 'delay = 2 ** n * 0.1'), [flat('2 ** n * 0.1', '0.1')]],
  ['a parenthesized power', inAsyncDef('', 'self.backoff_s = base * (2 ** attempt)'), [flat('base * (2 ** attempt)', 'base')]],
  ['base * pow(2, n)', inAsyncDef('import time', 'time.sleep(base * pow(2, n))'), [flat('base * pow(2, n)', 'base')]],
  ['base * math.pow(2, n) as a keyword', inAsyncDef('import math', 'schedule(job, wait_seconds=base * math.pow(2, n))'), [flat('base * math.pow(2, n)', 'base')]],
  ['min(cap, ...) mutates only the inner product', inAsyncDef('import asyncio', 'await asyncio.sleep(min(30, base * 2 ** attempt))'), [flat('base * 2 ** attempt', 'base')]],
  ['a bare power into a sleep gets the fixed delay', inAsyncDef('import asyncio', 'await asyncio.sleep(2 ** attempt)'), [flat('2 ** attempt', '2')]],
  ['a bare power in a retry loop', inAsyncDef('import asyncio', retryLoop('print(2 ** attempt)')), [flat('2 ** attempt', '2')]],
  ['a delay returned by a backoff function', 'def backoff_for(attempt, base=0.5):\n    return base * 2 ** attempt\n', [flat('base * 2 ** attempt', 'base')]],
  ['a plain name that reaches a sleep', inAsyncDef('import asyncio', 't = base * 2 ** attempt\nawait asyncio.sleep(t)'), [flat('base * 2 ** attempt', 'base')]],
  ['loop.call_later', inAsyncDef('import asyncio', 'loop.call_later(base * 2 ** attempt, retry)'), [flat('base * 2 ** attempt', 'base')]],
  ['additive uniform jitter', inAsyncDef('import random', 'delay = base + random.uniform(0, 0.1)'), [flat('random.uniform(0, 0.1)', '(0 + 0.1) / 2')]],
  [
    'backoff with multiplicative jitter flattens both',
    inAsyncDef('import asyncio, random', 'await asyncio.sleep(base * 2 ** attempt * random.random())'),
    [flat('base * 2 ** attempt', 'base'), flat('random.random()', '0.5')],
  ],
  ['full jitter around the backoff', inAsyncDef('from random import uniform', 'pause = uniform(0, base * 2 ** attempt)'), [flat('uniform(0, base * 2 ** attempt)', '(0 + base * 2 ** attempt) / 2'), flat('base * 2 ** attempt', 'base')]],
  ['tenacity.wait_exponential with a multiplier', 'import tenacity\n\n@tenacity.retry(wait=tenacity.wait_exponential(multiplier=0.1, max=5))\nasync def f():\n    pass\n', [flat('tenacity.wait_exponential(multiplier=0.1, max=5)', 'tenacity.wait_fixed(0.1)')]],
  ['wait_exponential with multiplier and min', 'from tenacity import retry, wait_exponential, wait_fixed\n\n@retry(wait=wait_exponential(multiplier=1, min=4, max=10))\ndef f():\n    pass\n', [flat('wait_exponential(multiplier=1, min=4, max=10)', 'wait_fixed(max(1, 4))')]],
  ['wait_exponential without wait_fixed imported', 'from tenacity import retry, wait_exponential\n\n@retry(wait=wait_exponential())\ndef f():\n    pass\n', [flat('wait_exponential()', "__import__('tenacity').wait_fixed(2)")]],
  ['wait_random_exponential through an alias', 'import tenacity as tn\n\nPOLICY = tn.wait_random_exponential(0.5, 60)\n', [flat('tn.wait_random_exponential(0.5, 60)', 'tn.wait_fixed(0.5)')]],
  ['backoff.expo in on_exception', 'import backoff\n\n@backoff.on_exception(backoff.expo, OSError, max_tries=4)\nasync def f():\n    pass\n', [flat('backoff.expo', 'backoff.constant')]],
  ['expo imported by name', 'from backoff import on_predicate, expo\n\n@on_predicate(expo, max_time=3)\ndef f():\n    pass\n', [flat('expo', "__import__('backoff').constant")]],
  [
    'expo configured with factor: a constant generator that takes expo keywords',
    'import backoff\n\n@backoff.on_exception(backoff.expo, OSError, factor=0.1)\ndef f():\n    pass\n',
    [flat('backoff.expo', 'lambda base=2, factor=1, max_value=None: backoff.constant(factor)')],
  ],
  ['leaves alone: expo used outside a backoff decorator', 'import backoff\n\nwaits = backoff.expo(factor=2)\n', []],
  ['leaves alone: expo passed in second place', 'import backoff\n\nx = backoff.on_exception(gen, backoff.expo)\n', []],
  ['leaves alone: a size that doubles', inAsyncDef('', 'size = chunk * 2 ** n'), []],
  ['leaves alone: a buffer size in a retry loop', inAsyncDef('', retryLoop('buffer_len = chunk * 2 ** attempt')), []],
  ['leaves alone: a constant power', inAsyncDef('import asyncio', 'await asyncio.sleep(base * 2 ** 3)'), []],
  ['leaves alone: a bit mask', inAsyncDef('', 'mask = (2 ** bits) - 1'), []],
  ['leaves alone: squaring, not growth', inAsyncDef('import asyncio', 'await asyncio.sleep(delay ** 2)'), []],
  ['leaves alone: random values that are data', inAsyncDef('import random', 'sample = random.random()\nxs.append(random.uniform(1, 2))'), []],
  ['leaves alone: a project pow', inAsyncDef('from .numeric import pow', 'delay = base * pow(2, n)'), []],
  ['a delay generator: factor * base ** n with a named base, yielded through a variable', expoGenerator, [flat('factor * base ** n', 'factor')]],
  ['a fibonacci-like generator yielding the product directly', 'def fibo_backoff(initial, base):\n    attempt = 0\n    while True:\n        yield initial * base ** attempt\n        attempt += 1\n', [flat('initial * base ** attempt', 'initial')]],
  ['a wait_* strategy class: the power of self.exp_base over two statements becomes 1', strategyClass('wait_exponential'), [flat('self.exp_base ** (retry_state.attempt_number - 1)', '1')]],
  ['a strategy class named like a backoff', strategyClass('ExponentialBackoff'), [flat('self.exp_base ** (retry_state.attempt_number - 1)', '1')]],
  ['a jitter helper returning a uniform draw', 'import random\n\ndef full_jitter(value):\n    return random.uniform(0, value)\n', [flat('random.uniform(0, value)', '(0 + value) / 2')]],
  ['a jitter helper adding random()', 'import random\n\ndef random_jitter(value):\n    return value + random.random()\n', [flat('random.random()', '0.5')]],
  ['a jitter field', 'import random\n\nclass Retry:\n    def next(self, value):\n        jitter = random.uniform(0, self.jitter)\n        return value + jitter\n', [flat('random.uniform(0, self.jitter)', '(0 + self.jitter) / 2')]],
  [
    'a value passed to a project function that sleeps for that parameter',
    'import asyncio\n\nasync def hold(seconds):\n    await asyncio.sleep(seconds)\n\nasync def run(base, n):\n    await hold(base * 2 ** n)\n',
    [flat('base * 2 ** n', 'base')],
  ],
  ['a function whose callers sleep for its result', 'import time\n\ndef compute(n, base):\n    return base * 2 ** n\n\ndef run(n):\n    time.sleep(compute(n, 0.1))\n', [flat('base * 2 ** n', 'base')]],
  ['leaves alone: a generator of sizes', 'def chunk_sizes(base=2, size=64):\n    n = 0\n    while True:\n        yield size * base ** n\n        n += 1\n', []],
  ['leaves alone: __call__ of a class that is no delay strategy', 'class Scaler:\n    def __call__(self, n):\n        return self.factor * self.base ** n\n', []],
  ['leaves alone: a named base with a literal exponent', inAsyncDef('import asyncio', 'await asyncio.sleep(self.base ** 2)', 'async def run(self):'), []],
  ['leaves alone: a power of a name that is no base or factor', inAsyncDef('import asyncio', 'await asyncio.sleep(count ** n)', 'async def run(count, n):'), []],
  [
    'leaves alone: a value passed to a project function that does not use it as a delay',
    'def resize(buffer, size):\n    buffer.extend(bytes(size))\n\ndef run(buffer, base, n):\n    for attempt in range(3):\n        resize(buffer, base * 2 ** n)\n',
    [],
  ],
  ['leaves alone: a function whose result is no delay', 'def grow(n, base):\n    return base * 2 ** n\n\ndef run(xs, n):\n    xs.extend(range(grow(n, 4)))\n', []],
  [
    'leaves alone: a power inside a function whose name only contains a growth word (calculate_exponential_multiplier)',
    'def calculate_exponential_multiplier(max_calls_total, window):\n    count = 2.0 ** (max_calls_total - 1) - 1\n    multiplier = window / max(count, 1)\n    return multiplier\n',
    [],
  ],
  [
    'an injected random source that defaults to random.random',
    'import random\n\nclass RandomRetry:\n    def __init__(self, min_timeout, max_timeout, random_func=random.random):\n        self.min_timeout = min_timeout\n        self.max_timeout = max_timeout\n        self.random = random_func\n\n    def get_timeout(self, attempt):\n        return self.min_timeout + self.random() * (self.max_timeout - self.min_timeout)\n',
    [flat('self.random()', '0.5')],
  ],
  ['leaves alone: a self.random() of unknown origin', 'class Retry:\n    def get_timeout(self, attempt):\n        return self.base + self.random() * self.spread\n', []],
  ['growth held in a delay variable: *= 2', inAsyncDef('import asyncio', 'current_delay = base\nwhile True:\n    delay = current_delay\n    current_delay *= 2\n    await asyncio.sleep(delay)'), [flat('2', '1')]],
  ['a delay fed by its own product, capped', inAsyncDef('import asyncio', 'await asyncio.sleep(retry_sleep)\nretry_sleep = min(retry_sleep * 2, 60)', 'async def run(retry_sleep):'), [flat('retry_sleep * 2', 'retry_sleep')]],
  ['a growth factor held in a field', inAsyncDef('import asyncio', 'self._wait *= self._factor\nawait asyncio.sleep(self._wait)', 'async def retry(self):'), [flat('self._factor', '1')]],
  [
    'a Fibonacci step kept in fields, scaled in a get_timeout method',
    'class FibonacciRetry:\n    def get_timeout(self, attempt):\n        new_step = self.prev_step + self.current_step\n        self.prev_step = self.current_step\n        self.current_step = new_step\n        return min(self.multiplier * new_step, self.max_timeout)\n',
    [flat('self.multiplier * new_step', 'self.multiplier')],
  ],
  ['leaves alone: a buffer size that doubles', inAsyncDef('import asyncio', 'size *= 2\nchunk = await reader.read(size)', 'async def grow(reader, size):'), []],
  ['leaves alone: a delay multiplied by another name (no self-feeding)', inAsyncDef('import asyncio', 'delay = min(base * 2, 60)\nawait asyncio.sleep(delay)', 'async def run(base):'), []],
  [
    'leaves alone: a scaled local not stored back into the fields (no recurrence)',
    'class Linear:\n    def get_timeout(self, attempt):\n        step = self.start + self.increment\n        return min(self.multiplier * step, self.max_timeout)\n',
    [],
  ],
]);

projectTable(flattenBackoff, [
  [
    'a helper in another module whose result a caller sleeps for',
    {
      'pkg/__init__.py': '',
      'pkg/util.py': 'def compute(n, base):\n    return base * 2 ** n\n',
      'pkg/client.py': 'import asyncio\n\nfrom pkg import util\n\nasync def call(n):\n    await asyncio.sleep(util.compute(n, 0.1))\n',
    },
    [{ file: 'pkg/util.py', original: 'base * 2 ** n', replacement: 'base' }],
  ],
  [
    'a strategy subclass of a backoff base class in another module',
    {
      'pkg/__init__.py': '',
      'pkg/base.py': 'class BackoffStrategy:\n    def __call__(self, attempt):\n        raise NotImplementedError\n',
      'pkg/strategies.py': 'from .base import BackoffStrategy\n\nclass Exponential(BackoffStrategy):\n    def __call__(self, attempt):\n        return self.initial * self.factor ** attempt\n',
    },
    [{ file: 'pkg/strategies.py', original: 'self.initial * self.factor ** attempt', replacement: 'self.initial' }],
  ],
  [
    'leaves alone: the same helper when no caller uses it as a delay',
    {
      'pkg/__init__.py': '',
      'pkg/util.py': 'def compute(n, base):\n    return base * 2 ** n\n',
      'pkg/client.py': 'from pkg.util import compute\n\ndef sizes(n):\n    return [0] * compute(n, 8)\n',
    },
    [],
  ],
]);
