/*-------------------------------------------------------------------------
 *
 * movement_rows.c
 *	  The ledger trigger's per-statement caches of the rows a movement
 *	  refers to: orgs, pools, loans, approvals (with their authority) and
 *	  which org kinds may use a category.  Each is read (and locked, where
 *	  a foreign key would lock it) once per statement; what an approval
 *	  says and what a category allows comes from per-backend caches
 *	  (doccache.c, src/roster/refcache.c).
 *
 * IDENTIFICATION
 *	  src/ledger/movement_rows.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/inval.h"

#include "core/codes.h"
#include "ledger/movement.h"
#include "roster/refcache.h"

static SPIPlanPtr plan_org = NULL;
static SPIPlanPtr plan_orgs = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_loan = NULL;
static SPIPlanPtr plan_approval_lock = NULL;
static SPIPlanPtr plan_category = NULL;
static SPIPlanPtr plan_pool_held = NULL;
static SPIPlanPtr plan_org_held = NULL;

/* an org not registered in quota.org (its key is deferred) */
static void
org_not_found(OrgInfo *o)
{
	o->found = false;
	o->kind = o->status = o->name = "?";
	o->division = -1;
	o->has_standard = false;
}

/* the facts of the org in row 0 of the SPI result, columns from first on */
static void
org_from_result(ApplyState *st, OrgInfo *o, int first)
{
	bool		isnull;
	char	   *d;
	qc_error	err;

	o->found = true;
	o->kind = copy_out(st->work, spi_text(0, first));
	d = spi_text(0, first + 1);
	if (!qc_division_parse(d, strlen(d), &o->division, &err))
		elog(ERROR, "bad division of org %lld", (long long) o->id);
	o->status = copy_out(st->work, spi_text(0, first + 2));
	o->name = copy_out(st->work, spi_text(0, first + 3));
	o->has_standard = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
												 SPI_tuptable->tupdesc, first + 4, &isnull));
	if (isnull)
		o->has_standard = false;
}

/*
 * Both orgs of a row (a transfer) in one query, when neither is known yet:
 * the same columns and the same FOR KEY SHARE locks as mov_lookup_org, one
 * statement instead of two.
 */
void
mov_prefetch_orgs(ApplyState *st, int64 a, int64 b)
{
	Oid			argtypes[2] = {INT8OID, INT8OID};
	Datum		values[2];
	uint64		i;
	int64		ids[2] = {a, b};
	int			j;

	if (a == 0 || b == 0 || a == b ||
		hash_search(st->orgs, &a, HASH_FIND, NULL) != NULL ||
		hash_search(st->orgs, &b, HASH_FIND, NULL) != NULL)
		return;
	quota_plan(&plan_orgs,
			   "SELECT o.id, o.kind, o.division::pg_catalog.text, o.status, o.name, "
			   "EXISTS (SELECT 1 FROM quota.standard s WHERE s.sector OPERATOR(pg_catalog.=) o.sector "
			   "AND s.target OPERATOR(pg_catalog.=) 'posts' AND s.mode OPERATOR(pg_catalog.<>) 'report') "
			   "FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) ANY (ARRAY[$1, $2]) "
			   "FOR KEY SHARE OF o",
			   2, argtypes);
	values[0] = Int64GetDatum(a);
	values[1] = Int64GetDatum(b);
	quota_exec(plan_orgs, values, NULL, false, 2);
	for (j = 0; j < 2; j++)
	{
		OrgInfo    *o = hash_search(st->orgs, &ids[j], HASH_ENTER, NULL);

		org_not_found(o);
		for (i = 0; i < SPI_processed; i++)
		{
			bool		isnull;

			if (spi_int64(i, 1, &isnull) != ids[j])
				continue;
			/* org_from_result reads row 0: move this row there */
			if (i != 0)
			{
				HeapTuple	t = SPI_tuptable->vals[0];

				SPI_tuptable->vals[0] = SPI_tuptable->vals[i];
				SPI_tuptable->vals[i] = t;
			}
			org_from_result(st, o, 2);
			break;
		}
	}
	SPI_freetuptable(SPI_tuptable);
}

OrgInfo *
mov_lookup_org(ApplyState *st, int64 id)
{
	bool		found;
	OrgInfo    *o = hash_search(st->orgs, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];

		/*
		 * FOR KEY SHARE until commit, as the row's foreign key would take it
		 * (the key is deferred, so that an unknown org is the rule's error
		 * at the statement): the org is not deleted or re-keyed under this
		 * movement, and a change of status, which takes FOR UPDATE
		 * (quota.org_check), was waited for (READ COMMITTED, and this fresh
		 * snapshot sees it) or raises 40001.
		 */
		quota_plan(&plan_org,
				   "SELECT o.kind, o.division::pg_catalog.text, o.status, o.name, "
				   "EXISTS (SELECT 1 FROM quota.standard s WHERE s.sector OPERATOR(pg_catalog.=) o.sector "
				   "AND s.target OPERATOR(pg_catalog.=) 'posts' AND s.mode OPERATOR(pg_catalog.<>) 'report') "
				   "FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF o",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_org, values, NULL, false, 1);
		if (SPI_processed == 1)
			org_from_result(st, o, 1);
		else
			org_not_found(o);
		SPI_freetuptable(SPI_tuptable);
	}
	return o;
}

PoolInfo *
mov_lookup_pool(ApplyState *st, int64 id)
{
	bool		found;
	PoolInfo   *p = hash_search(st->pools, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		MemoryContext cxt = st->work;
		char	   *d;
		qc_error	err;

		/* FOR KEY SHARE until commit, as the row's (deferred) foreign key would */
		quota_plan(&plan_pool,
				   "SELECT division::pg_catalog.text, kind, category "
				   "FROM quota.pool WHERE id OPERATOR(pg_catalog.=) $1 FOR KEY SHARE",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_pool, values, NULL, false, 1);
		p->found = (SPI_processed == 1);
		if (!p->found)
		{
			p->division = -1;
			p->kind = p->category = "?";
			SPI_freetuptable(SPI_tuptable);
			return p;
		}
		d = spi_text(0, 1);
		if (!qc_division_parse(d, strlen(d), &p->division, &err))
			elog(ERROR, "bad division of pool %lld", (long long) id);
		p->kind = copy_out(cxt, spi_text(0, 2));
		p->category = copy_out(cxt, spi_text(0, 3));
		SPI_freetuptable(SPI_tuptable);
	}
	return p;
}

LoanInfo *
mov_lookup_loan(ApplyState *st, int64 id)
{
	bool		found;
	LoanInfo   *l = hash_search(st->loans, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		bool		isnull;

		quota_plan(&plan_loan,
				   "SELECT pool_id, org_id, category FROM quota.loan "
				   "WHERE loan_id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_loan, values, NULL, true, 1);
		l->found = (SPI_processed == 1);
		if (l->found)
		{
			l->pool_id = spi_int64(0, 1, &isnull);
			l->org_id = spi_int64(0, 2, &isnull);
			l->category = copy_out(st->work, spi_text(0, 3));
		}
		SPI_freetuptable(SPI_tuptable);
	}
	return l;
}

ApprovalInfo *
mov_lookup_approval(ApplyState *st, const char *doc_no)
{
	bool		found;
	char		key[NAMEDATALEN * 4];
	ApprovalInfo *a;

	memset(key, 0, sizeof(key));
	strlcpy(key, doc_no, sizeof(key));
	/*
	 * A number as long as the key (or longer) names no approval (their
	 * numbers are shorter, a CHECK of quota.approval); it must not find the
	 * cached approval whose number is its truncated prefix.
	 */
	if (strlen(doc_no) >= sizeof(key))
	{
		a = MemoryContextAllocZero(st->work, sizeof(ApprovalInfo));
		a->missing = true;
		a->issuer_kind = "?";
		return a;
	}
	a = hash_search(st->approvals, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1];

		/*
		 * FOR SHARE until commit: an edit of the approval's issuer (or its
		 * deletion) waits for this movement and then finds it used
		 * (quota.approval_fixed); an edit that came first is waited for, and
		 * seen (READ COMMITTED) or raises 40001 here.
		 */
		quota_plan(&plan_approval_lock,
				   "SELECT 1 FROM quota.approval WHERE doc_no OPERATOR(pg_catalog.=) $1 FOR SHARE",
				   1, argtypes);
		values[0] = CStringGetTextDatum(doc_no);
		quota_exec(plan_approval_lock, values, NULL, false, 1);
		a->missing = (SPI_processed != 1);
		SPI_freetuptable(SPI_tuptable);

		/*
		 * What the approval says and what its issuer kind may authorize, from
		 * the per-backend cache (doccache.c).  Waiting for the row lock
		 * processed no invalidation: an edit committed meanwhile is taken in
		 * now.
		 */
		if (!a->missing)
		{
			AcceptInvalidationMessages();
			a->missing = !mov_cached_approval(key, a, st->work);
		}
		if (a->missing)
		{
			a->issuer_kind = "?";
			a->has_division = a->central = a->may_authorize = false;
			a->has_issued_on = false;
		}
	}
	return a;
}

/*
 * Do posts of this category cross jurisdictions only with a central issuer
 * (quota.category.central_across)?  From the per-backend cache (doccache.c).
 */
bool
mov_category_central_across(ApplyState *st, const char *category)
{
	return mov_cached_central_across(category);
}

/*
 * Did the row's source hold the posts on every day from the row's
 * effective_on on?  The source's running total by effective_on -- every
 * movement in and out of the pool, or of the org in the row's category, this
 * statement's rows included (an AFTER STATEMENT trigger sees them) -- may
 * not fall below zero on or after that day, so that quota.establishment_at
 * never shows posts leaving before they arrived.  The answer is the same
 * for every row of the statement with the same source and day: cached.
 */
bool
mov_source_held(ApplyState *st, MovRow *r)
{
	char		key[NAMEDATALEN * 2];
	bool		found;
	bool	   *entry;
	Oid			argtypes[3] = {INT8OID, TEXTOID, DATEOID};
	Datum		values[3];
	bool		isnull;
	bool		held;
	Datum		d;

	if (!r->from_pool && !r->from_org)
		return true;
	memset(key, 0, sizeof(key));
	snprintf(key, sizeof(key), "\002%c%lld/%d/%s", r->from_pool ? 'p' : 'o',
			 (long long) (r->from_pool ? r->from_pool : r->from_org), (int) r->effective_on, r->category);
	entry = hash_search(st->uses, key, HASH_ENTER, &found);
	if (found)
		return *(bool *) ((char *) entry + sizeof(key));
	values[0] = Int64GetDatum(r->from_pool ? r->from_pool : r->from_org);
	values[1] = CStringGetTextDatum(r->category);
	values[2] = DateADTGetDatum(r->effective_on);
	if (r->from_pool)
	{
		quota_plan(&plan_pool_held,
				   "SELECT pg_catalog.min(run)::pg_catalog.int8 FROM ("
				   " SELECT day, pg_catalog.sum(pg_catalog.sum(delta)) OVER (ORDER BY day) AS run FROM ("
				   "  SELECT effective_on AS day, CASE WHEN to_pool OPERATOR(pg_catalog.=) $1 THEN amount::pg_catalog.int8"
				   "   ELSE OPERATOR(pg_catalog.-) amount::pg_catalog.int8 END AS delta"
				   "  FROM quota.movement WHERE (to_pool OPERATOR(pg_catalog.=) $1 OR from_pool OPERATOR(pg_catalog.=) $1)"
				   "   AND category OPERATOR(pg_catalog.=) $2) x GROUP BY day) y"
				   " WHERE day OPERATOR(pg_catalog.>=) $3",
				   3, argtypes);
		/* read_only = false: a fresh command id, so this statement's rows count */
		quota_exec(plan_pool_held, values, NULL, false, 1);
	}
	else
	{
		quota_plan(&plan_org_held,
				   "SELECT pg_catalog.min(run)::pg_catalog.int8 FROM ("
				   " SELECT day, pg_catalog.sum(pg_catalog.sum(delta)) OVER (ORDER BY day) AS run FROM ("
				   "  SELECT effective_on AS day, CASE WHEN to_org OPERATOR(pg_catalog.=) $1 THEN amount::pg_catalog.int8"
				   "   ELSE OPERATOR(pg_catalog.-) amount::pg_catalog.int8 END AS delta"
				   "  FROM quota.movement WHERE (to_org OPERATOR(pg_catalog.=) $1 OR from_org OPERATOR(pg_catalog.=) $1)"
				   "   AND category OPERATOR(pg_catalog.=) $2) x GROUP BY day) y"
				   " WHERE day OPERATOR(pg_catalog.>=) $3",
				   3, argtypes);
		quota_exec(plan_org_held, values, NULL, false, 1);
	}
	held = true;
	if (SPI_processed == 1)
	{
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull && DatumGetInt64(d) < 0)
			held = false;
	}
	SPI_freetuptable(SPI_tuptable);
	/* the value sits after the key in the entry */
	*(bool *) ((char *) entry + sizeof(key)) = held;
	return held;
}

/*
 * May an org of this kind hold posts of this category (category_use)?  From
 * the rules data the roster caches per backend too (src/roster/refcache.c).
 */
bool
mov_category_usable(ApplyState *st, const char *category, const char *org_kind)
{
	quota_refcache_load();
	return quota_refcache_usable(category, org_kind);
}

/*
 * Is the category registered?  Locked FOR KEY SHARE until commit, as the
 * row's (deferred) foreign key would.  Cached in the category-use hash under
 * a key no "category/kind" pair can have.
 */
bool
mov_category_exists(ApplyState *st, const char *category)
{
	char		key[NAMEDATALEN * 2];
	bool		found;
	bool	   *entry;

	/* category codes are shorter than NAMEDATALEN (a CHECK of quota.category) */
	if (strlen(category) >= NAMEDATALEN)
		return false;
	memset(key, 0, sizeof(key));
	snprintf(key, sizeof(key), "\003category/%s", category);
	entry = hash_search(st->uses, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1];

		quota_plan(&plan_category,
				   "SELECT 1 FROM quota.category WHERE code OPERATOR(pg_catalog.=) $1 FOR KEY SHARE",
				   1, argtypes);
		values[0] = CStringGetTextDatum(category);
		quota_exec(plan_category, values, NULL, false, 1);
		*(bool *) ((char *) entry + sizeof(key)) = (SPI_processed == 1);
		SPI_freetuptable(SPI_tuptable);
	}
	return *(bool *) ((char *) entry + sizeof(key));
}

/* the division of a row's source / target account, or -1 for outside */
int64
mov_side_division(ApplyState *st, int64 org, int64 pool)
{
	if (org)
		return mov_lookup_org(st, org)->division;
	if (pool)
		return mov_lookup_pool(st, pool)->division;
	return -1;
}
