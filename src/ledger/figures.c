/*-------------------------------------------------------------------------
 *
 * figures.c
 *	  The figures of quota.jurisdiction_status kept by contention-free delta
 *	  rows: every change of an org or pool account appends what it changes
 *	  in the figures (posts held: a pool's balance + lent, an org's approved
 *	  posts; pool balance and lent posts; occupied seats and
 *	  vacancy, GREATEST(approved + borrowed - occupied - reserved, 0), of an
 *	  org account), at the account's jurisdiction as of the change (an org
 *	  changes jurisdiction only while it holds nothing, a pool never), to
 *	  quota.jurisdiction_figure_delta, which has no key and
 *	  no index: two hires into two units of one county append two rows and
 *	  share nothing, at every isolation level.  quota.fold_jurisdiction_figures
 *	  moves the deltas into quota.jurisdiction_figure (src/ledger/figures.sql).
 *
 * IDENTIFICATION
 *	  src/ledger/figures.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "quota.h"
#include "ledger/ledger.h"

/*
 * Where an account's figures go, per backend: an org's jurisdiction (an org
 * changes jurisdiction only while it holds nothing, and quota.org_check then
 * calls quota.org_divisions_changed(), which resets every session's map at
 * its next account change), a pool's jurisdiction, category and kind (fixed
 * for good, quota.pool_fixed).  Read with the latest snapshot on a miss.
 */
typedef struct OrgWhere
{
	int64		org_id;
	int64		division;
} OrgWhere;

typedef struct PoolWhere
{
	int64		pool_id;
	int64		division;
	char		category[NAMEDATALEN];
	int			kind;			/* 1 unallocated, 2 reserve, 0 other */
} PoolWhere;

#define WHERE_MAX_ENTRIES 100000

static HTAB *org_where = NULL;
static HTAB *pool_where = NULL;
static bool where_callback = false;
static Oid	org_relid = InvalidOid;
static SPIPlanPtr plan_org_where = NULL;
static SPIPlanPtr plan_pool_where = NULL;

static void
where_invalidate(Datum arg, Oid relid)
{
	if ((relid == InvalidOid || relid == org_relid) && org_where != NULL)
	{
		hash_destroy(org_where);
		org_where = NULL;
	}
}

static Oid
quota_relid(const char *name)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("quota", false));

	if (!OidIsValid(relid))
		elog(ERROR, "quota.%s does not exist", name);
	return relid;
}

static HTAB *
where_hash(const char *name, Size keysize, Size entrysize)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = TopMemoryContext;
	return hash_create(name, 1024, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/*
 * The ledger trigger has just read the org, locked FOR KEY SHARE, in its
 * statement: its division is what a miss here would read (the latest
 * version -- under snapshot isolation a change after the snapshot fails
 * that lock with 40001), so the map takes it without a query of its own.
 */
void
quota_figures_org_known(int64 org_id, int64 division)
{
	OrgWhere   *w;

	if (!where_callback)
	{
		CacheRegisterRelcacheCallback(where_invalidate, (Datum) 0);
		where_callback = true;
	}
	if (org_relid == InvalidOid)
		org_relid = quota_relid("org");
	if (org_where == NULL || hash_get_num_entries(org_where) > WHERE_MAX_ENTRIES)
	{
		if (org_where != NULL)
			hash_destroy(org_where);
		org_where = where_hash("quota org jurisdictions", sizeof(int64), sizeof(OrgWhere));
	}
	w = hash_search(org_where, &org_id, HASH_ENTER, NULL);
	w->division = division;
}

/* one row of a kept plan, with the latest snapshot; false when none */
static bool
where_read(SPIPlanPtr plan, int64 id)
{
	Datum		values[1];
	int			rc;

	values[0] = Int64GetDatum(id);
	rc = SPI_execute_snapshot(plan, values, NULL, GetLatestSnapshot(),
							  InvalidSnapshot, true, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading where an account belongs failed: %s", SPI_result_code_string(rc));
	return SPI_processed == 1;
}

static bool
org_division(int64 org_id, int64 *division)
{
	bool		found;
	OrgWhere   *w;
	Oid			argtypes[1] = {INT8OID};
	bool		isnull;

	if (org_where == NULL || hash_get_num_entries(org_where) > WHERE_MAX_ENTRIES)
	{
		if (org_where != NULL)
			hash_destroy(org_where);
		org_where = where_hash("quota org jurisdictions", sizeof(int64), sizeof(OrgWhere));
	}
	w = hash_search(org_where, &org_id, HASH_FIND, NULL);
	if (w != NULL)
	{
		*division = w->division;
		return true;
	}
	quota_plan(&plan_org_where,
			   "SELECT division FROM quota.org WHERE id OPERATOR(pg_catalog.=) $1",
			   1, argtypes);
	if (!where_read(plan_org_where, org_id))
		return false;
	*division = DatumGetDivision(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (org_where == NULL)		/* reset by an invalidation meanwhile */
		org_where = where_hash("quota org jurisdictions", sizeof(int64), sizeof(OrgWhere));
	w = hash_search(org_where, &org_id, HASH_ENTER, &found);
	w->division = *division;
	return true;
}

static PoolWhere *
pool_place(int64 pool_id)
{
	bool		found;
	PoolWhere  *w;
	Oid			argtypes[1] = {INT8OID};
	bool		isnull;
	char	   *kind;
	PoolWhere	row;

	if (pool_where == NULL || hash_get_num_entries(pool_where) > WHERE_MAX_ENTRIES)
	{
		if (pool_where != NULL)
			hash_destroy(pool_where);
		pool_where = where_hash("quota pool jurisdictions", sizeof(int64), sizeof(PoolWhere));
	}
	w = hash_search(pool_where, &pool_id, HASH_FIND, NULL);
	if (w != NULL)
		return w;
	quota_plan(&plan_pool_where,
			   "SELECT division, category, kind FROM quota.pool WHERE id OPERATOR(pg_catalog.=) $1",
			   1, argtypes);
	if (!where_read(plan_pool_where, pool_id))
		return NULL;
	memset(&row, 0, sizeof(row));
	row.division = DatumGetDivision(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	strlcpy(row.category, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2), NAMEDATALEN);
	kind = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);
	row.kind = strcmp(kind, "unallocated") == 0 ? 1 : strcmp(kind, "reserve") == 0 ? 2 : 0;
	w = hash_search(pool_where, &pool_id, HASH_ENTER, &found);
	row.pool_id = pool_id;
	memcpy(w, &row, sizeof(row));
	return w;
}

/* an int4 column by name; 0 where the row is absent */
static int64
int_col(HeapTuple tuple, TupleDesc desc, const char *name)
{
	int			attnum;
	bool		isnull;
	Datum		d;

	if (tuple == NULL)
		return 0;
	attnum = SPI_fnumber(desc, name);
	if (attnum <= 0)
		elog(ERROR, "column \"%s\" not found", name);
	d = heap_getattr(tuple, attnum, desc, &isnull);
	return isnull ? 0 : DatumGetInt32(d);
}

static int64
org_vacancy(HeapTuple tuple, TupleDesc desc)
{
	if (tuple == NULL)
		return 0;
	return Max(int_col(tuple, desc, "approved") + int_col(tuple, desc, "borrowed") -
			   int_col(tuple, desc, "occupied") - int_col(tuple, desc, "reserved"), 0);
}

/*
 * Append one delta row: a plain heap insert (the table has no index, no
 * trigger, no constraint beyond NOT NULL, and only this function and the
 * fold write it).
 */
static void
append_delta(int64 division, const char *category, int64 d_held, int64 d_unallocated,
			 int64 d_reserve, int64 d_lent, int64 d_occupied, int64 d_vacancy)
{
	Relation	rel = table_open(quota_relid("jurisdiction_figure_delta"), RowExclusiveLock);
	Datum		values[8];
	bool		nulls[8] = {false, false, false, false, false, false, false, false};
	HeapTuple	tuple;

	if (RelationGetDescr(rel)->natts != 8 || rel->rd_rel->relhasindex)
		elog(ERROR, "quota.jurisdiction_figure_delta is not as this library writes it");
	values[0] = DivisionGetDatum(division);
	values[1] = CStringGetTextDatum(category);
	values[2] = Int32GetDatum((int32) d_held);
	values[3] = Int32GetDatum((int32) d_unallocated);
	values[4] = Int32GetDatum((int32) d_reserve);
	values[5] = Int32GetDatum((int32) d_lent);
	values[6] = Int32GetDatum((int32) d_occupied);
	values[7] = Int32GetDatum((int32) d_vacancy);
	tuple = heap_form_tuple(RelationGetDescr(rel), values, nulls);
	simple_heap_insert(rel, tuple);
	heap_freetuple(tuple);
	table_close(rel, NoLock);
}

/*
 * quota.figure_delta(): AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW on
 * quota.org_account (argument 'org') and quota.pool_account ('pool').
 */
PG_FUNCTION_INFO_V1(quota_figure_delta);
Datum
quota_figure_delta(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	oldt = NULL;
	HeapTuple	newt = NULL;
	HeapTuple	any;
	bool		is_org;
	bool		isnull;
	QuotaOwnerContext owner;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) || td->tg_trigger->tgnargs != 1)
		elog(ERROR, "quota.figure_delta() must be an AFTER ... FOR EACH ROW trigger with one argument");
	is_org = strcmp(td->tg_trigger->tgargs[0], "org") == 0;
	desc = RelationGetDescr(td->tg_relation);
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		newt = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		oldt = td->tg_trigtuple;
		newt = td->tg_newtuple;
	}
	else
		oldt = td->tg_trigtuple;
	any = newt ? newt : oldt;

	if (!where_callback)
	{
		CacheRegisterRelcacheCallback(where_invalidate, (Datum) 0);
		where_callback = true;
	}
	if (org_relid == InvalidOid)
		org_relid = quota_relid("org");
	/* a division change committed meanwhile resets the map first */
	AcceptInvalidationMessages();

	if (is_org)
	{
		char	   *category = SPI_getvalue(any, desc, SPI_fnumber(desc, "category"));
		int64		doccupied = int_col(newt, desc, "occupied") - int_col(oldt, desc, "occupied");
		int64		dvacancy = org_vacancy(newt, desc) - org_vacancy(oldt, desc);
		int64		dheld = int_col(newt, desc, "approved") - int_col(oldt, desc, "approved");
		int64		org_id;
		int64		division;
		bool		known;

		/* 备案 (filed) seats are no 编制: never in the figures */
		if (category == NULL || strcmp(category, "filed") == 0 ||
			(doccupied == 0 && dvacancy == 0 && dheld == 0))
			return PointerGetDatum(NULL);
		org_id = DatumGetInt64(heap_getattr(any, SPI_fnumber(desc, "org_id"), desc, &isnull));
		quota_become_owner(td->tg_relation, &owner);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		known = org_division(org_id, &division);
		if (SPI_finish() != SPI_OK_FINISH)
			elog(ERROR, "SPI_finish failed");
		if (known)
			append_delta(division, category, dheld, 0, 0, 0, doccupied, dvacancy);
		quota_restore_user(&owner);
	}
	else
	{
		int64		dbalance = int_col(newt, desc, "balance") - int_col(oldt, desc, "balance");
		int64		dlent = int_col(newt, desc, "lent") - int_col(oldt, desc, "lent");
		int64		pool_id;
		PoolWhere  *w;
		PoolWhere	place;

		if (dbalance == 0 && dlent == 0)
			return PointerGetDatum(NULL);
		pool_id = DatumGetInt64(heap_getattr(any, SPI_fnumber(desc, "pool_id"), desc, &isnull));
		quota_become_owner(td->tg_relation, &owner);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		w = pool_place(pool_id);
		if (w != NULL)
			memcpy(&place, w, sizeof(place));
		if (SPI_finish() != SPI_OK_FINISH)
			elog(ERROR, "SPI_finish failed");
		if (w != NULL)
			append_delta(place.division, place.category, dbalance + dlent,
						 place.kind == 1 ? dbalance : 0, place.kind == 2 ? dbalance : 0,
						 dlent, 0, 0);
		quota_restore_user(&owner);
	}
	return PointerGetDatum(NULL);
}

/*
 * quota.org_divisions_changed(): an org moved to another jurisdiction (it
 * holds nothing then): every session forgets where orgs are.
 */
PG_FUNCTION_INFO_V1(quota_org_divisions_changed);
Datum
quota_org_divisions_changed(PG_FUNCTION_ARGS)
{
	CacheInvalidateRelcacheByRelid(quota_relid("org"));
	PG_RETURN_VOID();
}
