/*-------------------------------------------------------------------------
 *
 * approval.c
 *	  Is an approval document used?  Counted with the latest snapshot.
 *
 * A movement takes FOR SHARE on the approval it names (the movement
 * trigger's approval lookup) and keeps it until it commits; an edit or a
 * deletion of the approval waits for it.  Under READ COMMITTED the editing
 * statement then sees the movement; under REPEATABLE READ its snapshot does
 * not, so the guard of quota.approval asks here, with the latest snapshot,
 * as the foreign-key checks do.
 *
 * IDENTIFICATION
 *	  src/ledger/approval.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "ledger/ledger.h"

static SPIPlanPtr plan_used = NULL;

PG_FUNCTION_INFO_V1(quota_approval_in_use);
Datum
quota_approval_in_use(PG_FUNCTION_ARGS)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	bool		isnull = true;
	Datum		d = (Datum) 0;
	text	   *result = NULL;

	values[0] = PG_GETARG_DATUM(0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_plan(&plan_used,
			   "SELECT CASE "
			   "WHEN EXISTS (SELECT 1 FROM quota.movement WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'the ledger (quota.movement)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.staff WHERE entry_doc OPERATOR(pg_catalog.=) $1) "
			   "THEN 'the roster (quota.staff)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.staff_event WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'the roster history (quota.staff_event)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.hiring WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a hiring approval (quota.hiring)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.leadership WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a leadership approval (quota.leadership)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.cap WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a control number (quota.cap)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.internal_unit WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'an internal unit (quota.internal_unit)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.standard WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a standard (quota.standard)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.staff WHERE change_doc OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a roster change (quota.staff.change_doc)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.evaluation WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'an evaluation (quota.evaluation)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.correction WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a correction (quota.correction)' "
			   "WHEN EXISTS (SELECT 1 FROM quota.staff_correction WHERE doc_no OPERATOR(pg_catalog.=) $1) "
			   "THEN 'a roster correction (quota.staff_correction)' "
			   "END",
			   1, argtypes);
	/* latest snapshot; read_only = false bumps the command id, so our own rows count */
	if (SPI_execute_snapshot(plan_used, values, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, false, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed");
	if (SPI_processed == 1)
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		result = (text *) SPI_datumTransfer(d, false, -1);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	if (result == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(result);
}
