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

#include "compat.h"
#include "quota.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "quota",.version = "0.1");
#else
PG_MODULE_MAGIC;
#endif
