/*-------------------------------------------------------------------------
 *
 * doccache.c
 *	  What the ledger trigger's authority check reads about a document,
 *	  cached per backend: for each approval a movement named, its issuer
 *	  kind, issuer division and date of issue with what that issuer kind may
 *	  authorize (quota.approval joined to quota.authority); for each
 *	  category whether its posts cross jurisdictions only under a central
 *	  issuer (quota.category.central_across).
 *
 *	  A transfer used to read them with two queries at every statement (the
 *	  approval joined to its authority, the category); they change a few
 *	  times in a database's life, and a used approval never changes
 *	  (quota.approval_fixed).  The cache is read with the latest snapshot and
 *	  kept until a relcache invalidation of quota.approval, quota.authority
 *	  or quota.category arrives: their statement trigger
 *	  quota.rules_data_changed() sends one for every change (of an approval:
 *	  every UPDATE, DELETE or TRUNCATE; a new approval changes nothing
 *	  cached, since only approvals found are cached).  PostgreSQL delivers
 *	  it to this backend at the next command of the writing transaction, to
 *	  every other backend after the commit, and undoes it locally on
 *	  rollback.
 *
 *	  The approval row itself is still locked FOR SHARE at every statement
 *	  (movement_rows.c), so an edit or a deletion of it waits for the
 *	  movement and then finds it used, as before; after that lock the
 *	  caller processes pending invalidations (AcceptInvalidationMessages),
 *	  because waiting for a row lock processes none: an edit committed while
 *	  the movement waited for it is seen here under READ COMMITTED (and
 *	  raises 40001 at the lock under REPEATABLE READ and SERIALIZABLE).
 *	  An invalidation that arrives while an entry is being read leaves the
 *	  cache marked stale.
 *
 * IDENTIFICATION
 *	  src/ledger/doccache.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "core/codes.h"
#include "ledger/movement.h"

typedef struct CachedAcross
{
	char		category[NAMEDATALEN];	/* hash key */
	bool		central_across;
} CachedAcross;

static QuotaWatchedCache doc_watch = {"quota document cache", {"approval", "authority", "category"}};
static HTAB *doc_approvals = NULL;	/* ApprovalInfo, keyed by doc_no */
static HTAB *doc_across = NULL;		/* CachedAcross */

static SPIPlanPtr plan_doc = NULL;
static SPIPlanPtr plan_doc_across = NULL;

/* an empty cache, current from now on (until an invalidation) */
static void
doc_reset(void)
{
	HASHCTL		ctl;

	quota_watch_reset(&doc_watch);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN * 4;
	ctl.entrysize = sizeof(ApprovalInfo);
	ctl.hcxt = doc_watch.cxt;
	doc_approvals = hash_create("quota cached approvals", 64, &ctl,
								HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(CachedAcross);
	ctl.hcxt = doc_watch.cxt;
	doc_across = hash_create("quota cached categories", 16, &ctl,
							 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	doc_watch.valid = true;
}

/*
 * The facts of approval key (doc_no, shorter than the key) into *a (its
 * issuer kind copied into cxt): from the cache, or read with the latest
 * snapshot and cached.  The caller has
 * locked the approval FOR SHARE (it exists) and processed the pending
 * invalidations; it is connected to SPI and runs as the extension owner.
 * False when the approval is not found after all.
 */
bool
mov_cached_approval(const char *key, ApprovalInfo *a, MemoryContext cxt)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	ApprovalInfo *e;
	bool		found;
	char	   *d;
	int			rc;

	if (!doc_watch.valid)
		doc_reset();
	e = hash_search(doc_approvals, key, HASH_FIND, NULL);
	if (e != NULL)
	{
		*a = *e;
		a->issuer_kind = MemoryContextStrdup(cxt, e->issuer_kind);
		return true;
	}

	quota_plan(&plan_doc,
			   "SELECT a.issuer_kind, a.issuer_division::pg_catalog.text, "
			   "au.central, au.may_authorize, a.issued_on "
			   "FROM quota.approval a JOIN quota.authority au "
			   "ON au.issuer_kind OPERATOR(pg_catalog.=) a.issuer_kind "
			   "WHERE a.doc_no OPERATOR(pg_catalog.=) $1",
			   1, argtypes);
	values[0] = CStringGetTextDatum(key);
	rc = SPI_execute_snapshot(plan_doc, values, NULL, GetLatestSnapshot(),
							  InvalidSnapshot, true, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading approval \"%s\" failed: %s", key, SPI_result_code_string(rc));
	if (SPI_processed != 1)
	{
		SPI_freetuptable(SPI_tuptable);
		return false;
	}
	memset(a, 0, sizeof(*a));
	strlcpy(a->doc_no, key, sizeof(a->doc_no));
	a->issuer_kind = MemoryContextStrdup(cxt, spi_text(0, 1));
	d = spi_text(0, 2);
	a->has_division = (d != NULL);
	if (d != NULL)
	{
		qc_error	err;

		if (!qc_division_parse(d, strlen(d), &a->division, &err))
			elog(ERROR, "bad issuer division of \"%s\"", key);
	}
	a->central = strcmp(spi_text(0, 3), "t") == 0;
	a->may_authorize = strcmp(spi_text(0, 4), "t") == 0;
	{
		bool		isnull;
		Datum		v = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5, &isnull);

		a->has_issued_on = !isnull;
		a->issued_on = isnull ? 0 : DatumGetDateADT(v);
	}
	SPI_freetuptable(SPI_tuptable);
	a->missing = false;

	/* an invalidation that came in while reading: use what was read, keep nothing */
	if (doc_watch.valid && !doc_watch.reset_seen)
	{
		e = hash_search(doc_approvals, key, HASH_ENTER, &found);
		*e = *a;
		e->issuer_kind = MemoryContextStrdup(doc_watch.cxt, a->issuer_kind);
	}
	return true;
}

/*
 * Do posts of this category cross jurisdictions only with a central issuer
 * (quota.category.central_across)?  Read through to_jsonb so that the
 * library still runs under the frozen 0.1 script, whose category table has
 * no such column (there the 0.1 rule holds: admin and politico_legal).  An
 * unknown category: false.  The caller processed the pending invalidations
 * (its statement locked the category FOR KEY SHARE first).
 */
bool
mov_cached_central_across(const char *category)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	CachedAcross *e;
	bool		across;
	int			rc;

	if (strlen(category) >= NAMEDATALEN)
		return false;
	if (!doc_watch.valid)
		doc_reset();
	e = hash_search(doc_across, category, HASH_FIND, NULL);
	if (e != NULL)
		return e->central_across;
	quota_plan(&plan_doc_across,
			   "SELECT COALESCE((pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.->>) 'central_across')::pg_catalog.bool, "
			   "c.code OPERATOR(pg_catalog.=) ANY ('{admin,politico_legal}'::pg_catalog.text[])) "
			   "FROM quota.category c WHERE c.code OPERATOR(pg_catalog.=) $1",
			   1, argtypes);
	values[0] = CStringGetTextDatum(category);
	rc = SPI_execute_snapshot(plan_doc_across, values, NULL, GetLatestSnapshot(),
							  InvalidSnapshot, true, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading category \"%s\" failed: %s", category, SPI_result_code_string(rc));
	across = (SPI_processed == 1 && strcmp(spi_text(0, 1), "t") == 0);
	SPI_freetuptable(SPI_tuptable);
	if (doc_watch.valid && !doc_watch.reset_seen)
	{
		bool		found;

		e = hash_search(doc_across, category, HASH_ENTER, &found);
		e->central_across = across;
	}
	return across;
}
