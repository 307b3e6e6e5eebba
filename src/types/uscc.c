/*-------------------------------------------------------------------------
 *
 * uscc.c
 *	  The quota.uscc type (统一社会信用代码, GB 32100-2015): I/O, comparison,
 *	  hashing and the accessors for its parts.
 *
 *	  A uscc is held as its 18 normalised (upper-case) characters.  Their
 *	  byte order is the sort order.
 *
 * IDENTIFICATION
 *	  src/types/uscc.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "compat.h"
#include "quota.h"
#include "core/codes.h"

static const char *
uscc_error_detail(const qc_error *err)
{
	switch (err->kind)
	{
		case QC_ERR_LENGTH:
			return psprintf("A unified social credit code has 18 characters, not %d.",
							err->length);
		case QC_ERR_CHAR:
			return psprintf("Character %d is not in the alphabet 0-9 A-H J-N P-R T U W-Y.",
							err->position);
		case QC_ERR_DIGIT:
			return psprintf("Characters 3-8 are the division code and must be digits; character %d is \"%c\".",
							err->position, err->found);
		case QC_ERR_CHECK:
			return psprintf("Character 18 should be the check character \"%c\", not \"%c\".",
							err->expected, err->found);
		default:
			return qc_error_text(err);
	}
}

PG_FUNCTION_INFO_V1(quota_uscc_in);
Datum
quota_uscc_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Uscc	   *result = palloc(sizeof(Uscc));
	qc_error	err;

	if (!qc_uscc_parse(str, strlen(str), result->code, &err))
		quota_ereturn(fcinfo->context,
					  errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					  errmsg("invalid input syntax for type %s: \"%s\"",
							 "quota.uscc", str),
					  errdetail("%s", uscc_error_detail(&err)));
	PG_RETURN_USCC_P(result);
}

PG_FUNCTION_INFO_V1(quota_uscc_out);
Datum
quota_uscc_out(PG_FUNCTION_ARGS)
{
	Uscc	   *u = PG_GETARG_USCC_P(0);

	PG_RETURN_CSTRING(pnstrdup(u->code, USCC_LEN));
}

/* binary input: the 18 characters, validated like text input */
PG_FUNCTION_INFO_V1(quota_uscc_recv);
Datum
quota_uscc_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *bytes = pq_getmsgbytes(buf, USCC_LEN);
	Uscc	   *result = palloc(sizeof(Uscc));
	qc_error	err;

	if (!qc_uscc_parse(bytes, USCC_LEN, result->code, &err) ||
		memcmp(bytes, result->code, USCC_LEN) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external value for type %s", "quota.uscc"),
				 errdetail("%s", uscc_error_detail(&err))));
	PG_RETURN_USCC_P(result);
}

PG_FUNCTION_INFO_V1(quota_uscc_send);
Datum
quota_uscc_send(PG_FUNCTION_ARGS)
{
	Uscc	   *u = PG_GETARG_USCC_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, u->code, USCC_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static inline int
uscc_cmp_internal(FunctionCallInfo fcinfo)
{
	return memcmp(PG_GETARG_USCC_P(0)->code, PG_GETARG_USCC_P(1)->code,
				  USCC_LEN);
}

#define USCC_CMP_FUNC(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(uscc_cmp_internal(fcinfo) op 0); \
}

USCC_CMP_FUNC(quota_uscc_eq, ==)
USCC_CMP_FUNC(quota_uscc_ne, !=)
USCC_CMP_FUNC(quota_uscc_lt, <)
USCC_CMP_FUNC(quota_uscc_le, <=)
USCC_CMP_FUNC(quota_uscc_gt, >)
USCC_CMP_FUNC(quota_uscc_ge, >=)

PG_FUNCTION_INFO_V1(quota_uscc_cmp);
Datum
quota_uscc_cmp(PG_FUNCTION_ARGS)
{
	int			c = uscc_cmp_internal(fcinfo);

	PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

PG_FUNCTION_INFO_V1(quota_uscc_hash);
Datum
quota_uscc_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_USCC_P(0)->code,
					USCC_LEN);
}

PG_FUNCTION_INFO_V1(quota_uscc_hash_extended);
Datum
quota_uscc_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_USCC_P(0)->code,
							 USCC_LEN, PG_GETARG_INT64(1));
}

/* positions 3-8 as a division, NULL when they are not a valid code */
PG_FUNCTION_INFO_V1(quota_uscc_division);
Datum
quota_uscc_division(PG_FUNCTION_ARGS)
{
	Uscc	   *u = PG_GETARG_USCC_P(0);
	int64		value;
	qc_error	err;

	if (!qc_division_parse(u->code + 2, 6, &value, &err))
		PG_RETURN_NULL();
	PG_RETURN_DIVISION(value);
}

/* positions 1-2: registration authority and organization type */
PG_FUNCTION_INFO_V1(quota_uscc_type);
Datum
quota_uscc_type(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text_with_len(PG_GETARG_USCC_P(0)->code, 2));
}

/* positions 9-17: the GB 11714 organization code and its check character */
PG_FUNCTION_INFO_V1(quota_uscc_org_code_ok);
Datum
quota_uscc_org_code_ok(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(qc_orgcode_ok(PG_GETARG_USCC_P(0)->code + 8));
}

/*
 * Why a credit code contradicts the division or kind of its org, or NULL.
 * C rather than SQL: quota.violations calls it for every org that has a code.
 */
PG_FUNCTION_INFO_V1(quota_org_code_mismatch);
Datum
quota_org_code_mismatch(PG_FUNCTION_ARGS)
{
	Uscc	   *u = PG_GETARG_USCC_P(0);
	int64		d = PG_GETARG_DIVISION(1);
	char	   *kind = text_to_cstring(PG_GETARG_TEXT_PP(2));
	char		code[USCC_LEN + 1];
	char		type[3];
	int64		registered;
	qc_error	err;
	bool		institution = strcmp(kind, "institution") == 0;

	memcpy(code, u->code, USCC_LEN);
	code[USCC_LEN] = '\0';
	memcpy(type, u->code, 2);
	type[2] = '\0';

	if (!qc_division_parse(u->code + 2, 6, &registered, &err))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("统一社会信用代码 %s embeds no valid division code.", code)));
	if (!qc_division_contains(registered, d) && !qc_division_contains(d, registered))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("统一社会信用代码 %s was registered at %s, outside the org's jurisdiction %s.",
												  code, quota_division_text(registered), quota_division_text(d))));
	if (institution && type[0] != '1')
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("统一社会信用代码 %s has type %s, not an organ or institution code (1x).",
												  code, type)));
	if (institution && strcmp(type, "12") != 0)
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("统一社会信用代码 %s has type %s; a 事业单位 is registered as 12.",
												  code, type)));
	if (!institution && strcmp(kind, "coordination_body") != 0 && type[0] != '1')
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("统一社会信用代码 %s has type %s; an organ is registered under 1x.",
												  code, type)));
	PG_RETURN_NULL();
}
