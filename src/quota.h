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

#endif							/* QUOTA_H */
