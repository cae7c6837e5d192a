import { DEMO_SPOTLIGHT_RECORDS, generateRecord, type GeneratedRecord } from '../../src/lib/server/catalogue/generate-records';

/**
 * Item pages of the demo catalogue, for tests that need a particular kind of title. The seed loads the
 * hand-written spotlight records first and then generated records of seed 1, and takes their ids from the
 * sequence in that order (src/lib/server/demo/demo-catalogue.ts), so in the fresh database of a test run
 * spotlight record n has id n + 1 and generated record i has id spotlight count + i + 1.
 */

export interface DemoItem {
	id: number;
	path: string;
	title: string;
}

function spotlight(title: string, format: GeneratedRecord['format']): DemoItem {
	const index = DEMO_SPOTLIGHT_RECORDS.findIndex((r) => r.title === title && r.format === format);
	if (index < 0) throw new Error(`No demo spotlight record 「${title}」 (${format}): has the demo catalogue changed?`);
	return { id: index + 1, path: `/items/${index + 1}`, title };
}

/** 「銀河鉄道の夜」 in print: four copies, one on the shelf (so the first reservation gets it at once). */
export const GINGA_PRINT = spotlight('銀河鉄道の夜', 'print');
/** 「Pride and Prejudice」: one copy on the shelf, one on loan. */
export const PRIDE_AND_PREJUDICE = spotlight('Pride and Prejudice', 'print');
/** 「コーヒーと図書館」: every copy on loan, so a reservation always waits in the queue. */
export const COFFEE_AND_LIBRARY = spotlight('コーヒーと図書館', 'print');
/** 「練馬区史 歴史編」: reference only, never lent. */
export const NOT_LENDABLE = spotlight('練馬区史 歴史編', 'print');

/**
 * A generated, lendable print title whose copies are all on loan (so a reservation waits, with a
 * position), skipping `skip` such titles: tests that reserve and cancel take one each, so they never
 * meet each other's holds.
 */
export function generatedWaitingTitle(skip = 0): DemoItem {
	let found = 0;
	for (let i = 0; i < 2000; i++) {
		const record = generateRecord(1, i);
		const waits = record.format === 'print' && record.lendable && record.copies.length > 0 && record.copies.every((c) => c.status === 'on_loan');
		if (waits && found++ === skip) {
			const id = DEMO_SPOTLIGHT_RECORDS.length + i + 1;
			return { id, path: `/items/${id}`, title: record.title };
		}
	}
	throw new Error('No generated print title with every copy on loan in the first 2,000 demo records');
}
