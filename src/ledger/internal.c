/*-------------------------------------------------------------------------
 *
 * internal.c
 *	  quota.internal_movement(): the one door through which the extension
 *	  writes ledger rows of its own (a talent draw and its return, the
 *	  return of an expired loan's post, a 退一收一 retire, the moves of a
 *	  merge).  Such rows execute an approved rule and are exempt from the
 *	  issuer-authority check; every other check still applies.  EXECUTE is
 *	  revoked from PUBLIC: only the extension's own functions call it.
 *
 * IDENTIFICATION
 *	  src/ledger/internal.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "ledger/ledger.h"

static SPIPlanPtr plan_insert = NULL;

PG_FUNCTION_INFO_V1(quota_internal_movement);
Datum
quota_internal_movement(PG_FUNCTION_ARGS)
{
	Oid			argtypes[12] = {TEXTOID, TEXTOID, INT4OID, INT8OID, INT8OID, INT8OID,
	INT8OID, TEXTOID, DATEOID, DATEOID, INT8OID, TEXTOID};
	Datum		values[12];
	char		nulls[12];
	int			i;
	bool		isnull;
	int64		id = 0;
	bool		excess = PG_NARGS() > 12 && !PG_ARGISNULL(12) && PG_GETARG_BOOL(12);

	for (i = 0; i < 12; i++)
	{
		nulls[i] = PG_ARGISNULL(i) ? 'n' : ' ';
		values[i] = PG_ARGISNULL(i) ? (Datum) 0 : PG_GETARG_DATUM(i);
	}
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(7))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kind, category, amount and doc_no are required")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_plan(&plan_insert,
			   "INSERT INTO quota.movement (kind, category, amount, from_org, from_pool, "
			   "to_org, to_pool, doc_no, effective_on, expires_on, loan_id, note) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, CURRENT_DATE), $10, $11, $12) "
			   "RETURNING id",
			   12, argtypes);
	quota_internal_depth++;
	if (excess)
		quota_allow_excess++;
	PG_TRY();
	{
		quota_exec(plan_insert, values, nulls, false, 0);
		if (SPI_processed == 1)
			id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
											 SPI_tuptable->tupdesc, 1, &isnull));
	}
	PG_FINALLY();
	{
		quota_internal_depth--;
		if (excess)
			quota_allow_excess--;
	}
	PG_END_TRY();
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	PG_RETURN_INT64(id);
}
