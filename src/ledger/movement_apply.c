/*-------------------------------------------------------------------------
 *
 * movement_apply.c
 *	  Phase 2 of the ledger trigger: the deltas of a statement's rows are
 *	  summed per account and applied with one conditional UPDATE per account,
 *	  in one global order -- loans, pools, org accounts, jurisdiction accounts,
 *	  each ascending -- so concurrent statements never deadlock.
 *
 * IDENTIFICATION
 *	  src/ledger/movement_apply.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_type.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "quota.h"
#include "core/codes.h"
#include "ledger/movement.h"
#include "roster/seats.h"

static SPIPlanPtr plan_pool_upd = NULL;
static SPIPlanPtr plan_pool_get = NULL;
static SPIPlanPtr plan_org_upd = NULL;
static SPIPlanPtr plan_org_get = NULL;
static SPIPlanPtr plan_org_ins = NULL;
static SPIPlanPtr plan_loan_upd = NULL;
static SPIPlanPtr plan_loan_get = NULL;
static SPIPlanPtr plan_loan_ins = NULL;
static SPIPlanPtr plan_jur_upd = NULL;
static SPIPlanPtr plan_jur_get = NULL;
static SPIPlanPtr plan_capped = NULL;

/*
 * The capped subtrees: the (division, category) accounts with a subtree cap,
 * the only ones whose subtree figure is kept at write time (every other
 * subtree figure is the sum of level figures, rolled up at read time by
 * quota.jurisdiction_status).  Kept per backend until a cap change
 * invalidates the relcache entry of quota.jurisdiction_account
 * (quota.capped_subtrees_changed, called by quota.cap_sync under a SHARE ROW
 * EXCLUSIVE lock of that table).
 */
static HTAB *capped_subtrees = NULL;
static bool capped_valid = false;
static bool capped_callback = false;
static Oid	capped_relid = InvalidOid;

/*
 * A 0.1 schema (subtree_held NOT NULL, before ALTER EXTENSION UPDATE) keeps
 * every subtree figure: this library, loaded by it, updates every ancestor
 * as 0.1 did.  ALTER TABLE invalidates the relcache entry, so the update
 * switches it over.
 */
static bool capped_legacy = false;

/* ---------- accumulation ---------- */

static void
add_pool(ApplyState *st, int64 pool, int64 dbalance, int64 dlent)
{
	bool		found;
	PoolDelta  *d = hash_search(st->pool_deltas, &pool, HASH_ENTER, &found);

	if (!found)
		d->dbalance = d->dlent = 0;
	d->dbalance += dbalance;
	d->dlent += dlent;
}

static void
add_org(ApplyState *st, int64 org, const char *category, int64 dapproved,
		int64 dborrowed)
{
	bool		found;
	OrgKey		key;
	OrgDelta   *d;

	memset(&key, 0, sizeof(key));
	key.org_id = org;
	strlcpy(key.category, category, NAMEDATALEN);
	d = hash_search(st->org_deltas, &key, HASH_ENTER, &found);
	if (!found)
		d->dapproved = d->dborrowed = 0;
	d->dapproved += dapproved;
	d->dborrowed += dborrowed;
}

static void
add_jur(ApplyState *st, int64 division, const char *category, int64 dlevel,
		int64 dsubtree)
{
	bool		found;
	JurKey		key;
	JurDelta   *d;

	memset(&key, 0, sizeof(key));
	key.division = division;
	strlcpy(key.category, category, NAMEDATALEN);
	d = hash_search(st->jur_deltas, &key, HASH_ENTER, &found);
	if (!found)
		d->dlevel = d->dsubtree = 0;
	d->dlevel += dlevel;
	d->dsubtree += dsubtree;
}

/*
 * Posts held move from jurisdiction "from" to "to" (-1: outside).  The
 * level figure moves between the two; the subtree figure changes on every
 * ancestor-or-self of one side that is not an ancestor-or-self of the other.
 */
static void
move_held(ApplyState *st, int64 from, int64 to, const char *category, int64 n)
{
	int64		a;

	if (from == to)
		return;
	if (from >= 0)
		add_jur(st, from, category, -n, 0);
	if (to >= 0)
		add_jur(st, to, category, n, 0);
	for (a = from; a >= 0; a = qc_division_parent(a))
		if (to < 0 || !qc_division_contains(a, to))
			add_jur(st, a, category, 0, -n);
	for (a = to; a >= 0; a = qc_division_parent(a))
		if (from < 0 || !qc_division_contains(a, from))
			add_jur(st, a, category, 0, n);
}

void
mov_accumulate(ApplyState *st, MovRow *r)
{
	int64		n = r->amount;
	int64		from_div = mov_side_division(st, r->from_org, r->from_pool);
	int64		to_div = mov_side_division(st, r->to_org, r->to_pool);

	switch (r->kind)
	{
		case MK_ISSUE:
		case MK_RETIRE:
		case MK_DELEGATE:
		case MK_ALLOCATE:
		case MK_RECALL:
		case MK_TRANSFER:
			if (r->from_pool)
				add_pool(st, r->from_pool, -n, 0);
			if (r->from_org)
				add_org(st, r->from_org, r->category, -n, 0);
			if (r->to_pool)
				add_pool(st, r->to_pool, n, 0);
			if (r->to_org)
				add_org(st, r->to_org, r->category, n, 0);
			move_held(st, from_div, to_div, r->category, n);
			break;
		case MK_LEND:
			{
				NewLoan    *l = MemoryContextAlloc(st->work, sizeof(NewLoan));

				add_pool(st, r->from_pool, -n, n);
				add_org(st, r->to_org, r->category, 0, n);
				l->loan_id = r->id;
				l->pool_id = r->from_pool;
				l->org_id = r->to_org;
				l->category = MemoryContextStrdup(st->work, r->category);
				l->amount = r->amount;
				l->expires_on = r->expires_on;
				{
					MemoryContext o = MemoryContextSwitchTo(st->work);

					st->new_loans = lappend(st->new_loans, l);
					MemoryContextSwitchTo(o);
				}
				break;
			}
		case MK_REPAY:
			{
				bool		found;
				LoanDelta  *d;

				add_org(st, r->from_org, r->category, 0, -n);
				add_pool(st, r->to_pool, n, -n);
				d = hash_search(st->loan_deltas, &r->loan_id, HASH_ENTER, &found);
				if (!found)
					d->doutstanding = 0;
				d->doutstanding -= n;
				break;
			}
		default:
			Assert(false);
	}
}

/* ---------- phase 2: apply, in the global lock order ---------- */

static int
cmp_int64_key(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

static int
cmp_org_key(const void *a, const void *b)
{
	const OrgDelta *x = a;
	const OrgDelta *y = b;

	if (x->key.org_id != y->key.org_id)
		return x->key.org_id < y->key.org_id ? -1 : 1;
	return strcmp(x->key.category, y->key.category);
}

static int
cmp_jur_key(const void *a, const void *b)
{
	const JurDelta *x = a;
	const JurDelta *y = b;

	if (x->key.division != y->key.division)
		return x->key.division < y->key.division ? -1 : 1;
	return strcmp(x->key.category, y->key.category);
}

/* hash contents as a sorted array */
static void *
sorted_entries(HTAB *h, Size entrysize, int (*cmp) (const void *, const void *),
			   long *count)
{
	HASH_SEQ_STATUS s;
	void	   *e;
	long		n = hash_get_num_entries(h);
	char	   *arr = palloc(Max(n, 1) * entrysize);
	long		i = 0;

	hash_seq_init(&s, h);
	while ((e = hash_seq_search(&s)) != NULL)
		memcpy(arr + (i++) * entrysize, e, entrysize);
	qsort(arr, n, entrysize, cmp);
	*count = n;
	return arr;
}

/*
 * What fits the latest version of each account: the conditions of the
 * conditional UPDATEs below, read from the columns their lock query
 * returns.
 */
static bool
loan_fits(const QuotaAccountRow *row, const void *arg)
{
	const LoanDelta *d = arg;

	return row->value[0] + d->doutstanding >= 0;	/* outstanding */
}

static bool
pool_fits(const QuotaAccountRow *row, const void *arg)
{
	const PoolDelta *d = arg;

	return row->value[0] + d->dbalance >= 0 &&	/* balance */
		row->value[1] + d->dlent >= 0;	/* lent */
}

typedef struct OrgChange
{
	const OrgDelta *d;
	bool		allow_excess;
} OrgChange;

static bool
org_fits(const QuotaAccountRow *row, const void *arg)
{
	const OrgChange *c = arg;
	int64		approved = row->value[0],
				borrowed = row->value[1],
				occupied = row->value[2],
				reserved = row->value[3];

	return approved + c->d->dapproved >= 0 &&
		(c->allow_excess || c->d->dapproved >= 0 ||
		 approved + c->d->dapproved >= occupied + reserved) &&
		(c->d->dborrowed >= 0 ||
		 borrowed + c->d->dborrowed >= Max(occupied + reserved - approved - c->d->dapproved, 0));
}

static bool
jur_fits(const QuotaAccountRow *row, const void *arg)
{
	const JurDelta *d = arg;

	/* level_held, subtree_held, level_ceiling, subtree_ceiling (NULL: none) */
	return (d->dlevel <= 0 || row->isnull[2] || row->value[0] + d->dlevel <= row->value[2]) &&
		(d->dsubtree <= 0 || row->isnull[3] || row->value[1] + d->dsubtree <= row->value[3]);
}

void
mov_apply_loans(ApplyState *st)
{
	long		n,
				i;
	LoanDelta  *arr = sorted_entries(st->loan_deltas, sizeof(LoanDelta),
									 cmp_int64_key, &n);
	Oid			argtypes[2] = {INT8OID, INT8OID};

	if (n > 0)
	{
		quota_plan(&plan_loan_upd,
				   "UPDATE quota.loan SET outstanding = outstanding OPERATOR(pg_catalog.+) $2::pg_catalog.int4 "
				   "WHERE loan_id OPERATOR(pg_catalog.=) $1 "
				   "AND outstanding OPERATOR(pg_catalog.+) $2 OPERATOR(pg_catalog.>=) 0",
				   2, argtypes);
		quota_plan(&plan_loan_get,
				   "SELECT outstanding::pg_catalog.int8 FROM quota.loan WHERE loan_id OPERATOR(pg_catalog.=) $1 "
				   "FOR NO KEY UPDATE",
				   1, argtypes);
	}
	for (i = 0; i < n; i++)
	{
		Datum		values[2];
		QuotaAccountRow row;
		QuotaAccountResult res;

		values[0] = Int64GetDatum(arr[i].loan_id);
		values[1] = Int64GetDatum(arr[i].doutstanding);
		res = quota_account_update(plan_loan_upd, plan_loan_get, values, loan_fits, &arr[i], &row);
		if (res == QUOTA_ACCOUNT_UPDATED)
			continue;
		quota_raise(QR_LOAN, st->rel,
					psprintf("repay of %lld posts exceeds what loan %lld still has out",
							 (long long) -arr[i].doutstanding, (long long) arr[i].loan_id),
					psprintf("Loan %lld has %lld posts outstanding (借用未还), the repay returns %lld.",
							 (long long) arr[i].loan_id,
							 (long long) (res == QUOTA_ACCOUNT_REFUSED ? row.value[0] : 0),
							 (long long) -arr[i].doutstanding),
					NULL);
	}
	{
		ListCell   *lc;

		foreach(lc, st->new_loans)
		{
			NewLoan    *l = lfirst(lc);
			Oid			insargtypes[6] = {INT8OID, INT8OID, INT8OID, TEXTOID, INT4OID, DATEOID};
			Datum		values[6];

			quota_plan(&plan_loan_ins,
					   "INSERT INTO quota.loan (loan_id, pool_id, org_id, category, amount, outstanding, expires_on) "
					   "VALUES ($1, $2, $3, $4, $5, $5, $6)",
					   6, insargtypes);
			values[0] = Int64GetDatum(l->loan_id);
			values[1] = Int64GetDatum(l->pool_id);
			values[2] = Int64GetDatum(l->org_id);
			values[3] = CStringGetTextDatum(l->category);
			values[4] = Int32GetDatum(l->amount);
			values[5] = DateADTGetDatum(l->expires_on);
			quota_exec(plan_loan_ins, values, NULL, false, 0);
		}
	}
}

void
mov_apply_pools(ApplyState *st)
{
	long		n,
				i;
	PoolDelta  *arr = sorted_entries(st->pool_deltas, sizeof(PoolDelta),
									 cmp_int64_key, &n);
	Oid			argtypes[3] = {INT8OID, INT8OID, INT8OID};

	if (n > 0)
	{
		quota_plan(&plan_pool_upd,
				   "UPDATE quota.pool_account SET "
				   "balance = balance OPERATOR(pg_catalog.+) $2::pg_catalog.int4, "
				   "lent = lent OPERATOR(pg_catalog.+) $3::pg_catalog.int4 "
				   "WHERE pool_id OPERATOR(pg_catalog.=) $1 "
				   "AND balance OPERATOR(pg_catalog.+) $2 OPERATOR(pg_catalog.>=) 0 "
				   "AND lent OPERATOR(pg_catalog.+) $3 OPERATOR(pg_catalog.>=) 0",
				   3, argtypes);
		quota_plan(&plan_pool_get,
				   "SELECT balance::pg_catalog.int8, lent::pg_catalog.int8 FROM quota.pool_account "
				   "WHERE pool_id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
				   1, argtypes);
	}
	for (i = 0; i < n; i++)
	{
		Datum		values[3];
		QuotaAccountRow row;
		QuotaAccountResult res;
		PoolInfo   *p;

		if (arr[i].dbalance == 0 && arr[i].dlent == 0)
			continue;
		values[0] = Int64GetDatum(arr[i].pool_id);
		values[1] = Int64GetDatum(arr[i].dbalance);
		values[2] = Int64GetDatum(arr[i].dlent);
		res = quota_account_update(plan_pool_upd, plan_pool_get, values, pool_fits, &arr[i], &row);
		if (res == QUOTA_ACCOUNT_UPDATED)
			continue;
		p = mov_lookup_pool(st, arr[i].pool_id);
		quota_raise(QR_INSUFFICIENT, st->rel,
					psprintf("pool %lld has fewer free posts than the movement takes",
							 (long long) arr[i].pool_id),
					psprintf("The %s %s pool of %s has %lld free posts (编制余额); %lld are requested.",
							 p->kind, p->category, quota_division_text(p->division),
							 (long long) (res == QUOTA_ACCOUNT_REFUSED ? row.value[0] : 0),
							 (long long) -arr[i].dbalance),
					NULL);
	}
}

void
mov_apply_orgs(ApplyState *st)
{
	long		n,
				i;
	OrgDelta   *arr = sorted_entries(st->org_deltas, sizeof(OrgDelta),
									 cmp_org_key, &n);
	Oid			argtypes[5] = {INT8OID, TEXTOID, INT8OID, INT8OID, BOOLOID};

	if (n > 0)
	{
		/*
		 * Only vacant own posts leave (approved - occupied - reserved);
		 * borrowed posts leave only by repay, and only vacant ones (borrowed
		 * posts are filled last; seats reserved by hiring approvals count as
		 * filled).  org_fits is the same condition.
		 */
		quota_plan(&plan_org_upd,
				   "UPDATE quota.org_account SET "
				   "approved = approved OPERATOR(pg_catalog.+) $3::pg_catalog.int4, "
				   "borrowed = borrowed OPERATOR(pg_catalog.+) $4::pg_catalog.int4 "
				   "WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2 "
				   "AND (approved OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.>=) 0 "
				   "AND ($5 OR $3 OPERATOR(pg_catalog.>=) 0 OR (approved OPERATOR(pg_catalog.+) $3) "
				   "     OPERATOR(pg_catalog.>=) (occupied OPERATOR(pg_catalog.+) reserved)) "
				   "AND ($4 OPERATOR(pg_catalog.>=) 0 OR borrowed OPERATOR(pg_catalog.+) $4 "
				   "     OPERATOR(pg_catalog.>=) GREATEST(occupied OPERATOR(pg_catalog.+) reserved "
				   "     OPERATOR(pg_catalog.-) approved OPERATOR(pg_catalog.-) $3, 0))",
				   5, argtypes);
		quota_plan(&plan_org_get,
				   "SELECT approved::pg_catalog.int8, borrowed::pg_catalog.int8, "
				   "occupied::pg_catalog.int8, reserved::pg_catalog.int8 "
				   "FROM quota.org_account WHERE org_id OPERATOR(pg_catalog.=) $1 "
				   "AND category OPERATOR(pg_catalog.=) $2 FOR NO KEY UPDATE",
				   2, argtypes);
	}
	/* the figure deltas of these accounts need no org look-up of their own */
	for (i = 0; i < n; i++)
	{
		OrgInfo    *o = mov_lookup_org(st, arr[i].key.org_id);

		if (o->found)
			quota_figures_org_known(o->id, o->division);
	}
	for (i = 0; i < n; i++)
	{
		Datum		values[5];
		OrgChange	change;
		QuotaAccountRow row;
		QuotaAccountResult res;
		bool		opened = false;
		bool		lapsed = false;
		int64		approved,
					borrowed,
					occupied,
					reserved;
		OrgInfo    *o;

		if (arr[i].dapproved == 0 && arr[i].dborrowed == 0)
			continue;
		values[0] = Int64GetDatum(arr[i].key.org_id);
		values[1] = CStringGetTextDatum(arr[i].key.category);
		values[2] = Int64GetDatum(arr[i].dapproved);
		values[3] = Int64GetDatum(arr[i].dborrowed);
		values[4] = BoolGetDatum(st->allow_excess);
		change.d = &arr[i];
		change.allow_excess = st->allow_excess;
		for (;;)
		{
			res = quota_account_update(plan_org_upd, plan_org_get, values, org_fits, &change, &row);
			if (res == QUOTA_ACCOUNT_UPDATED)
				break;
			if (res == QUOTA_ACCOUNT_MISSING &&
				arr[i].dapproved >= 0 && arr[i].dborrowed >= 0)
			{
				if (opened)
					elog(ERROR, "the %s account of org %lld could not be opened",
						 arr[i].key.category, (long long) arr[i].key.org_id);
				/* first posts of this category: open the account */
				quota_plan(&plan_org_ins,
						   "INSERT INTO quota.org_account (org_id, category, approved, borrowed) "
						   "VALUES ($1, $2, $3::pg_catalog.int4, $4::pg_catalog.int4) "
						   "ON CONFLICT DO NOTHING",
						   4, argtypes);
				quota_exec(plan_org_ins, values, NULL, false, 0);
				if (SPI_processed == 1)
					break;
				opened = true;	/* opened concurrently: update it */
				continue;
			}
			approved = row.value[0];
			borrowed = row.value[1];
			occupied = row.value[2];
			reserved = row.value[3];
			if (res == QUOTA_ACCOUNT_MISSING)
				approved = borrowed = occupied = reserved = 0;

			/*
			 * A hiring approval reserves its seats until valid_until only:
			 * release the reservations of this account that have lapsed (the
			 * account is locked now) and try once more.
			 */
			if (res == QUOTA_ACCOUNT_REFUSED && reserved > 0 && !lapsed &&
				(arr[i].dapproved < 0 || arr[i].dborrowed < 0))
			{
				lapsed = true;
				if (quota_seat_lapse_hiring(arr[i].key.org_id, arr[i].key.category) > 0)
					continue;
			}
			o = mov_lookup_org(st, arr[i].key.org_id);
			if (arr[i].dapproved < 0)
				quota_raise(QR_INSUFFICIENT, st->rel,
							psprintf("%s has fewer vacant %s posts than the movement takes",
									 quota_org_text(o->id, o->name), arr[i].key.category),
							psprintf("%s has %lld approved, %lld occupied and %lld reserved %s posts: %lld vacant (空编), %lld requested; only vacant posts leave an org.",
									 o->name, (long long) approved, (long long) occupied,
									 (long long) reserved, arr[i].key.category,
									 (long long) Max(approved - occupied - reserved, 0),
									 (long long) -arr[i].dapproved),
							NULL);
			quota_raise(QR_INSUFFICIENT, st->rel,
						psprintf("%s has fewer vacant borrowed %s posts than the repay returns",
								 quota_org_text(o->id, o->name), arr[i].key.category),
						psprintf("%s has %lld borrowed posts (借用编制), %lld of them vacant; %lld are returned.",
								 o->name, (long long) borrowed,
								 (long long) Max(borrowed - Max(occupied + reserved - approved, 0), 0),
								 (long long) -arr[i].dborrowed),
						NULL);
		}
	}
}

static void
capped_invalidate(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == capped_relid)
		capped_valid = false;
}

static Oid
jurisdiction_account_relid(void)
{
	Oid			relid = get_relname_relid("jurisdiction_account",
										  get_namespace_oid("quota", false));

	if (!OidIsValid(relid))
		elog(ERROR, "quota.jurisdiction_account does not exist");
	return relid;
}

/*
 * Read the capped subtrees with the latest snapshot (a cap committed after
 * this transaction's snapshot counts: the UPDATE of its account then waits
 * for, or under snapshot isolation fails on, the cap's change).
 */
static void
capped_load(void)
{
	HASHCTL		ctl;
	uint64		i;
	int			rc;

	capped_valid = false;
	if (capped_subtrees != NULL)
		hash_destroy(capped_subtrees);
	capped_subtrees = NULL;
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(JurKey);
	ctl.entrysize = sizeof(JurKey);
	ctl.hcxt = TopMemoryContext;
	capped_subtrees = hash_create("quota capped subtrees", 64, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	{
		HeapTuple	att = SearchSysCacheAttName(capped_relid, "subtree_held");

		if (!HeapTupleIsValid(att))
			elog(ERROR, "quota.jurisdiction_account has no column subtree_held");
		capped_legacy = ((Form_pg_attribute) GETSTRUCT(att))->attnotnull;
		ReleaseSysCache(att);
	}
	quota_plan(&plan_capped,
			   "SELECT division, category FROM quota.jurisdiction_account "
			   "WHERE subtree_ceiling IS NOT NULL",
			   0, NULL);
	rc = SPI_execute_snapshot(plan_capped, NULL, NULL, GetLatestSnapshot(),
							  InvalidSnapshot, true, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading the capped subtrees failed: %s", SPI_result_code_string(rc));
	for (i = 0; i < SPI_processed; i++)
	{
		JurKey		key;
		bool		isnull;
		char	   *category;

		memset(&key, 0, sizeof(key));
		key.division = DatumGetDivision(SPI_getbinval(SPI_tuptable->vals[i],
													  SPI_tuptable->tupdesc, 1, &isnull));
		category = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		strlcpy(key.category, category, NAMEDATALEN);
		hash_search(capped_subtrees, &key, HASH_ENTER, NULL);
	}
	capped_valid = true;
}

/*
 * Level figures change at the two jurisdictions a movement joins; subtree
 * figures only on the capped subtrees among their ancestors -- a transfer
 * between two counties touches two jurisdiction accounts, not four, unless
 * a subtree cap lies between them.  ROW EXCLUSIVE on the table first: a cap
 * change holds SHARE ROW EXCLUSIVE until it commits, and taking the lock
 * processes its invalidation, so the set read after it is current.
 */
void
mov_apply_jurisdictions(ApplyState *st)
{
	long		n,
				i;
	JurDelta   *arr;
	Oid			argtypes[4] = {TEXTOID, TEXTOID, INT8OID, INT8OID};
	Oid			relid;

	if (hash_get_num_entries(st->jur_deltas) == 0)
		return;
	if (!capped_callback)
	{
		CacheRegisterRelcacheCallback(capped_invalidate, (Datum) 0);
		capped_callback = true;
	}
	relid = jurisdiction_account_relid();
	LockRelationOid(relid, RowExclusiveLock);
	if (relid != capped_relid)
	{
		capped_relid = relid;
		capped_valid = false;
	}
	if (!capped_valid)
		capped_load();

	arr = sorted_entries(st->jur_deltas, sizeof(JurDelta), cmp_jur_key, &n);
	for (i = 0; i < n && !capped_legacy; i++)
		if (arr[i].dsubtree != 0 &&
			hash_search(capped_subtrees, &arr[i].key, HASH_FIND, NULL) == NULL)
			arr[i].dsubtree = 0;

	if (n > 0)
	{
		quota_plan(&plan_jur_upd,
				   "UPDATE quota.jurisdiction_account SET "
				   "level_held = level_held OPERATOR(pg_catalog.+) $3::pg_catalog.int4, "
				   "subtree_held = subtree_held OPERATOR(pg_catalog.+) $4::pg_catalog.int4 "
				   "WHERE division OPERATOR(pg_catalog.=) $1::quota.division "
				   "AND category OPERATOR(pg_catalog.=) $2 "
				   "AND ($3 OPERATOR(pg_catalog.<=) 0 OR level_ceiling IS NULL "
				   "     OR level_held OPERATOR(pg_catalog.+) $3 OPERATOR(pg_catalog.<=) level_ceiling) "
				   "AND ($4 OPERATOR(pg_catalog.<=) 0 OR subtree_ceiling IS NULL "
				   "     OR subtree_held OPERATOR(pg_catalog.+) $4 OPERATOR(pg_catalog.<=) subtree_ceiling)",
				   4, argtypes);
		quota_plan(&plan_jur_get,
				   "SELECT level_held::pg_catalog.int8, subtree_held::pg_catalog.int8, "
				   "level_ceiling::pg_catalog.int8, subtree_ceiling::pg_catalog.int8 "
				   "FROM quota.jurisdiction_account "
				   "WHERE division OPERATOR(pg_catalog.=) $1::quota.division "
				   "AND category OPERATOR(pg_catalog.=) $2 FOR NO KEY UPDATE",
				   2, argtypes);
	}
	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		QuotaAccountRow row;
		QuotaAccountResult res;
		int64		level_held,
					subtree_held,
					level_ceiling,
					subtree_ceiling;
		bool		level_over;

		if (arr[i].dlevel == 0 && arr[i].dsubtree == 0)
			continue;
		values[0] = CStringGetTextDatum(quota_division_text(arr[i].key.division));
		values[1] = CStringGetTextDatum(arr[i].key.category);
		values[2] = Int64GetDatum(arr[i].dlevel);
		values[3] = Int64GetDatum(arr[i].dsubtree);
		res = quota_account_update(plan_jur_upd, plan_jur_get, values, jur_fits, &arr[i], &row);
		if (res != QUOTA_ACCOUNT_REFUSED)
			continue;			/* applied, or not a registered jurisdiction */
		level_held = row.value[0];
		subtree_held = row.value[1];
		level_ceiling = row.value[2];
		subtree_ceiling = row.value[3];
		level_over = arr[i].dlevel > 0 && !row.isnull[2] &&
			level_held + arr[i].dlevel > level_ceiling;
		quota_raise(QR_CAP_EXCEEDED, st->rel,
					psprintf("the %s cap of %s on %s posts would be exceeded",
							 level_over ? "level" : "subtree",
							 quota_division_text(arr[i].key.division), arr[i].key.category),
					level_over ?
					psprintf("控制数 (level): %lld posts held at %s, %lld more would exceed the ceiling of %lld.",
							 (long long) level_held, quota_division_text(arr[i].key.division),
							 (long long) arr[i].dlevel, (long long) level_ceiling) :
					psprintf("控制数 (subtree): %lld posts held in the subtree of %s, %lld more would exceed the ceiling of %lld.",
							 (long long) subtree_held, quota_division_text(arr[i].key.division),
							 (long long) arr[i].dsubtree, (long long) subtree_ceiling),
					NULL);
	}
}

/*
 * quota.capped_subtrees_changed(): every session reads the capped subtrees
 * anew (at its next movement after this transaction commits; this one's at
 * its next command).  Called by quota.cap_sync while it holds SHARE ROW
 * EXCLUSIVE on quota.jurisdiction_account.
 */
PG_FUNCTION_INFO_V1(quota_capped_subtrees_changed);
Datum
quota_capped_subtrees_changed(PG_FUNCTION_ARGS)
{
	CacheInvalidateRelcacheByRelid(jurisdiction_account_relid());
	PG_RETURN_VOID();
}
