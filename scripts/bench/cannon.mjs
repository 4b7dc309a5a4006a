// The load generator of bench:workers in a process of its own, so that its CPU is neither the
// server's nor the bench's: on a 2-core machine the generator competes with the server for the cores,
// and the bench reports how much it took. Argument: autocannon's options as JSON. Prints one JSON
// line: autocannon's figures and this process's own CPU time (ms) during the measured run.
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2]);
const before = process.cpuUsage();
const result = await autocannon(options);
const cpu = process.cpuUsage(before);
console.log(
  JSON.stringify({
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
