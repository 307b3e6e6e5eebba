/*-------------------------------------------------------------------------
 *
 * references.c
 *	  What the roster names is not deleted: the referenced side of the
 *	  set-wise reference checks that replace quota.staff's row-level foreign
 *	  keys (those kept one after-trigger event per written row, so a COPY's
 *	  memory grew with its size).
 *
 *	  The roster's statement triggers lock every org and category a
 *	  statement names FOR KEY SHARE.  A DELETE of the org or category locks
 *	  the row before its BEFORE trigger runs, so it waits for such a writer;
 *	  this trigger then looks for roster rows naming it with the latest
 *	  snapshot (as ri_triggers.c does under REPEATABLE READ: a transaction
 *	  snapshot taken before the writer committed would not see its rows) and
 *	  refuses with 55000.  The other way round, a writer that waited for a
 *	  committed deletion finds the row gone and refuses the statement with
 *	  the rule (READ COMMITTED) or gets 40001 (snapshot isolation).
 *
 * IDENTIFICATION
 *	  src/roster/references.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "ledger/ledger.h"

static SPIPlanPtr plan_org = NULL;
static SPIPlanPtr plan_category = NULL;
static SPIPlanPtr plan_rank = NULL;

typedef enum RosterKey
{
	RK_ORG,
	RK_CATEGORY,
	RK_RANK
} RosterKey;

/*
 * quota.roster_kept(what) BEFORE DELETE (or UPDATE of the key) FOR EACH ROW
 * on quota.org ('org'), quota.category ('category') and quota.rank ('rank').
 */
PG_FUNCTION_INFO_V1(quota_roster_kept);
Datum
quota_roster_kept(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	RosterKey	what;
	const char *keycol;
	Datum		key;
	bool		isnull;
	Datum		values[1];
	Oid			argtypes[1];
	SPIPlanPtr	plan;
	QuotaOwnerContext owner;
	bool		named;

	HeapTuple	result;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) || TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)) ||
		trigdata->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_roster_kept must be fired BEFORE DELETE or UPDATE FOR EACH ROW with one argument")));
	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	if (strcmp(trigdata->tg_trigger->tgargs[0], "org") == 0)
		what = RK_ORG, keycol = "id";
	else if (strcmp(trigdata->tg_trigger->tgargs[0], "category") == 0)
		what = RK_CATEGORY, keycol = "code";
	else if (strcmp(trigdata->tg_trigger->tgargs[0], "rank") == 0)
		what = RK_RANK, keycol = "code";
	else
		elog(ERROR, "quota_roster_kept: unknown argument \"%s\"", trigdata->tg_trigger->tgargs[0]);
	result = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;

	key = heap_getattr(trigdata->tg_trigtuple, SPI_fnumber(desc, keycol), desc, &isnull);
	if (isnull)
		return PointerGetDatum(result);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		bool		newnull;
		Datum		newkey = heap_getattr(trigdata->tg_newtuple, SPI_fnumber(desc, keycol), desc, &newnull);
		Form_pg_attribute att = TupleDescAttr(desc, SPI_fnumber(desc, keycol) - 1);

		/* an update that keeps the key changes nothing the roster names */
		if (!newnull && datumIsEqual(key, newkey, att->attbyval, att->attlen))
			return PointerGetDatum(result);
	}
	values[0] = key;

	quota_become_owner(rel, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (what == RK_ORG)
	{
		argtypes[0] = INT8OID;
		plan = quota_plan(&plan_org,
						  "SELECT 1 FROM quota.staff WHERE org_id OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	else if (what == RK_CATEGORY)
	{
		argtypes[0] = TEXTOID;
		plan = quota_plan(&plan_category,
						  "SELECT 1 FROM quota.staff WHERE category OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	else
	{
		argtypes[0] = TEXTOID;
		plan = quota_plan(&plan_rank,
						  "SELECT 1 FROM quota.staff WHERE post_rank OPERATOR(pg_catalog.=) $1 LIMIT 1",
						  1, argtypes);
	}
	/* latest snapshot; read_only = false bumps the command id, so our own rows count */
	if (SPI_execute_snapshot(plan, values, NULL, GetLatestSnapshot(),
							 InvalidSnapshot, false, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_snapshot failed");
	named = SPI_processed > 0;
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);

	if (named && what == RK_ORG)
	{
		/* the row being deleted is the caller's to read: its name is no leak */
		bool		namenull;
		Datum		name = heap_getattr(trigdata->tg_trigtuple, SPI_fnumber(desc, "name"), desc, &namenull);

		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("%s is named by the roster and cannot be deleted",
						quota_org_text(DatumGetInt64(key), namenull ? NULL : TextDatumGetCString(name))),
				 errdetail("Rows of quota.staff (实名制) name it; an org that held people stays on record."),
				 errhint("Close it with quota.dissolve_org(org_id, doc_no)."),
				 errtable(rel)));
	}
	if (named && what == RK_CATEGORY)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("category %s is named by the roster and cannot be deleted",
						TextDatumGetCString(key)),
				 errdetail("Rows of quota.staff (实名制) hold posts of it (编制类别)."),
				 errhint("A category in use stays; add a new category instead."),
				 errtable(rel)));
	if (named)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("rank %s is named by the roster and cannot be deleted or renamed",
						TextDatumGetCString(key)),
				 errdetail("Leader posts of quota.staff (实名制) hold this rank (职级)."),
				 errhint("A rank in use stays; add a new rank instead."),
				 errtable(rel)));
	return PointerGetDatum(result);
}
