/*-------------------------------------------------------------------------
 *
 * drop_guard.c
 *	  The event trigger that keeps a plain DROP EXTENSION quota from
 *	  deleting the establishment books (the ledger and the roster) by
 *	  accident, and quota.allow_drop(), the deliberate way past it.
 *
 *	  The guard runs at ddl_command_start, before anything is dropped, and
 *	  reads the statement's parse tree: only a DROP EXTENSION naming quota,
 *	  without CASCADE, issued by the extension's owner, while quota.movement
 *	  or quota.staff holds rows, and without quota.allow_drop() earlier in
 *	  the same transaction, is refused (55000).  allow_drop() lasts until
 *	  the end of the (sub)transaction that called it.
 *
 *	  Before counting, the guard takes the ACCESS EXCLUSIVE locks on the
 *	  ledger and the roster that the DROP would take anyway, and counts with
 *	  the latest snapshot: a first row committed by a concurrent writer
 *	  while the DROP waited is seen at every isolation level
 *	  (specs/ops_drop_first_rows.spec).
 *
 * IDENTIFICATION
 *	  src/ops/drop_guard.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "compat.h"
#include "ledger/ledger.h"

/* the subtransaction that called quota.allow_drop(), or none */
static SubTransactionId allowed_subid = InvalidSubTransactionId;
static bool callbacks_registered = false;
static SPIPlanPtr plan_lock = NULL;
static SPIPlanPtr plan_rows = NULL;

static void
drop_guard_xact(XactEvent event, void *arg)
{
	allowed_subid = InvalidSubTransactionId;
}

static void
drop_guard_subxact(SubXactEvent event, SubTransactionId mySubid,
				   SubTransactionId parentSubid, void *arg)
{
	if (allowed_subid != mySubid)
		return;
	if (event == SUBXACT_EVENT_ABORT_SUB)
		allowed_subid = InvalidSubTransactionId;
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
		allowed_subid = parentSubid;
}

/* does the DROP EXTENSION statement name quota? */
static bool
names_quota(DropStmt *stmt)
{
	ListCell   *lc;

	foreach(lc, stmt->objects)
	{
		Node	   *obj = (Node *) lfirst(lc);

		if (IsA(obj, String) && strcmp(strVal(obj), "quota") == 0)
			return true;
	}
	return false;
}

PG_FUNCTION_INFO_V1(quota_allow_drop);
Datum
quota_allow_drop(PG_FUNCTION_ARGS)
{
	if (!IsTransactionBlock())
		ereport(WARNING,
				(errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
				 errmsg("quota.allow_drop() lasts only until the end of this transaction"),
				 errhint("Call it and DROP EXTENSION quota in one transaction (BEGIN; SELECT quota.allow_drop(); DROP EXTENSION quota; COMMIT;).")));
	if (!callbacks_registered)
	{
		RegisterXactCallback(drop_guard_xact, NULL);
		RegisterSubXactCallback(drop_guard_subxact, NULL);
		callbacks_registered = true;
	}
	allowed_subid = GetCurrentSubTransactionId();
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(quota_drop_guard);
Datum
quota_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	DropStmt   *stmt;
	Oid			ext;
	int64		movements = 0;
	int64		staff = 0;
	bool		isnull;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		elog(ERROR, "quota.drop_guard() must be called as an event trigger");
	trigdata = (EventTriggerData *) fcinfo->context;
	if (trigdata->parsetree == NULL || !IsA(trigdata->parsetree, DropStmt))
		PG_RETURN_NULL();
	stmt = (DropStmt *) trigdata->parsetree;
	if (stmt->removeType != OBJECT_EXTENSION || stmt->behavior == DROP_CASCADE ||
		!names_quota(stmt) || allowed_subid != InvalidSubTransactionId)
		PG_RETURN_NULL();
	/* a role that may not drop it is refused by DROP EXTENSION itself */
	ext = get_extension_oid("quota", true);
	if (!OidIsValid(ext) || !quota_extension_ownercheck(ext, GetUserId()))
		PG_RETURN_NULL();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_plan(&plan_lock,
			   "LOCK TABLE quota.movement, quota.staff IN ACCESS EXCLUSIVE MODE",
			   0, NULL);
	if (SPI_execute_plan(plan_lock, NULL, NULL, false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "quota.drop_guard: locking the books failed");
	quota_plan(&plan_rows,
			   "SELECT (SELECT pg_catalog.count(*) FROM quota.movement), "
			   "       (SELECT pg_catalog.count(*) FROM quota.staff)",
			   0, NULL);
	/* the latest snapshot: rows committed while we waited for the locks count */
	if (SPI_execute_snapshot(plan_rows, NULL, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, false, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "quota.drop_guard: counting the books failed");
	movements = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	staff = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");

	if (movements > 0 || staff > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension quota holds establishment books and is not dropped"),
				 errdetail("The ledger (quota.movement) has " INT64_FORMAT " rows and the roster (quota.staff) " INT64_FORMAT "; DROP EXTENSION would delete them and every account (编制台账与实名制名册).",
						   movements, staff),
				 errhint("Take a pg_dump first. To drop the books deliberately, call SELECT quota.allow_drop(); and DROP EXTENSION quota; in one transaction.")));
	PG_RETURN_NULL();
}
