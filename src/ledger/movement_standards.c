/*-------------------------------------------------------------------------
 *
 * movement_standards.c
 *	  The last step of the ledger trigger: the posts standard (编制标准) of
 *	  every org whose approved posts of a category grew.  An enforce standard
 *	  refuses the statement (quota_standard_exceeded), a warn standard warns.
 *
 *	  The standard is computed below the ledger, in C: one kept query reads
 *	  the org's standard, its terms and the current value of each term's
 *	  metric (approved_posts derived from the accounts, any other metric the
 *	  latest quota.org_metric row not after today), and the pure C core
 *	  (src/core/standard.c) sums, rounds and clamps -- the arithmetic of
 *	  quota.standard_eval and quota.standard_status, without crossing back
 *	  into SQL functions.
 *
 * IDENTIFICATION
 *	  src/ledger/movement_standards.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "core/standard.h"
#include "ledger/movement.h"

static SPIPlanPtr plan_standard = NULL;

/*
 * One row per term of the org's posts standard for the category (one row
 * with a NULL metric when the standard has no term, none without a
 * standard): the standard, the term, the metric's current value, and the
 * org's approved posts of the category (as the accounts now hold them).
 */
#define STANDARD_QUERY \
	"SELECT s.code, s.name, s.mode, s.rounding, s.min_value, s.max_value, " \
	"t.metric, mv.v, t.band_from::pg_catalog.float8, t.band_to::pg_catalog.float8, " \
	"t.per_post::pg_catalog.float8, t.low_factor::pg_catalog.float8, t.high_factor::pg_catalog.float8, " \
	"t.fixed_low::pg_catalog.float8, t.fixed_high::pg_catalog.float8, " \
	"(SELECT COALESCE(pg_catalog.sum(a.approved), 0)::pg_catalog.int8 FROM quota.org_account a " \
	" WHERE a.org_id OPERATOR(pg_catalog.=) o.id AND a.category OPERATOR(pg_catalog.=) s.category) " \
	"FROM quota.org o " \
	"JOIN quota.standard s ON s.sector OPERATOR(pg_catalog.=) o.sector " \
	" AND s.target OPERATOR(pg_catalog.=) 'posts' AND s.category OPERATOR(pg_catalog.=) $2 " \
	" AND s.mode OPERATOR(pg_catalog.<>) 'report' " \
	"LEFT JOIN quota.standard_term t ON t.standard OPERATOR(pg_catalog.=) s.code " \
	"LEFT JOIN LATERAL (SELECT (CASE WHEN t.metric OPERATOR(pg_catalog.=) 'approved_posts' THEN " \
	"  (SELECT COALESCE(pg_catalog.sum(a.approved), 0)::pg_catalog.numeric FROM quota.org_account a " \
	"    WHERE a.org_id OPERATOR(pg_catalog.=) o.id AND a.category OPERATOR(pg_catalog.=) s.category " \
	"      AND a.category OPERATOR(pg_catalog.<>) 'filed') " \
	" ELSE (SELECT m.value FROM quota.org_metric m WHERE m.org_id OPERATOR(pg_catalog.=) o.id " \
	"   AND m.metric OPERATOR(pg_catalog.=) t.metric AND m.as_of OPERATOR(pg_catalog.<=) CURRENT_DATE " \
	"   ORDER BY m.as_of DESC LIMIT 1) END)::pg_catalog.float8 AS v) mv ON true " \
	"WHERE o.id OPERATOR(pg_catalog.=) $1"

/* an int4 column; *present is false for NULL */
static long
spi_int4(int row, int attno, bool *present)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  attno, &isnull);

	*present = !isnull;
	return isnull ? 0 : (long) DatumGetInt32(d);
}

static double
spi_float8(int row, int attno, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  attno, isnull);

	return *isnull ? 0 : DatumGetFloat8(d);
}

/*
 * Check the posts standard of org for category against its approved posts:
 * the detail of an enforce breach, or NULL (a warn breach warns).
 */
static char *
check_org_standard(int64 org, const char *category)
{
	Oid			argtypes[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	qc_term    *terms;
	int			nterms = 0;
	uint64		i;
	bool		isnull;
	bool		has_min,
				has_max;
	long		min_value,
				max_value,
				lo,
				hi;
	int64		approved;
	qc_rounding rounding;
	char	   *code,
			   *name,
			   *mode;

	quota_plan(&plan_standard, STANDARD_QUERY, 2, argtypes);
	values[0] = Int64GetDatum(org);
	values[1] = CStringGetTextDatum(category);
	quota_exec(plan_standard, values, NULL, false, 0);
	if (SPI_processed == 0)
		return NULL;			/* no enforce or warn standard */

	terms = palloc0(sizeof(qc_term) * SPI_processed);
	for (i = 0; i < SPI_processed; i++)
	{
		qc_term    *t = &terms[nterms];

		if (spi_text((int) i, 7) == NULL)
			continue;			/* a standard without terms */
		t->value = spi_float8((int) i, 8, &isnull);
		if (isnull)
			return NULL;		/* a metric without a current value: no range */
		t->band_from = spi_float8((int) i, 9, &isnull);
		t->band_to = spi_float8((int) i, 10, &isnull);
		t->has_band_to = !isnull;
		t->per_post = spi_float8((int) i, 11, &isnull);
		t->has_per_post = !isnull;
		t->low_factor = spi_float8((int) i, 12, &isnull);
		t->high_factor = spi_float8((int) i, 13, &isnull);
		t->fixed_low = spi_float8((int) i, 14, &isnull);
		t->fixed_high = spi_float8((int) i, 15, &isnull);
		nterms++;
	}
	if (nterms == 0)
		return NULL;			/* no term: no range */

	code = spi_text(0, 1);
	name = spi_text(0, 2);
	mode = spi_text(0, 3);
	if (!qc_rounding_parse(spi_text(0, 4), &rounding))
		elog(ERROR, "standard %s has an unknown rounding", code);
	min_value = spi_int4(0, 5, &has_min);
	max_value = spi_int4(0, 6, &has_max);
	approved = spi_int64(0, 16, &isnull);

	if (!qc_standard_range(terms, nterms, rounding, has_min, min_value,
						   has_max, max_value, &lo, &hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a standard term has per_post <= 0")));
	SPI_freetuptable(SPI_tuptable);
	if (approved <= hi)
		return NULL;
	if (strcmp(mode, "warn") == 0)
	{
		ereport(WARNING,
				(errmsg("org %lld is above its staffing standard for %s",
						(long long) org, category),
				 errdetail("编制标准 %s (%s): range %ld-%ld, approved %lld.",
						   code, name, lo, hi, (long long) approved)));
		return NULL;
	}
	return psprintf("编制标准 %s (%s): range %ld-%ld, approved would be %lld.",
					code, name, lo, hi, (long long) approved);
}

/*
 * Standards in enforce mode hold for every org whose approved posts grew
 * (quota_standard_exceeded); warn mode warns.  A cut is always allowed, and
 * so is a reform's write (allow_excess).
 */
void
mov_check_standards(ApplyState *st)
{
	HASH_SEQ_STATUS scan;
	OrgDelta   *d;

	if (st->allow_excess)
		return;
	hash_seq_init(&scan, st->org_deltas);
	while ((d = hash_seq_search(&scan)) != NULL)
	{
		char	   *detail;

		if (d->dapproved <= 0 || !mov_lookup_org(st, d->key.org_id)->has_standard)
			continue;
		detail = check_org_standard(d->key.org_id, d->key.category);
		if (detail != NULL)
		{
			hash_seq_term(&scan);
			quota_raise(QR_STANDARD_EXCEEDED, st->rel,
						psprintf("%s would exceed its staffing standard for %s posts",
								 quota_org_text(d->key.org_id, mov_lookup_org(st, d->key.org_id)->name),
								 d->key.category),
						detail, pstrdup("The standard is in enforce mode (编制标准)."));
		}
	}
}
