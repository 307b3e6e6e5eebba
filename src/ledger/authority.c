/*-------------------------------------------------------------------------
 *
 * authority.c
 *	  The issuer-authority rule (quota_authority), decided here for every
 *	  writer: quota_issuer_covers says whether an approval's issuer may
 *	  approve establishment matters in a jurisdiction (the ledger trigger
 *	  calls it in C; quota.authority_check, the roster entry trigger and
 *	  every other SQL writer through quota.issuer_covers).
 *
 *	  For a ledger row: the approval it names exists, its issuer covers
 *	  every jurisdiction the row touches; a cross-jurisdiction move of posts
 *	  of a category marked central_across (quota.category) needs a central
 *	  issuer; an issue comes from above.  Also the date rule of the
 *	  document: a row is not effective before its approval was issued
 *	  (quota_movement_shape).
 *
 * IDENTIFICATION
 *	  src/ledger/authority.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "quota.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "core/codes.h"
#include "ledger/movement.h"

/*
 * May an issuer approve establishment matters in jurisdiction division (-1:
 * none, e.g. the outside of an issue)?  Only issuer kinds that may
 * authorize at all (quota.authority.may_authorize: not line departments, not
 * 人大常委会 filings), and then a central issuer everywhere, any other only
 * inside its own division (分级管理).
 */
bool
quota_issuer_covers(bool may_authorize, bool central, bool has_division,
					int64 issuer_division, int64 division)
{
	if (!may_authorize)
		return false;
	if (central || division < 0)
		return true;
	return has_division && qc_division_contains(issuer_division, division);
}

/*
 * quota.issuer_covers(may_authorize, central, issuer_division, d) → boolean:
 * quota_issuer_covers for SQL (a NULL d is no jurisdiction, a NULL
 * may_authorize or central is false).
 */
PG_FUNCTION_INFO_V1(quota_issuer_covers_sql);
Datum
quota_issuer_covers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(quota_issuer_covers(!PG_ARGISNULL(0) && PG_GETARG_BOOL(0),
									   !PG_ARGISNULL(1) && PG_GETARG_BOOL(1),
									   !PG_ARGISNULL(2),
									   PG_ARGISNULL(2) ? 0 : PG_GETARG_DIVISION(2),
									   PG_ARGISNULL(3) ? -1 : PG_GETARG_DIVISION(3)));
}

bool
mov_check_authority(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	ApprovalInfo *a;
	int64		from_div,
				to_div;

	/*
	 * Every row's approval exists and is locked FOR SHARE until commit (the
	 * ledger has no row-level key to it); rows the extension writes were
	 * authorized by the function that writes them, so only that is checked.
	 */
	a = mov_lookup_approval(st, r->doc_no);
	if (a->missing)
	{
		detail = psprintf("No approval document %s is registered in quota.approval; every movement names one (文号).",
						  r->doc_no);
		hint = "Register the approval first.";
		NOTE(QR_AUTHORITY, "%s: the approval does not exist", mov_row_text(r));
	}
	if (st->internal)
		return true;
	if (!a->may_authorize)
	{
		detail = psprintf("Document %s was issued by a %s, which may not approve establishment matters (%s).",
						  r->doc_no, a->issuer_kind,
						  strcmp(a->issuer_kind, "line_department") == 0 ?
						  "禁止条条干预" : "人大常委会 documents are filings (备案)");
		hint = "Name an approval of the staffing committee or office (编委/编办) or a superior government.";
		NOTE(QR_AUTHORITY, "%s: its issuer has no authority over establishment",
			 mov_row_text(r));
	}
	if (a->has_issued_on && r->effective_on < a->issued_on)
	{
		detail = psprintf("effective_on %s is before %s was issued (%s); a movement takes effect under an approval already issued (生效日期不得早于批准日期).",
						  DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(r->effective_on))),
						  r->doc_no,
						  DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(a->issued_on))));
		NOTE(QR_MOVEMENT_SHAPE, "%s is effective before its approval was issued", mov_row_text(r));
	}
	from_div = mov_side_division(st, r->from_org, r->from_pool);
	to_div = mov_side_division(st, r->to_org, r->to_pool);
	if (!quota_issuer_covers(a->may_authorize, a->central, a->has_division, a->division, from_div) ||
		!quota_issuer_covers(a->may_authorize, a->central, a->has_division, a->division, to_div))
	{
		detail = psprintf("The issuer of %s is at %s; the movement touches %s%s%s (分级管理).",
						  r->doc_no, quota_division_text(a->division),
						  from_div >= 0 ? quota_division_text(from_div) : "",
						  (from_div >= 0 && to_div >= 0 && from_div != to_div) ? " and " : "",
						  (to_div >= 0 && to_div != from_div) ? quota_division_text(to_div) : "");
		hint = "An issuer's division must contain every jurisdiction a movement touches (分级管理).";
		NOTE(QR_AUTHORITY, "%s: the approval was issued outside the jurisdictions it moves posts between",
			 mov_row_text(r));
	}
	if (a->central)
		return true;
	if (from_div >= 0 && to_div >= 0 && from_div != to_div &&
		mov_category_central_across(st, r->category))
	{
		detail = psprintf("Moving %s posts from %s to %s needs central approval (跨层级、跨地区调整行政编制须报中央机构编制部门审批).",
						  r->category, quota_division_text(from_div), quota_division_text(to_div));
		NOTE(QR_AUTHORITY, "%s moves posts between jurisdictions without a central approval",
			 mov_row_text(r));
	}
	if (r->kind == MK_ISSUE && a->division == to_div)
	{
		detail = psprintf("%s was issued at %s itself; new posts are granted from above (核增).",
						  r->doc_no, quota_division_text(to_div));
		NOTE(QR_AUTHORITY, "%s issues posts into %s without an issuer above it",
			 mov_row_text(r), quota_division_text(to_div));
	}
	return true;
}
