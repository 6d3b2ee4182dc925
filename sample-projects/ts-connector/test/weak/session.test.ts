/** Session test as an assistant typically writes it: the transport becomes ready on its own, the message arrives. */
import { expect, it } from 'vitest';
import { Connector } from '../../src/connector.js';
import { Session } from '../../src/session.js';
import { ScriptedTransport } from '../support/scripted-transport.js';

it('sends a message once connected', async () => {
  const transport = new ScriptedTransport({ readyAfterMs: 5 });
  await new Session(new Connector(transport)).send('hello');
  expect(transport.written).toContain('hello');
});
