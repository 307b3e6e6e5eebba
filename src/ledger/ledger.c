/*-------------------------------------------------------------------------
 *
 * ledger.c
 *	  Violation reporting, owner switching and plan caching shared by the
 *	  ledger and roster triggers.
 *
 * IDENTIFICATION
 *	  src/ledger/ledger.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "quota.h"
#include "ledger/ledger.h"

int			quota_internal_depth = 0;
int			quota_allow_excess = 0;

static const char *const rule_names[] = {
	[QR_NONE] = "",
	[QR_LEDGER_IMMUTABLE] = "quota_ledger_immutable",
	[QR_MOVEMENT_SHAPE] = "quota_movement_shape",
	[QR_AUTHORITY] = "quota_authority",
	[QR_ORG_INACTIVE] = "quota_org_inactive",
	[QR_CATEGORY_MISMATCH] = "quota_category_mismatch",
	[QR_LOAN] = "quota_loan",
	[QR_EVALUATION] = "quota_evaluation",
	[QR_INSUFFICIENT] = "quota_insufficient",
	[QR_OVER_ESTABLISHMENT] = "quota_over_establishment",
	[QR_CAP_EXCEEDED] = "quota_cap_exceeded",
	[QR_STANDARD_EXCEEDED] = "quota_standard_exceeded",
	[QR_LEADERSHIP_EXCEEDED] = "quota_leadership_exceeded",
	[QR_INTERNAL_UNITS] = "quota_internal_units",
	[QR_HIRING] = "quota_hiring",
	[QR_PERSON_DUPLICATE] = "quota_person_duplicate",
	[QR_HEADCOUNT_CAP] = "quota_headcount_cap",
};

const char *
quota_rule_name(QuotaRule rule)
{
	Assert(rule >= QR_NONE && rule <= QR_HEADCOUNT_CAP);
	return rule_names[rule];
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
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg_internal("%s", message),
			 detail ? errdetail_internal("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0,
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

int
quota_exec(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only,
		   long count)
{
	int			rc = SPI_execute_plan(plan, values, nulls, read_only, count);

	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return rc;
}
