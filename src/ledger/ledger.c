/*-------------------------------------------------------------------------
 *
 * ledger.c
 *	  The rules of DESIGN.md §8 (the one table of their names and reporting
 *	  order, also SQL's quota.rule and the raiser of PL/pgSQL's
 *	  quota.raise_rule), violation reporting, owner switching and plan
 *	  caching shared by the ledger and roster triggers.
 *
 * IDENTIFICATION
 *	  src/ledger/ledger.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/elog.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "quota.h"
#include "ledger/ledger.h"

int			quota_internal_depth = 0;
int			quota_allow_excess = 0;

/*
 * The rules of DESIGN.md §8, in their reporting order (the enum QuotaRule):
 * the one table of them.  C raises through quota_raise, PL/pgSQL through
 * quota.raise_rule (quota_raise_rule below); SQL reads it as the view
 * quota.rule.  Where each rule is decided (README "Layout" has the same map):
 *
 *	quota_ledger_immutable	  ledger/movement.c (quota_ledger_immutable)
 *	quota_movement_shape	  ledger/movement_checks.c (ledger rows);
 *							  ledger/authority.c (effective before issued);
 *							  ledger/triggers.sql (pool and jurisdiction
 *							  identity); roster/entries.c, changes.c
 *							  (future departures); roster/hiring.sql (its
 *							  dates); roster/functions.sql, reform/duty.sql,
 *							  reform/split.sql (persons not in the source)
 *	quota_authority			  ledger/authority.c: quota_issuer_covers decides
 *							  for every writer (movement rows; SQL callers via
 *							  quota.issuer_covers in quota.authority_check and
 *							  the entry trigger); ledger/triggers.sql: central
 *							  issuers have no division (quota.authority.central);
 *							  ledger/guards.sql (a named document exists);
 *							  roster/changes.c (a change names its document)
 *	quota_org_inactive		  ledger/movement_checks.c; roster/entries.c,
 *							  changes.c, hiring.sql; reform/duty.sql,
 *							  split.sql, correct_staff.sql
 *	quota_category_mismatch	  ledger/movement_checks.c; roster/entries.c,
 *							  changes.c, hiring.sql; ledger/triggers.sql
 *							  (org_check); ledger/guards.sql (a use still
 *							  held); reform/correct_staff.sql
 *	quota_loan				  ledger/movement_checks.c, movement_apply.c;
 *							  roster/seats.c (entry onto an expired loan)
 *	quota_evaluation		  ledger/movement_checks.c (a lend under quota.evaluation_policy)
 *	quota_insufficient		  ledger/movement_apply.c; ledger/movement.c (an
 *							  amount past any account); reform/split.sql
 *	quota_over_establishment  roster/seats.c (quota.occupy, also for
 *							  quota.transfer's persons); reform/split.sql
 *	quota_cap_exceeded		  ledger/movement_apply.c; ledger/movement.c (an
 *							  account past its largest figure);
 *							  ledger/triggers.sql (cap_sync)
 *	quota_standard_exceeded	  ledger/movement_standards.c (posts);
 *							  standards/units.sql (leaders, internal units)
 *	quota_leadership_exceeded roster/seats.c (quota.lead);
 *							  standards/units.sql; roster/entries.c,
 *							  changes.c, functions.sql (rank above the org's,
 *							  quota.rank); ledger/guards.sql (an org's rank
 *							  cut); reform/correct_staff.sql
 *	quota_internal_units	  standards/units.sql
 *	quota_hiring			  roster/entries.c, roster/hiring.sql
 *	quota_person_duplicate	  roster/entries.c, changes.c;
 *							  reform/correct_staff.sql
 *	quota_headcount_cap		  roster/entries.c, changes.c, functions.sql;
 *							  ledger/guards.sql (a cap cut);
 *							  reform/correct_staff.sql
 */
typedef struct QuotaRuleInfo
{
	const char *name;			/* the constraint name */
	const char *zh;				/* the rule's Chinese term */
	const char *hint;			/* what to do, when the raise site has no hint */
} QuotaRuleInfo;

static const QuotaRuleInfo rules[] = {
	[QR_NONE] = {"", "", ""},
	[QR_LEDGER_IMMUTABLE] = {"quota_ledger_immutable", "台账不可篡改",
		"The ledger keeps every row: undo a mistake with a new movement (冲正) that names its document."},
	[QR_MOVEMENT_SHAPE] = {"quota_movement_shape", "编制流向",
		"Name the source and target the kind requires (never one account on both sides), date nothing after today, and name only people active in the source."},
	[QR_AUTHORITY] = {"quota_authority", "审批权限",
		"Name a registered approval document (文号) whose issuer has authority over every jurisdiction involved; posts of admin or politico_legal moving across jurisdictions need a central approval."},
	[QR_ORG_INACTIVE] = {"quota_org_inactive", "机构已撤并",
		"Use an active org: the posts and people of a merged or dissolved org are with the org that took them over."},
	[QR_CATEGORY_MISMATCH] = {"quota_category_mismatch", "混用、挤占、挪用",
		"Use posts of a category the org's kind may hold (quota.category_use), from an account of that same category."},
	[QR_LOAN] = {"quota_loan", "借用编制",
		"A loan needs an expiry after its effective date; repay at most what is outstanding; an expired loan's posts take no new entry: repay it or get a new loan."},
	[QR_EVALUATION] = {"quota_evaluation", "绩效考核",
		"The org's evaluation blocks borrowing this year (quota.evaluation_policy): allocate own posts with an approval instead of lending."},
	[QR_INSUFFICIENT] = {"quota_insufficient", "编制余额不足",
		"Take fewer posts, or free posts in the source first (a departure, a recall or a delegation to the pool); quota.org_status and quota.pool_dashboard show what is free."},
	[QR_OVER_ESTABLISHMENT] = {"quota_over_establishment", "超编",
		"Free a post first (a departure) or get posts approved for the org (an allocation or a loan); an org over establishment takes no entry (只出不进)."},
	[QR_CAP_EXCEEDED] = {"quota_cap_exceeded", "控制数",
		"Stay within the control number (quota.cap), or have its issuer raise the ceiling by a new approval."},
	[QR_STANDARD_EXCEEDED] = {"quota_standard_exceeded", "编制标准",
		"Stay within the staffing standard (quota.standard_status shows it), or have the standard revised by its authority."},
	[QR_LEADERSHIP_EXCEEDED] = {"quota_leadership_exceeded", "领导职数",
		"Free a leader post first, get more leader posts approved (quota.leadership), or appoint at a rank the org's 规格 allows."},
	[QR_INTERNAL_UNITS] = {"quota_internal_units", "内设机构",
		"Close or merge an internal unit first, or get more internal units approved (internal_units_approved)."},
	[QR_HIRING] = {"quota_hiring", "用编核准",
		"Issue a valid hiring approval (quota.hiring) for the org and category within its vacancies, and name it as hiring_id on the entry."},
	[QR_PERSON_DUPLICATE] = {"quota_person_duplicate", "一人一编",
		"Record the person's departure from the current post first, or move the person with an UPDATE of that row (调动)."},
	[QR_HEADCOUNT_CAP] = {"quota_headcount_cap", "人员总量",
		"Free a place first (a departure), or have the org's headcount cap raised; filed (备案制) staff go only to an org that has a cap."},
};

StaticAssertDecl(lengthof(rules) == QR_HEADCOUNT_CAP + 1,
				 "one entry per rule");

const char *
quota_rule_name(QuotaRule rule)
{
	Assert(rule >= QR_NONE && rule <= QR_HEADCOUNT_CAP);
	return rules[rule].name;
}

/* the rule of a constraint name; QR_NONE when it names none */
QuotaRule
quota_rule_by_name(const char *name)
{
	int			i;

	for (i = QR_NONE + 1; i < lengthof(rules); i++)
		if (strcmp(rules[i].name, name) == 0)
			return (QuotaRule) i;
	return QR_NONE;
}

const char *
quota_rule_zh(QuotaRule rule)
{
	Assert(rule >= QR_NONE && rule <= QR_HEADCOUNT_CAP);
	return rules[rule].zh;
}

/*
 * How a rule error names an org: by the id a clerk types and the name a
 * clerk reads, "org 30 (县第一小学)"; "org 30" when the name is not at
 * hand.  Only the checks compose such text, as the owner; for a role
 * subject to jurisdiction scopes quota_raise replaces the whole text by the
 * rule's name (DESIGN §10), so a name never reaches a caller who could not
 * read its org.
 */
char *
quota_org_text(int64 id, const char *name)
{
	if (name == NULL || name[0] == '\0')
		return psprintf("org %lld", (long long) id);
	return psprintf("org %lld (%s)", (long long) id, name);
}

/*
 * The same for a raise site that holds only the id: the name is read by one
 * kept plan, only on the way to an error (never per row).  Nothing is read
 * for a role whose error text is redacted anyway, nor by a user who may not
 * read quota.org; a missing or invisible row leaves "org 30".
 */
char *
quota_org_text_lookup(int64 id)
{
	static SPIPlanPtr plan_org_name = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			nsp;
	Oid			relid;
	Oid			argtypes[1] = {INT8OID};
	Datum		values[1];
	char	   *name = NULL;

	if (quota_caller_scoped())
		return quota_org_text(id, NULL);
	nsp = get_namespace_oid("quota", true);
	relid = OidIsValid(nsp) ? get_relname_relid("org", nsp) : InvalidOid;
	if (!OidIsValid(relid) ||
		pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		return quota_org_text(id, NULL);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_plan(&plan_org_name,
			   "SELECT o.name FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) $1",
			   1, argtypes);
	values[0] = Int64GetDatum(id);
	quota_exec(plan_org_name, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (v != NULL)
			name = MemoryContextStrdup(caller, v);
	}
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	return quota_org_text(id, name);
}

/* quota.org_text(org_id) → text: the same for the PL/pgSQL checks */
PG_FUNCTION_INFO_V1(quota_org_text_sql);
Datum
quota_org_text_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(quota_org_text_lookup(PG_GETARG_INT64(0))));
}

/*
 * An org id nothing is registered under.  (The rules file it under
 * quota_org_inactive or quota_movement_shape; the text says what happened,
 * not that the org was merged.)
 */
char *
quota_unknown_org_text(int64 id)
{
	return psprintf("no org %lld is registered", (long long) id);
}

/*
 * quota.rules() → SETOF (name, rank, zh): the table above, in reporting
 * order, behind the view quota.rule.
 */
PG_FUNCTION_INFO_V1(quota_rules);
Datum
quota_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = QR_NONE + 1; i < lengthof(rules); i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = CStringGetTextDatum(rules[i].name);
		values[1] = Int32GetDatum(i);
		values[2] = CStringGetTextDatum(rules[i].zh);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * The text every rule error carries: the message names the rule's Chinese
 * term -- "org 30 would exceed its headcount cap (人员总量)" -- unless the
 * raise site's message has it already, and an error without a hint of its
 * own gets the rule's: what the clerk does about it.
 */
static void
quota_rule_text(QuotaRule rule, char **message, char **hint)
{
	const char *zh = rules[rule].zh;

	if (strstr(*message, zh) == NULL)
		*message = psprintf("%s (%s)", *message, zh);
	if (*hint == NULL || **hint == '\0')
		*hint = pstrdup(rules[rule].hint);
}

/*
 * A rule error is the clerk's answer, not a stack trace: it carries no
 * CONTEXT (the internal SQL and PL/pgSQL frames of the checks, which psql and
 * JDBC's getMessage() would print) -- to the client nor to a handler that
 * catches it.  Called right before ereport(ERROR): the error callbacks are
 * collected at errfinish, so none runs for it.  This is sound because an
 * ERROR never returns here: whoever catches it restores the stack it had
 * saved (PG_TRY/PG_CATCH does, and with it PL/pgSQL exception blocks and
 * subtransaction abort; the backend's top-level recovery resets it).
 */
static void
quota_drop_error_context(void)
{
	error_context_stack = NULL;
}

/*
 * quota.raise_rule(rule, tbl, message, detail, hint): the raiser of the
 * PL/pgSQL checks -- the same error as quota_raise (23514, the rule's
 * constraint name, schema quota and the table tbl; for a role subject to
 * scopes the same redacted text as quota_raise).  A name that is not a rule
 * of the table is a bug.
 */
PG_FUNCTION_INFO_V1(quota_raise_rule);
Datum
quota_raise_rule(PG_FUNCTION_ARGS)
{
	char	   *name;
	char	   *message;
	char	   *detail;
	char	   *hint;
	QuotaRule	rule;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		elog(ERROR, "quota.raise_rule needs a rule and a message");
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	rule = quota_rule_by_name(name);
	if (rule == QR_NONE)
		elog(ERROR, "\"%s\" is not a rule of quota.rule", name);
	message = text_to_cstring(PG_GETARG_TEXT_PP(2));
	detail = PG_ARGISNULL(3) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(3));
	hint = PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4));
	/* a role subject to scopes gets the rule, not the owner's figures */
	if (quota_caller_scoped())
	{
		message = psprintf(QUOTA_REDACTED_MESSAGE, quota_rule_name(rule));
		detail = QUOTA_REDACTED_DETAIL;
		hint = QUOTA_REDACTED_HINT;
	}
	quota_rule_text(rule, &message, &hint);
	quota_drop_error_context();
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg_internal("%s", message),
			 errdetail_internal("%s", detail),
			 errhint("%s", hint),
			 err_generic_string(PG_DIAG_SCHEMA_NAME, "quota"),
			 PG_ARGISNULL(1) ? 0 : err_generic_string(PG_DIAG_TABLE_NAME, text_to_cstring(PG_GETARG_TEXT_PP(1))),
			 err_generic_string(PG_DIAG_CONSTRAINT_NAME, quota_rule_name(rule))));
	PG_RETURN_VOID();
}

/* Remember a violation unless one of a lower (earlier) rank is pending. */
void
quota_violation_note(QuotaViolation *v, QuotaRule rule, char *message,
					 char *detail, char *hint)
{
	if (v->rule != QR_NONE && v->rule <= rule)
		return;
	v->rule = rule;
	v->message = message ? MemoryContextStrdup(v->cxt, message) : NULL;
	v->detail = detail ? MemoryContextStrdup(v->cxt, detail) : NULL;
	v->hint = hint ? MemoryContextStrdup(v->cxt, hint) : NULL;
}

void
quota_raise(QuotaRule rule, Relation rel, char *message, char *detail,
			char *hint)
{
	/* a role subject to scopes gets the rule, not the owner's figures */
	if (quota_caller_scoped())
	{
		message = psprintf(QUOTA_REDACTED_MESSAGE, quota_rule_name(rule));
		detail = pstrdup(QUOTA_REDACTED_DETAIL);
		hint = pstrdup(QUOTA_REDACTED_HINT);
	}
	quota_rule_text(rule, &message, &hint);
	quota_drop_error_context();
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg_internal("%s", message),
			 detail ? errdetail_internal("%s", detail) : 0,
			 errhint("%s", hint),
			 rel ? errtableconstraint(rel, quota_rule_name(rule)) :
			 err_generic_string(PG_DIAG_CONSTRAINT_NAME, quota_rule_name(rule))));
	pg_unreachable();
}

void
quota_violation_raise(const QuotaViolation *v, Relation rel)
{
	Assert(v->rule != QR_NONE);
	quota_raise(v->rule, rel, v->message, v->detail, v->hint);
}

void
quota_become_owner(Relation rel, QuotaOwnerContext *ctx)
{
	GetUserIdAndSecContext(&ctx->save_userid, &ctx->save_sec_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner,
						   ctx->save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
}

void
quota_restore_user(const QuotaOwnerContext *ctx)
{
	SetUserIdAndSecContext(ctx->save_userid, ctx->save_sec_context);
}

/*
 * Prepare and keep a plan the first time; the slot is assigned only after
 * its own prepare succeeded.
 */
SPIPlanPtr
quota_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan;

	if (*slot != NULL)
		return *slot;
	plan = SPI_prepare(sql, nargs, argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	*slot = plan;
	return plan;
}

SPIPlanPtr
quota_plan_generic(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan;

	if (*slot != NULL)
		return *slot;
	plan = SPI_prepare_cursor(sql, nargs, argtypes, CURSOR_OPT_GENERIC_PLAN);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	*slot = plan;
	return plan;
}

int
quota_attnum(TupleDesc desc, const char *name, const char *relname)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (!a->attisdropped && strcmp(NameStr(a->attname), name) == 0)
			return i + 1;
	}
	elog(ERROR, "%s has no column \"%s\"", relname, name);
	return 0;
}

int
quota_exec(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only,
		   long count)
{
	int			rc = SPI_execute_plan(plan, values, nulls, read_only, count);

	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return rc;
}

/*
 * The update-lock-recheck step of every account a trigger changes, written
 * once.  update is a conditional UPDATE that matches the account only when
 * the change fits the version the statement sees; when it matches none,
 * lock (a SELECT ... FOR NO KEY UPDATE of int8 columns, at most
 * QUOTA_ACCOUNT_MAXCOLS) waits for a concurrent change and reads the latest
 * version -- under REPEATABLE READ and SERIALIZABLE it fails on one with
 * 40001 instead -- into row, and if fits(row, arg) the UPDATE runs again on
 * that version.  Both plans take their arguments from values.  On
 * QUOTA_ACCOUNT_REFUSED row holds the locked version for the caller's error.
 */
QuotaAccountResult
quota_account_update(SPIPlanPtr update, SPIPlanPtr lock, Datum *values,
					 QuotaAccountFits fits, const void *arg, QuotaAccountRow *row)
{
	int			i;

	quota_exec(update, values, NULL, false, 0);
	if (SPI_processed == 1)
		return QUOTA_ACCOUNT_UPDATED;
	quota_exec(lock, values, NULL, false, 1);
	if (SPI_processed == 0)
		return QUOTA_ACCOUNT_MISSING;
	row->natts = Min(SPI_tuptable->tupdesc->natts, QUOTA_ACCOUNT_MAXCOLS);
	for (i = 0; i < row->natts; i++)
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
									  i + 1, &row->isnull[i]);

		row->value[i] = row->isnull[i] ? 0 : DatumGetInt64(d);
	}
	if (fits(row, arg))
	{
		quota_exec(update, values, NULL, false, 0);
		if (SPI_processed == 1)
			return QUOTA_ACCOUNT_UPDATED;
	}
	return QUOTA_ACCOUNT_REFUSED;
}

int
quota_int64_key_cmp(const void *a, const void *b)
{
	int64		x = **(int64 *const *) a;
	int64		y = **(int64 *const *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

HTAB *
quota_hash_create(const char *name, Size keysize, Size entrysize, bool strings)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = CurrentMemoryContext;
	return hash_create(name, 64, &ctl,
					   HASH_ELEM | HASH_CONTEXT | (strings ? HASH_STRINGS : HASH_BLOBS));
}

char *
quota_slot_text(TupleTableSlot *slot, int attno)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attno, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

char *
quota_date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

Datum
quota_int8_array(List *values)
{
	int			n = list_length(values);
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	ListCell   *lc;
	int			i = 0;

	foreach(lc, values)
		elems[i++] = Int64GetDatum(*(int64 *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

Datum
quota_text_array(List *values)
{
	int			n = list_length(values);
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	ListCell   *lc;
	int			i = 0;

	foreach(lc, values)
		elems[i++] = CStringGetTextDatum((char *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

char *
quota_result_text(int row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* relcache invalidation of a watched cache's table (InvalidOid: every relation) */
static void
quota_watch_invalidate(Datum arg, Oid relid)
{
	QuotaWatchedCache *w = (QuotaWatchedCache *) DatumGetPointer(arg);
	int			i;

	for (i = 0; i < QUOTA_WATCH_MAX; i++)
		if (relid == InvalidOid || (OidIsValid(w->relids[i]) && relid == w->relids[i]))
		{
			w->valid = false;
			w->reset_seen = true;
			return;
		}
}

void
quota_watch_reset(QuotaWatchedCache *w)
{
	Oid			nsp;
	int			i;

	if (!w->registered)
	{
		CacheRegisterRelcacheCallback(quota_watch_invalidate, PointerGetDatum(w));
		w->registered = true;
	}
	if (w->cxt == NULL)
	{
		w->cxt = AllocSetContextCreate(TopMemoryContext, "quota watched cache",
									   ALLOCSET_SMALL_SIZES);
		MemoryContextSetIdentifier(w->cxt, w->name);
	}
	MemoryContextReset(w->cxt);
	nsp = get_namespace_oid("quota", false);
	for (i = 0; i < QUOTA_WATCH_MAX; i++)
		w->relids[i] = w->relnames[i] ? get_relname_relid(w->relnames[i], nsp) : InvalidOid;
	w->reset_seen = false;
}

void **
quota_hash_sorted(HTAB *h, int (*cmp) (const void *, const void *), long *n)
{
	HASH_SEQ_STATUS seq;
	void	  **v;
	void	   *e;
	long		i = 0;

	*n = hash_get_num_entries(h);
	v = palloc(sizeof(void *) * Max(*n, 1));
	hash_seq_init(&seq, h);
	while ((e = hash_seq_search(&seq)) != NULL)
		v[i++] = e;
	qsort(v, *n, sizeof(void *), cmp);
	return v;
}
