/** Table tests for EventWaitToSleep: which discarded event waits become a fixed 500 ms sleep, and which shapes are left alone. */
import { describe, expect, it } from 'vitest';
import { mutantsOf, type MutantText } from './harness.js';

const SLEEP = 'await new Promise(r => globalThis.setTimeout(r, 500))';
const toSleep = (original: string): MutantText => ({ original, replacement: SLEEP });
/** The wait goes, the awaited expression stays: it does work besides waiting. */
const keepCall = (original: string, awaited: string): MutantText => ({
  original,
  replacement: `await Promise.race([new Promise(r => globalThis.setTimeout(r, 500)), Promise.resolve(${awaited}).then(() => new Promise(() => {}))])`,
});
const checkOnEvent = `new Promise<void>(resolve => { const check = () => { if (em.live.length === 0) { em.off('change', check); resolve(); } }; em.on('change', check); check(); })`;
const endOfScan = `new Promise((resolve, reject) => { if (!stream) return reject(); stream.once('end', () => { resolve(undefined); em.emit('scanned'); }); })`;
/** The same, as the printer writes the kept copy. */
const checkOnEventPrinted = `new Promise<void>(resolve => {\n  const check = () => {\n    if (em.live.length === 0) {\n      em.off('change', check);\n      resolve();\n    }\n  };\n  em.on('change', check);\n  check();\n})`;
const endOfScanPrinted = `new Promise((resolve, reject) => {\n  if (!stream) return reject();\n  stream.once('end', () => {\n    resolve(undefined);\n    em.emit('scanned');\n  });\n})`;
/** tinyexec: a deferred kept in a field, resolved by a member registered as a listener; `extra` adds a member. */
const deferredClass = (extra = '') => `class Proc {\n  constructor() {\n    this._closed = new Promise((resolve) => {\n      this._resolveClose = resolve;\n    });\n  }\n  spawn(handle) {\n    handle.once('close', this._onClose);\n  }\n  async output() {\n    await this._closed;\n  }\n  _onClose = () => {\n    if (this._resolveClose) {\n      this._resolveClose();\n    }\n  };${extra}\n}`;
/** http-graceful-shutdown: a promise resolved by server.close's callback (the call also closes the server). */
const serverClose = `new Promise((resolve, reject) => { server.close((err) => { if (err) return reject(err); return resolve(true); }); })`;
const serverClosePrinted = `new Promise((resolve, reject) => {\n  server.close(err => {\n    if (err) return reject(err);\n    return resolve(true);\n  });\n})`;
/** A stored close promise returned two `.then` callbacks deep; `next` is the chain's next step. */
const closeChain = (next: string, inner = '() => {') => `function shutdown(server, hooks, drain, kill) {\n  return hooks.before().then(${inner}\n    const closed = ${serverClose};\n    closed.catch(() => {});\n    return drain().then((force) => {\n      if (force) kill();\n      return closed;\n    });\n  }).then(${next});\n}`;
const raced = (kept: string): string => `Promise.race([new Promise(r => globalThis.setTimeout(r, 500)), Promise.resolve(${kept}).then(() => new Promise(() => {}))])`;
const inAsync = (body: string): string => `async function run(em, target, queue, latch, server, app) {\n  ${body}\n}`;

describe('EventWaitToSleep mutates', () => {
  it.each<[string, string, MutantText[], string?]>([
    ['once imported from events', `import { once } from 'events';\n${inAsync(`await once(em, 'x');`)}`, [toSleep(`await once(em, 'x')`)]],
    ['once renamed from node:events', `import { once as nextEvent } from 'node:events';\n${inAsync(`await nextEvent(em, 'ready');`)}`, [toSleep(`await nextEvent(em, 'ready')`)]],
    ['events namespace', `import * as events from 'node:events';\n${inAsync(`await events.once(em, 'x');`)}`, [toSleep(`await events.once(em, 'x')`)]],
    ['default import of events', `import EventEmitter from 'events';\n${inAsync(`await EventEmitter.once(em, 'x');`)}`, [toSleep(`await EventEmitter.once(em, 'x')`)]],
    ['named EventEmitter class', `import { EventEmitter } from 'node:events';\n${inAsync(`await EventEmitter.once(em, 'x');`)}`, [toSleep(`await EventEmitter.once(em, 'x')`)]],
    ['once required from node:events (CommonJS)', `const { once } = require('node:events');\n${inAsync(`await once(em, 'x');`)}`, [toSleep(`await once(em, 'x')`)], 'input.js'],
    ['EventEmitter required as a property (CommonJS)', `var EventEmitter = require('events').EventEmitter;\n${inAsync(`await EventEmitter.once(em, 'x');`)}`, [toSleep(`await EventEmitter.once(em, 'x')`)], 'input.js'],
    ['promise around em.once', inAsync(`await new Promise(r => em.once('x', r));`), [toSleep(`await new Promise(r => em.once('x', r))`)]],
    ['promise around em.on', inAsync(`await new Promise(resolve => em.on('data', resolve));`), [toSleep(`await new Promise(resolve => em.on('data', resolve))`)]],
    [
      'promise around addEventListener once',
      inAsync(`await new Promise(r => target.addEventListener('load', r, { once: true }));`),
      [toSleep(`await new Promise(r => target.addEventListener('load', r, { once: true }))`)],
    ],
    [
      'block executor with a () => r() wrapper',
      inAsync(`await new Promise(resolve => { em.once('x', () => resolve()); });`),
      [toSleep(`await new Promise(resolve => { em.once('x', () => resolve()); })`)],
    ],
    ['a condition re-checked on every event, by a local listener (lightship)', inAsync(`await ${checkOnEvent};`), [keepCall(`await ${checkOnEvent}`, checkOnEventPrinted)]],
    ['an executor that rejects early and resolves in an end listener (chokidar)', inAsync(`await ${endOfScan};`), [keepCall(`await ${endOfScan}`, endOfScanPrinted)]],
    ['a deferred kept in a field and resolved by a member registered as a listener (tinyexec)', deferredClass(), [toSleep('await this._closed')]],
    [
      'a stored once awaited only inside a race with error watchers (nano-spawn)',
      `import { once } from 'node:events';\n${inAsync(`const onClose = once(em, 'close');\n  try {\n    await Promise.race([onClose, watchErrors(em)]);\n  } catch {\n    await Promise.allSettled([onClose]);\n  }`)}`,
      [{ original: `once(em, 'close')`, replacement: 'new Promise(r => globalThis.setTimeout(r, 500))' }],
    ],
    [
      'the completion promise of a minipass pipeline built in view (cacache write.js): kept, raced',
      `const Pipeline = require('minipass-pipeline');\n${inAsync(`const pipeline = new Pipeline(em, target);\n  await pipeline.promise();`)}`,
      [keepCall('await pipeline.promise()', 'pipeline.promise()')],
      'input.js',
    ],
    ['a promise resolved by the callback of server.close: the call (which closes the server) stays, the wait goes', inAsync(`await ${serverClose};`), [keepCall(`await ${serverClose}`, serverClosePrinted)]],
    [
      'a stored close promise returned into a .then chain whose next step discards the value (http-graceful-shutdown)',
      closeChain('() => hooks.after()'),
      [{ original: 'closed', replacement: raced('closed') }],
      'input.js',
    ],
    ['an event wait returned by an arrow callback, in a chain awaited as a statement', inAsync(`await start().then(() => new Promise(r => em.once('x', r)));`), [{ original: `new Promise(r => em.once('x', r))`, replacement: 'new Promise(r => globalThis.setTimeout(r, 500))' }]],
    ['latch.wait()', inAsync(`await latch.wait();`), [toSleep(`await latch.wait()`)]],
    ['this.barrier.wait()', inAsync(`await this.barrier.wait();`), [toSleep(`await this.barrier.wait()`)]],
    ['queue.onIdle()', inAsync(`await queue.onIdle();`), [toSleep(`await queue.onIdle()`)]],
    ['queue.onEmpty()', inAsync(`await queue.onEmpty();`), [toSleep(`await queue.onEmpty()`)]],
    ['vi.waitFor', inAsync(`await vi.waitFor(() => expect(em.count).toBe(1));`), [toSleep(`await vi.waitFor(() => expect(em.count).toBe(1))`)]],
    ['waitFor', inAsync(`await waitFor(() => screen.getByText('ok'));`), [toSleep(`await waitFor(() => screen.getByText('ok'))`)]],
    ['pWaitFor', inAsync(`await pWaitFor(() => server.done);`), [toSleep(`await pWaitFor(() => server.done)`)]],
    ['await ready', inAsync(`await ready;`), [toSleep(`await ready`)]],
    ['await this.ready', inAsync(`await this.ready;`), [toSleep(`await this.ready`)]],
    ['await readyPromise', inAsync(`await readyPromise;`), [toSleep(`await readyPromise`)]],
    ['await connectedPromise', inAsync(`await connectedPromise;`), [toSleep(`await connectedPromise`)]],
    ['await whenReady', inAsync(`await whenReady;`), [toSleep(`await whenReady`)]],
    ['await server.listening', inAsync(`await server.listening;`), [toSleep(`await server.listening`)]],
    ['await this.#initialized', `class Db {\n  #initialized = init();\n  async query() {\n    await this.#initialized;\n  }\n}`, [toSleep(`await this.#initialized`)]],
    ['await app.whenReady()', inAsync(`await app.whenReady();`), [toSleep(`await app.whenReady()`)]],
    ['a .js file', `import { once } from 'node:events';\n${inAsync(`await once(em, 'x');`)}`, [toSleep(`await once(em, 'x')`)], 'input.js'],
    [
      'TypeScript syntax',
      `import { once } from 'node:events';\nimport type { EventEmitter } from 'node:events';\nasync function run(em: EventEmitter, ready: Promise<void>): Promise<void> {\n  await ready;\n  await once(em, 'x');\n}`,
      [toSleep(`await ready`), toSleep(`await once(em, 'x')`)],
    ],
    [
      'a mutant nested inside another',
      inAsync(`await waitFor(async () => {\n    await this.started;\n  });`),
      [toSleep(`await waitFor(async () => {\n    await this.started;\n  })`), toSleep(`await this.started`)],
    ],
  ])('%s', async (_description, code, expected, fileName = 'input.ts') => {
    expect(await mutantsOf('EventWaitToSleep', code, fileName)).toEqual(expected);
  });

  it('uses the configured delay', async () => {
    expect(await mutantsOf('EventWaitToSleep', inAsync('await ready;'), 'input.ts', { delayMs: 50 })).toEqual([
      { original: 'await ready', replacement: 'await new Promise(r => globalThis.setTimeout(r, 50))' },
    ]);
  });
});

describe('EventWaitToSleep leaves alone', () => {
  it.each<[string, string]>([
    ['once whose value is destructured', `import { once } from 'node:events';\n${inAsync(`const [msg] = await once(em, 'message');`)}`],
    ['waitForSelector whose value is used', inAsync(`const el = await page.waitForSelector(s);`)],
    ['a discarded waitForSelector (not a listed wait)', inAsync(`await page.waitForSelector(s);`)],
    ['return await', `import { once } from 'node:events';\n${inAsync(`return await once(em, 'x');`)}`],
    ['em.once with a non-resolver callback', inAsync(`await em.once('x', cb);`)],
    ['a promise whose listener does not resolve it', inAsync(`await new Promise(r => em.once('x', () => console.log('x')));`)],
    ['a promise around a callback API that is not a listener', inAsync(`await new Promise(r => server.listen(8080, r));`)],
    ['a promise around fs.close(fd, cb) (a callback API, not an event)', inAsync(`await new Promise((resolve, reject) => { fs.close(fd, (err) => { if (err) return reject(err); return resolve(); }); });`)],
    ['a stored close promise returned into a .then chain whose next step reads the value', closeChain('(closed) => hooks.after(closed)')],
    ['a stored close promise returned into a .then chain that a function hands back (its caller may use the value)', `function close(server, drain) {\n  return drain().then(() => {\n    const closed = ${serverClose};\n    return closed;\n  });\n}`],
    ['a close promise returned through a callback with a declared return type', closeChain('() => hooks.after()', '(): Promise<unknown> => {')],
    ['a timer promise (a sleep)', inAsync(`await new Promise(r => setTimeout(r, 10));`)],
    ['scheduler.wait (a sleep)', inAsync(`await scheduler.wait(10);`)],
    ['wait with an argument (a sleep helper)', inAsync(`await latch.wait(100);`)],
    ['a plain data call', inAsync(`await fetchData();`)],
    ['a call that does the connecting', inAsync(`await ensureConnected();`)],
    ['a name that only contains "ready"', inAsync(`await alreadyDone;`)],
    ['un-awaited once', `import { once } from 'node:events';\n${inAsync(`once(em, 'x');\n  const pending = once(em, 'y');`)}`],
    ['once with an AbortSignal (a cancellable watcher)', `import { once } from 'node:events';\n${inAsync(`await once(em, 'disconnect', { signal });\n  controller.abort();`)}`],
    ['a listener promise the executor also resolves itself', inAsync(`await new Promise(r => { em.on('x', r); r(); });`)],
    ['a listener promise with a timer fallback (the resolver escapes to setTimeout)', inAsync(`await new Promise(r => { em.once('x', r); setTimeout(r, 1000); });`)],
    ['a condition polled by a timer, not re-checked on an event', inAsync(`await new Promise(r => { const check = () => { if (em.done) r(); }; setInterval(check, 10); });`)],
    ['a local resolver-calling function that escapes to a timer too', inAsync(`await new Promise(r => { const check = () => r(); em.on('x', check); setTimeout(check, 10); });`)],
    ['an event wait that is the body of a loop re-checking its condition (a poll, not a wager)', `import { once } from 'node:events';
${inAsync(`while (queue.size > 2) {
    await once(em, 'x');
  }`)}`],
    ['a deferred whose resolver a public method also calls (not only an event)', deferredClass(`\n  finish() {\n    this._resolveClose();\n  }`)],
    ['a deferred whose resolving member is also handed to a timer', deferredClass(`\n  later() {\n    setTimeout(this._onClose, 10);\n  }`)],
    ['a stored once raced and its result used', `import { once } from 'node:events';\n${inAsync(`const onClose = once(em, 'close');\n  const winner = await Promise.race([onClose, watchErrors(em)]);\n  return winner;`)}`],
    ['a stored once raced and also handed on', `import { once } from 'node:events';\n${inAsync(`const onClose = once(em, 'close');\n  await Promise.race([onClose, watchErrors(em)]);\n  return onClose;`)}`],
    ['an emitter handed on after its first event (nano-spawn spawn.js: the caller then waits for close; a sleep lets it pass unheard)', `import { once } from 'node:events';\n${inAsync(`const instance = spawn(cmd);\n  await once(instance, 'spawn');\n  return instance;`)}`],
    ['a .promise() that is the request itself (AWS SDK v2)', inAsync(`await s3.putObject(params).promise();`)],
    ['a .promise() on a stream of another package', `const { Writable } = require('node:stream');\n${inAsync(`const out = new Writable();\n  await out.promise();`)}`],
    ['once from lodash', `import { once } from 'lodash';\n${inAsync(`await once(em, 'x');`)}`],
    ['once required from lodash (CommonJS)', `const { once } = require('lodash');\n${inAsync(`await once(em, 'x');`)}`],
    ['a reassigned binding of a required once', `let { once } = require('events');\nonce = other;\n${inAsync(`await once(em, 'x');`)}`],
    ['a local function named once', `function once(em, name) {\n  return em.flush(name);\n}\n${inAsync(`await once(em, 'x');`)}`],
  ])('%s', async (_description, code) => {
    expect(await mutantsOf('EventWaitToSleep', code)).toEqual([]);
  });
});
