/*-------------------------------------------------------------------------
 *
 * movement_rows.c
 *	  The ledger trigger's per-statement caches of the rows a movement
 *	  refers to: orgs, pools, loans, approvals (with their authority) and
 *	  which org kinds may use a category.  Each is read once per statement.
 *
 * IDENTIFICATION
 *	  src/ledger/movement_rows.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "core/codes.h"
#include "ledger/movement.h"

static SPIPlanPtr plan_org = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_loan = NULL;
static SPIPlanPtr plan_approval = NULL;
static SPIPlanPtr plan_use = NULL;

HTAB *
mov_make_hash(const char *name, Size keysize, Size entrysize, bool blobs)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = CurrentMemoryContext;
	return hash_create(name, 64, &ctl,
					   HASH_ELEM | HASH_CONTEXT | (blobs ? HASH_BLOBS : HASH_STRINGS));
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
		bool		isnull;
		MemoryContext cxt = st->work;

		/*
		 * No lock of our own: the foreign key check of this statement already
		 * holds FOR KEY SHARE on the org, and a change of status takes FOR
		 * UPDATE (quota.org_check), so it was waited for (READ COMMITTED, and
		 * this fresh snapshot sees it) or raised 40001.
		 */
		quota_plan(&plan_org,
				   "SELECT o.kind, o.division::pg_catalog.text, o.status, o.name, "
				   "EXISTS (SELECT 1 FROM quota.standard s WHERE s.sector OPERATOR(pg_catalog.=) o.sector "
				   "AND s.target OPERATOR(pg_catalog.=) 'posts' AND s.mode OPERATOR(pg_catalog.<>) 'report') "
				   "FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_org, values, NULL, false, 1);
		if (SPI_processed != 1)
			elog(ERROR, "org %lld not found", (long long) id);
		o->kind = copy_out(cxt, spi_text(0, 1));
		{
			char	   *d = spi_text(0, 2);
			qc_error	err;

			if (!qc_division_parse(d, strlen(d), &o->division, &err))
				elog(ERROR, "bad division of org %lld", (long long) id);
		}
		o->status = copy_out(cxt, spi_text(0, 3));
		o->name = copy_out(cxt, spi_text(0, 4));
		o->has_standard = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
													 SPI_tuptable->tupdesc, 5, &isnull));
		if (isnull)
			o->has_standard = false;
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

		quota_plan(&plan_pool,
				   "SELECT division::pg_catalog.text, kind, category "
				   "FROM quota.pool WHERE id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_pool, values, NULL, true, 1);
		if (SPI_processed != 1)
			elog(ERROR, "pool %lld not found", (long long) id);
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
	a = hash_search(st->approvals, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1];
		MemoryContext cxt = st->work;
		char	   *d;

		quota_plan(&plan_approval,
				   "SELECT a.issuer_kind, a.issuer_division::pg_catalog.text, "
				   "au.central, au.may_authorize "
				   "FROM quota.approval a JOIN quota.authority au "
				   "ON au.issuer_kind OPERATOR(pg_catalog.=) a.issuer_kind "
				   "WHERE a.doc_no OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = CStringGetTextDatum(doc_no);
		quota_exec(plan_approval, values, NULL, true, 1);
		a->missing = (SPI_processed != 1);
		if (a->missing)
		{
			a->issuer_kind = "?";
			a->has_division = a->central = a->may_authorize = false;
			return a;
		}
		a->issuer_kind = copy_out(cxt, spi_text(0, 1));
		d = spi_text(0, 2);
		a->has_division = (d != NULL);
		if (d != NULL)
		{
			qc_error	err;

			if (!qc_division_parse(d, strlen(d), &a->division, &err))
				elog(ERROR, "bad issuer division of \"%s\"", doc_no);
		}
		a->central = strcmp(spi_text(0, 3), "t") == 0;
		a->may_authorize = strcmp(spi_text(0, 4), "t") == 0;
		SPI_freetuptable(SPI_tuptable);
	}
	return a;
}

/* may an org of this kind hold posts of this category (category_use)? */
bool
mov_category_usable(ApplyState *st, const char *category, const char *org_kind)
{
	char		key[NAMEDATALEN * 2];
	bool		found;
	bool	   *entry;

	memset(key, 0, sizeof(key));
	snprintf(key, sizeof(key), "%s/%s", category, org_kind);
	entry = hash_search(st->uses, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[2] = {TEXTOID, TEXTOID};
		Datum		values[2];

		quota_plan(&plan_use,
				   "SELECT 1 FROM quota.category_use "
				   "WHERE category OPERATOR(pg_catalog.=) $1 "
				   "AND org_kind OPERATOR(pg_catalog.=) $2",
				   2, argtypes);
		values[0] = CStringGetTextDatum(category);
		values[1] = CStringGetTextDatum(org_kind);
		quota_exec(plan_use, values, NULL, true, 1);
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
