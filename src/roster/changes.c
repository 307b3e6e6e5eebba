/*-------------------------------------------------------------------------
 *
 * changes.c
 *	  Roster changes (moves, post changes, id corrections, departures): the
 *	  statement trigger on UPDATE of quota.staff.
 *
 *	  An AFTER UPDATE ... FOR EACH STATEMENT trigger with transition tables:
 *	  the rows a statement changed are kept in tuplestores that spill to disk
 *	  past work_mem.  As the entry trigger (entries.c), it keeps nothing per
 *	  row: pass 1 reads the pairs of versions once and collects the keys
 *	  (orgs, categories, documents, ranks); one kept query per referenced
 *	  table looks them up and locks them FOR KEY SHARE; pass 2 checks each
 *	  pair against them, remembers per rule the first offending row (lowest
 *	  id) and counts the seats per account: releases and arrivals per
 *	  (org, category), leader posts per (org, post).  The rules are then
 *	  reported in the order of DESIGN.md §8 (shape, authority through
 *	  quota_issuer_covers, org, category) and the accounts applied in the
 *	  one global lock order, ascending (org, category): per account its
 *	  releases, then its arrivals with the vacancy check (quota_seat_occupy,
 *	  src/roster/seats.c, the one implementation).  So people may move between two full orgs in both
 *	  directions in one statement, and opposite statements cannot deadlock.
 *
 *	  A release is only a decrement unless the account has a loan
 *	  outstanding, a 退一收一 org loses a leaver, or a talent hire leaves:
 *	  then each freed seat goes through quota_seat_release (seats.c, the
 *	  one implementation; one row at a time, after every account touched
 *	  was locked in ascending order): a talent draw returns to its pool, a
 *	  freed borrowed post of an expired loan returns to its pool, a
 *	  leaver's own post is retired (退一收一).
 *	  Then talent movers (one at a time, quota.talent_seat), ranks and
 *	  leader posts (quota_seat_lead: quota_leadership_exceeded), the change records
 *	  (quota.staff_event), the person keys (一编一人) and the headcount caps.
 *
 *	  Rows of quota.staff_fix with own set (a correction doing its own
 *	  accounting) are skipped; quota.staff_pass marks the people moving with
 *	  their posts (no vacancy check; arriving: seated later by
 *	  quota.seat_arrivals).  Runs as the table owner with kept plans.
 *
 *	  One file past ~600 lines, on purpose: as entries.c, the passes, the
 *	  lookups and the reporting share one state and one rule order.
 *
 * IDENTIFICATION
 *	  src/roster/changes.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "quota.h"
#include "ledger/ledger.h"
#include "roster/refs.h"
#include "roster/refcache.h"
#include "roster/seats.h"

#define POST_KEYLEN 8
#define RANK_KEYLEN 64

/* ---------- kept plans ---------- */

static SPIPlanPtr plan_passes = NULL;
static SPIPlanPtr plan_orgs = NULL;
static SPIPlanPtr plan_rank_lock = NULL;
static SPIPlanPtr plan_rank_levels = NULL;
static SPIPlanPtr plan_last_change = NULL;
static SPIPlanPtr plan_authority = NULL;
static SPIPlanPtr plan_events = NULL;
static SPIPlanPtr plan_lock_accounts = NULL;
static SPIPlanPtr plan_release = NULL;
static SPIPlanPtr plan_talent = NULL;
static SPIPlanPtr plan_person_delete = NULL;
static SPIPlanPtr plan_person_insert = NULL;
static SPIPlanPtr plan_person_dup = NULL;
static SPIPlanPtr plan_headcount = NULL;

/* the pairs of versions, in the order the statement changed them */
#define PAIRS \
	"(SELECT pg_catalog.row_number() OVER () AS i, * FROM old_staff) o " \
	"JOIN (SELECT pg_catalog.row_number() OVER () AS i, * FROM new_staff) n ON n.i OPERATOR(pg_catalog.=) o.i " \
	"LEFT JOIN quota.staff_fix f ON f.staff_id OPERATOR(pg_catalog.=) o.id "
/* the pairs a change checks: not a departed row, not a correction doing its own accounting */
#define LIVE "o.left_on IS NULL AND f.own IS NOT TRUE "
#define CHANGING \
	"(n.org_id OPERATOR(pg_catalog.<>) o.org_id OR n.category OPERATOR(pg_catalog.<>) o.category " \
	" OR n.post OPERATOR(pg_catalog.<>) o.post " \
	" OR pg_catalog.upper(n.person_id) OPERATOR(pg_catalog.<>) pg_catalog.upper(o.person_id)) "

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
	bool		recall;			/* recall_on_exit (退一收一) */
	bool		has_loan;		/* a loan outstanding (any category) */
	bool		cap_check;		/* someone arrives who counts against the cap */
	char	   *name;
	char	   *status;
	char	   *kind;
	char	   *rank;			/* NULL: none */
} OrgRef;

typedef struct RankRef
{
	char		code[RANK_KEYLEN];	/* hash key */
	bool		lock;			/* a leader takes it in this statement */
	bool		known;
	int32		level;
} RankRef;

typedef struct StaffPass
{
	int64		staff_id;		/* hash key */
	bool		fix;			/* in quota.staff_fix */
	bool		fix_own;
	bool		pass;			/* in quota.staff_pass */
	bool		allow_excess;
	bool		arriving;
} StaffPass;

typedef struct SeatKey
{
	int64		org_id;
	char		category[CATEGORY_KEYLEN];
} SeatKey;

typedef struct SeatGroup
{
	SeatKey		key;			/* hash key */
	int64		released;		/* seats freed (leavers and movers) */
	bool		leavers;		/* some of them leave */
	bool		talent;			/* some of them are talent hires */
	bool		slow;			/* freed one at a time (quota_seat_release) */
	int64		checked;		/* arrivals with the vacancy check */
	int64		unchecked;		/* arrivals moving with their posts, filed staff */
} SeatGroup;

typedef struct LeadKey
{
	int64		org_id;
	char		post[POST_KEYLEN];
} LeadKey;

typedef struct LeadGroup
{
	LeadKey		key;			/* hash key */
	int64		minus;
	int64		plus_checked;
	int64		plus_unchecked;
} LeadGroup;

/* ---------- one version of a row ---------- */

typedef struct StaffAtts
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
				left_reason,
				change_doc;
} StaffAtts;

typedef struct StaffRow
{
	int64		id;
	char	   *person_id;
	char	   *name;
	int64		org_id;
	char	   *category;
	char	   *post;
	char	   *post_rank;		/* NULL: none */
	char	   *talent_level;	/* NULL: none */
	bool		has_hiring;
	int64		hiring_id;
	DateADT		entered_on;
	char	   *entry_doc;
	bool		left;
	DateADT		left_on;
	char	   *left_reason;
	char	   *change_doc;
} StaffRow;

/* what a pair of versions does */
typedef enum ChangeKind
{
	CK_SKIP,					/* nothing the trigger checks */
	CK_LEAVE,					/* 出编 */
	CK_MOVE,					/* org or category */
	CK_OTHER					/* post, person id, rank, name */
} ChangeKind;

/* the first offending row of a rule (lowest id) */
typedef struct Offender
{
	bool		found;
	int64		id;
	char	   *name;
	int64		org_id;
	char	   *category;
	char	   *doc;
	char	   *post_rank;
	DateADT		on_date;
	bool		leaving;
} Offender;

typedef struct ChangeState
{
	MemoryContext work;
	Relation	rel;
	DateADT		today;
	HTAB	   *orgs;
	HTAB	   *categories;
	HTAB	   *docs;
	HTAB	   *ranks;
	HTAB	   *passes;			/* NULL: quota.staff_fix and staff_pass are empty */
	HTAB	   *seats;
	HTAB	   *leads;
	int64		leavers;
	int64		events;			/* change records to write */
	int64		person_changes;
	int64		talent_movers;
	int64		moves;			/* rows moving between accounts */
	bool		any_ranked;
	bool		any_slow;
	Offender	future;
	Offender	no_doc;
	Offender	unknown_doc;
	Offender	unauthorized;
	Offender	unknown_org;
	Offender	inactive;
	Offender	unknown_category;
	Offender	mismatch;
	Offender	rank_above;
	Offender	filed_uncapped;
} ChangeState;

/* ---------- helpers ---------- */

static void
read_row(TupleTableSlot *slot, const StaffAtts *a, StaffRow *r)
{
	bool		isnull;
	Datum		d;

	r->id = DatumGetInt64(slot_getattr(slot, a->id, &isnull));
	r->person_id = quota_slot_text(slot, a->person_id);
	r->name = quota_slot_text(slot, a->name);
	r->org_id = DatumGetInt64(slot_getattr(slot, a->org_id, &isnull));
	r->category = quota_slot_text(slot, a->category);
	r->post = quota_slot_text(slot, a->post);
	r->post_rank = quota_slot_text(slot, a->post_rank);
	r->talent_level = quota_slot_text(slot, a->talent_level);
	d = slot_getattr(slot, a->hiring_id, &isnull);
	r->has_hiring = !isnull;
	r->hiring_id = isnull ? 0 : DatumGetInt64(d);
	r->entered_on = DatumGetDateADT(slot_getattr(slot, a->entered_on, &isnull));
	r->entry_doc = quota_slot_text(slot, a->entry_doc);
	d = slot_getattr(slot, a->left_on, &isnull);
	r->left = !isnull;
	r->left_on = isnull ? 0 : DatumGetDateADT(d);
	r->left_reason = quota_slot_text(slot, a->left_reason);
	r->change_doc = quota_slot_text(slot, a->change_doc);
}

static bool
text_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* upper(a) = upper(b) for resident ids (ASCII) */
static bool
person_eq(const char *a, const char *b)
{
	return pg_strcasecmp(a, b) == 0;
}

static bool
is_leader(const char *post)
{
	return strcmp(post, "chief") == 0 || strcmp(post, "deputy") == 0;
}

static Datum
result_datum(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

static void
note(ChangeState *st, Offender *o, const StaffRow *r, const char *doc, bool leaving)
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
	o->on_date = r->left_on;
	o->leaving = leaving;
	MemoryContextSwitchTo(old);
}

static OrgRef *
org_ref(ChangeState *st, int64 id, bool enter)
{
	bool		found;
	OrgRef	   *o = hash_search(st->orgs, &id, enter ? HASH_ENTER : HASH_FIND, &found);

	if (enter && !found)
		memset(((char *) o) + sizeof(int64), 0, sizeof(OrgRef) - sizeof(int64));
	return o;
}

static RankRef *
rank_ref(ChangeState *st, const char *code, bool enter)
{
	bool		found;
	RankRef    *r;

	if (strlen(code) >= RANK_KEYLEN)
		return NULL;
	r = hash_search(st->ranks, code, enter ? HASH_ENTER : HASH_FIND, &found);
	if (enter && !found)
		r->lock = r->known = false, r->level = 0;
	return r;
}

static StaffPass *
pass_of(ChangeState *st, int64 id)
{
	return st->passes ? hash_search(st->passes, &id, HASH_FIND, NULL) : NULL;
}

static SeatGroup *
seat_group(ChangeState *st, int64 org_id, const char *category)
{
	SeatKey		key;
	SeatGroup  *g;
	bool		found;

	memset(&key, 0, sizeof(key));
	key.org_id = org_id;
	strlcpy(key.category, category, CATEGORY_KEYLEN);
	g = hash_search(st->seats, &key, HASH_ENTER, &found);
	if (!found)
		memset(((char *) g) + sizeof(SeatKey), 0, sizeof(SeatGroup) - sizeof(SeatKey));
	return g;
}

static LeadGroup *
lead_group(ChangeState *st, int64 org_id, const char *post)
{
	LeadKey		key;
	LeadGroup  *g;
	bool		found;

	memset(&key, 0, sizeof(key));
	key.org_id = org_id;
	strlcpy(key.post, post, POST_KEYLEN);
	g = hash_search(st->leads, &key, HASH_ENTER, &found);
	if (!found)
		g->minus = g->plus_checked = g->plus_unchecked = 0;
	return g;
}

/*
 * What a pair does, and the edits refused outright (55000): the write
 * matrix (README) -- what an entry fixed stays fixed, a departed row is
 * history, a departure changes nothing else, a document names a change.
 */
static ChangeKind
classify(ChangeState *st, const StaffRow *o, const StaffRow *n)
{
	StaffPass  *p = pass_of(st, o->id);
	bool		changing;

	if (p && p->fix && p->fix_own)
		return CK_SKIP;
	if (o->left)
	{
		if (n->id != o->id || !text_eq(n->person_id, o->person_id) || n->org_id != o->org_id ||
			!text_eq(n->category, o->category) || !text_eq(n->post, o->post) ||
			!text_eq(n->post_rank, o->post_rank) || !text_eq(n->talent_level, o->talent_level) ||
			n->has_hiring != o->has_hiring || n->hiring_id != o->hiring_id ||
			n->entered_on != o->entered_on || !text_eq(n->entry_doc, o->entry_doc) ||
			n->left != o->left || n->left_on != o->left_on ||
			!text_eq(n->left_reason, o->left_reason) || !text_eq(n->change_doc, o->change_doc))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("staff %lld has left; a departed row is a record and only its name may be corrected",
							(long long) o->id),
					 errdetail("%s left on %s; the change records (quota.staff_event) keep the departure.",
							   o->name, quota_date_text(o->left_on)),
					 errhint("A departed person re-enters with a new roster row.")));
		return CK_SKIP;
	}
	if (n->id != o->id || n->has_hiring != o->has_hiring || n->hiring_id != o->hiring_id ||
		n->entered_on != o->entered_on || !text_eq(n->entry_doc, o->entry_doc) ||
		!text_eq(n->talent_level, o->talent_level))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("staff %lld: id, hiring_id, entered_on, entry_doc and talent_level are fixed by the entry",
						(long long) o->id),
				 errdetail("They are the record of the entry (入编): the hiring approval it filled, its date and document, the talent draw it made."),
				 errhint("A wrong entry is corrected by recording a departure and a new entry.")));
	changing = n->org_id != o->org_id || strcmp(n->category, o->category) != 0 ||
		strcmp(n->post, o->post) != 0 || !person_eq(n->person_id, o->person_id);
	if (n->left)
	{
		/* (a departure in the future is reported as its rule first) */
		if (changing && n->left_on <= st->today)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("staff %lld: a departure cannot also change the org, category, post or person",
							(long long) o->id),
					 errhint("Set left_on alone; a move is an UPDATE of org_id or category (with change_doc) without left_on.")));
		return CK_LEAVE;
	}
	if (!changing)
	{
		if (!text_eq(n->change_doc, o->change_doc))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("staff %lld: change_doc names the document of a change, and nothing changes",
							(long long) o->id),
					 errhint("Set change_doc in the UPDATE that changes org_id, category, post, person_id or left_on.")));
		return CK_OTHER;
	}
	if (n->org_id != o->org_id || strcmp(n->category, o->category) != 0)
		return CK_MOVE;
	return CK_OTHER;
}

/* ---------- pass 1: the keys ---------- */

static void
collect(ChangeState *st, const StaffRow *o, const StaffRow *n)
{
	ChangeKind	k = classify(st, o, n);
	bool		new_doc = !text_eq(n->change_doc, o->change_doc);
	OrgRef	   *org;

	if (k == CK_SKIP)
		return;
	if (k == CK_LEAVE)
	{
		org = org_ref(st, o->org_id, true);
		if (new_doc && n->change_doc)
			(void) roster_doc_ref(st->docs, n->change_doc, true);
		return;
	}
	org = org_ref(st, n->org_id, true);
	if (n->change_doc && new_doc)
		(void) roster_doc_ref(st->docs, n->change_doc, true);
	if (k == CK_MOVE)
	{
		(void) org_ref(st, o->org_id, true);
		(void) roster_category_ref(st->categories, n->category, true);
	}
	if (n->post_rank)
	{
		RankRef    *r = rank_ref(st, n->post_rank, true);

		if (r && !text_eq(n->post_rank, o->post_rank))
			r->lock = true;
		st->any_ranked = true;
	}
	(void) org;
}

/* ---------- the lookups ---------- */

/* quota.staff_fix and quota.staff_pass: rows only inside the reform calls */
static void
load_passes(ChangeState *st)
{
	uint64		i;
	bool		isnull;

	quota_plan_generic(&plan_passes,
				"SELECT f.staff_id, true, f.own, false, false, false FROM quota.staff_fix f "
				"UNION ALL "
				"SELECT p.staff_id, false, false, true, p.allow_excess, p.arriving FROM quota.staff_pass p",
				0, NULL);
	quota_exec(plan_passes, NULL, NULL, false, 0);
	if (SPI_processed == 0)
		return;
	st->passes = quota_hash_create("quota change passes", sizeof(int64), sizeof(StaffPass), false);
	for (i = 0; i < SPI_processed; i++)
	{
		int64		id = DatumGetInt64(result_datum(i, 1, &isnull));
		bool		found;
		StaffPass  *p = hash_search(st->passes, &id, HASH_ENTER, &found);

		if (!found)
			p->fix = p->fix_own = p->pass = p->allow_excess = p->arriving = false;
		if (DatumGetBool(result_datum(i, 2, &isnull)))
		{
			p->fix = true;
			p->fix_own = DatumGetBool(result_datum(i, 3, &isnull));
		}
		if (DatumGetBool(result_datum(i, 4, &isnull)))
		{
			p->pass = true;
			p->allow_excess = DatumGetBool(result_datum(i, 5, &isnull));
			p->arriving = DatumGetBool(result_datum(i, 6, &isnull));
		}
	}
}

static void
look_up(ChangeState *st)
{
	HASH_SEQ_STATUS seq;
	List	   *keys = NIL;
	Oid			int8arr[1] = {INT8ARRAYOID};
	Oid			textarr[1] = {TEXTARRAYOID};
	Datum		values[1];
	OrgRef	   *o;
	RankRef    *r;
	uint64		i;
	bool		isnull;
	MemoryContext old;

	/* orgs, locked FOR KEY SHARE in ascending id order (with their loans) */
	hash_seq_init(&seq, st->orgs);
	while ((o = hash_seq_search(&seq)) != NULL)
		keys = lappend(keys, &o->id);
	if (keys != NIL)
	{
		values[0] = quota_int8_array(keys);
		quota_plan_generic(&plan_orgs,
					"SELECT o.id, o.status, o.kind, o.division, o.headcount_cap, o.name, o.rank, o.recall_on_exit, "
					"       EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id OPERATOR(pg_catalog.=) o.id "
					"                  AND l.outstanding OPERATOR(pg_catalog.>) 0) "
					"  FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) ANY ($1) "
					" ORDER BY o.id FOR KEY SHARE OF o",
					1, int8arr);
		quota_exec(plan_orgs, values, NULL, false, 0);
		for (i = 0; i < SPI_processed; i++)
		{
			int64		id = DatumGetInt64(result_datum(i, 1, &isnull));

			o = org_ref(st, id, false);
			if (o == NULL)
				continue;
			old = MemoryContextSwitchTo(st->work);
			o->known = true;
			o->status = quota_result_text(i, 2);
			o->active = strcmp(o->status, "active") == 0;
			o->kind = quota_result_text(i, 3);
			o->division = DatumGetDivision(result_datum(i, 4, &isnull));
			o->has_division = !isnull;
			o->cap = DatumGetInt32(result_datum(i, 5, &isnull));
			o->has_cap = !isnull;
			o->name = quota_result_text(i, 6);
			o->rank = quota_result_text(i, 7);
			o->recall = DatumGetBool(result_datum(i, 8, &isnull));
			o->has_loan = DatumGetBool(result_datum(i, 9, &isnull));
			MemoryContextSwitchTo(old);
		}
	}

	/* the categories moved into and the documents named, locked; the org
	 * kinds that may use a category and what an issuer kind may authorize
	 * from the rules-data cache */
	quota_refcache_load();
	roster_lock_categories(st->categories);
	roster_lock_docs(st->docs);

	/* ranks: a new one a leader takes is locked (an unknown one failed the column's CHECK) */
	if (st->any_ranked)
	{
		keys = NIL;
		hash_seq_init(&seq, st->ranks);
		while ((r = hash_seq_search(&seq)) != NULL)
			if (r->lock)
				keys = lappend(keys, r->code);
		if (keys != NIL)
		{
			values[0] = quota_text_array(keys);
			quota_plan_generic(&plan_rank_lock,
						"SELECT r.code FROM quota.rank r WHERE r.code OPERATOR(pg_catalog.=) ANY ($1) "
						" ORDER BY r.code FOR KEY SHARE",
						1, textarr);
			quota_exec(plan_rank_lock, values, NULL, false, 0);
		}
		/* the ladder (a dozen rows): the levels of the leaders' ranks and the orgs' */
		quota_plan_generic(&plan_rank_levels, "SELECT r.code, r.level FROM quota.rank r", 0, NULL);
		quota_exec(plan_rank_levels, NULL, NULL, false, 0);
		for (i = 0; i < SPI_processed; i++)
		{
			r = rank_ref(st, quota_result_text(i, 1), true);
			if (r == NULL)
				continue;
			r->known = true;
			r->level = DatumGetInt32(result_datum(i, 2, &isnull));
			if (isnull)
				r->known = false;
		}
	}
}

/* ---------- pass 2: each pair against the keys ---------- */

static void
release(ChangeState *st, const StaffRow *o, bool leaving)
{
	SeatGroup  *g = seat_group(st, o->org_id, o->category);

	g->released++;
	if (leaving)
		g->leavers = true;
	if (o->talent_level)
		g->talent = true;
	if (is_leader(o->post))
		lead_group(st, o->org_id, o->post)->minus++;
}

static void
check_pair(ChangeState *st, const StaffRow *o, const StaffRow *n)
{
	ChangeKind	k = classify(st, o, n);
	bool		new_doc = !text_eq(n->change_doc, o->change_doc);
	StaffPass  *p;
	OrgRef	   *org;
	DocRef	   *d;
	bool		excess;

	if (k == CK_SKIP)
		return;
	if (k == CK_LEAVE)
	{
		if (n->left_on > st->today)
		{
			note(st, &st->future, n, NULL, true);
			return;
		}
		st->leavers++;
		st->events++;
		if (new_doc && n->change_doc)
		{
			d = roster_doc_ref(st->docs, n->change_doc, false);
			if (d == NULL || !d->known)
			{
				note(st, &st->unknown_doc, n, n->change_doc, true);
				return;
			}
		}
		release(st, o, true);
		return;
	}

	org = org_ref(st, n->org_id, false);
	if (k == CK_MOVE || strcmp(n->post, o->post) != 0 || !person_eq(n->person_id, o->person_id))
	{
		/* a change names its own document, with authority over the destination (§12) */
		st->events++;
		if (!new_doc || n->change_doc == NULL)
		{
			note(st, &st->no_doc, n, NULL, false);
			return;
		}
		d = roster_doc_ref(st->docs, n->change_doc, false);
		if (d == NULL || !d->known)
		{
			note(st, &st->unknown_doc, n, n->change_doc, false);
			return;
		}
		if (org->known &&
			!quota_issuer_covers(d->may_authorize, d->central, d->has_division, d->division,
								 org->has_division ? org->division : -1))
			note(st, &st->unauthorized, n, n->change_doc, false);
	}

	p = pass_of(st, n->id);
	if (p && !p->pass)
		p = NULL;
	excess = p && p->allow_excess;
	if (k == CK_MOVE)
	{
		CategoryRef *c = roster_category_ref(st->categories, n->category, false);
		bool		filed = strcmp(n->category, "filed") == 0;

		if (!org->known)
		{
			note(st, &st->unknown_org, n, NULL, false);
			return;
		}
		if (!org->active)
		{
			note(st, &st->inactive, n, NULL, false);
			return;
		}
		if (strcmp(n->category, o->category) != 0 && (c == NULL || !c->known))
		{
			note(st, &st->unknown_category, n, NULL, false);
			return;
		}
		if (!filed && !quota_refcache_usable(n->category, org->kind))
		{
			note(st, &st->mismatch, n, NULL, false);
			return;
		}
		release(st, o, false);
		st->moves++;
		if (p && p->arriving)
			return;				/* seated by quota.seat_arrivals once the posts moved */
		if (!p && n->talent_level && !filed)
			st->talent_movers++;	/* one at a time: quota.talent_seat */
		else
		{
			SeatGroup  *g = seat_group(st, n->org_id, n->category);

			if (!filed && !p)
				g->checked++;
			else
				g->unchecked++;
		}
		if (is_leader(n->post))
		{
			LeadGroup  *g = lead_group(st, n->org_id, n->post);

			if (excess)
				g->plus_unchecked++;
			else
				g->plus_checked++;
		}
		if (filed && !org->has_cap && !excess)
			note(st, &st->filed_uncapped, n, NULL, false);
		if (org->has_cap && !excess)
			org->cap_check = true;
	}
	else if (strcmp(n->post, o->post) != 0)
	{
		if (is_leader(o->post))
			lead_group(st, o->org_id, o->post)->minus++;
		if (is_leader(n->post))
			lead_group(st, n->org_id, n->post)->plus_checked++;
	}

	/* 机构规格: a leader's rank not above the org's */
	if (n->post_rank && org->known && org->rank)
	{
		RankRef    *r = rank_ref(st, n->post_rank, false);
		RankRef    *orank = rank_ref(st, org->rank, false);

		if (r && r->known && orank && orank->known && r->level > orank->level)
			note(st, &st->rank_above, n, NULL, false);
	}
	if (!person_eq(n->person_id, o->person_id))
		st->person_changes++;
}

/* ---------- reporting ---------- */

/* quota.authority_check(doc, d, what) reports a document's rule in its words */
static void
authority_check(ChangeState *st, const Offender *r, bool has_division, int64 division)
{
	Oid			argtypes[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		values[3];
	char		nulls[4] = "   ";

	quota_plan_generic(&plan_authority, "SELECT quota.authority_check($1, $2::quota.division, $3)", 3, argtypes);
	values[0] = CStringGetTextDatum(r->doc);
	values[1] = has_division ? CStringGetTextDatum(quota_division_text(division)) : (Datum) 0;
	if (!has_division)
		nulls[1] = 'n';
	values[2] = CStringGetTextDatum(psprintf(r->leaving ? "departure of %s" : "roster change of %s", r->name));
	quota_exec(plan_authority, values, nulls, false, 0);
	elog(ERROR, "quota.authority_check accepted document %s of %s", r->doc, r->name);
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

/* each freed seat of the slow accounts, in the order the statement changed them */
static void
release_slow(ChangeState *st, Tuplestorestate *olds, Tuplestorestate *news,
			 TupleTableSlot *oslot, TupleTableSlot *nslot, const StaffAtts *a, MemoryContext rowmem)
{
	StaffRow	o,
				n;
	MemoryContext old;

	tuplestore_rescan(olds);
	tuplestore_rescan(news);
	while (tuplestore_gettupleslot(olds, true, false, oslot) &&
		   tuplestore_gettupleslot(news, true, false, nslot))
	{
		ChangeKind	k;
		SeatGroup  *g;
		SeatKey		key;

		old = MemoryContextSwitchTo(rowmem);
		read_row(oslot, a, &o);
		read_row(nslot, a, &n);
		k = classify(st, &o, &n);
		if (k == CK_LEAVE || (k == CK_MOVE))
		{
			memset(&key, 0, sizeof(key));
			key.org_id = o.org_id;
			strlcpy(key.category, o.category, CATEGORY_KEYLEN);
			g = hash_search(st->seats, &key, HASH_FIND, NULL);
			if (g && g->slow)
			{
				OrgRef	   *org = org_ref(st, o.org_id, false);
				QuotaLeaver l;

				/* the one implementation (seats.c); the leader account is ours (apply_leads) */
				l.id = o.id;
				l.name = o.name;
				l.org_id = o.org_id;
				l.category = o.category;
				l.post = NULL;
				l.may_draw = o.talent_level != NULL;
				l.entry_doc = o.entry_doc;
				l.recall = org && org->recall ? 1 : 0;
				quota_seat_release(&l, k == CK_LEAVE ? n.left_on : st->today, k == CK_MOVE);
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}
}

static void
apply_seats(ChangeState *st, Tuplestorestate *olds, Tuplestorestate *news,
			TupleTableSlot *oslot, TupleTableSlot *nslot, const StaffAtts *a, MemoryContext rowmem)
{
	void	  **v;
	long		nv,
				i;
	Oid			argtypes[3] = {INT8OID, TEXTOID, INT4OID};
	Datum		values[3];

	v = quota_hash_sorted(st->seats, seat_cmp, &nv);
	for (i = 0; i < nv; i++)
	{
		SeatGroup  *g = v[i];
		OrgRef	   *org = org_ref(st, g->key.org_id, false);

		if (g->released > 0 && strcmp(g->key.category, "filed") != 0 &&
			(g->talent || (org && org->has_loan) || (g->leavers && org && org->recall)))
		{
			g->slow = true;
			st->any_slow = true;
		}
	}
	if (st->any_slow || st->moves > 0)
	{
		/*
		 * Every account touched, locked in ascending order before any is
		 * changed: the rows of slow accounts free their seats one by one,
		 * and a move into a full account waits for a concurrent departure
		 * from it (READ COMMITTED: then takes the seat it freed; snapshot
		 * isolation: 40001) as a row at a time did.
		 */
		List	   *orgs = NIL;
		List	   *cats = NIL;
		Oid			arrtypes[2] = {INT8ARRAYOID, TEXTARRAYOID};
		Datum		arrs[2];

		for (i = 0; i < nv; i++)
		{
			SeatGroup  *g = v[i];

			orgs = lappend(orgs, &g->key.org_id);
			cats = lappend(cats, g->key.category);
		}
		arrs[0] = quota_int8_array(orgs);
		arrs[1] = quota_text_array(cats);
		quota_plan_generic(&plan_lock_accounts,
					"SELECT 1 FROM quota.org_account a "
					"  JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) k (org_id, category) "
					"    ON a.org_id OPERATOR(pg_catalog.=) k.org_id AND a.category OPERATOR(pg_catalog.=) k.category "
					" ORDER BY a.org_id, a.category FOR NO KEY UPDATE OF a",
					2, arrtypes);
		quota_exec(plan_lock_accounts, arrs, NULL, false, 0);
		if (st->any_slow)
			release_slow(st, olds, news, oslot, nslot, a, rowmem);
	}
	for (i = 0; i < nv; i++)
	{
		SeatGroup  *g = v[i];

		if (g->released > 0 && !g->slow)
		{
			quota_plan_generic(&plan_release,
						"UPDATE quota.org_account SET occupied = occupied OPERATOR(pg_catalog.-) $3 "
						" WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2",
						3, argtypes);
			values[0] = Int64GetDatum(g->key.org_id);
			values[1] = CStringGetTextDatum(g->key.category);
			values[2] = Int32GetDatum((int32) g->released);
			quota_exec(plan_release, values, NULL, false, 0);
		}
		/* arrivals: the one implementation of the vacancy check (seats.c) */
		if (g->unchecked > 0)
			quota_seat_occupy(st->rel, g->key.org_id, g->key.category, (int32) g->unchecked, 0, false);
		if (g->checked > 0)
			quota_seat_occupy(st->rel, g->key.org_id, g->key.category, (int32) g->checked, 0, true);
	}
}

static void
apply_leads(ChangeState *st)
{
	void	  **v;
	long		nv,
				i;

	v = quota_hash_sorted(st->leads, lead_cmp, &nv);
	for (i = 0; i < nv; i++)
	{
		LeadGroup  *g = v[i];

		if (g->minus > 0 || g->plus_unchecked > 0)
			quota_seat_lead(st->rel, g->key.org_id, g->key.post, (int32) (g->plus_unchecked - g->minus), false);
		if (g->plus_checked > 0)
			quota_seat_lead(st->rel, g->key.org_id, g->key.post, (int32) g->plus_checked, true);
	}
}

/* ---------- the trigger ---------- */

static void
raise_org_rules(ChangeState *st)
{
	if (st->unknown_org.found)
		quota_raise(QR_ORG_INACTIVE, st->rel,
					psprintf("%s (rule %s)", quota_unknown_org_text(st->unknown_org.org_id),
							 quota_rule_zh(QR_ORG_INACTIVE)),
					psprintf("%s cannot move into org %lld: quota.org has no such org. Only a registered, active org takes people; "
							 "an unknown org falls under the rule of merged and dissolved ones (quota_org_inactive).",
							 st->unknown_org.name, (long long) st->unknown_org.org_id),
					pstrdup("Name a registered org (quota.org lists them), or register the org first (INSERT INTO quota.org)."));
	if (st->inactive.found)
	{
		OrgRef	   *o = org_ref(st, st->inactive.org_id, false);

		quota_raise(QR_ORG_INACTIVE, st->rel,
					psprintf("%s is not active", quota_org_text(o->id, o->name)),
					psprintf("%s is %s (不再是有效机构); %s cannot move into it.", o->name, o->status, st->inactive.name),
					NULL);
	}
	if (st->unknown_category.found)
		quota_raise(QR_CATEGORY_MISMATCH, st->rel,
					psprintf("category %s does not exist", st->unknown_category.category),
					psprintf("No category %s is registered in quota.category (编制类别); %s cannot take a post of it.",
							 st->unknown_category.category, st->unknown_category.name),
					pstrdup("Name one of the categories of quota.category."));
	if (st->mismatch.found)
	{
		OrgRef	   *o = org_ref(st, st->mismatch.org_id, false);

		quota_raise(QR_CATEGORY_MISMATCH, st->rel,
					psprintf("%s may not hold %s posts", quota_org_text(o->id, o->name), st->mismatch.category),
					psprintf("%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).",
							 o->name, o->kind, st->mismatch.name, st->mismatch.category),
					NULL);
	}
}

PG_FUNCTION_INFO_V1(quota_staff_changes);
Datum
quota_staff_changes(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Tuplestorestate *olds;
	Tuplestorestate *news;
	TupleDesc	desc;
	TupleTableSlot *oslot;
	TupleTableSlot *nslot;
	StaffAtts	a;
	ChangeState st;
	StaffRow	o,
				n;
	QuotaOwnerContext owner;
	MemoryContext work,
				rowmem,
				old;
	void	  **v;
	long		nv,
				i;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		trigdata->tg_oldtable == NULL || trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_staff_changes must be an AFTER UPDATE statement trigger with both transition tables")));

	olds = trigdata->tg_oldtable;
	news = trigdata->tg_newtable;
	desc = RelationGetDescr(trigdata->tg_relation);
	work = AllocSetContextCreate(CurrentMemoryContext, "quota staff changes", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	memset(&st, 0, sizeof(st));
	st.work = work;
	st.rel = trigdata->tg_relation;
	st.today = GetSQLCurrentDate();
	st.orgs = quota_hash_create("quota change orgs", sizeof(int64), sizeof(OrgRef), false);
	st.categories = quota_hash_create("quota change categories", CATEGORY_KEYLEN, sizeof(CategoryRef), true);
	st.docs = quota_hash_create("quota change documents", DOC_KEYLEN, sizeof(DocRef), true);
	st.ranks = quota_hash_create("quota change ranks", RANK_KEYLEN, sizeof(RankRef), true);
	st.seats = quota_hash_create("quota change seats", sizeof(SeatKey), sizeof(SeatGroup), false);
	st.leads = quota_hash_create("quota change leaders", sizeof(LeadKey), sizeof(LeadGroup), false);

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
	a.left_reason = quota_attnum(desc, "left_reason", "quota.staff");
	a.change_doc = quota_attnum(desc, "change_doc", "quota.staff");

	oslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	nslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rowmem = AllocSetContextCreate(work, "quota change row", ALLOCSET_DEFAULT_SIZES);

	quota_become_owner(st.rel, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");

	load_passes(&st);

	/* pass 1: the keys (and the edits refused outright), in bounded memory */
	tuplestore_rescan(olds);
	tuplestore_rescan(news);
	for (;;)
	{
		bool		have_old = tuplestore_gettupleslot(olds, true, false, oslot);
		bool		have_new = tuplestore_gettupleslot(news, true, false, nslot);

		if (have_old != have_new)
			elog(ERROR, "quota_staff_changes: the transition tables differ in length");
		if (!have_old)
			break;
		MemoryContextSwitchTo(rowmem);
		read_row(oslot, &a, &o);
		read_row(nslot, &a, &n);
		collect(&st, &o, &n);
		MemoryContextSwitchTo(work);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}

	look_up(&st);

	/* pass 2: each pair against the keys; the seats per account */
	tuplestore_rescan(olds);
	tuplestore_rescan(news);
	while (tuplestore_gettupleslot(olds, true, false, oslot) &&
		   tuplestore_gettupleslot(news, true, false, nslot))
	{
		MemoryContextSwitchTo(rowmem);
		read_row(oslot, &a, &o);
		read_row(nslot, &a, &n);
		check_pair(&st, &o, &n);
		MemoryContextSwitchTo(work);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}

	/* quota_movement_shape: departures when they happen, after the last change on record */
	if (st.future.found)
		quota_raise(QR_MOVEMENT_SHAPE, st.rel,
					psprintf("staff %lld leaves in the future", (long long) st.future.id),
					psprintf("%s: left_on %s is after today; a departure (出编) is recorded when it happens.",
							 st.future.name, quota_date_text(st.future.on_date)),
					NULL);
	if (st.leavers > 0)
	{
		quota_plan_generic(&plan_last_change,
					"SELECT n.id, n.name, n.left_on::pg_catalog.text, e.last_on::pg_catalog.text FROM " PAIRS
					" CROSS JOIN LATERAL (SELECT pg_catalog.max(ev.on_date) AS last_on FROM quota.staff_event ev "
					"                      WHERE ev.staff_id OPERATOR(pg_catalog.=) o.id) e "
					" WHERE " LIVE " AND n.left_on IS NOT NULL AND n.left_on OPERATOR(pg_catalog.<) e.last_on "
					" ORDER BY n.id LIMIT 1",
					0, NULL);
		quota_exec(plan_last_change, NULL, NULL, false, 1);
		if (SPI_processed > 0)
		{
			bool		isnull;

			quota_raise(QR_MOVEMENT_SHAPE, st.rel,
						psprintf("staff %lld leaves before its last change",
								 (long long) DatumGetInt64(result_datum(0, 1, &isnull))),
						psprintf("%s: left_on %s is before %s, the date of the last change on record (quota.staff_event).",
								 quota_result_text(0, 2), quota_result_text(0, 3), quota_result_text(0, 4)),
						NULL);
		}
	}

	/* quota_authority: a change names a document, which exists and covers the destination */
	if (st.no_doc.found)
		quota_raise(QR_AUTHORITY, st.rel,
					psprintf("the change of staff %lld names no document", (long long) st.no_doc.id),
					psprintf("%s: a move (调动), category or post change (任免) or id correction sets change_doc to its approval document (文号) in the same UPDATE.",
							 st.no_doc.name),
					pstrdup("SET change_doc = '<文号>' together with the change."));
	if (st.unknown_doc.found)
		authority_check(&st, &st.unknown_doc, false, 0);
	if (st.unauthorized.found)
	{
		OrgRef	   *org = org_ref(&st, st.unauthorized.org_id, false);

		authority_check(&st, &st.unauthorized, org->has_division, org->division);
	}

	raise_org_rules(&st);

	/* the change records (实名制), in the order of the statement */
	if (st.events > 0)
	{
		quota_plan_generic(&plan_events,
					"INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason) "
					"SELECT o.id, pg_catalog.upper(CASE WHEN n.left_on IS NULL THEN n.person_id ELSE o.person_id END), "
					"       CASE WHEN n.left_on IS NOT NULL THEN 'leave' "
					"            WHEN n.org_id OPERATOR(pg_catalog.<>) o.org_id THEN 'move' "
					"            WHEN n.category OPERATOR(pg_catalog.<>) o.category THEN 'category' "
					"            WHEN n.post OPERATOR(pg_catalog.<>) o.post THEN 'post' ELSE 'person' END, "
					"       n.org_id, n.category, n.post, "
					"       CASE WHEN n.left_on IS NOT NULL THEN n.left_on ELSE COALESCE(f.on_date, CURRENT_DATE) END, "
					"       CASE WHEN n.left_on IS NULL OR o.change_doc IS NULL THEN n.change_doc "
					"            WHEN n.change_doc OPERATOR(pg_catalog.=) o.change_doc THEN NULL ELSE n.change_doc END, "
					"       CASE WHEN n.left_on IS NOT NULL THEN n.left_reason END "
					"  FROM " PAIRS
					" WHERE " LIVE " AND (n.left_on IS NOT NULL OR " CHANGING ") "
					" ORDER BY o.i",
					0, NULL);
		quota_exec(plan_events, NULL, NULL, false, 0);
	}

	/* the seats: per account in ascending (org, category), then talent movers one by one */
	apply_seats(&st, olds, news, oslot, nslot, &a, rowmem);
	ExecDropSingleTupleTableSlot(oslot);
	ExecDropSingleTupleTableSlot(nslot);
	if (st.talent_movers > 0)
	{
		quota_plan_generic(&plan_talent,
					"SELECT quota.talent_seat(t.s, false) "
					"  FROM (SELECT s FROM quota.staff s "
					"         WHERE s.id OPERATOR(pg_catalog.=) ANY (SELECT n.id FROM " PAIRS
					"                 WHERE " LIVE " AND n.left_on IS NULL "
					"                   AND (n.org_id OPERATOR(pg_catalog.<>) o.org_id OR n.category OPERATOR(pg_catalog.<>) o.category) "
					"                   AND n.talent_level IS NOT NULL AND n.category OPERATOR(pg_catalog.<>) 'filed' "
					"                   AND NOT EXISTS (SELECT 1 FROM quota.staff_pass p WHERE p.staff_id OPERATOR(pg_catalog.=) n.id)) "
					"         ORDER BY s.org_id, s.id OFFSET 0) t",
					0, NULL);
		quota_exec(plan_talent, NULL, NULL, false, 0);
	}

	/* quota_leadership_exceeded: ranks, then leader posts */
	if (st.rank_above.found)
	{
		OrgRef	   *org = org_ref(&st, st.rank_above.org_id, false);

		quota_raise(QR_LEADERSHIP_EXCEEDED, st.rel,
					psprintf("rank %s is above the rank of %s", st.rank_above.post_rank, quota_org_text(org->id, org->name)),
					psprintf("%s cannot hold a %s post in a unit of rank %s (机构规格).",
							 st.rank_above.name, st.rank_above.post_rank, org->rank),
					NULL);
	}
	apply_leads(&st);

	/* one person, one post (一编一人): the keys of leavers and new ids */
	if (st.leavers > 0 || st.person_changes > 0)
	{
		quota_plan_generic(&plan_person_delete,
					"DELETE FROM quota.person_post pp USING " PAIRS
					" WHERE " LIVE " AND (n.left_on IS NOT NULL OR (pg_catalog.upper(n.person_id) OPERATOR(pg_catalog.<>) pg_catalog.upper(o.person_id) "
					"        AND NOT EXISTS (SELECT 1 FROM quota.staff_pass p WHERE p.staff_id OPERATOR(pg_catalog.=) n.id AND p.arriving))) "
					"   AND pp.person_id OPERATOR(pg_catalog.=) pg_catalog.upper(o.person_id) AND pp.staff_id OPERATOR(pg_catalog.=) o.id",
					0, NULL);
		quota_exec(plan_person_delete, NULL, NULL, false, 0);
	}
	if (st.person_changes > 0)
	{
		quota_plan_generic(&plan_person_insert,
					"INSERT INTO quota.person_post (person_id, staff_id) "
					"SELECT pg_catalog.upper(n.person_id), n.id FROM " PAIRS
					" WHERE " LIVE " AND n.left_on IS NULL "
					"   AND pg_catalog.upper(n.person_id) OPERATOR(pg_catalog.<>) pg_catalog.upper(o.person_id) "
					"   AND NOT EXISTS (SELECT 1 FROM quota.staff_pass p WHERE p.staff_id OPERATOR(pg_catalog.=) n.id AND p.arriving) "
					" ORDER BY o.i "
					"ON CONFLICT DO NOTHING",
					0, NULL);
		quota_exec(plan_person_insert, NULL, NULL, false, 0);
		if ((int64) SPI_processed < st.person_changes)
		{
			quota_plan_generic(&plan_person_dup,
						"SELECT n.person_id FROM " PAIRS
						" WHERE " LIVE " AND n.left_on IS NULL "
						"   AND pg_catalog.upper(n.person_id) OPERATOR(pg_catalog.<>) pg_catalog.upper(o.person_id) "
						"   AND NOT EXISTS (SELECT 1 FROM quota.person_post pp WHERE pp.staff_id OPERATOR(pg_catalog.=) n.id) "
						" ORDER BY n.id LIMIT 1",
						0, NULL);
			quota_exec(plan_person_dup, NULL, NULL, false, 1);
			if (SPI_processed > 0)
				quota_raise(QR_PERSON_DUPLICATE, st.rel,
							psprintf("person %s already holds an active post", quota_result_text(0, 1)),
							pstrdup("One person holds one post (一编一人)."),
							NULL);
		}
	}

	/* 人员总量: filed staff only under a cap; 编制内 + filed staff within it */
	if (st.filed_uncapped.found)
		quota_raise(QR_HEADCOUNT_CAP, st.rel,
					psprintf("%s takes no filed staff", quota_org_text(st.filed_uncapped.org_id,
																	   org_ref(&st, st.filed_uncapped.org_id, false)->name)),
					pstrdup("备案制 staff only count against a headcount cap (人员总量)."),
					NULL);
	v = quota_hash_sorted(st.orgs, quota_int64_key_cmp, &nv);
	for (i = 0; i < nv; i++)
	{
		OrgRef	   *org = v[i];
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		bool		isnull;
		int64		total;

		if (!org->known || !org->has_cap || !org->cap_check)
			continue;
		quota_plan_generic(&plan_headcount,
					"SELECT pg_catalog.sum(a.occupied)::pg_catalog.int8 FROM "
					"  (SELECT occupied FROM quota.org_account WHERE org_id OPERATOR(pg_catalog.=) $1 "
					"    ORDER BY category FOR NO KEY UPDATE) a",
					1, argtypes);
		values[0] = Int64GetDatum(org->id);
		quota_exec(plan_headcount, values, NULL, false, 0);
		total = SPI_processed > 0 ? DatumGetInt64(result_datum(0, 1, &isnull)) : 0;
		if (SPI_processed > 0 && !isnull && total > org->cap)
			quota_raise(QR_HEADCOUNT_CAP, st.rel,
						psprintf("%s would exceed its headcount cap", quota_org_text(org->id, org->name)),
						psprintf("人员总量: %s has a cap of %d; 编制内 + 备案 staff would be %lld.",
								 org->name ? org->name : quota_org_text(org->id, NULL), org->cap, (long long) total),
						NULL);
	}

	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return PointerGetDatum(NULL);
}
