// Load generator for bench/api, run as its own process so it does not share the server's CPU
// time slice accounting: prints autocannon's result for one URL as JSON.
const autocannon = require('autocannon');

const [url, seconds, connections, etag] = process.argv.slice(2);
autocannon(
  {
    url,
    duration: Number(seconds),
    connections: Number(connections),
    headers: etag ? { 'if-none-match': etag } : {},
  },
  (error, result) => {
    if (error) {
      process.stderr.write(String(error));
      process.exit(1);
    }
    process.stdout.write(
      JSON.stringify({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        statuses: result.statusCodeStats,
        errors: result.errors,
      })
    );
  }
);
