/*-------------------------------------------------------------------------
 *
 * residue.c
 *	  quota.merge_residue(orgs): what still refers to orgs that a merge is
 *	  closing, counted with the latest snapshot (as ri_triggers.c does for
 *	  RI checks under REPEATABLE READ).  A merge running on an older
 *	  transaction snapshot cannot see an entry that committed after it; if
 *	  anything is left, the merge raises 40001 and is retried.
 *
 * IDENTIFICATION
 *	  src/reform/residue.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/snapmgr.h"

#include "ledger/ledger.h"

static SPIPlanPtr plan_residue = NULL;

PG_FUNCTION_INFO_V1(quota_merge_residue);
Datum
quota_merge_residue(PG_FUNCTION_ARGS)
{
	Oid			argtypes[1] = {INT8ARRAYOID};
	Datum		values[1];
	bool		isnull;
	int64		n = 0;

	values[0] = PG_GETARG_DATUM(0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_plan(&plan_residue,
			   "SELECT (SELECT pg_catalog.count(*) FROM quota.staff "
			   "         WHERE org_id OPERATOR(pg_catalog.=) ANY ($1) AND left_on IS NULL) "
			   "     OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM quota.loan "
			   "         WHERE org_id OPERATOR(pg_catalog.=) ANY ($1) AND outstanding OPERATOR(pg_catalog.>) 0) "
			   "     OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM quota.duty "
			   "         WHERE org_id OPERATOR(pg_catalog.=) ANY ($1)) "
			   "     OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM quota.internal_unit "
			   "         WHERE org_id OPERATOR(pg_catalog.=) ANY ($1)) "
			   "     OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM quota.org_account "
			   "         WHERE org_id OPERATOR(pg_catalog.=) ANY ($1) AND (approved OPERATOR(pg_catalog.<>) 0 "
			   "         OR borrowed OPERATOR(pg_catalog.<>) 0 OR occupied OPERATOR(pg_catalog.<>) 0 "
			   "         OR reserved OPERATOR(pg_catalog.<>) 0))",
			   1, argtypes);
	/* latest snapshot; read_only = false bumps the command id, so our own rows count */
	if (SPI_execute_snapshot(plan_residue, values, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, false, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed");
	if (SPI_processed == 1)
		n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	PG_RETURN_INT64(n);
}
