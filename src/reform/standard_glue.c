/*-------------------------------------------------------------------------
 *
 * standard_glue.c
 *	  SQL face of the standards arithmetic of the pure C core:
 *	  quota.standard_compute(values, band_from, band_to, per_post,
 *	  low_factor, high_factor, fixed_low, fixed_high, rounding, min, max)
 *	  → int4[] {low, high}, and its set-wise halves
 *	  quota.standard_term_bound and quota.standard_bounds.
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

/* element i of a float8[] argument, or NULL (absent) */
typedef struct FloatArray
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
} FloatArray;

static void
float_array(FunctionCallInfo fcinfo, int argno, FloatArray *out)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(argno);

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("standard terms must be one-dimensional arrays")));
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &out->values, &out->nulls, &out->n);
}

static bool
float_at(const FloatArray *a, int i, double *v)
{
	if (i >= a->n || a->nulls[i])
		return false;
	*v = DatumGetFloat8(a->values[i]);
	return true;
}

/* the rounding rule of argument argno (NULL: half_up) */
static qc_rounding
rounding_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *rounding;

	if (PG_ARGISNULL(argno))
		return QC_ROUND_HALF_UP;
	rounding = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (strcmp(rounding, "floor") == 0)
		return QC_ROUND_FLOOR;
	if (strcmp(rounding, "ceil") == 0)
		return QC_ROUND_CEIL;
	if (strcmp(rounding, "half_up") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown rounding \"%s\"", rounding),
				 errhint("Use half_up, floor or ceil.")));
	return QC_ROUND_HALF_UP;
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

PG_FUNCTION_INFO_V1(quota_standard_compute);
Datum
quota_standard_compute(PG_FUNCTION_ARGS)
{
	FloatArray	arr[8];
	qc_term    *terms;
	qc_rounding r = QC_ROUND_HALF_UP;
	long		lo,
				hi;
	int			i,
				n;

	for (i = 0; i < 8; i++)
	{
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
		float_array(fcinfo, i, &arr[i]);
	}
	r = rounding_arg(fcinfo, 8);

	n = arr[0].n;
	terms = palloc0(sizeof(qc_term) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		qc_term    *t = &terms[i];
		double		v;

		if (!float_at(&arr[0], i, &t->value))
			PG_RETURN_NULL();	/* no current value: no range */
		t->band_from = float_at(&arr[1], i, &v) ? v : 0;
		t->has_band_to = float_at(&arr[2], i, &t->band_to);
		t->has_per_post = float_at(&arr[3], i, &t->per_post);
		t->low_factor = float_at(&arr[4], i, &v) ? v : 0;
		t->high_factor = float_at(&arr[5], i, &v) ? v : 0;
		t->fixed_low = float_at(&arr[6], i, &v) ? v : 0;
		t->fixed_high = float_at(&arr[7], i, &v) ? v : 0;
	}
	if (!qc_standard_range(terms, n, r, !PG_ARGISNULL(9),
						   PG_ARGISNULL(9) ? 0 : PG_GETARG_INT32(9),
						   !PG_ARGISNULL(10),
						   PG_ARGISNULL(10) ? 0 : PG_GETARG_INT32(10), &lo, &hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a standard term has per_post <= 0")));
	PG_RETURN_ARRAYTYPE_P(range_array(lo, hi));
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
