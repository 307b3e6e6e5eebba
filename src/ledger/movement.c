/*-------------------------------------------------------------------------
 *
 * movement.c
 *	  The ledger trigger: validates every row a statement inserted into
 *	  quota.movement and applies the statement's net effect to the balance
 *	  accounts, set-wise.
 *
 *	  One AFTER INSERT ... FOR EACH STATEMENT trigger with a transition table
 *	  sees every inserted row (a single INSERT, INSERT ... SELECT or COPY).
 *	  Phase 1 checks each row on its own (shape, authority, org status,
 *	  category, loan terms) with per-statement caches of orgs, pools,
 *	  approvals and loans.  Phase 2 sums the deltas per account and applies
 *	  them with one conditional UPDATE per account, in one global order --
 *	  loans, pools, org accounts, jurisdiction accounts, each ascending --
 *	  so concurrent statements never deadlock.  Each UPDATE is the
 *	  serialization point: under READ COMMITTED it re-checks the latest row
 *	  version (EvalPlanQual), under REPEATABLE READ and SERIALIZABLE a
 *	  concurrent change raises 40001.  A failed condition raises the rule's
 *	  error and the whole statement is undone.
 *
 * IDENTIFICATION
 *	  src/ledger/movement.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "ledger/movement.h"

/* ---------- reading the transition table ---------- */

typedef struct MovAttnums
{
	int			id,
				kind,
				category,
				amount,
				from_org,
				from_pool,
				to_org,
				to_pool,
				doc_no,
				effective_on,
				expires_on,
				loan_id,
				recorded_at,
				recorded_by;
} MovAttnums;

static int64
slot_int64(TupleTableSlot *slot, int attno)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attno, &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static void
read_row(TupleTableSlot *slot, const MovAttnums *a, MovRow *r)
{
	bool		isnull;
	Datum		d;

	r->id = slot_int64(slot, a->id);
	r->kind_text = quota_slot_text(slot, a->kind);
	r->kind = mov_parse_kind(r->kind_text);
	r->category = quota_slot_text(slot, a->category);
	r->amount = DatumGetInt32(slot_getattr(slot, a->amount, &isnull));
	r->from_org = slot_int64(slot, a->from_org);
	r->from_pool = slot_int64(slot, a->from_pool);
	r->to_org = slot_int64(slot, a->to_org);
	r->to_pool = slot_int64(slot, a->to_pool);
	r->doc_no = quota_slot_text(slot, a->doc_no);
	r->effective_on = DatumGetDateADT(slot_getattr(slot, a->effective_on, &isnull));
	d = slot_getattr(slot, a->expires_on, &isnull);
	r->has_expires = !isnull;
	r->expires_on = isnull ? 0 : DatumGetDateADT(d);
	r->loan_id = slot_int64(slot, a->loan_id);
	r->recorded_at = DatumGetTimestampTz(slot_getattr(slot, a->recorded_at, &isnull));
	d = slot_getattr(slot, a->recorded_by, &isnull);
	r->recorded_by = isnull ? NULL : NameStr(*DatumGetName(d));
}

PG_FUNCTION_INFO_V1(quota_movement_apply);
Datum
quota_movement_apply(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Tuplestorestate *ts;
	TupleDesc	desc;
	TupleTableSlot *slot;
	MovAttnums	a;
	ApplyState	st;
	QuotaOwnerContext owner;
	MemoryContext work,
				rowmem,
				old;
	MovRow		row;
	bool		issues = false;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		trigdata->tg_newtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_movement_apply must be an AFTER INSERT statement trigger with a transition table")));

	ts = trigdata->tg_newtable;
	desc = RelationGetDescr(trigdata->tg_relation);

	work = AllocSetContextCreate(CurrentMemoryContext, "quota movement apply",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	memset(&st, 0, sizeof(st));
	st.work = work;
	st.violation.cxt = work;
	st.rel = trigdata->tg_relation;
	st.internal = quota_internal_depth > 0;
	st.allow_excess = quota_allow_excess > 0;
	st.today = GetSQLCurrentDate();
	st.recorded_at = GetCurrentTransactionStartTimestamp();
	st.recorded_by = GetUserNameFromId(GetOuterUserId(), false);
	st.orgs = quota_hash_create("quota orgs", sizeof(int64), sizeof(OrgInfo), false);
	st.pools = quota_hash_create("quota pools", sizeof(int64), sizeof(PoolInfo), false);
	st.loans = quota_hash_create("quota loans", sizeof(int64), sizeof(LoanInfo), false);
	st.approvals = quota_hash_create("quota approvals", NAMEDATALEN * 4, sizeof(ApprovalInfo), true);
	st.uses = quota_hash_create("quota category use", NAMEDATALEN * 2, NAMEDATALEN * 2 + sizeof(bool), true);
	st.pool_deltas = quota_hash_create("quota pool deltas", sizeof(int64), sizeof(PoolDelta), false);
	st.org_deltas = quota_hash_create("quota org deltas", sizeof(OrgKey), sizeof(OrgDelta), false);
	st.loan_deltas = quota_hash_create("quota loan deltas", sizeof(int64), sizeof(LoanDelta), false);
	st.jur_deltas = quota_hash_create("quota jurisdiction deltas", sizeof(JurKey), sizeof(JurDelta), false);

	a.id = quota_attnum(desc, "id", "quota.movement");
	a.kind = quota_attnum(desc, "kind", "quota.movement");
	a.category = quota_attnum(desc, "category", "quota.movement");
	a.amount = quota_attnum(desc, "amount", "quota.movement");
	a.from_org = quota_attnum(desc, "from_org", "quota.movement");
	a.from_pool = quota_attnum(desc, "from_pool", "quota.movement");
	a.to_org = quota_attnum(desc, "to_org", "quota.movement");
	a.to_pool = quota_attnum(desc, "to_pool", "quota.movement");
	a.doc_no = quota_attnum(desc, "doc_no", "quota.movement");
	a.effective_on = quota_attnum(desc, "effective_on", "quota.movement");
	a.expires_on = quota_attnum(desc, "expires_on", "quota.movement");
	a.loan_id = quota_attnum(desc, "loan_id", "quota.movement");
	a.recorded_at = quota_attnum(desc, "recorded_at", "quota.movement");
	a.recorded_by = quota_attnum(desc, "recorded_by", "quota.movement");

	quota_become_owner(st.rel, &owner);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rowmem = AllocSetContextCreate(work, "quota movement row", ALLOCSET_DEFAULT_SIZES);
	tuplestore_rescan(ts);
	while (tuplestore_gettupleslot(ts, true, false, slot))
	{
		MemoryContext spicxt = MemoryContextSwitchTo(rowmem);

		read_row(slot, &a, &row);
		issues |= (row.kind == MK_ISSUE);
		if (mov_check_shape(&st, &row) &&
			mov_check_authority(&st, &row) &&
			mov_check_org_active(&st, &row) &&
			mov_check_category(&st, &row) &&
			mov_check_loan_terms(&st, &row) &&
			st.violation.rule == QR_NONE)
			mov_accumulate(&st, &row);
		MemoryContextSwitchTo(spicxt);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}
	ExecDropSingleTupleTableSlot(slot);

	if (st.violation.rule != QR_NONE)
		quota_violation_raise(&st.violation, st.rel);

	/*
	 * A count of posts is an int4 everywhere.  An amount that would carry an
	 * account past 2^31 - 1 is the rule it breaks, not a numeric overflow:
	 * posts that arrive from outside (issue) exceed what any account may
	 * hold (quota_cap_exceeded); posts moved from a source were never there
	 * (conservation: no account holds more than its ancestors' total), so
	 * the source is short (quota_insufficient).
	 */
	PG_TRY();
	{
		mov_apply_loans(&st);
		mov_apply_pools(&st);
		mov_apply_orgs(&st);
		mov_apply_jurisdictions(&st);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(work);
		edata = CopyErrorData();
		if (edata->sqlerrcode != ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE)
			PG_RE_THROW();
		FlushErrorState();
		if (issues)
			quota_raise(QR_CAP_EXCEEDED, st.rel,
						pstrdup("the movement would carry an account past the largest number of posts"),
						psprintf("An account holds at most 2147483647 posts (%s).", edata->message),
						NULL);
		quota_raise(QR_INSUFFICIENT, st.rel,
					pstrdup("the source has fewer free posts than the movement takes"),
					psprintf("The amount is larger than any account holds (%s).", edata->message),
					NULL);
	}
	PG_END_TRY();
	mov_check_standards(&st);

	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	quota_restore_user(&owner);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return PointerGetDatum(NULL);
}

/* Ledger rows are never updated, deleted or truncated, by any role. */
PG_FUNCTION_INFO_V1(quota_ledger_immutable);
Datum
quota_ledger_immutable(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("quota_ledger_immutable must be called as a trigger")));
	quota_raise(QR_LEDGER_IMMUTABLE, trigdata->tg_relation,
				psprintf("%s is append-only", RelationGetRelationName(trigdata->tg_relation)),
				pstrdup(TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event) ?
						"TRUNCATE would erase the ledger (台账不可篡改)." :
						TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ?
						"A ledger row cannot be deleted (台账不可篡改)." :
						"A ledger row cannot be changed (台账不可篡改)."),
				pstrdup("Undo a mistake with a new movement."));
	PG_RETURN_NULL();
}
