/*-------------------------------------------------------------------------
 *
 * quota.h
 *	  Declarations shared by the PostgreSQL glue of quota.
 *
 * IDENTIFICATION
 *	  src/quota.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_H
#define QUOTA_H

#include "fmgr.h"

/* quota.division: a 12-digit code held in an int8 (pass by value) */
#define DatumGetDivision(x)		DatumGetInt64(x)
#define DivisionGetDatum(x)		Int64GetDatum(x)
#define PG_GETARG_DIVISION(n)	PG_GETARG_INT64(n)
#define PG_RETURN_DIVISION(x)	PG_RETURN_INT64(x)

/* a division code as palloc'd text (6, 9 or 12 digits), "?" if invalid */
extern char *quota_division_text(int64 code);

/* quota.uscc: 18 fixed bytes, pass by reference */
#define USCC_LEN 18
typedef struct Uscc
{
	char		code[USCC_LEN];
} Uscc;

#define DatumGetUsccP(x)		((Uscc *) DatumGetPointer(x))
#define PG_GETARG_USCC_P(n)		DatumGetUsccP(PG_GETARG_DATUM(n))
#define PG_RETURN_USCC_P(x)		PG_RETURN_POINTER(x)

/*
 * Rule errors for a role subject to jurisdiction scopes keep their SQLSTATE
 * and constraint name but not their figures (src/quota.c).
 */
#define QUOTA_REDACTED_MESSAGE	"the statement breaks rule %s"
#define QUOTA_REDACTED_DETAIL	"The figures are withheld: the check counts rows outside your jurisdiction scope (超出管辖范围的数据不予显示)."
#define QUOTA_REDACTED_HINT		"quota.org_status and quota.violations show the figures you may read."
#define QUOTA_REDACTED_ROW_DETAIL	"The values are withheld for a role subject to jurisdiction scopes (超出管辖范围的数据不予显示)."
extern bool quota_caller_scoped(void);

#endif							/* QUOTA_H */
