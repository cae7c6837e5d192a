/**
 * Writes a synthetic catalogue as PostgreSQL COPY text files, for benchmarks and large demos.
 *
 *   npx tsx src/cli/generate-catalogue.ts --count 2000000 --seed 1 --out /tmp/cat.tsv
 *     [--copies-out /tmp/cat.copies.tsv] [--start 0] [--spotlight]
 *
 * The catalogue file has the columns of CATALOGUE_COPY_COLUMNS; the copies file has COPIES_COPY_COLUMNS,
 * where record_ordinal is the 1-based line number of the record in the catalogue file. Load with e.g.
 *   COPY catalogue_records (title, …, search_text, short_grams) FROM '/tmp/cat.tsv';
 * `--spotlight` writes DEMO_SPOTLIGHT_RECORDS first (ordinals 1..n), then the generated records.
 * `--start N` generates records N.. of the seed (the same records a full run has at those positions).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import {
	CATALOGUE_COPY_COLUMNS,
	COPIES_COPY_COLUMNS,
	catalogueCopyLine,
	copiesCopyLines
} from '../lib/server/catalogue/copy-format';
import {
	DEMO_SPOTLIGHT_RECORDS,
	generateRecords,
	type GeneratedRecord
} from '../lib/server/catalogue/generate-records';

const USAGE =
	'usage: generate-catalogue --count N --seed S --out FILE [--copies-out FILE] [--start N] [--spotlight]';

function integerOption(value: string | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
	return n;
}

/**
 * Buffers lines and writes them in chunks of 64 KiB, waiting when the stream asks to (back-pressure).
 * `add` is synchronous so the 2-million-record loop awaits only once per chunk. Small chunks measured faster
 * than 1 MiB ones: the pending text dies young, which keeps garbage collection cheap.
 */
class ChunkedWriter {
	private buffer = '';
	private readonly stream: WriteStream;
	constructor(stream: WriteStream) {
		this.stream = stream;
	}
	/** Appends text; true when a chunk is ready and `flush` should be awaited. */
	add(text: string): boolean {
		this.buffer += text;
		return this.buffer.length >= 1 << 16;
	}
	async flush(): Promise<void> {
		if (this.buffer === '') return;
		const ok = this.stream.write(this.buffer);
		this.buffer = '';
		if (!ok) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
	}
	async close(): Promise<void> {
		await this.flush();
		await new Promise<void>((resolve, reject) => {
			this.stream.once('error', reject);
			this.stream.end(resolve);
		});
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			count: { type: 'string' },
			seed: { type: 'string' },
			out: { type: 'string' },
			'copies-out': { type: 'string' },
			start: { type: 'string' },
			spotlight: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help || !values.out) {
		console.log(USAGE);
		process.exitCode = values.help ? 0 : 2;
		return;
	}
	const count = integerOption(values.count, 'count', 2_000_000);
	const seed = integerOption(values.seed, 'seed', 1);
	const startIndex = integerOption(values.start, 'start', 0);
	const out = values.out;
	const copiesOut = values['copies-out'] ?? out.replace(/(\.[^./]*)?$/, '.copies$1');
	if (copiesOut === out) throw new Error('--copies-out must differ from --out');

	const catalogue = new ChunkedWriter(createWriteStream(out));
	const copies = new ChunkedWriter(createWriteStream(copiesOut));
	const started = performance.now();
	let ordinal = 0;
	let copyCount = 0;
	const emit = async (record: GeneratedRecord) => {
		ordinal++;
		copyCount += record.copies.length;
		if (catalogue.add(catalogueCopyLine(record))) await catalogue.flush();
		if (copies.add(copiesCopyLines(ordinal, record.copies))) await copies.flush();
	};
	if (values.spotlight) for (const record of DEMO_SPOTLIGHT_RECORDS) await emit(record);
	for (const record of generateRecords({ count, seed, startIndex })) await emit(record);
	await Promise.all([catalogue.close(), copies.close()]);
	const seconds = (performance.now() - started) / 1000;

	console.log(`${ordinal} records, ${copyCount} copies in ${seconds.toFixed(1)} s (seed ${seed})`);
	console.log(`${out}: ${CATALOGUE_COPY_COLUMNS.join(', ')}`);
	console.log(`${copiesOut}: ${COPIES_COPY_COLUMNS.join(', ')}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	console.error(USAGE);
	process.exitCode = 1;
});
