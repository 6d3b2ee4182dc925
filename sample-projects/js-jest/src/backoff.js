/** Retries a flaky async call, sleeping `baseDelayMs * 2 ** attempt` between attempts. */
const { sleep } = require('./sleep');

async function retryWithBackoff(call, { retries = 3, baseDelayMs = 100 } = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= retries) throw error;
      await sleep(baseDelayMs * 2 ** attempt);
    }
  }
}

module.exports = { retryWithBackoff };
