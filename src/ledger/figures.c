/*-------------------------------------------------------------------------
 *
 * figures.c
 *	  The figures of quota.jurisdiction_status kept by contention-free delta
 *	  rows: every change of an org or pool account appends what it changes
 *	  in the figures (pool balance and lent posts; occupied seats and
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

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "quota.h"
#include "ledger/ledger.h"

static SPIPlanPtr plan_org_delta = NULL;
static SPIPlanPtr plan_pool_delta = NULL;

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
	QuotaOwnerContext owner;
	Datum		values[4];
	bool		isnull;

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

	if (is_org)
	{
		char	   *category = SPI_getvalue(any, desc, SPI_fnumber(desc, "category"));
		int64		doccupied = int_col(newt, desc, "occupied") - int_col(oldt, desc, "occupied");
		int64		dvacancy = org_vacancy(newt, desc) - org_vacancy(oldt, desc);

		/* 备案 (filed) seats are no 编制: never in the figures */
		if (category == NULL || strcmp(category, "filed") == 0 ||
			(doccupied == 0 && dvacancy == 0))
			return PointerGetDatum(NULL);
		values[0] = heap_getattr(any, SPI_fnumber(desc, "org_id"), desc, &isnull);
		values[1] = CStringGetTextDatum(category);
		values[2] = Int32GetDatum((int32) doccupied);
		values[3] = Int32GetDatum((int32) dvacancy);
	}
	else
	{
		int64		dbalance = int_col(newt, desc, "balance") - int_col(oldt, desc, "balance");
		int64		dlent = int_col(newt, desc, "lent") - int_col(oldt, desc, "lent");

		if (dbalance == 0 && dlent == 0)
			return PointerGetDatum(NULL);
		values[0] = heap_getattr(any, SPI_fnumber(desc, "pool_id"), desc, &isnull);
		values[1] = Int32GetDatum((int32) dbalance);
		values[2] = Int32GetDatum((int32) dlent);
	}

	quota_become_owner(td->tg_relation, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (is_org)
	{
		Oid			argtypes[4] = {INT8OID, TEXTOID, INT4OID, INT4OID};

		quota_plan(&plan_org_delta,
				   "INSERT INTO quota.jurisdiction_figure_delta (division, category, d_occupied, d_vacancy) "
				   "SELECT o.division, $2, $3, $4 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) $1",
				   4, argtypes);
		quota_exec(plan_org_delta, values, NULL, false, 0);
	}
	else
	{
		Oid			argtypes[3] = {INT8OID, INT4OID, INT4OID};

		quota_plan(&plan_pool_delta,
				   "INSERT INTO quota.jurisdiction_figure_delta "
				   "(division, category, d_unallocated, d_reserve, d_lent) "
				   "SELECT p.division, p.category, "
				   "CASE WHEN p.kind OPERATOR(pg_catalog.=) 'unallocated' THEN $2 ELSE 0 END, "
				   "CASE WHEN p.kind OPERATOR(pg_catalog.=) 'reserve' THEN $2 ELSE 0 END, $3 "
				   "FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) $1",
				   3, argtypes);
		quota_exec(plan_pool_delta, values, NULL, false, 0);
	}
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);
	return PointerGetDatum(NULL);
}
