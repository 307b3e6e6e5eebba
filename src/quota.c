/*-------------------------------------------------------------------------
 *
 * quota.c
 *	  Module magic and initialisation of the quota extension.
 *
 * IDENTIFICATION
 *	  src/quota.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/rls.h"

#include "compat.h"
#include "quota.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "quota",.version = "0.1");
#else
PG_MODULE_MAGIC;
#endif

/*
 * quota.restoring(): true while a dump made by pg_dump is being restored --
 * a superuser session with check_function_bodies and row_security both off,
 * as every pg_dump script (plain, or replayed by pg_restore) sets them and no
 * ordinary session does.  The dump holds every table of quota, the internal
 * accounts included, exactly as they were, so every trigger that checks or
 * applies rows has WHEN (NOT quota.restoring()): the rows come in as they
 * are -- their rules were checked when they were first written -- instead
 * of being checked and applied a second time.  quota.verify() proves the
 * restored books consistent.  Only a superuser gets here, and a superuser
 * can already disable triggers; the README lists it with the other bypasses.
 */
PG_FUNCTION_INFO_V1(quota_restoring_sql);
Datum
quota_restoring_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!check_function_bodies && !row_security &&
				   superuser_arg(GetSessionUserId()));
}
