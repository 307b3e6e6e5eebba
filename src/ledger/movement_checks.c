/*-------------------------------------------------------------------------
 *
 * movement_checks.c
 *	  Phase 1 of the ledger trigger, the checks of one row on its own:
 *	  shape (kind, source and target, dates, the audit columns), org status,
 *	  category, loan terms.  The issuer-authority check is in authority.c.
 *
 * IDENTIFICATION
 *	  src/ledger/movement_checks.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"

#include "ledger/movement.h"

static const char *const kind_names[] = {
	"issue", "retire", "delegate", "allocate", "recall", "transfer", "lend",
	"repay"
};

MovKind
mov_parse_kind(const char *s)
{
	int			i;

	for (i = 0; i < MK_INVALID; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (MovKind) i;
	return MK_INVALID;
}

/*
 * One side of a ledger row as an error names it: "org 3", "pool 10", or
 * "outside" for the far side of an issue or a retire.
 */
static char *
mov_side_text(int64 org, int64 pool)
{
	if (org && pool)
		return psprintf("org %lld and pool %lld", (long long) org, (long long) pool);
	if (org)
		return psprintf("org %lld", (long long) org);
	if (pool)
		return psprintf("pool %lld", (long long) pool);
	return pstrdup("outside");
}

/* a client's text in a message, cut at 60 bytes (on a character boundary) */
static char *
mov_clip(const char *s)
{
	int			len;

	if (s == NULL || *s == '\0')
		return pstrdup("\"\"");
	len = strlen(s);
	if (len <= 60)
		return pstrdup(s);
	return psprintf("%.*s...", pg_mbcliplen(s, len, 60), s);
}

/*
 * How an error names a ledger row: a failed statement keeps none of its
 * rows, so never by its id -- by what the clerk wrote: "the allocate of 51
 * admin posts from pool 10 to org 3 under 滨编〔2024〕12号".
 */
char *
mov_row_text(const MovRow *r)
{
	return psprintf("the %s%s%s of %d %s posts from %s to %s under %s",
					r->kind == MK_INVALID ? "movement \"" : "",
					mov_clip(r->kind_text),
					r->kind == MK_INVALID ? "\"" : "",
					r->amount, mov_clip(r->category),
					mov_side_text(r->from_org, r->from_pool),
					mov_side_text(r->to_org, r->to_pool),
					mov_clip(r->doc_no));
}

/* ---------- phase 1: per-row checks ---------- */

bool
mov_check_shape(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	bool		need_from_org = false,
				need_from_pool = false,
				need_to_org = false,
				need_to_pool = false,
				ok;

	if (r->kind == MK_INVALID)
	{
		hint = "Use issue, retire, delegate, allocate, recall, transfer, lend or repay.";
		detail = pstrdup("The kinds are issue (核增), retire (核减), delegate (下达), allocate (核定), recall (收回), transfer (调剂), lend (借用) and repay (归还).");
		NOTE(QR_MOVEMENT_SHAPE, "%s has an unknown kind", mov_row_text(r));
	}
	switch (r->kind)
	{
		case MK_ISSUE:
			need_to_pool = true;
			break;
		case MK_RETIRE:
			break;
		case MK_DELEGATE:
			need_from_pool = need_to_pool = true;
			break;
		case MK_ALLOCATE:
		case MK_LEND:
			need_from_pool = need_to_org = true;
			break;
		case MK_RECALL:
		case MK_REPAY:
			need_from_org = need_to_pool = true;
			break;
		case MK_TRANSFER:
			need_from_org = need_to_org = true;
			break;
		default:
			break;
	}
	if (r->kind == MK_RETIRE)
		ok = ((r->from_org != 0) != (r->from_pool != 0)) &&
			r->to_org == 0 && r->to_pool == 0;
	else
		ok = (need_from_org == (r->from_org != 0)) &&
			(need_from_pool == (r->from_pool != 0)) &&
			(need_to_org == (r->to_org != 0)) &&
			(need_to_pool == (r->to_pool != 0));
	if (!ok)
	{
		detail = psprintf("Kind %s moves posts %s (编制流向).", r->kind_text,
						  r->kind == MK_ISSUE ? "from outside into a pool (to_pool only)" :
						  r->kind == MK_RETIRE ? "out of a pool or an org (from_pool or from_org only)" :
						  r->kind == MK_DELEGATE ? "from a pool to a pool" :
						  r->kind == MK_ALLOCATE ? "from a pool to an org" :
						  r->kind == MK_LEND ? "from a pool to an org" :
						  r->kind == MK_RECALL ? "from an org to a pool" :
						  r->kind == MK_REPAY ? "from an org to a pool" :
						  "from an org to an org");
		NOTE(QR_MOVEMENT_SHAPE, "%s has the wrong source or target for its kind",
			 mov_row_text(r));
	}
	if ((r->from_pool && r->from_pool == r->to_pool) ||
		(r->from_org && r->from_org == r->to_org))
	{
		detail = pstrdup("Source and target are the same account (调出、调入不能是同一账户).");
		NOTE(QR_MOVEMENT_SHAPE, "%s moves posts from an account to itself",
			 mov_row_text(r));
	}
	/*
	 * Every account the row names is registered.  (The foreign keys are
	 * deferred so that this rule, not a raw 23503, speaks at the statement;
	 * the lookups hold the rows FOR KEY SHARE until commit.)
	 */
	{
		int64		orgs[2] = {r->from_org, r->to_org};
		int64		pools[2] = {r->from_pool, r->to_pool};
		int			i;

		mov_prefetch_orgs(st, r->from_org, r->to_org);
		for (i = 0; i < 2; i++)
		{
			if (orgs[i] && !mov_lookup_org(st, orgs[i])->found)
			{
				detail = psprintf("No org %lld is registered in quota.org; a movement moves posts between registered accounts (账户不存在).",
								  (long long) orgs[i]);
				NOTE(QR_MOVEMENT_SHAPE, "%s: %s",
					 mov_row_text(r), quota_unknown_org_text(orgs[i]));
			}
			if (pools[i] && !mov_lookup_pool(st, pools[i])->found)
			{
				detail = psprintf("No pool %lld is registered in quota.pool; a movement moves posts between registered accounts (账户不存在).",
								  (long long) pools[i]);
				NOTE(QR_MOVEMENT_SHAPE, "%s: no pool %lld is registered",
					 mov_row_text(r), (long long) pools[i]);
			}
		}
	}
	if (r->has_expires && r->kind != MK_LEND)
	{
		detail = pstrdup("Only a lend (借用) has an expiry date.");
		NOTE(QR_MOVEMENT_SHAPE, "%s has expires_on set but is not a loan",
			 mov_row_text(r));
	}
	if ((r->loan_id != 0) != (r->kind == MK_REPAY))
	{
		detail = pstrdup(r->kind == MK_REPAY ? "A repay (归还) names the loan (loan_id) it returns posts of." :
						 "Only a repay (归还) names a loan.");
		NOTE(QR_MOVEMENT_SHAPE, "%s %s", mov_row_text(r),
			 r->kind == MK_REPAY ? "names no loan (loan_id)" : "names a loan (loan_id) but is not a repay");
	}
	/* the audit trail is the server's: when and by whom, never what a client says */
	if (r->recorded_at != st->recorded_at || r->recorded_by == NULL ||
		strcmp(r->recorded_by, st->recorded_by) != 0)
	{
		detail = psprintf("recorded_at and recorded_by are set by the server (now() and quota.actor(), the role that issued the statement: %s); a client does not write them (登记时间、登记人由系统记录).",
						  st->recorded_by);
		NOTE(QR_MOVEMENT_SHAPE, "%s sets recorded_at or recorded_by, which the server records",
			 mov_row_text(r));
	}
	/* (recorded_at is now(), checked above, so its day is today) */
	if (r->effective_on > st->today)
	{
		detail = psprintf("effective_on %s is later than the day the row is recorded (生效日期不得晚于登记日期).",
						  DatumGetCString(DirectFunctionCall1(date_out,
															  DateADTGetDatum(r->effective_on))));
		NOTE(QR_MOVEMENT_SHAPE, "%s is effective in the future", mov_row_text(r));
	}
	/*
	 * A backdated row moves posts its source held on that day and kept on
	 * every later day, so history (quota.establishment_at) never shows posts
	 * leaving before they arrived.  (A row effective today changes no earlier
	 * day.)  Rows the extension writes carry the date of their event and are
	 * not checked.
	 */
	if (!st->internal && r->effective_on < st->today && !mov_source_held(st, r))
	{
		detail = pstrdup("On its effective_on (or a later day) the source would have held fewer posts than it gives; history may not show posts leaving before they arrived (生效日期早于编制到位日期).");
		hint = "Date the movement on or after the day the source received the posts.";
		NOTE(QR_MOVEMENT_SHAPE, "%s is effective before its source held the posts", mov_row_text(r));
	}
	if (r->kind == MK_LEND)
	{
		PoolInfo   *p = mov_lookup_pool(st, r->from_pool);

		if (strcmp(p->kind, "reserve") != 0 && strcmp(p->kind, "turnover") != 0 &&
			strcmp(p->kind, "talent") != 0)
		{
			detail = psprintf("Pool %lld is a %s pool; loans come from a reserve (机动), turnover (周转) or talent (人才) pool.",
							  (long long) r->from_pool, p->kind);
			NOTE(QR_MOVEMENT_SHAPE, "%s lends from a pool that does not lend",
				 mov_row_text(r));
		}
	}
	if (r->kind == MK_REPAY)
	{
		LoanInfo   *l = mov_lookup_loan(st, r->loan_id);

		if (!l->found)
		{
			detail = psprintf("Movement %lld is not a loan (借用); a repay (归还) returns the posts of a lend.", (long long) r->loan_id);
			NOTE(QR_MOVEMENT_SHAPE, "%s repays something that is not a loan",
				 mov_row_text(r));
		}
		if (l->pool_id != r->to_pool || l->org_id != r->from_org ||
			strcmp(l->category, r->category) != 0)
		{
			detail = psprintf("Loan %lld was lent by pool %lld to org %lld in category %s; a repay returns it from that org to that pool (原渠道归还).",
							  (long long) r->loan_id, (long long) l->pool_id,
							  (long long) l->org_id, l->category);
			NOTE(QR_MOVEMENT_SHAPE, "%s repays loan %lld to another account",
				 mov_row_text(r), (long long) r->loan_id);
		}
	}
	return true;
}

bool
mov_check_org_active(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	int64		orgs[2] = {r->from_org, r->to_org};
	int			i;

	for (i = 0; i < 2; i++)
	{
		OrgInfo    *o;

		if (orgs[i] == 0)
			continue;
		/*
		 * Returning borrowed posts out of an org is allowed whatever its
		 * status: settlement of an expired loan never fails for everybody
		 * because one borrower was closed.
		 */
		if (i == 0 && r->kind == MK_REPAY)
			continue;
		o = mov_lookup_org(st, orgs[i]);
		if (strcmp(o->status, "active") != 0)
		{
			detail = psprintf("Org %lld (%s) is %s (%s); only active orgs hold and move posts.", (long long) o->id, o->name, o->status,
							  strcmp(o->status, "merged") == 0 ? "已整合" : "已撤销");
			NOTE(QR_ORG_INACTIVE, "%s involves %s, which is %s",
				 mov_row_text(r), quota_org_text(o->id, o->name), o->status);
		}
	}
	return true;
}

bool
mov_check_category(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	int64		pools[2] = {r->from_pool, r->to_pool};
	int			i;

	if (!mov_category_exists(st, r->category))
	{
		detail = pstrdup("Posts are of a category registered in quota.category (编制类别).");
		NOTE(QR_CATEGORY_MISMATCH, "%s names category \"%s\", which does not exist",
			 mov_row_text(r), mov_clip(r->category));
	}
	if (strcmp(r->category, "filed") == 0)
	{
		detail = pstrdup("备案制人员 are not 编制: they are never allocated or moved.");
		NOTE(QR_CATEGORY_MISMATCH, "%s moves filed (备案制) posts, which are not 编制", mov_row_text(r));
	}
	for (i = 0; i < 2; i++)
	{
		PoolInfo   *p;

		if (pools[i] == 0)
			continue;
		p = mov_lookup_pool(st, pools[i]);
		if (strcmp(p->category, r->category) != 0)
		{
			detail = psprintf("Pool %lld holds %s posts, the movement is of %s posts; a post never changes category (不得混用、挤占、挪用).",
							  (long long) p->id, p->category, r->category);
			NOTE(QR_CATEGORY_MISMATCH, "%s mixes categories: pool %lld holds %s posts",
				 mov_row_text(r), (long long) p->id, p->category);
		}
	}
	if (r->to_org)
	{
		OrgInfo    *o = mov_lookup_org(st, r->to_org);

		if (!mov_category_usable(st, r->category, o->kind))
		{
			detail = psprintf("Org %lld (%s) is of kind %s, which may not hold %s posts (不得混用、挤占、挪用).",
							  (long long) o->id, o->name, o->kind, r->category);
			NOTE(QR_CATEGORY_MISMATCH, "%s gives its posts to an org that may not use them",
				 mov_row_text(r));
		}
	}
	return true;
}

/*
 * 绩效考核: why the borrower's grade of the year before blocks this lend
 * (a talent-pool draw or a new reserve/turnover loan), or NULL.  The rule
 * lives in SQL (quota.evaluation_block); a library loaded under a schema
 * without it (the frozen 0.1 script) simply has no such rule.
 */
static SPIPlanPtr plan_evaluation = NULL;

static char *
evaluation_block(ApplyState *st, MovRow *r)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, DATEOID};
	Datum		values[3];
	bool		isnull;
	Datum		d;
	char	   *why = NULL;
	PoolInfo   *p;

	if (!OidIsValid(LookupFuncName(list_make2(makeString("quota"), makeString("evaluation_block")),
								   3, argtypes, true)))
		return NULL;
	p = mov_lookup_pool(st, r->from_pool);
	quota_plan(&plan_evaluation,
			   "SELECT quota.evaluation_block($1, $2, $3)", 3, argtypes);
	values[0] = Int64GetDatum(r->to_org);
	values[1] = CStringGetTextDatum(p->kind);
	values[2] = DateADTGetDatum(r->effective_on);
	quota_exec(plan_evaluation, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
			why = TextDatumGetCString(d);
	}
	SPI_freetuptable(SPI_tuptable);
	return why;
}

bool
mov_check_loan_terms(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;

	if (r->kind == MK_LEND && (!r->has_expires || r->expires_on <= r->effective_on ||
							   DATE_NOT_FINITE(r->expires_on)))
	{
		detail = pstrdup("Every loan has a finite term (周转期): expires_on must be a day after effective_on.");
		NOTE(QR_LOAN, "%s lends posts without a valid expiry", mov_row_text(r));
	}
	if (r->kind == MK_LEND && r->from_pool && r->to_org)
	{
		char	   *why = evaluation_block(st, r);

		if (why != NULL)
		{
			detail = why;
			hint = pstrdup("quota.evaluation_policy names the grades that block (绩效考核结果运用).");
			NOTE(QR_EVALUATION, "%s may not borrow posts this year: its evaluation blocks it",
				 quota_org_text(r->to_org, mov_lookup_org(st, r->to_org)->name));
		}
	}
	return true;
}
