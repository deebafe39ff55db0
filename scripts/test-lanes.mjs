// The test part of `npm test` in two lanes at once, because neither keeps two cores busy alone:
// vitest (unit, server and end-to-end tests) in one, and the type check and lint, the browser tests
// and the stories one after another in the other. The first lane's output is shown as it comes; the
// second's is held and shown whole after each of its steps, so the two never interleave.
// Exits non-zero when any step failed, after every lane has finished.
import {spawn} from 'node:child_process';

const lanes = [
  [{name: 'unit, server and end-to-end tests', script: 'test:unit'}],
  [
    {name: 'type check and lint', script: 'check'},
    {name: 'browser tests', script: 'test:browser'},
    {name: 'stories', script: 'test:stories'},
  ],
];

/** Runs `npm run <script>`; resolves with its exit code and how long it took. */
function run({script}, live) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], {stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe']});
    let output = '';
    if (!live) {
      child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
      child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
    }
    child.on('close', (code, signal) => resolve({code: code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000, output}));
  });
}

const results = [];
await Promise.all(
  lanes.map(async (steps, lane) => {
    for (const step of steps) {
      const result = await run(step, lane === 0);
      if (lane !== 0) process.stdout.write(`\n── ${step.name} (npm run ${step.script}) ──\n${result.output}`);
      results.push({...step, ...result});
      if (result.code !== 0) break; // the rest of this lane would only repeat the failure's noise
    }
  }),
);

console.log('\n── summary ──');
for (const {name, script, code, seconds} of results) console.log(`${code === 0 ? 'passed' : 'FAILED'}  ${name} (npm run ${script}), ${Math.round(seconds)} s`);
const failed = results.filter((result) => result.code !== 0);
const notRun = lanes.flat().filter((step) => !results.some((result) => result.script === step.script));
for (const {name, script} of notRun) console.log(`not run  ${name} (npm run ${script}), after a failure in its lane`);
process.exit(failed.length ? 1 : 0);
