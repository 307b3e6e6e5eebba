/*-------------------------------------------------------------------------
 *
 * standard.h
 *	  Pure C core: the arithmetic of staffing standards (编制标准).  No
 *	  PostgreSQL headers; unit-tested in test_codes.c.
 *
 *	  A standard is a list of terms over an org's metric values.  A term
 *	  applies when band_from <= v < band_to (no band_to: no upper bound) and
 *	  contributes [fixed_low + v/per_post, fixed_high + v/per_post] when
 *	  per_post is set, else [fixed_low + v*low_factor, fixed_high +
 *	  v*high_factor].  The range is the sum over applying terms, each end
 *	  rounded once, then clamped into [min_value, max_value].
 *
 * IDENTIFICATION
 *	  src/core/standard.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_CORE_STANDARD_H
#define QUOTA_CORE_STANDARD_H

typedef enum qc_rounding
{
	QC_ROUND_HALF_UP = 0,
	QC_ROUND_FLOOR,
	QC_ROUND_CEIL
} qc_rounding;

typedef struct qc_term
{
	double		value;			/* the org's current value of the metric */
	double		band_from;
	int			has_band_to;
	double		band_to;
	int			has_per_post;
	double		per_post;		/* > 0 when set */
	double		low_factor;
	double		high_factor;
	double		fixed_low;
	double		fixed_high;
} qc_term;

/* The rule named half_up, floor or ceil; returns 0 for any other name. */
extern int	qc_rounding_parse(const char *name, qc_rounding *r);

/* Round x by rule r; sums of decimal fractions are rounded as decimals. */
extern long qc_round(double x, qc_rounding r);

/*
 * Compute the range of a standard.  Returns 1 and sets *lo, *hi; returns 0
 * when the input is unusable (a per_post term with per_post <= 0).
 */
extern int	qc_standard_range(const qc_term *terms, int nterms, qc_rounding r,
							  int has_min, long min_value, int has_max,
							  long max_value, long *lo, long *hi);

/* 1 when the term applies to its value */
extern int	qc_term_applies(const qc_term *t);

/*
 * The contribution [*lo, *hi] of one applying term (band not checked);
 * returns 0 when the term is unusable (per_post set and <= 0).
 */
extern int	qc_term_bounds(const qc_term *t, double *lo, double *hi);

/*
 * Round each end of a summed range once by r and clamp it into
 * [min_value, max_value] (each bound only when its has_ flag is set).
 */
extern void qc_standard_finish(double sum_lo, double sum_hi, qc_rounding r,
							   int has_min, long min_value, int has_max,
							   long max_value, long *lo, long *hi);

#endif							/* QUOTA_CORE_STANDARD_H */
