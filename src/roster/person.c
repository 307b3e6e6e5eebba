/*-------------------------------------------------------------------------
 *
 * person.c
 *	  Resident id (公民身份号码, GB 11643) validation for the roster.
 *
 * IDENTIFICATION
 *	  src/roster/person.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "core/codes.h"

/*
 * quota.resident_id_ok(text) → boolean: true for a valid id; raises 22P02
 * with a detail naming what is wrong otherwise, so a CHECK constraint
 * built on it reports a clear error.
 */
PG_FUNCTION_INFO_V1(quota_resident_id_ok);
Datum
quota_resident_id_ok(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *s = text_to_cstring(t);
	qc_error	err;
	const char *detail;

	/*
	 * Stored as given: surrounding spaces would make one person look like
	 * two to the one-post key, so they are refused here, not trimmed.
	 */
	if (*s != '\0' && (isspace((unsigned char) s[0]) || isspace((unsigned char) s[strlen(s) - 1])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid resident id: \"%s\"", s),
				 errdetail("A resident id has no surrounding spaces (公民身份号码 is stored as written).")));
	if (qc_resident_id_check(s, strlen(s), &err))
		PG_RETURN_BOOL(true);
	switch (err.kind)
	{
		case QC_ERR_LENGTH:
			detail = psprintf("A resident id has 18 characters, not %d.", err.length);
			break;
		case QC_ERR_DIGIT:
			detail = psprintf("Character %d is not a digit; the first 17 characters are digits.", err.position);
			break;
		case QC_ERR_DATE:
			detail = "Characters 7-14 are not a valid birth date (YYYYMMDD).";
			break;
		case QC_ERR_CHAR:
			detail = "The 18th character must be a digit or X.";
			break;
		case QC_ERR_CHECK:
			detail = psprintf("Character 18 should be the check character \"%c\", not \"%c\" (GB 11643).",
							  err.expected, err.found);
			break;
		default:
			detail = qc_error_text(&err);
			break;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid resident id: \"%s\"", s),
			 errdetail("%s", detail)));
	PG_RETURN_BOOL(false);
}
