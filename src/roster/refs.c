/*-------------------------------------------------------------------------
 *
 * refs.c
 *	  The look-ups both roster triggers (entries.c, changes.c) make of the
 *	  categories and documents a statement names: one kept query per table,
 *	  locking the rows FOR KEY SHARE in key order, so that none is deleted or
 *	  re-keyed before the statement's transaction ends.  What an issuer kind
 *	  may authorize comes from the rules-data cache (refcache.c), which the
 *	  caller has loaded.
 *
 * IDENTIFICATION
 *	  src/roster/refs.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"

#include "quota.h"
#include "ledger/ledger.h"
#include "roster/refcache.h"
#include "roster/refs.h"

static SPIPlanPtr plan_categories = NULL;
static SPIPlanPtr plan_docs = NULL;

/* mark known every category of the hash that exists, locked */
void
roster_lock_categories(HTAB *categories)
{
	Oid			textarr[1] = {TEXTARRAYOID};
	Datum		values[1];
	HASH_SEQ_STATUS seq;
	List	   *keys = NIL;
	CategoryRef *c;
	uint64		i;

	hash_seq_init(&seq, categories);
	while ((c = hash_seq_search(&seq)) != NULL)
		keys = lappend(keys, c->code);
	if (keys == NIL)
		return;
	values[0] = quota_text_array(keys);
	quota_plan_generic(&plan_categories,
					   "SELECT c.code FROM quota.category c WHERE c.code OPERATOR(pg_catalog.=) ANY ($1) "
					   " ORDER BY c.code FOR KEY SHARE",
					   1, textarr);
	quota_exec(plan_categories, values, NULL, false, 0);
	for (i = 0; i < SPI_processed; i++)
	{
		c = roster_category_ref(categories, quota_result_text(i, 1), false);
		if (c)
			c->known = true;
	}
}

/*
 * mark known every document of the hash that exists and whose issuer kind
 * has an authority (one without is as unknown as a missing document), locked,
 * with its issuer's division and authority
 */
void
roster_lock_docs(HTAB *docs)
{
	Oid			textarr[1] = {TEXTARRAYOID};
	Datum		values[1];
	HASH_SEQ_STATUS seq;
	List	   *keys = NIL;
	DocRef	   *d;
	uint64		i;
	bool		isnull;

	hash_seq_init(&seq, docs);
	while ((d = hash_seq_search(&seq)) != NULL)
		keys = lappend(keys, d->doc_no);
	if (keys == NIL)
		return;
	values[0] = quota_text_array(keys);
	quota_plan_generic(&plan_docs,
					   "SELECT a.doc_no, a.issuer_kind, a.issuer_division FROM quota.approval a "
					   " WHERE a.doc_no OPERATOR(pg_catalog.=) ANY ($1) "
					   " ORDER BY a.doc_no FOR KEY SHARE",
					   1, textarr);
	quota_exec(plan_docs, values, NULL, false, 0);
	for (i = 0; i < SPI_processed; i++)
	{
		d = roster_doc_ref(docs, quota_result_text(i, 1), false);
		if (d == NULL || !quota_refcache_authority(quota_result_text(i, 2), &d->central, &d->may_authorize))
			continue;
		d->known = true;
		d->division = DatumGetDivision(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3, &isnull));
		d->has_division = !isnull;
	}
}
