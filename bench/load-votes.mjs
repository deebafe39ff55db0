// A quick vote load for profiling: node bench/load-votes.mjs <base> [seconds]
import {randomBytes} from 'node:crypto';
import autocannon from 'autocannon';

const base = process.argv[2];
const run = randomBytes(4).toString('hex');
let n = 0;
const result = await autocannon({
  url: `${base}/api/v1/polls/demo-poll-multi/votes`,
  connections: 50,
  duration: Number(process.argv[3] ?? 5),
  requests: [
    {
      method: 'POST',
      setupRequest(req) {
        const id = `${run}-${(++n).toString(36).padStart(8, '0')}`;
        return {...req, method: 'POST', headers: {'content-type': 'application/json', 'idempotency-key': `load-${id}`}, body: JSON.stringify({optionIds: ['loans'], voter: `load-voter-${id}-xxxxxxxx`, channel: 'web'})};
      },
    },
  ],
});
console.log(`votes/s ${result.requests.average} p50 ${result.latency.p50} p99 ${result.latency.p99} non2xx ${result.non2xx} errors ${result.errors}`);
