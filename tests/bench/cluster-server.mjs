// Runs the built server (adapter-node) in N worker processes sharing one port (node:cluster), for the HTTP
// bench's BENCH_HTTP_WORKERS. Every worker opens its own pool to the same PostgreSQL; nothing else is shared.
//   node tests/bench/cluster-server.mjs bench-results/http-build 2
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [build, count = '2'] = process.argv.slice(2);
if (cluster.isPrimary) {
	const workers = Number(count);
	for (let i = 0; i < workers; i++) cluster.fork();
	cluster.on('exit', (worker, code) => {
		console.error(`worker ${worker.process.pid} exited with ${code}`);
		process.exitCode = 1;
	});
	const stop = () => {
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
		setTimeout(() => process.exit(), 2000).unref();
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
} else {
	await import(pathToFileURL(resolve(build, 'index.js')).href);
}
