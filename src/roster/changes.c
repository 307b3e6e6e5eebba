/*-------------------------------------------------------------------------
 *
 * changes.c
 *	  Roster changes (moves, post changes, id corrections, departures): the
 *	  statement trigger on UPDATE of quota.staff.
 *
 *	  An AFTER UPDATE ... FOR EACH STATEMENT trigger with transition tables:
 *	  the rows a statement changed are kept in tuplestores that spill to disk
 *	  past work_mem, so a statement changing a million rows keeps no
 *	  after-trigger event per row (a row trigger would).  The rows are taken
 *	  in the order the statement changed them -- the order a row trigger
 *	  fired in -- and each pair of versions is checked and applied by
 *	  quota.staff_change(old, new) (src/roster/changes.sql), the one
 *	  implementation of the change rules, which the reform functions'
 *	  UPDATEs go through as well.  Runs as the table owner, one kept plan.
 *
 * IDENTIFICATION
 *	  src/roster/changes.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "ledger/ledger.h"

static SPIPlanPtr plan_change = NULL;
static Oid	plan_change_type = InvalidOid;	/* the row type it was prepared for */

PG_FUNCTION_INFO_V1(quota_staff_changes);
Datum
quota_staff_changes(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	TupleTableSlot *oslot;
	TupleTableSlot *nslot;
	QuotaOwnerContext owner;
	MemoryContext rowmem;
	MemoryContext old;
	Oid			argtypes[2];
	Datum		values[2];

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		trigdata->tg_oldtable == NULL || trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_staff_changes must be an AFTER UPDATE statement trigger with both transition tables")));

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	argtypes[0] = argtypes[1] = rel->rd_rel->reltype;

	oslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	nslot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rowmem = AllocSetContextCreate(CurrentMemoryContext, "quota staff change row", ALLOCSET_DEFAULT_SIZES);

	quota_become_owner(rel, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* (prepared again when the extension was re-created: a new row type) */
	if (plan_change != NULL && plan_change_type != argtypes[0])
	{
		SPI_freeplan(plan_change);
		plan_change = NULL;
	}
	if (plan_change == NULL)
	{
		/* generic from the start: nothing to gain from planning each row */
		plan_change = SPI_prepare_cursor("SELECT quota.staff_change($1, $2)", 2, argtypes,
										 CURSOR_OPT_GENERIC_PLAN);
		if (plan_change == NULL || SPI_keepplan(plan_change) != 0)
			elog(ERROR, "SPI_prepare failed for quota.staff_change: %s", SPI_result_code_string(SPI_result));
	}
	plan_change_type = argtypes[0];

	tuplestore_rescan(trigdata->tg_oldtable);
	tuplestore_rescan(trigdata->tg_newtable);
	for (;;)
	{
		bool		have_old = tuplestore_gettupleslot(trigdata->tg_oldtable, true, false, oslot);
		bool		have_new = tuplestore_gettupleslot(trigdata->tg_newtable, true, false, nslot);

		if (have_old != have_new)
			elog(ERROR, "quota_staff_changes: the transition tables differ in length");
		if (!have_old)
			break;
		old = MemoryContextSwitchTo(rowmem);
		values[0] = ExecFetchSlotHeapTupleDatum(oslot);
		values[1] = ExecFetchSlotHeapTupleDatum(nslot);
		quota_exec(plan_change, values, NULL, false, 0);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}

	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);
	ExecDropSingleTupleTableSlot(oslot);
	ExecDropSingleTupleTableSlot(nslot);
	MemoryContextDelete(rowmem);
	return PointerGetDatum(NULL);
}
