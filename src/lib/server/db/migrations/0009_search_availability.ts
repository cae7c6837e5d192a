import { sql, type Kysely } from 'kysely';

/**
 * "On the shelf at library X" as an indexed key of each record (issue 3), so the short-gram GIN index
 * intersects it with the text instead of checking every text match against its copies.
 *
 * - Each record's `short_grams` holds one key `\u0001at:<location_id>` (`facetKey('at', …)`) for every
 *   location where at least one of its copies is `on_shelf`, after the text grams and the other facet keys,
 *   in location-id order.
 * - The keys are kept by **triggers on `copies`** (after insert, update, delete; one per statement, with its
 *   transition table), so they stay right whatever code changes a copy. Only copies that are or were
 *   `on_shelf` and whose status, location or record changed count; a record's keys are recomputed from its
 *   copies and written only when they differ. The record rows are locked first (`for no key update`, in id
 *   order), so two transactions changing two copies of one title take turns and the second recounts what the
 *   first committed (READ COMMITTED: each statement of the function sees a fresh snapshot). The hold rules
 *   lock the title's row before they touch its copies (holds.service.ts), so this adds no lock they do not
 *   already hold; changes that never involve `on_shelf` (in transit → hold shelf → on loan) touch no record.
 * - An update of `short_grams` by anything else (a record re-indexed by application code, which computes
 *   the text grams only) keeps the record's availability keys: a row trigger on `catalogue_records`
 *   strips any `at:` keys from the new value and puts the old ones back, unless it runs inside the copies
 *   trigger (`pg_trigger_depth()`).
 * - Existing records are filled here from their copies.
 *
 * Written for PostgreSQL 15 and PGlite (PostgreSQL 18 inside): plain PL/pgSQL, no extension.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	// Recomputes the availability keys of some records from their copies; writes only the rows that change.
	await sql`
		create function catalogue_refresh_availability(record_ids integer[]) returns void
		language plpgsql as $$
		begin
			if record_ids is null or cardinality(record_ids) = 0 then
				return;
			end if;
			perform 1 from catalogue_records where id = any (record_ids) order by id for no key update;
			update catalogue_records r
			set short_grams = k.grams
			from (
				select r2.id,
					array(select g from unnest(r2.short_grams) g where left(g, 4) <> chr(1) || 'at:')
					|| array(select distinct chr(1) || 'at:' || c.location_id from copies c
						where c.record_id = r2.id and c.status = 'on_shelf' order by 1) as grams
				from catalogue_records r2
				where r2.id = any (record_ids)
			) k
			where r.id = k.id and r.short_grams is distinct from k.grams;
		end
		$$`.execute(db);

	await sql`
		create function copies_availability_changed() returns trigger
		language plpgsql as $$
		begin
			if tg_op = 'INSERT' then
				perform catalogue_refresh_availability(array(
					select distinct n.record_id from new_copies n where n.status = 'on_shelf'));
			elsif tg_op = 'DELETE' then
				perform catalogue_refresh_availability(array(
					select distinct o.record_id from old_copies o where o.status = 'on_shelf'));
			else
				perform catalogue_refresh_availability(array(
					select x.record_id from old_copies o join new_copies n on n.id = o.id,
						lateral (values (o.record_id), (n.record_id)) as x(record_id)
					where (o.status = 'on_shelf' or n.status = 'on_shelf')
						and (o.status, o.location_id, o.record_id) is distinct from (n.status, n.location_id, n.record_id)
					group by x.record_id));
			end if;
			return null;
		end
		$$`.execute(db);
	// Transition tables need one trigger per event (PostgreSQL allows no event list with them).
	await sql`create trigger copies_availability_insert after insert on copies
		referencing new table as new_copies for each statement execute function copies_availability_changed()`.execute(db);
	await sql`create trigger copies_availability_update after update on copies
		referencing old table as old_copies new table as new_copies for each statement execute function copies_availability_changed()`.execute(db);
	await sql`create trigger copies_availability_delete after delete on copies
		referencing old table as old_copies for each statement execute function copies_availability_changed()`.execute(db);

	// Backfill, before the guard below exists (it would keep the old, empty availability).
	await sql`
		update catalogue_records r
		set short_grams = r.short_grams || a.keys
		from (
			select record_id, array_agg(distinct chr(1) || 'at:' || location_id order by chr(1) || 'at:' || location_id) as keys
			from copies where status = 'on_shelf' group by record_id
		) a
		where r.id = a.record_id`.execute(db);

	await sql`
		create function catalogue_records_keep_availability() returns trigger
		language plpgsql as $$
		begin
			new.short_grams := array(select g from unnest(new.short_grams) g where left(g, 4) <> chr(1) || 'at:')
				|| array(select g from unnest(old.short_grams) g where left(g, 4) = chr(1) || 'at:');
			return new;
		end
		$$`.execute(db);
	await sql`create trigger catalogue_records_keep_availability before update of short_grams on catalogue_records
		for each row when (pg_trigger_depth() = 0) execute function catalogue_records_keep_availability()`.execute(db);
}
