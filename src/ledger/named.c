/*-------------------------------------------------------------------------
 *
 * named.c
 *	  Does the ledger name an org, a pool or a category?  Counted with the
 *	  latest snapshot.
 *
 * The ledger's foreign keys are deferred (the movement trigger reports an
 * unknown account or category by its rule, at the statement), and the
 * trigger holds every org, pool and category a movement names FOR KEY SHARE
 * until it commits.  A DELETE of that org (pool, category) waits for it;
 * under READ COMMITTED the guard's next query then sees the movement, under
 * REPEATABLE READ its snapshot does not, and only the deferred key would
 * object -- at COMMIT.  So the guards of quota.org, quota.pool and
 * quota.category ask here, with the latest snapshot, as a foreign key's own
 * check does, and refuse at the statement.
 *
 * IDENTIFICATION
 *	  src/ledger/named.c
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

static SPIPlanPtr plan_org = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_category = NULL;

PG_FUNCTION_INFO_V1(quota_movement_names);
Datum
quota_movement_names(PG_FUNCTION_ARGS)
{
	char	   *what = text_to_cstring(PG_GETARG_TEXT_PP(0));
	text	   *key = PG_GETARG_TEXT_PP(1);
	Oid			argtypes[1];
	Datum		values[1];
	SPIPlanPtr	plan;
	bool		named;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (strcmp(what, "org") == 0)
	{
		argtypes[0] = INT8OID;
		values[0] = DirectFunctionCall1(int8in, CStringGetDatum(text_to_cstring(key)));
		plan = quota_plan(&plan_org,
						  "SELECT 1 FROM quota.movement WHERE from_org OPERATOR(pg_catalog.=) $1 "
						  "UNION ALL SELECT 1 FROM quota.movement WHERE to_org OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	else if (strcmp(what, "pool") == 0)
	{
		argtypes[0] = INT8OID;
		values[0] = DirectFunctionCall1(int8in, CStringGetDatum(text_to_cstring(key)));
		plan = quota_plan(&plan_pool,
						  "SELECT 1 FROM quota.movement WHERE from_pool OPERATOR(pg_catalog.=) $1 "
						  "UNION ALL SELECT 1 FROM quota.movement WHERE to_pool OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	else if (strcmp(what, "category") == 0)
	{
		argtypes[0] = TEXTOID;
		values[0] = PointerGetDatum(key);
		plan = quota_plan(&plan_category,
						  "SELECT 1 FROM quota.movement WHERE category OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quota.movement_names: \"%s\" is not org, pool or category", what)));
	/* latest snapshot; read_only = false bumps the command id, so our own rows count */
	if (SPI_execute_snapshot(plan, values, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, false, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed");
	named = (SPI_processed > 0);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	PG_RETURN_BOOL(named);
}
