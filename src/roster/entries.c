/*-------------------------------------------------------------------------
 *
 * entries.c
 *	  Roster entries (入编): the statement trigger on INSERT into quota.staff.
 *
 *	  One AFTER INSERT ... FOR EACH STATEMENT trigger with a transition table
 *	  sees every row a statement inserted (a single INSERT, INSERT ... SELECT
 *	  or COPY).  Rows inserted with left_on set are history (an entry and its
 *	  departure), the others are entries.
 *
 *	  Pass 1 reads the rows once and keeps only what is per key: the orgs,
 *	  categories, documents, ranks and hiring approvals named, the entries
 *	  per (org, category), per leader post and per hiring approval -- never
 *	  anything per row, so a COPY of any size runs in bounded memory (the
 *	  transition table spills to disk past work_mem).  Then one kept query
 *	  per referenced table looks the keys up and locks them FOR KEY SHARE
 *	  (quota.staff has no row-level foreign keys: their after-trigger queue
 *	  grew with every row; the referenced side refuses to delete or re-key
 *	  what the roster names, src/roster/references.c); the rules data they
 *	  are checked against (category uses, issuer kinds, policy) comes from a
 *	  per-backend cache (src/roster/refcache.c).  Pass 2 checks each
 *	  entry against them and remembers, per rule, the first offending row
 *	  (lowest id).  The rules are then reported and applied in the order of
 *	  DESIGN.md §8, as the PL/pgSQL trigger did: shape, authority (through
 *	  quota_issuer_covers, the one rule), org, category, then the seats --
 *	  one conditional UPDATE per org account in ascending (org, category)
 *	  order, the one global lock order -- leadership, hiring, the person
 *	  keys and the headcount caps.  A statement of many entries first tries
 *	  all its seats in one UPDATE and its person keys without ON CONFLICT,
 *	  each in a subtransaction that falls back to that way when it does not
 *	  fit (in_subtransaction).  The rarer seat paths (expired loans,
 *	  lapsed hiring reservations, talent draws, leader accounts) call the
 *	  same SQL functions every other writer uses (quota.occupy, quota.lead,
 *	  quota.talent_seat), so each rule stays implemented in one place.
 *
 *	  An error names the people by name, never by the id of a row the
 *	  failed statement did not keep (its ids are rolled back with it).
 *
 *	  Every query runs as the table owner (it must count every row, whoever
 *	  inserts) through plans prepared once per backend and kept.
 *
 *	  One file past ~600 lines, on purpose: the passes, the lookups and the
 *	  reporting share one state (EntryState) and one rule order, which reads
 *	  best top to bottom in one place.
 *
 * IDENTIFICATION
 *	  src/roster/entries.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "lib/stringinfo.h"
#include "access/xact.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "quota.h"
#include "ledger/ledger.h"
#include "roster/refs.h"
#include "roster/refcache.h"

/* keys longer than these cannot name a row (the tables' CHECKs) */
#define POST_KEYLEN 8

/* ---------- kept plans ---------- */

static SPIPlanPtr plan_orgs = NULL;
static SPIPlanPtr plan_ranks = NULL;
static SPIPlanPtr plan_hirings = NULL;
static SPIPlanPtr plan_authority = NULL;
static SPIPlanPtr plan_event_entry = NULL;
static SPIPlanPtr plan_event_leave = NULL;
static SPIPlanPtr plan_occupy_fast = NULL;
static SPIPlanPtr plan_occupy = NULL;
static SPIPlanPtr plan_talent = NULL;
static SPIPlanPtr plan_rank_check = NULL;
static SPIPlanPtr plan_lead = NULL;
static SPIPlanPtr plan_hiring_use = NULL;
static SPIPlanPtr plan_hiring_figures = NULL;
static SPIPlanPtr plan_person_keys = NULL;
static SPIPlanPtr plan_person_bulk = NULL;
static SPIPlanPtr plan_seats_lock = NULL;
static SPIPlanPtr plan_seats_apply = NULL;
static SPIPlanPtr plan_person_dup = NULL;
static SPIPlanPtr plan_headcount = NULL;

/* ---------- what is kept per key ---------- */

typedef struct OrgRef
{
	int64		id;				/* hash key */
	bool		known;
	bool		active;
	bool		has_division;
	int64		division;
	bool		has_cap;
	int32		cap;
	int64		entries;		/* entries (not history rows) into it */
	char	   *name;
	char	   *status;
	char	   *kind;
} OrgRef;

typedef struct HiringRef
{
	int64		id;				/* hash key */
	bool		known;
	bool		has_account;
	bool		released;
	int64		org_id;
	char	   *category;
	DateADT		valid_until;
	int32		slots;
	int32		used;
	int64		entering;		/* entries filling it */
} HiringRef;

typedef struct SeatKey
{
	int64		org_id;
	char		category[CATEGORY_KEYLEN];
} SeatKey;

typedef struct SeatGroup
{
	SeatKey		key;			/* hash key */
	int64		n;				/* entries (talent hires apart) */
	int64		k;				/* of them filling a hiring approval */
} SeatGroup;

typedef struct LeadKey
{
	int64		org_id;
	char		post[POST_KEYLEN];
} LeadKey;

typedef struct LeadGroup
{
	LeadKey		key;			/* hash key */
	int64		n;
} LeadGroup;

/* ---------- one row of the transition table ---------- */

typedef struct EntryAtts
{
	int			id,
				person_id,
				name,
				org_id,
				category,
				post,
				post_rank,
				talent_level,
				hiring_id,
				entered_on,
				entry_doc,
				left_on,
				change_doc;
} EntryAtts;

typedef struct EntryRow
{
	int64		id;
	char	   *name;
	int64		org_id;
	char	   *category;
	char	   *post;
	char	   *post_rank;		/* NULL: none */
	bool		talent;
	bool		has_hiring;
	int64		hiring_id;
	DateADT		entered_on;
	char	   *entry_doc;
	bool		left;			/* left_on set: a history row */
	DateADT		left_on;
	char	   *change_doc;		/* NULL: none */
} EntryRow;

/* the first offending row of a rule (lowest id), copied out of the row memory */
typedef struct Offender
{
	bool		found;
	int64		id;
	char	   *name;
	int64		org_id;
	char	   *category;
	char	   *doc;
	char	   *post_rank;
	bool		has_hiring;
	int64		hiring_id;
	DateADT		entered_on;
	bool		left;
	DateADT		left_on;
} Offender;

typedef struct EntryState
{
	MemoryContext work;
	Relation	rel;
	DateADT		today;
	HTAB	   *orgs;
	HTAB	   *categories;
	HTAB	   *docs;
	HTAB	   *hirings;
	HTAB	   *seats;
	HTAB	   *leads;
	List	   *ranks;			/* distinct post_rank values (char *) */
	int64		entries;
	int64		departed;
	bool		any_talent;
	bool		any_hiring;
	bool		any_ranked;
	bool		required;		/* policy hiring_approval_required */
	Offender	bad_history;
	Offender	unknown_doc;
	Offender	unauthorized;
	Offender	unknown_org;
	Offender	inactive;
	Offender	unknown_category;
	Offender	mismatch;
	Offender	bad_hiring;
	Offender	filed_uncapped;
} EntryState;

static void
read_row(TupleTableSlot *slot, const EntryAtts *a, EntryRow *r)
{
	bool		isnull;
	Datum		d;

	r->id = DatumGetInt64(slot_getattr(slot, a->id, &isnull));
	r->name = quota_slot_text(slot, a->name);
	r->org_id = DatumGetInt64(slot_getattr(slot, a->org_id, &isnull));
	r->category = quota_slot_text(slot, a->category);
	r->post = quota_slot_text(slot, a->post);
	r->post_rank = quota_slot_text(slot, a->post_rank);
	(void) slot_getattr(slot, a->talent_level, &isnull);
	r->talent = !isnull;
	d = slot_getattr(slot, a->hiring_id, &isnull);
	r->has_hiring = !isnull;
	r->hiring_id = isnull ? 0 : DatumGetInt64(d);
	r->entered_on = DatumGetDateADT(slot_getattr(slot, a->entered_on, &isnull));
	r->entry_doc = quota_slot_text(slot, a->entry_doc);
	d = slot_getattr(slot, a->left_on, &isnull);
	r->left = !isnull;
	r->left_on = isnull ? 0 : DatumGetDateADT(d);
	r->change_doc = quota_slot_text(slot, a->change_doc);
}

/* remember r as the offender of a rule unless one with a lower id is kept */
static void
note(EntryState *st, Offender *o, const EntryRow *r, const char *doc)
{
	MemoryContext old;

	if (o->found && o->id <= r->id)
		return;
	old = MemoryContextSwitchTo(st->work);
	o->found = true;
	o->id = r->id;
	o->name = pstrdup(r->name);
	o->org_id = r->org_id;
	o->category = pstrdup(r->category);
	o->doc = doc ? pstrdup(doc) : NULL;
	o->post_rank = r->post_rank ? pstrdup(r->post_rank) : NULL;
	o->has_hiring = r->has_hiring;
	o->hiring_id = r->hiring_id;
	o->entered_on = r->entered_on;
	o->left = r->left;
	o->left_on = r->left_on;
	MemoryContextSwitchTo(old);
}

/* ---------- pass 1: the keys ---------- */

static void
collect(EntryState *st, const EntryRow *r)
{
	bool		found;
	OrgRef	   *o;

	/* a departure is recorded when it happens, an entry once it has happened,
	 * and history fills no hiring approval (DESIGN.md §12) */
	if ((r->left && r->left_on > st->today) || r->entered_on > st->today ||
		(r->left && r->has_hiring))
		note(st, &st->bad_history, r, NULL);

	o = hash_search(st->orgs, &r->org_id, HASH_ENTER, &found);
	if (!found)
		memset(((char *) o) + sizeof(int64), 0, sizeof(OrgRef) - sizeof(int64));
	(void) roster_category_ref(st->categories, r->category, true);
	(void) roster_doc_ref(st->docs, r->entry_doc, true);
	if (r->change_doc)
		(void) roster_doc_ref(st->docs, r->change_doc, true);
	if (r->post_rank)
	{
		ListCell   *lc;
		bool		seen = false;

		foreach(lc, st->ranks)
			if (strcmp((char *) lfirst(lc), r->post_rank) == 0)
				seen = true;
		if (!seen)
			st->ranks = lappend(st->ranks, MemoryContextStrdup(st->work, r->post_rank));
	}

	if (r->left)
	{
		st->departed++;
		return;
	}
	st->entries++;
	o->entries++;
	if (r->talent)
		st->any_talent = true;
	if (r->post_rank)
		st->any_ranked = true;
	if (r->has_hiring)
	{
		HiringRef  *h = hash_search(st->hirings, &r->hiring_id, HASH_ENTER, &found);

		if (!found)
			memset(((char *) h) + sizeof(int64), 0, sizeof(HiringRef) - sizeof(int64));
		h->entering++;
		st->any_hiring = true;
	}
	if (!r->talent && strlen(r->category) < CATEGORY_KEYLEN)
	{
		SeatKey		key;
		SeatGroup  *g;

		memset(&key, 0, sizeof(key));
		key.org_id = r->org_id;
		strlcpy(key.category, r->category, CATEGORY_KEYLEN);
		g = hash_search(st->seats, &key, HASH_ENTER, &found);
		if (!found)
			g->n = g->k = 0;
		g->n++;
		if (r->has_hiring)
			g->k++;
	}
	if (strcmp(r->post, "chief") == 0 || strcmp(r->post, "deputy") == 0)
	{
		LeadKey		key;
		LeadGroup  *g;

		memset(&key, 0, sizeof(key));
		key.org_id = r->org_id;
		strlcpy(key.post, r->post, POST_KEYLEN);
		g = hash_search(st->leads, &key, HASH_ENTER, &found);
		if (!found)
			g->n = 0;
		g->n++;
	}
}

/* ---------- the lookups: one kept query per referenced table ---------- */

static int64
result_int64(int row, int col, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);

	return *isnull ? 0 : DatumGetInt64(d);
}

static void
look_up(EntryState *st)
{
	HASH_SEQ_STATUS seq;
	List	   *keys = NIL;
	Oid			int8arr[1] = {INT8ARRAYOID};
	Oid			textarr[1] = {TEXTARRAYOID};
	Datum		values[1];
	OrgRef	   *o;
	HiringRef  *h;
	uint64		i;
	bool		isnull;
	MemoryContext old;

	/* orgs, locked FOR KEY SHARE in ascending id order */
	hash_seq_init(&seq, st->orgs);
	while ((o = hash_seq_search(&seq)) != NULL)
		keys = lappend(keys, &o->id);
	values[0] = quota_int8_array(keys);
	quota_plan_generic(&plan_orgs,
			   "SELECT o.id, o.status, o.kind, o.division, o.headcount_cap, o.name "
			   "  FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) ANY ($1) "
			   " ORDER BY o.id FOR KEY SHARE",
			   1, int8arr);
	quota_exec(plan_orgs, values, NULL, false, 0);
	for (i = 0; i < SPI_processed; i++)
	{
		int64		id = result_int64(i, 1, &isnull);

		o = hash_search(st->orgs, &id, HASH_FIND, NULL);
		if (o == NULL)
			continue;
		old = MemoryContextSwitchTo(st->work);
		o->known = true;
		o->status = quota_result_text(i, 2);
		o->active = strcmp(o->status, "active") == 0;
		o->kind = quota_result_text(i, 3);
		o->division = DatumGetDivision(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 4, &isnull));
		o->has_division = !isnull;
		o->cap = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 5, &isnull));
		o->has_cap = !isnull;
		o->name = quota_result_text(i, 6);
		MemoryContextSwitchTo(old);
	}

	/* the rules data (category uses, issuer kinds, policy): cached per backend */
	quota_refcache_load();
	st->required = quota_refcache_hiring_required();
	/* categories and documents, locked */
	roster_lock_categories(st->categories);
	roster_lock_docs(st->docs);

	/* ranks a leader takes: locked (an unknown one failed the column's CHECK) */
	if (st->ranks != NIL)
	{
		values[0] = quota_text_array(st->ranks);
		quota_plan_generic(&plan_ranks,
				   "SELECT r.code FROM quota.rank r WHERE r.code OPERATOR(pg_catalog.=) ANY ($1) "
				   " ORDER BY r.code FOR KEY SHARE",
				   1, textarr);
		quota_exec(plan_ranks, values, NULL, false, 0);
	}

	if (st->entries == 0)
		return;

	/* hiring approvals (never deleted or edited: no lock needed) */
	if (st->any_hiring)
	{
		keys = NIL;
		hash_seq_init(&seq, st->hirings);
		while ((h = hash_seq_search(&seq)) != NULL)
			keys = lappend(keys, &h->id);
		values[0] = quota_int8_array(keys);
		quota_plan_generic(&plan_hirings,
				   "SELECT h.id, h.org_id, h.category, h.valid_until, h.slots, ha.used, "
				   "       COALESCE(ha.released, false), ha.hiring_id IS NOT NULL "
				   "  FROM quota.hiring h LEFT JOIN quota.hiring_account ha ON ha.hiring_id OPERATOR(pg_catalog.=) h.id "
				   " WHERE h.id OPERATOR(pg_catalog.=) ANY ($1)",
				   1, int8arr);
		quota_exec(plan_hirings, values, NULL, true, 0);
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	td = SPI_tuptable->tupdesc;
			int64		id = result_int64(i, 1, &isnull);

			h = hash_search(st->hirings, &id, HASH_FIND, NULL);
			if (h == NULL)
				continue;
			h->known = true;
			h->org_id = result_int64(i, 2, &isnull);
			h->category = MemoryContextStrdup(st->work, quota_result_text(i, 3));
			h->valid_until = DatumGetDateADT(SPI_getbinval(tup, td, 4, &isnull));
			if (isnull)
				h->valid_until = DATEVAL_NOEND;
			h->slots = DatumGetInt32(SPI_getbinval(tup, td, 5, &isnull));
			h->used = DatumGetInt32(SPI_getbinval(tup, td, 6, &isnull));
			if (isnull)
				h->used = 0;
			h->released = DatumGetBool(SPI_getbinval(tup, td, 7, &isnull));
			h->has_account = DatumGetBool(SPI_getbinval(tup, td, 8, &isnull));
		}
	}
}

/* ---------- pass 2: each entry against the keys ---------- */

static void
check_row(EntryState *st, const EntryRow *r)
{
	OrgRef	   *o;
	DocRef	   *d;
	CategoryRef *c;

	/* a document that does not exist: history rows too */
	d = roster_doc_ref(st->docs, r->entry_doc, false);
	if (d == NULL || !d->known)
		note(st, &st->unknown_doc, r, r->entry_doc);
	else if (r->change_doc)
	{
		DocRef	   *cd = roster_doc_ref(st->docs, r->change_doc, false);

		if (cd == NULL || !cd->known)
			note(st, &st->unknown_doc, r, r->change_doc);
	}
	/* orgs and categories that do not exist: history rows too */
	o = hash_search(st->orgs, &r->org_id, HASH_FIND, NULL);
	c = roster_category_ref(st->categories, r->category, false);
	if (!o->known)
		note(st, &st->unknown_org, r, NULL);
	if (c == NULL || !c->known)
		note(st, &st->unknown_category, r, NULL);
	if (r->left)
		return;

	/* the entry's document authorizes it (R1.4, R8.8): the one rule */
	if (d != NULL && d->known && o->known &&
		!quota_issuer_covers(d->may_authorize, d->central, d->has_division, d->division,
							 o->has_division ? o->division : -1))
		note(st, &st->unauthorized, r, r->entry_doc);
	if (o->known && !o->active)
		note(st, &st->inactive, r, NULL);
	if (c != NULL && c->known && o->known && strcmp(r->category, "filed") != 0 &&
		!quota_refcache_usable(r->category, o->kind))
		note(st, &st->mismatch, r, NULL);

	/* hiring approvals: checked now, reported after the vacancy checks */
	if (r->has_hiring)
	{
		HiringRef  *h = hash_search(st->hirings, &r->hiring_id, HASH_FIND, NULL);

		if (!h->known || strcmp(r->category, "filed") == 0 || h->org_id != r->org_id ||
			strcmp(h->category, r->category) != 0 || h->valid_until < st->today || h->released)
			note(st, &st->bad_hiring, r, NULL);
	}
	else if (st->required && strcmp(r->category, "filed") != 0)
		note(st, &st->bad_hiring, r, NULL);

	/* filed staff only under a headcount cap */
	if (o->known && !o->has_cap && strcmp(r->category, "filed") == 0)
		note(st, &st->filed_uncapped, r, NULL);
}

/* ---------- reporting ---------- */

static void
raise_rule(EntryState *st, QuotaRule rule, char *message, char *detail, char *hint)
{
	quota_raise(rule, st->rel, message, detail, hint);
}

/* quota.authority_check(doc, d, what) reports a document's rule in its words */
static void
authority_check(EntryState *st, const char *doc, bool has_division, int64 division, const char *name)
{
	Oid			argtypes[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		values[3];
	char		nulls[4] = "   ";

	quota_plan_generic(&plan_authority,
			   "SELECT quota.authority_check($1, $2::quota.division, $3)",
			   3, argtypes);
	values[0] = CStringGetTextDatum(doc);
	values[1] = has_division ? CStringGetTextDatum(quota_division_text(division)) : (Datum) 0;
	if (!has_division)
		nulls[1] = 'n';
	values[2] = CStringGetTextDatum(psprintf("entry (入编) of %s", name));
	quota_exec(plan_authority, values, nulls, false, 0);
	elog(ERROR, "quota.authority_check accepted document %s of %s", doc, name);
}

static int
seat_cmp(const void *a, const void *b)
{
	const SeatGroup *x = *(SeatGroup *const *) a;
	const SeatGroup *y = *(SeatGroup *const *) b;

	if (x->key.org_id != y->key.org_id)
		return x->key.org_id < y->key.org_id ? -1 : 1;
	return strcmp(x->key.category, y->key.category);
}

static int
lead_cmp(const void *a, const void *b)
{
	const LeadGroup *x = *(LeadGroup *const *) a;
	const LeadGroup *y = *(LeadGroup *const *) b;

	if (x->key.org_id != y->key.org_id)
		return x->key.org_id < y->key.org_id ? -1 : 1;
	return strcmp(x->key.post, y->key.post);
}

/* ---------- the seats ---------- */

static void
occupy(EntryState *st, SeatGroup *g, bool hiring_ok)
{
	Oid			argtypes[5] = {INT8OID, TEXTOID, INT4OID, INT4OID, BOOLOID};
	Datum		values[5];
	bool		filed = strcmp(g->key.category, "filed") == 0;

	values[0] = Int64GetDatum(g->key.org_id);
	values[1] = CStringGetTextDatum(g->key.category);
	values[2] = Int32GetDatum((int32) g->n);
	values[3] = Int32GetDatum(hiring_ok ? (int32) g->k : 0);
	values[4] = BoolGetDatum(!filed);
	if (!filed)
	{
		/*
		 * The common case in one statement, as quota.occupy starts: no loan
		 * at the org (nothing expired to hold back) and room in the visible
		 * version.  The UPDATE is the serialization point (READ COMMITTED
		 * re-checks the latest version, snapshot isolation raises 40001).
		 */
		quota_plan_generic(&plan_occupy_fast,
				   "UPDATE quota.org_account a "
				   "   SET occupied = a.occupied OPERATOR(pg_catalog.+) $3, reserved = a.reserved OPERATOR(pg_catalog.-) $4 "
				   " WHERE a.org_id OPERATOR(pg_catalog.=) $1 AND a.category OPERATOR(pg_catalog.=) $2 "
				   "   AND ((a.occupied OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.-) $4 "
				   "       OPERATOR(pg_catalog.<=) (a.approved OPERATOR(pg_catalog.+) a.borrowed) "
				   "   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id OPERATOR(pg_catalog.=) $1 "
				   "                   AND l.category OPERATOR(pg_catalog.=) $2 AND l.outstanding OPERATOR(pg_catalog.>) 0)",
				   4, argtypes);
		if (quota_exec(plan_occupy_fast, values, NULL, false, 0) == SPI_OK_UPDATE && SPI_processed == 1)
			return;
	}
	/* expired loans, lapsed hiring reservations, no room: the one implementation */
	quota_plan_generic(&plan_occupy,
			   "SELECT quota.occupy($1, $2, $3, $4, $5)",
			   5, argtypes);
	quota_exec(plan_occupy, values, NULL, false, 0);
}

/* ---------- statements of many rows ---------- */

/*
 * A statement of many rows (a COPY, an INSERT ... SELECT) tries a cheaper way
 * inside a subtransaction first; when that way does not fit, the
 * subtransaction is rolled back -- its row locks and writes with it -- and
 * the statement takes the row-by-row way, which then sees exactly what it
 * would have seen.  An error other than the expected one is re-thrown after
 * the rollback.
 */
typedef bool (*BulkStep) (EntryState *st, void *arg);

static bool
in_subtransaction(EntryState *st, BulkStep step, void *arg, int expected_error)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	bool		done = false;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		done = step(st, arg);
		if (done)
			ReleaseCurrentSubTransaction();
		else
			RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		if (expected_error == 0 || edata->sqlerrcode != expected_error)
			ReThrowError(edata);
		FreeErrorData(edata);
		done = false;
	}
	PG_END_TRY();
	return done;
}

typedef struct SeatBatch
{
	SeatGroup **groups;
	long		n;
	bool		hiring_ok;
} SeatBatch;

/*
 * Every seat group at once: lock the accounts in ascending (org, category)
 * order -- the order the groups are applied one by one -- then one UPDATE
 * takes the seats of every group that fits as quota.occupy's fast path does
 * (room in the latest version, no loan at the org).  Done only if all fit.
 */
static bool
seats_at_once(EntryState *st, void *arg)
{
	SeatBatch  *b = arg;
	Oid			argtypes[4] = {INT8ARRAYOID, TEXTARRAYOID, INT4ARRAYOID, INT4ARRAYOID};
	Datum		values[4];
	Datum	   *orgs = palloc(sizeof(Datum) * b->n);
	Datum	   *cats = palloc(sizeof(Datum) * b->n);
	Datum	   *ns = palloc(sizeof(Datum) * b->n);
	Datum	   *ks = palloc(sizeof(Datum) * b->n);
	long		i;

	for (i = 0; i < b->n; i++)
	{
		orgs[i] = Int64GetDatum(b->groups[i]->key.org_id);
		cats[i] = CStringGetTextDatum(b->groups[i]->key.category);
		ns[i] = Int32GetDatum((int32) b->groups[i]->n);
		ks[i] = Int32GetDatum(b->hiring_ok ? (int32) b->groups[i]->k : 0);
	}
	values[0] = PointerGetDatum(construct_array(orgs, b->n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[1] = PointerGetDatum(construct_array(cats, b->n, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = PointerGetDatum(construct_array(ns, b->n, INT4OID, 4, true, TYPALIGN_INT));
	values[3] = PointerGetDatum(construct_array(ks, b->n, INT4OID, 4, true, TYPALIGN_INT));

	quota_plan_generic(&plan_seats_lock,
			   "SELECT 1 FROM quota.org_account a "
			   " WHERE (a.org_id, a.category) IN (SELECT k.o, k.c FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) k(o, c)) "
			   " ORDER BY a.org_id, a.category FOR NO KEY UPDATE",
			   2, argtypes);
	quota_exec(plan_seats_lock, values, NULL, false, 0);
	if ((long) SPI_processed != b->n)
		return false;
	quota_plan_generic(&plan_seats_apply,
			   "UPDATE quota.org_account a "
			   "   SET occupied = a.occupied OPERATOR(pg_catalog.+) k.n, reserved = a.reserved OPERATOR(pg_catalog.-) k.r "
			   "  FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4)) k(o, c, n, r) "
			   " WHERE a.org_id OPERATOR(pg_catalog.=) k.o AND a.category OPERATOR(pg_catalog.=) k.c "
			   "   AND ((a.occupied OPERATOR(pg_catalog.+) k.n) OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.-) k.r "
			   "       OPERATOR(pg_catalog.<=) (a.approved OPERATOR(pg_catalog.+) a.borrowed) "
			   "   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id OPERATOR(pg_catalog.=) k.o "
			   "                   AND l.category OPERATOR(pg_catalog.=) k.c AND l.outstanding OPERATOR(pg_catalog.>) 0)",
			   4, argtypes);
	quota_exec(plan_seats_apply, values, NULL, false, 0);
	return (long) SPI_processed == b->n;
}

/*
 * The person keys of many entries without ON CONFLICT: PostgreSQL then
 * checks each key once, while inserting it, instead of probing the index
 * before every insertion as well.  A unique violation -- someone already in
 * post, entering twice, or entering concurrently (after waiting for that
 * transaction, as ON CONFLICT does) -- sends the statement to the
 * ON CONFLICT way, which names the person.
 */
static bool
person_keys_at_once(EntryState *st, void *arg)
{
	uint64	   *keys = arg;

	quota_plan_generic(&plan_person_bulk,
			   "INSERT INTO quota.person_post (person_id, staff_id) "
			   "SELECT pg_catalog.upper(n.person_id), n.id FROM new_staff n WHERE n.left_on IS NULL",
			   0, NULL);
	quota_exec(plan_person_bulk, NULL, NULL, false, 0);
	*keys = SPI_processed;
	return true;
}

/* statements with fewer rows than these take the row-by-row way directly */
#define SEATS_AT_ONCE 2
#define PERSON_KEYS_AT_ONCE 64

/* ---------- the trigger ---------- */

PG_FUNCTION_INFO_V1(quota_staff_entries);
Datum
quota_staff_entries(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Tuplestorestate *ts;
	TupleDesc	desc;
	TupleTableSlot *slot;
	EntryAtts	a;
	EntryState	st;
	EntryRow	row;
	QuotaOwnerContext owner;
	MemoryContext work,
				rowmem,
				old;
	char	   *hiring_error = NULL;
	char	   *hiring_detail = NULL;
	void	  **v;
	long		nv,
				i;
	bool		hiring_ok;
	uint64		keys;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_staff_entries must be an AFTER INSERT statement trigger with a transition table")));

	ts = trigdata->tg_newtable;
	desc = RelationGetDescr(trigdata->tg_relation);
	work = AllocSetContextCreate(CurrentMemoryContext, "quota staff entries", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	memset(&st, 0, sizeof(st));
	st.work = work;
	st.rel = trigdata->tg_relation;
	st.today = GetSQLCurrentDate();
	st.orgs = quota_hash_create("quota entry orgs", sizeof(int64), sizeof(OrgRef), false);
	st.categories = quota_hash_create("quota entry categories", CATEGORY_KEYLEN, sizeof(CategoryRef), true);
	st.docs = quota_hash_create("quota entry documents", DOC_KEYLEN, sizeof(DocRef), true);
	st.hirings = quota_hash_create("quota entry hirings", sizeof(int64), sizeof(HiringRef), false);
	st.seats = quota_hash_create("quota entry seats", sizeof(SeatKey), sizeof(SeatGroup), false);
	st.leads = quota_hash_create("quota entry leaders", sizeof(LeadKey), sizeof(LeadGroup), false);

	a.id = quota_attnum(desc, "id", "quota.staff");
	a.person_id = quota_attnum(desc, "person_id", "quota.staff");
	a.name = quota_attnum(desc, "name", "quota.staff");
	a.org_id = quota_attnum(desc, "org_id", "quota.staff");
	a.category = quota_attnum(desc, "category", "quota.staff");
	a.post = quota_attnum(desc, "post", "quota.staff");
	a.post_rank = quota_attnum(desc, "post_rank", "quota.staff");
	a.talent_level = quota_attnum(desc, "talent_level", "quota.staff");
	a.hiring_id = quota_attnum(desc, "hiring_id", "quota.staff");
	a.entered_on = quota_attnum(desc, "entered_on", "quota.staff");
	a.entry_doc = quota_attnum(desc, "entry_doc", "quota.staff");
	a.left_on = quota_attnum(desc, "left_on", "quota.staff");
	a.change_doc = quota_attnum(desc, "change_doc", "quota.staff");

	/* pass 1: the keys, in bounded memory */
	slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rowmem = AllocSetContextCreate(work, "quota entry row", ALLOCSET_DEFAULT_SIZES);
	tuplestore_rescan(ts);
	while (tuplestore_gettupleslot(ts, true, false, slot))
	{
		MemoryContextSwitchTo(rowmem);
		read_row(slot, &a, &row);
		collect(&st, &row);
		MemoryContextSwitchTo(work);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}

	/* a statement that inserted nothing has nothing to check */
	if (st.entries == 0 && st.departed == 0)
	{
		ExecDropSingleTupleTableSlot(slot);
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		return PointerGetDatum(NULL);
	}

	quota_become_owner(st.rel, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");

	look_up(&st);

	/* pass 2: each row against the keys (the first offender per rule) */
	tuplestore_rescan(ts);
	while (tuplestore_gettupleslot(ts, true, false, slot))
	{
		MemoryContextSwitchTo(rowmem);
		read_row(slot, &a, &row);
		check_row(&st, &row);
		MemoryContextSwitchTo(work);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}
	ExecDropSingleTupleTableSlot(slot);

	/* quota_movement_shape: dates, history filling a hiring approval */
	if (st.bad_history.found)
	{
		Offender   *r = &st.bad_history;

		if (r->entered_on > st.today)
			raise_rule(&st, QR_MOVEMENT_SHAPE, psprintf("entry of %s is dated in the future", r->name),
					   psprintf("%s: entered_on %s is after today; an entry (入编) is recorded once it has happened.",
								r->name, quota_date_text(r->entered_on)), NULL);
		if (r->left && r->left_on > st.today)
			raise_rule(&st, QR_MOVEMENT_SHAPE, psprintf("departure of %s is dated in the future", r->name),
					   psprintf("%s: left_on %s is after today; a departure (出编) is recorded when it happens.",
								r->name, quota_date_text(r->left_on)), NULL);
		raise_rule(&st, QR_HIRING,
				   psprintf("%s is recorded as departed and names hiring approval %lld",
							r->name, (long long) r->hiring_id),
				   psprintf("%s: a historical roster row (left_on %s) fills no hiring approval (用编核准); only an entry does.",
							r->name, quota_date_text(r->left_on)), NULL);
	}
	/* quota_authority: a document that does not exist, history rows too */
	if (st.unknown_doc.found)
		authority_check(&st, st.unknown_doc.doc, false, 0, st.unknown_doc.name);

	/* the change records (实名制): an entry, and the departure of a row recorded as history */
	quota_plan_generic(&plan_event_entry,
			   "INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no) "
			   "SELECT n.id, pg_catalog.upper(n.person_id), 'entry', n.org_id, n.category, n.post, n.entered_on, n.entry_doc "
			   "  FROM new_staff n",
			   0, NULL);
	quota_exec(plan_event_entry, NULL, NULL, false, 0);
	if (st.departed > 0)
	{
		quota_plan_generic(&plan_event_leave,
				   "INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason) "
				   "SELECT n.id, pg_catalog.upper(n.person_id), 'leave', n.org_id, n.category, n.post, n.left_on, n.change_doc, n.left_reason "
				   "  FROM new_staff n WHERE n.left_on IS NOT NULL",
				   0, NULL);
		quota_exec(plan_event_leave, NULL, NULL, false, 0);
	}

	/* quota_authority: the entry's document covers the org's jurisdiction */
	if (st.unauthorized.found)
	{
		OrgRef	   *o = hash_search(st.orgs, &st.unauthorized.org_id, HASH_FIND, NULL);

		authority_check(&st, st.unauthorized.doc, o->has_division, o->division, st.unauthorized.name);
	}

	/* quota_org_inactive: orgs exist and are active */
	if (st.unknown_org.found)
		raise_rule(&st, QR_ORG_INACTIVE,
				   psprintf("%s (rule %s)", quota_unknown_org_text(st.unknown_org.org_id),
							quota_rule_zh(QR_ORG_INACTIVE)),
				   psprintf("%s cannot enter org %lld: quota.org has no such org. Only a registered, active org takes people; "
							"an unknown org falls under the rule of merged and dissolved ones (quota_org_inactive).",
							st.unknown_org.name, (long long) st.unknown_org.org_id),
				   pstrdup("Name a registered org (quota.org lists them), or register the org first (INSERT INTO quota.org)."));
	if (st.inactive.found)
	{
		OrgRef	   *o = hash_search(st.orgs, &st.inactive.org_id, HASH_FIND, NULL);

		raise_rule(&st, QR_ORG_INACTIVE,
				   psprintf("%s is not active", quota_org_text(o->id, o->name)),
				   psprintf("%s is %s (不再是有效机构); %s cannot enter it.", o->name, o->status, st.inactive.name),
				   NULL);
	}

	/* quota_category_mismatch: a known category, usable by the org's kind */
	if (st.unknown_category.found)
		raise_rule(&st, QR_CATEGORY_MISMATCH,
				   psprintf("category %s does not exist", st.unknown_category.category),
				   psprintf("No category %s is registered in quota.category (编制类别); %s cannot take a post of it.",
							st.unknown_category.category, st.unknown_category.name),
				   pstrdup("Name one of the categories of quota.category."));
	if (st.mismatch.found)
	{
		OrgRef	   *o = hash_search(st.orgs, &st.mismatch.org_id, HASH_FIND, NULL);

		raise_rule(&st, QR_CATEGORY_MISMATCH,
				   psprintf("%s may not hold %s posts", quota_org_text(o->id, o->name), st.mismatch.category),
				   psprintf("%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).",
							o->name, o->kind, st.mismatch.name, st.mismatch.category),
				   NULL);
	}

	if (st.entries == 0)
		goto done;

	/* quota_hiring: checked now, reported after the vacancy checks (rule order) */
	if (st.bad_hiring.found)
	{
		Offender   *r = &st.bad_hiring;
		HiringRef  *h = r->has_hiring ? hash_search(st.hirings, &r->hiring_id, HASH_FIND, NULL) : NULL;

		hiring_error = psprintf("entry of %s has no valid hiring approval", r->name);
		if (!r->has_hiring)
			hiring_detail = pstrdup("Policy hiring_approval_required is on: every entry fills a hiring approval (用编核准).");
		else if (!h->known)
			hiring_detail = psprintf("No hiring approval (用编核准) %lld is registered in quota.hiring.", (long long) r->hiring_id);
		else if (strcmp(r->category, "filed") == 0)
			hiring_detail = psprintf("备案制 staff hold no 编制 and fill no hiring approval (用编核准 %lld).", (long long) r->hiring_id);
		else if (h->org_id != r->org_id || strcmp(h->category, r->category) != 0)
			hiring_detail = psprintf("Hiring approval (用编核准) %lld is for %s, category %s.",
									 (long long) r->hiring_id, quota_org_text_lookup(h->org_id), h->category);
		else
			hiring_detail = psprintf("Hiring approval (用编核准) %lld expired on %s.",
									 (long long) r->hiring_id, quota_date_text(h->valid_until));
	}
	else if (st.any_hiring)
	{
		/* more entries than an approval has slots left (first by id) */
		v = quota_hash_sorted(st.hirings, quota_int64_key_cmp, &nv);
		for (i = 0; i < nv; i++)
		{
			HiringRef  *h = v[i];

			if (h->known && h->has_account && h->entering > h->slots - h->used)
			{
				hiring_error = psprintf("hiring approval %lld has fewer free slots than entries", (long long) h->id);
				hiring_detail = psprintf("Hiring approval (用编核准) %lld: %d slots, %d used, %lld entering.",
										 (long long) h->id, h->slots, h->used, (long long) h->entering);
				break;
			}
		}
	}
	hiring_ok = hiring_error == NULL;

	/* vacancies, per (org, category) in ascending order; talent hires one by one */
	v = quota_hash_sorted(st.seats, seat_cmp, &nv);
	{
		SeatBatch	b = {(SeatGroup **) v, nv, hiring_ok};
		bool		filed = false;

		for (i = 0; i < nv; i++)
			if (strcmp(((SeatGroup *) v[i])->key.category, "filed") == 0)
				filed = true;
		if (filed || nv < SEATS_AT_ONCE || !in_subtransaction(&st, seats_at_once, &b, 0))
			for (i = 0; i < nv; i++)
				occupy(&st, v[i], hiring_ok);
	}
	if (st.any_talent)
	{
		Oid			argtypes[1] = {BOOLOID};
		Datum		values[1];

		values[0] = BoolGetDatum(hiring_ok);
		quota_plan_generic(&plan_talent,
				   "SELECT quota.talent_seat(t.s, $1) "
				   "  FROM (SELECT s FROM quota.staff s "
				   "         WHERE s.id OPERATOR(pg_catalog.=) ANY (SELECT n.id FROM new_staff n "
				   "                      WHERE n.left_on IS NULL AND n.talent_level IS NOT NULL) "
				   "         ORDER BY s.org_id, s.id OFFSET 0) t",
				   1, argtypes);
		quota_exec(plan_talent, values, NULL, false, 0);
	}

	/* quota_leadership_exceeded: ranks, then leadership posts */
	if (st.any_ranked)
	{
		quota_plan_generic(&plan_rank_check,
				   "SELECT n.id, n.name, n.post_rank, o.id, o.name, o.rank "
				   "  FROM new_staff n JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) n.org_id "
				   " WHERE n.left_on IS NULL "
				   "   AND quota.rank_level(n.post_rank) OPERATOR(pg_catalog.>) quota.rank_level(o.rank) "
				   " ORDER BY n.id LIMIT 1",
				   0, NULL);
		quota_exec(plan_rank_check, NULL, NULL, false, 1);
		if (SPI_processed > 0)
		{
			bool		isnull;

			raise_rule(&st, QR_LEADERSHIP_EXCEEDED,
					   psprintf("rank %s is above the rank of %s", quota_result_text(0, 3),
								quota_org_text(result_int64(0, 4, &isnull), quota_result_text(0, 5))),
					   psprintf("%s is a %s unit (机构规格); %s cannot hold a %s post.",
								quota_result_text(0, 5), quota_result_text(0, 6), quota_result_text(0, 2), quota_result_text(0, 3)),
					   NULL);
		}
	}
	if (hash_get_num_entries(st.leads) > 0)
	{
		Oid			argtypes[3] = {INT8OID, TEXTOID, INT4OID};
		Datum		values[3];

		quota_plan_generic(&plan_lead, "SELECT quota.lead($1, $2, $3, true)", 3, argtypes);
		v = quota_hash_sorted(st.leads, lead_cmp, &nv);
		for (i = 0; i < nv; i++)
		{
			LeadGroup  *g = v[i];

			values[0] = Int64GetDatum(g->key.org_id);
			values[1] = CStringGetTextDatum(g->key.post);
			values[2] = Int32GetDatum((int32) g->n);
			quota_exec(plan_lead, values, NULL, false, 0);
		}
	}

	/* hiring approvals: report, then consume */
	if (hiring_error)
		raise_rule(&st, QR_HIRING, hiring_error, hiring_detail, NULL);
	if (st.any_hiring)
	{
		Oid			argtypes[2] = {INT8OID, INT4OID};
		Datum		values[2];

		quota_plan_generic(&plan_hiring_use,
				   "UPDATE quota.hiring_account ha SET used = ha.used OPERATOR(pg_catalog.+) $2 FROM quota.hiring h "
				   " WHERE ha.hiring_id OPERATOR(pg_catalog.=) $1 AND h.id OPERATOR(pg_catalog.=) ha.hiring_id "
				   "   AND (ha.used OPERATOR(pg_catalog.+) $2) OPERATOR(pg_catalog.<=) h.slots",
				   2, argtypes);
		v = quota_hash_sorted(st.hirings, quota_int64_key_cmp, &nv);
		for (i = 0; i < nv; i++)
		{
			HiringRef  *h = v[i];

			values[0] = Int64GetDatum(h->id);
			values[1] = Int32GetDatum((int32) h->entering);
			quota_exec(plan_hiring_use, values, NULL, false, 0);
			if (SPI_processed == 0)
			{
				quota_plan_generic(&plan_hiring_figures,
						   "SELECT (SELECT h.slots::pg_catalog.text FROM quota.hiring h WHERE h.id OPERATOR(pg_catalog.=) $1), "
						   "       (SELECT ha.used::pg_catalog.text FROM quota.hiring_account ha WHERE ha.hiring_id OPERATOR(pg_catalog.=) $1)",
						   1, argtypes);
				quota_exec(plan_hiring_figures, values, NULL, false, 1);
				raise_rule(&st, QR_HIRING,
						   psprintf("hiring approval %lld has fewer free slots than entries", (long long) h->id),
						   psprintf("Hiring approval %lld: %s slots, %s used, %lld entering.", (long long) h->id,
									quota_result_text(0, 1) ? quota_result_text(0, 1) : "",
									quota_result_text(0, 2) ? quota_result_text(0, 2) : "",
									(long long) h->entering),
						   NULL);
			}
		}
	}

	/*
	 * One person, one post (R8.1): the key of person_post serializes
	 * concurrent entries (DO NOTHING also skips a second row of this
	 * statement with the same key).
	 */
	keys = 0;
	if (st.entries < PERSON_KEYS_AT_ONCE ||
		!in_subtransaction(&st, person_keys_at_once, &keys, ERRCODE_UNIQUE_VIOLATION))
	{
		quota_plan_generic(&plan_person_keys,
				   "INSERT INTO quota.person_post (person_id, staff_id) "
				   "SELECT pg_catalog.upper(n.person_id), n.id FROM new_staff n WHERE n.left_on IS NULL "
				   "ON CONFLICT (person_id) DO NOTHING",
				   0, NULL);
		quota_exec(plan_person_keys, NULL, NULL, false, 0);
		keys = SPI_processed;
	}
	if ((int64) keys < st.entries)
	{
		quota_plan_generic(&plan_person_dup,
				   "SELECT n.name, n.person_id, "
				   "       (SELECT p.staff_id::pg_catalog.text FROM quota.person_post p "
				   "         WHERE p.person_id OPERATOR(pg_catalog.=) pg_catalog.upper(n.person_id) "
				   "           AND NOT EXISTS (SELECT 1 FROM new_staff m WHERE m.id OPERATOR(pg_catalog.=) p.staff_id)) "
				   "  FROM new_staff n "
				   " WHERE n.left_on IS NULL "
				   "   AND NOT EXISTS (SELECT 1 FROM quota.person_post p WHERE p.staff_id OPERATOR(pg_catalog.=) n.id) "
				   " ORDER BY n.id LIMIT 1",
				   0, NULL);
		quota_exec(plan_person_dup, NULL, NULL, false, 1);
		if (SPI_processed > 0)
			raise_rule(&st, QR_PERSON_DUPLICATE,
					   psprintf("person %s already holds an active post", quota_result_text(0, 2)),
					   quota_result_text(0, 3) ?
					   psprintf("%s (%s) holds post %s; one person holds one post (一编一人).",
								quota_result_text(0, 1), quota_result_text(0, 2), quota_result_text(0, 3)) :
					   psprintf("%s (%s) enters twice in this statement; one person holds one post (一编一人).",
								quota_result_text(0, 1), quota_result_text(0, 2)),
					   NULL);
	}

	/* 人员总量: 编制内 + filed staff within headcount_cap; filed staff only under a cap */
	if (st.filed_uncapped.found)
	{
		OrgRef	   *o = hash_search(st.orgs, &st.filed_uncapped.org_id, HASH_FIND, NULL);

		raise_rule(&st, QR_HEADCOUNT_CAP,
				   psprintf("%s takes no filed staff", quota_org_text(o->id, o->name)),
				   psprintf("%s has no headcount cap (人员总量); 备案制 staff only count against a cap.", o->name),
				   NULL);
	}
	v = quota_hash_sorted(st.orgs, quota_int64_key_cmp, &nv);
	for (i = 0; i < nv; i++)
	{
		OrgRef	   *o = v[i];
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		bool		isnull;
		int64		total;

		if (!o->known || !o->has_cap || o->entries == 0)
			continue;
		quota_plan_generic(&plan_headcount,
				   "SELECT pg_catalog.sum(a.occupied)::pg_catalog.int8 FROM "
				   "  (SELECT occupied FROM quota.org_account WHERE org_id OPERATOR(pg_catalog.=) $1 "
				   "    ORDER BY category FOR NO KEY UPDATE) a",
				   1, argtypes);
		values[0] = Int64GetDatum(o->id);
		quota_exec(plan_headcount, values, NULL, false, 0);
		total = SPI_processed > 0 ? result_int64(0, 1, &isnull) : 0;
		if (SPI_processed > 0 && !isnull && total > o->cap)
			raise_rule(&st, QR_HEADCOUNT_CAP,
					   psprintf("%s would exceed its headcount cap", quota_org_text(o->id, o->name)),
					   psprintf("人员总量: %s has a cap of %d; 编制内 + 备案 staff would be %lld.",
								o->name, o->cap, (long long) total),
					   NULL);
	}

done:
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return PointerGetDatum(NULL);
}
