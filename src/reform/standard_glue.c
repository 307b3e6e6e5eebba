/*-------------------------------------------------------------------------
 *
 * standard_glue.c
 *	  SQL face of the standards arithmetic of the pure C core, in two
 *	  set-wise halves: quota.standard_term_bound (one end of one applying
 *	  term) summed by the caller, and quota.standard_bounds (the sums
 *	  rounded once and clamped) → int4[] {low, high}.  quota.standard_status
 *	  and quota.standard_eval both compute through them.
 *
 * IDENTIFICATION
 *	  src/reform/standard_glue.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/standard.h"

/* the rounding rule of argument argno (NULL: half_up) */
static qc_rounding
rounding_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *rounding;
	qc_rounding r;

	if (PG_ARGISNULL(argno))
		return QC_ROUND_HALF_UP;
	rounding = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (!qc_rounding_parse(rounding, &r))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown rounding \"%s\"", rounding),
				 errhint("Use half_up, floor or ceil.")));
	return r;
}

/*
 * {lo, hi} as an int4[], each end saturated to the int4 range: the views
 * read standards for every org, and one huge metric must not make them fail
 * (a metric change never fails; it only changes what they show).
 */
static ArrayType *
range_array(long lo, long hi)
{
	Datum		out[2];

	lo = Max(Min(lo, (long) PG_INT32_MAX), (long) PG_INT32_MIN);
	hi = Max(Min(hi, (long) PG_INT32_MAX), (long) PG_INT32_MIN);
	out[0] = Int32GetDatum((int32) lo);
	out[1] = Int32GetDatum((int32) hi);
	return construct_array(out, 2, INT4OID, sizeof(int32), true, TYPALIGN_INT);
}

/*
 * quota.standard_term_bound(v, per_post, factor, fixed) → float8: one end of
 * one applying term's contribution (fixed + v/per_post, or fixed +
 * v*factor); NULL when v or fixed is NULL (no term).  With
 * quota.standard_bounds it computes a range set-wise: sum the two ends over
 * the applying terms, then round and clamp once.
 */
PG_FUNCTION_INFO_V1(quota_standard_term_bound);
Datum
quota_standard_term_bound(PG_FUNCTION_ARGS)
{
	qc_term		t;
	double		lo,
				hi;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	memset(&t, 0, sizeof(t));
	t.value = PG_GETARG_FLOAT8(0);
	t.has_per_post = !PG_ARGISNULL(1);
	t.per_post = t.has_per_post ? PG_GETARG_FLOAT8(1) : 0;
	t.low_factor = PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2);
	t.fixed_low = PG_GETARG_FLOAT8(3);
	if (!qc_term_bounds(&t, &lo, &hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a standard term has per_post <= 0")));
	PG_RETURN_FLOAT8(lo);
}

/*
 * quota.standard_bounds(sum_lo, sum_hi, rounding, min, max) → int4[] {low,
 * high}: the summed ends rounded once and clamped.
 */
PG_FUNCTION_INFO_V1(quota_standard_bounds);
Datum
quota_standard_bounds(PG_FUNCTION_ARGS)
{
	long		lo,
				hi;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	qc_standard_finish(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
					   rounding_arg(fcinfo, 2),
					   !PG_ARGISNULL(3), PG_ARGISNULL(3) ? 0 : PG_GETARG_INT32(3),
					   !PG_ARGISNULL(4), PG_ARGISNULL(4) ? 0 : PG_GETARG_INT32(4),
					   &lo, &hi);
	PG_RETURN_ARRAYTYPE_P(range_array(lo, hi));
}
