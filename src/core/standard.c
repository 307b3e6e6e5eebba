/*-------------------------------------------------------------------------
 *
 * standard.c
 *	  Arithmetic of staffing standards (编制标准): bands, ratios, factors,
 *	  fixed ranges, one rounding of each end of the sum, min/max clamps.
 *
 *	  Inputs are decimals (numeric in SQL) carried as doubles.  A sum such
 *	  as 540/13.5 or 450*1.5 may land a hair off the exact decimal; rounding
 *	  first snaps to 1e-9 so that exact halves and integers round as the
 *	  decimal arithmetic of the standard intends.
 *
 * IDENTIFICATION
 *	  src/core/standard.c
 *
 *-------------------------------------------------------------------------
 */
#include "standard.h"

#include <math.h>
#include <string.h>

#define QC_SNAP 1e-9

/* beyond this a double is no longer an exact whole number of posts anyway */
#define QC_ROUND_LIMIT 1e15

int
qc_rounding_parse(const char *name, qc_rounding *r)
{
	if (strcmp(name, "half_up") == 0)
		*r = QC_ROUND_HALF_UP;
	else if (strcmp(name, "floor") == 0)
		*r = QC_ROUND_FLOOR;
	else if (strcmp(name, "ceil") == 0)
		*r = QC_ROUND_CEIL;
	else
		return 0;
	return 1;
}

long
qc_round(double x, qc_rounding r)
{
	double		snapped;

	/* keep the conversion to long defined: saturate, and NaN counts as 0 */
	if (x != x)
		x = 0;
	if (x > QC_ROUND_LIMIT)
		x = QC_ROUND_LIMIT;
	if (x < -QC_ROUND_LIMIT)
		x = -QC_ROUND_LIMIT;
	snapped = floor(x / QC_SNAP + 0.5) * QC_SNAP;

	switch (r)
	{
		case QC_ROUND_FLOOR:
			return (long) floor(snapped + QC_SNAP / 2);
		case QC_ROUND_CEIL:
			return (long) ceil(snapped - QC_SNAP / 2);
		case QC_ROUND_HALF_UP:
		default:
			return (long) floor(snapped + 0.5 + QC_SNAP / 2);
	}
}

int
qc_term_applies(const qc_term *t)
{
	if (t->value < t->band_from)
		return 0;
	if (t->has_band_to && !(t->value < t->band_to))
		return 0;
	return 1;
}

int
qc_term_bounds(const qc_term *t, double *lo, double *hi)
{
	if (t->has_per_post)
	{
		if (!(t->per_post > 0))
			return 0;
		*lo = t->fixed_low + t->value / t->per_post;
		*hi = t->fixed_high + t->value / t->per_post;
	}
	else
	{
		*lo = t->fixed_low + t->value * t->low_factor;
		*hi = t->fixed_high + t->value * t->high_factor;
	}
	return 1;
}

void
qc_standard_finish(double sum_lo, double sum_hi, qc_rounding r,
				   int has_min, long min_value, int has_max, long max_value,
				   long *lo, long *hi)
{
	long		a = qc_round(sum_lo, r);
	long		b = qc_round(sum_hi, r);

	if (has_min)
	{
		if (a < min_value)
			a = min_value;
		if (b < min_value)
			b = min_value;
	}
	if (has_max)
	{
		if (a > max_value)
			a = max_value;
		if (b > max_value)
			b = max_value;
	}
	*lo = a;
	*hi = b;
}

int
qc_standard_range(const qc_term *terms, int nterms, qc_rounding r,
				  int has_min, long min_value, int has_max, long max_value,
				  long *lo, long *hi)
{
	double		sum_lo = 0;
	double		sum_hi = 0;
	int			i;

	for (i = 0; i < nterms; i++)
	{
		double		tl,
					th;

		if (!qc_term_applies(&terms[i]))
			continue;
		if (!qc_term_bounds(&terms[i], &tl, &th))
			return 0;
		sum_lo += tl;
		sum_hi += th;
	}
	qc_standard_finish(sum_lo, sum_hi, r, has_min, min_value, has_max,
					   max_value, lo, hi);
	return 1;
}
