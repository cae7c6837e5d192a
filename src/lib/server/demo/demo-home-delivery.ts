import type { Transaction } from 'kysely';
import type { Database, Format } from '$lib/server/db/schema';
import { cityConfig } from '$lib/server/config/load-city-config';
import { addDays, today } from '$lib/server/time/calendar';
import type { DeliveryAnswers, EventKind } from '$lib/home-delivery/options';
import { libraryFor } from '$lib/server/home-delivery/home-delivery.service';
import * as repo from '$lib/server/home-delivery/home-delivery.repository';

/**
 * Demo home delivery requests, so the patron's pages and the staff worklist have something to show:
 *
 * | patron | titles | how | state |
 * | 佐藤 一郎 | 銀河鉄道の夜 (DAISY, braille) | free post for recorded materials | delivered five days ago, return due later |
 * | 佐藤 一郎 | 武蔵野の雑木林 | a visit, collected at the door | accepted, not yet packed (he may still cancel it) |
 * | 佐藤 ハル | コーヒーと図書館 | a visit | new, asked for by her proxy 美咲 |
 *
 * 一郎's draft remembers his last request, so its confirmation page can be shown without sending one.
 */
export async function seedDemoHomeDelivery(trx: Transaction<Database>, now = new Date()): Promise<void> {
	const people = await trx
		.selectFrom('accounts')
		.select(['id', 'card_number', 'postal_code', 'address', 'preferred_pickup_id'])
		.where('card_number', 'in', ['1000000002', '1000000003', '1000000007', '9000000001'])
		.execute();
	const person = (card: string) => people.find((p) => p.card_number === card);
	const ichiro = person('1000000002');
	const misaki = person('1000000003');
	const haru = person('1000000007');
	const librarian = person('9000000001');
	if (!ichiro || !misaki || !haru || !librarian) return;
	if (await trx.selectFrom('home_delivery_requests').select('id').where('patron_id', '=', ichiro.id).executeTakeFirst()) return;

	const record = async (title: string, format: Format) =>
		(await trx.selectFrom('catalogue_records').select('id').where('title', '=', title).where('format', '=', format).executeTakeFirst())?.id;
	const day = today(now);
	const at = (daysAgo: number, time = '10:00') => new Date(`${addDays(day, -daysAgo)}T${time}:00+09:00`);

	async function request(
		patron: NonNullable<ReturnType<typeof person>>,
		requestedBy: number,
		titles: (number | undefined)[],
		answers: Required<Pick<DeliveryAnswers, 'method' | 'preferredOn' | 'timeOfDay' | 'returnMethod'>>,
		steps: { kind: EventKind; daysAgo: number; time: string; detail?: Record<string, unknown> }[]
	): Promise<number | null> {
		const items = titles.filter((id): id is number => id !== undefined);
		if (items.length === 0) return null;
		const requestedAt = at(steps[0].daysAgo, steps[0].time);
		const row = await repo.insertRequest(trx, {
			reference: await repo.nextReference(trx, Number(day.slice(0, 4))),
			patron_id: patron.id,
			requested_by: requestedBy,
			library_id: libraryFor(cityConfig(), patron.preferred_pickup_id),
			method: answers.method,
			postal_code: patron.postal_code ?? '',
			address: patron.address ?? '',
			preferred_on: answers.preferredOn,
			alternative_on: null,
			time_of_day: answers.timeOfDay,
			return_method: answers.returnMethod,
			requested_at: requestedAt
		});
		await repo.insertItems(trx, row.id, items.map((recordId) => ({ recordId, holdId: null })));
		for (const step of steps) {
			const stepAt = at(step.daysAgo, step.time);
			const actorId = step.kind === 'requested' ? requestedBy : librarian!.id;
			await repo.insertEvent(trx, { requestId: row.id, actorId, kind: step.kind, at: stepAt, detail: step.detail });
			if (step.kind === 'accepted') await repo.updateRequest(trx, row.id, { status: 'accepted', accepted_at: stepAt });
			if (step.kind === 'packed') await repo.updateRequest(trx, row.id, { packed_at: stepAt });
			if (step.kind === 'dispatched') await repo.updateRequest(trx, row.id, { status: 'dispatched', dispatched_at: stepAt, tracking_number: (step.detail?.trackingNumber as string) ?? null });
			if (step.kind === 'delivered') await repo.updateRequest(trx, row.id, { status: 'delivered', delivered_at: stepAt, return_due_on: step.detail!.returnDueOn as string });
		}
		return row.id;
	}

	const { loanDays } = cityConfig().homeDelivery;
	await request(ichiro, ichiro.id, [await record('銀河鉄道の夜', 'audio_daisy'), await record('銀河鉄道の夜', 'braille')], { method: 'post_recorded', preferredOn: addDays(day, -6), timeOfDay: 'morning', returnMethod: 'post' }, [
		{ kind: 'requested', daysAgo: 10, time: '09:40' },
		{ kind: 'accepted', daysAgo: 9, time: '10:15' },
		{ kind: 'packed', daysAgo: 8, time: '14:30' },
		{ kind: 'dispatched', daysAgo: 7, time: '11:00', detail: { trackingNumber: '1234-5678-9012' } },
		{ kind: 'delivered', daysAgo: 5, time: '16:20', detail: { returnDueOn: addDays(day, loanDays - 5) } }
	]);
	const accepted = await request(ichiro, ichiro.id, [await record('武蔵野の雑木林', 'print')], { method: 'visit', preferredOn: addDays(day, 5), timeOfDay: 'afternoon', returnMethod: 'collection' }, [
		{ kind: 'requested', daysAgo: 1, time: '13:05' },
		{ kind: 'accepted', daysAgo: 0, time: '09:30' }
	]);
	await request(haru, misaki.id, [await record('コーヒーと図書館', 'print')], { method: 'visit', preferredOn: addDays(day, 4), timeOfDay: 'morning', returnMethod: 'collection' }, [
		{ kind: 'requested', daysAgo: 0, time: '08:50' }
	]);
	if (accepted) {
		await repo.saveDraft(trx, ichiro.id, {}, ichiro.id, now);
		await repo.markDraftSent(trx, ichiro.id, accepted, now);
	}
}
