/*-------------------------------------------------------------------------
 *
 * refcache.c
 *	  The rules data every roster entry reads, cached per backend: which org
 *	  kinds may hold which category (quota.category_use), what each issuer
 *	  kind may authorize (quota.authority) and policy hiring_approval_required
 *	  (quota.policy).
 *
 *	  A hire used to read them with two joins and an initplan at every
 *	  statement (three scans of tables of a few dozen rows, each asking the
 *	  kernel for the table's size); they change a few times in a
 *	  database's life.  The cache is read with the latest snapshot and kept
 *	  until a relcache invalidation of one of the three tables arrives:
 *	  their statement trigger quota.rules_data_changed() sends one for every
 *	  INSERT, UPDATE, DELETE or TRUNCATE.  PostgreSQL delivers it to this
 *	  backend at the next command of the writing transaction, to every other
 *	  backend once the writer committed, at their next lock acquisition (a
 *	  statement on quota.staff takes one), and undoes it locally when the
 *	  writer rolls back -- so an entry never uses rules older than those its
 *	  statement could see.  An invalidation that arrives while the cache is
 *	  being read leaves it marked stale.
 *
 *	  Only rules data is cached.  The rows an entry names (orgs, categories,
 *	  approvals) are still read and locked FOR KEY SHARE at every statement
 *	  (src/roster/entries.c), so a concurrent deletion is waited for or
 *	  refused exactly as before.
 *
 * IDENTIFICATION
 *	  src/roster/refcache.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "ledger/ledger.h"
#include "roster/refcache.h"

typedef struct CategoryUse
{
	char	   *category;
	char	   *org_kind;
} CategoryUse;

typedef struct IssuerAuthority
{
	char	   *issuer_kind;
	bool		central;
	bool		may_authorize;
} IssuerAuthority;

static QuotaWatchedCache cache_watch = {"quota rules data cache", {"category_use", "authority", "policy"}};
static List *cache_uses = NIL;	/* CategoryUse * */
static List *cache_authorities = NIL;	/* IssuerAuthority * */
static bool cache_required = false;

static SPIPlanPtr plan_uses = NULL;
static SPIPlanPtr plan_authorities = NULL;
static SPIPlanPtr plan_required = NULL;

static char *
cached_text(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

static bool
cached_bool(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* run a kept query with the latest snapshot (SPI connected) */
static void
latest(SPIPlanPtr plan)
{
	if (SPI_execute_snapshot(plan, NULL, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed");
}

/*
 * Make the cache current.  The caller is connected to SPI and runs as the
 * extension owner (the roster triggers do).
 */
void
quota_refcache_load(void)
{
	uint64		i;
	MemoryContext old;

	if (cache_watch.valid)
		return;
	cache_uses = NIL;
	cache_authorities = NIL;
	cache_required = false;
	quota_watch_reset(&cache_watch);

	latest(quota_plan(&plan_uses, "SELECT u.category, u.org_kind FROM quota.category_use u", 0, NULL));
	old = MemoryContextSwitchTo(cache_watch.cxt);
	for (i = 0; i < SPI_processed; i++)
	{
		CategoryUse *u = palloc(sizeof(CategoryUse));

		u->category = cached_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		u->org_kind = cached_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		cache_uses = lappend(cache_uses, u);
	}
	MemoryContextSwitchTo(old);

	latest(quota_plan(&plan_authorities,
					  "SELECT au.issuer_kind, au.central, au.may_authorize FROM quota.authority au", 0, NULL));
	old = MemoryContextSwitchTo(cache_watch.cxt);
	for (i = 0; i < SPI_processed; i++)
	{
		IssuerAuthority *a = palloc(sizeof(IssuerAuthority));

		a->issuer_kind = cached_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		a->central = cached_bool(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		a->may_authorize = cached_bool(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3);
		cache_authorities = lappend(cache_authorities, a);
	}
	MemoryContextSwitchTo(old);

	latest(quota_plan(&plan_required,
					  "SELECT p.value::pg_catalog.bool FROM quota.policy p "
					  " WHERE p.name OPERATOR(pg_catalog.=) 'hiring_approval_required'", 0, NULL));
	cache_required = SPI_processed > 0 && cached_bool(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

	/* an invalidation that came in meanwhile: use what was read, read again next time */
	cache_watch.valid = !cache_watch.reset_seen;
}

/* may an org of this kind hold posts of this category? */
bool
quota_refcache_usable(const char *category, const char *org_kind)
{
	ListCell   *lc;

	foreach(lc, cache_uses)
	{
		CategoryUse *u = lfirst(lc);

		if (strcmp(u->category, category) == 0 && strcmp(u->org_kind, org_kind) == 0)
			return true;
	}
	return false;
}

/* what an issuer kind may authorize; false: no such issuer kind */
bool
quota_refcache_authority(const char *issuer_kind, bool *central, bool *may_authorize)
{
	ListCell   *lc;

	foreach(lc, cache_authorities)
	{
		IssuerAuthority *a = lfirst(lc);

		if (strcmp(a->issuer_kind, issuer_kind) == 0)
		{
			*central = a->central;
			*may_authorize = a->may_authorize;
			return true;
		}
	}
	return false;
}

/* policy hiring_approval_required */
bool
quota_refcache_hiring_required(void)
{
	return cache_required;
}

/*
 * quota.rules_data_changed(): AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
 * FOR EACH STATEMENT on quota.category_use, quota.authority and
 * quota.policy, and on quota.approval and quota.category for the ledger's
 * cache (src/ledger/doccache.c): every backend's cache of them is read anew.
 */
PG_FUNCTION_INFO_V1(quota_rules_data_changed);
Datum
quota_rules_data_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_rules_data_changed must be fired FOR EACH STATEMENT")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
