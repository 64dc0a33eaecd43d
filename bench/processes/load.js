// Load generator for bench/processes, run as its own process beside the servers: loads every
// target at once with autocannon and prints one result per target as JSON.
//   node load.js '[{"route":"…","url":"…","headers":{…}}]' <seconds> <connections per target>
const autocannon = require('autocannon');

const [targets, seconds, connections] = process.argv.slice(2);

const load = ({ route, url, headers }) =>
  autocannon({
    url,
    headers,
    duration: Number(seconds),
    connections: Number(connections),
  }).then((result) => ({
    route,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    serverErrors: result['5xx'],
    errors: result.errors,
    timeouts: result.timeouts,
  }));

Promise.all(JSON.parse(targets).map(load)).then(
  (results) => process.stdout.write(JSON.stringify(results)),
  (error) => {
    process.stderr.write(String(error));
    process.exit(1);
  }
);
