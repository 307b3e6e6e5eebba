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

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "quota.h"
#include "core/codes.h"
#include "ledger/ledger.h"

typedef enum MovKind
{
	MK_ISSUE,
	MK_RETIRE,
	MK_DELEGATE,
	MK_ALLOCATE,
	MK_RECALL,
	MK_TRANSFER,
	MK_LEND,
	MK_REPAY,
	MK_INVALID
} MovKind;

static const char *const kind_names[] = {
	"issue", "retire", "delegate", "allocate", "recall", "transfer", "lend",
	"repay"
};

/* one row of the transition table */
typedef struct MovRow
{
	int64		id;
	MovKind		kind;
	char	   *kind_text;
	char	   *category;
	int32		amount;
	int64		from_org;		/* 0 when NULL */
	int64		from_pool;
	int64		to_org;
	int64		to_pool;
	char	   *doc_no;
	DateADT		effective_on;
	bool		has_expires;
	DateADT		expires_on;
	int64		loan_id;
	TimestampTz recorded_at;
	char	   *recorded_by;
} MovRow;

/* cached facts about referenced rows */
typedef struct OrgInfo
{
	int64		id;				/* hash key */
	char	   *kind;
	int64		division;
	char	   *status;
	char	   *name;
	bool		has_standard;	/* a posts standard (enforce or warn) covers its sector */
} OrgInfo;

typedef struct PoolInfo
{
	int64		id;				/* hash key */
	int64		division;
	char	   *kind;
	char	   *category;
} PoolInfo;

typedef struct LoanInfo
{
	int64		id;				/* hash key */
	bool		found;
	int64		pool_id;
	int64		org_id;
	char	   *category;
} LoanInfo;

typedef struct ApprovalInfo
{
	char		doc_no[NAMEDATALEN * 4];	/* hash key (truncated) */
	char	   *issuer_kind;
	bool		has_division;
	int64		division;
	bool		central;
	bool		may_authorize;
	bool		missing;		/* no such approval (the foreign key is deferred) */
} ApprovalInfo;

/* accumulated deltas */
typedef struct PoolDelta
{
	int64		pool_id;		/* key */
	int64		dbalance;
	int64		dlent;
} PoolDelta;

typedef struct OrgKey
{
	int64		org_id;
	char		category[NAMEDATALEN];
} OrgKey;

typedef struct OrgDelta
{
	OrgKey		key;
	int64		dapproved;
	int64		dborrowed;
} OrgDelta;

typedef struct LoanDelta
{
	int64		loan_id;		/* key */
	int64		doutstanding;
} LoanDelta;

typedef struct JurKey
{
	int64		division;
	char		category[NAMEDATALEN];
} JurKey;

typedef struct JurDelta
{
	JurKey		key;
	int64		dlevel;
	int64		dsubtree;
} JurDelta;

typedef struct NewLoan
{
	int64		loan_id;
	int64		pool_id;
	int64		org_id;
	char	   *category;
	int32		amount;
	DateADT		expires_on;
} NewLoan;

typedef struct ApplyState
{
	Relation	rel;
	QuotaViolation violation;
	HTAB	   *orgs;
	HTAB	   *pools;
	HTAB	   *loans;
	HTAB	   *approvals;
	HTAB	   *uses;
	HTAB	   *pool_deltas;
	HTAB	   *org_deltas;
	HTAB	   *loan_deltas;
	HTAB	   *jur_deltas;
	List	   *new_loans;
	bool		internal;
	bool		allow_excess;	/* reform: occupied posts may be cut */
	DateADT		today;
	TimestampTz recorded_at;	/* now(): when the statement's rows are recorded */
	char	   *recorded_by;	/* the user who inserts them (before becoming the owner) */
	MemoryContext work;
} ApplyState;

/* kept plans */
static SPIPlanPtr plan_org = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_loan = NULL;
static SPIPlanPtr plan_approval = NULL;
static SPIPlanPtr plan_use = NULL;
static SPIPlanPtr plan_pool_upd = NULL;
static SPIPlanPtr plan_pool_get = NULL;
static SPIPlanPtr plan_org_upd = NULL;
static SPIPlanPtr plan_org_get = NULL;
static SPIPlanPtr plan_org_ins = NULL;
static SPIPlanPtr plan_loan_upd = NULL;
static SPIPlanPtr plan_loan_get = NULL;
static SPIPlanPtr plan_loan_ins = NULL;
static SPIPlanPtr plan_jur_upd = NULL;
static SPIPlanPtr plan_jur_get = NULL;
static SPIPlanPtr plan_std_check = NULL;

static HTAB *
make_hash(const char *name, Size keysize, Size entrysize, bool blobs)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = CurrentMemoryContext;
	return hash_create(name, 64, &ctl,
					   HASH_ELEM | HASH_CONTEXT | (blobs ? HASH_BLOBS : HASH_STRINGS));
}

/* value of column attno of the current SPI result row, as text or NULL */
static char *
spi_text(int row, int attno)
{
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, attno);
}

static int64
spi_int64(int row, int attno, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  attno, isnull);

	return *isnull ? 0 : DatumGetInt64(d);
}

static char *
copy_out(MemoryContext cxt, const char *s)
{
	return s ? MemoryContextStrdup(cxt, s) : NULL;
}

static OrgInfo *
lookup_org(ApplyState *st, int64 id)
{
	bool		found;
	OrgInfo    *o = hash_search(st->orgs, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		bool		isnull;
		MemoryContext cxt = st->work;

		/*
		 * No lock of our own: the foreign key check of this statement already
		 * holds FOR KEY SHARE on the org, and a change of status takes FOR
		 * UPDATE (quota.org_check), so it was waited for (READ COMMITTED, and
		 * this fresh snapshot sees it) or raised 40001.
		 */
		quota_plan(&plan_org,
				   "SELECT o.kind, o.division::pg_catalog.text, o.status, o.name, "
				   "EXISTS (SELECT 1 FROM quota.standard s WHERE s.sector OPERATOR(pg_catalog.=) o.sector "
				   "AND s.target OPERATOR(pg_catalog.=) 'posts' AND s.mode OPERATOR(pg_catalog.<>) 'report') "
				   "FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_org, values, NULL, false, 1);
		if (SPI_processed != 1)
			elog(ERROR, "org %lld not found", (long long) id);
		o->kind = copy_out(cxt, spi_text(0, 1));
		{
			char	   *d = spi_text(0, 2);
			qc_error	err;

			if (!qc_division_parse(d, strlen(d), &o->division, &err))
				elog(ERROR, "bad division of org %lld", (long long) id);
		}
		o->status = copy_out(cxt, spi_text(0, 3));
		o->name = copy_out(cxt, spi_text(0, 4));
		o->has_standard = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
													 SPI_tuptable->tupdesc, 5, &isnull));
		if (isnull)
			o->has_standard = false;
		SPI_freetuptable(SPI_tuptable);
	}
	return o;
}

static PoolInfo *
lookup_pool(ApplyState *st, int64 id)
{
	bool		found;
	PoolInfo   *p = hash_search(st->pools, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		MemoryContext cxt = st->work;
		char	   *d;
		qc_error	err;

		quota_plan(&plan_pool,
				   "SELECT division::pg_catalog.text, kind, category "
				   "FROM quota.pool WHERE id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_pool, values, NULL, true, 1);
		if (SPI_processed != 1)
			elog(ERROR, "pool %lld not found", (long long) id);
		d = spi_text(0, 1);
		if (!qc_division_parse(d, strlen(d), &p->division, &err))
			elog(ERROR, "bad division of pool %lld", (long long) id);
		p->kind = copy_out(cxt, spi_text(0, 2));
		p->category = copy_out(cxt, spi_text(0, 3));
		SPI_freetuptable(SPI_tuptable);
	}
	return p;
}

static LoanInfo *
lookup_loan(ApplyState *st, int64 id)
{
	bool		found;
	LoanInfo   *l = hash_search(st->loans, &id, HASH_ENTER, &found);

	if (!found)
	{
		Oid			argtypes[1] = {INT8OID};
		Datum		values[1];
		bool		isnull;

		quota_plan(&plan_loan,
				   "SELECT pool_id, org_id, category FROM quota.loan "
				   "WHERE loan_id OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = Int64GetDatum(id);
		quota_exec(plan_loan, values, NULL, true, 1);
		l->found = (SPI_processed == 1);
		if (l->found)
		{
			l->pool_id = spi_int64(0, 1, &isnull);
			l->org_id = spi_int64(0, 2, &isnull);
			l->category = copy_out(st->work, spi_text(0, 3));
		}
		SPI_freetuptable(SPI_tuptable);
	}
	return l;
}

static ApprovalInfo *
lookup_approval(ApplyState *st, const char *doc_no)
{
	bool		found;
	char		key[NAMEDATALEN * 4];
	ApprovalInfo *a;

	memset(key, 0, sizeof(key));
	strlcpy(key, doc_no, sizeof(key));
	a = hash_search(st->approvals, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1];
		MemoryContext cxt = st->work;
		char	   *d;

		quota_plan(&plan_approval,
				   "SELECT a.issuer_kind, a.issuer_division::pg_catalog.text, "
				   "au.central, au.may_authorize "
				   "FROM quota.approval a JOIN quota.authority au "
				   "ON au.issuer_kind OPERATOR(pg_catalog.=) a.issuer_kind "
				   "WHERE a.doc_no OPERATOR(pg_catalog.=) $1",
				   1, argtypes);
		values[0] = CStringGetTextDatum(doc_no);
		quota_exec(plan_approval, values, NULL, true, 1);
		a->missing = (SPI_processed != 1);
		if (a->missing)
		{
			a->issuer_kind = "?";
			a->has_division = a->central = a->may_authorize = false;
			return a;
		}
		a->issuer_kind = copy_out(cxt, spi_text(0, 1));
		d = spi_text(0, 2);
		a->has_division = (d != NULL);
		if (d != NULL)
		{
			qc_error	err;

			if (!qc_division_parse(d, strlen(d), &a->division, &err))
				elog(ERROR, "bad issuer division of \"%s\"", doc_no);
		}
		a->central = strcmp(spi_text(0, 3), "t") == 0;
		a->may_authorize = strcmp(spi_text(0, 4), "t") == 0;
		SPI_freetuptable(SPI_tuptable);
	}
	return a;
}

/* may an org of this kind hold posts of this category (category_use)? */
static bool
category_usable(ApplyState *st, const char *category, const char *org_kind)
{
	char		key[NAMEDATALEN * 2];
	bool		found;
	bool	   *entry;

	memset(key, 0, sizeof(key));
	snprintf(key, sizeof(key), "%s/%s", category, org_kind);
	entry = hash_search(st->uses, key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[2] = {TEXTOID, TEXTOID};
		Datum		values[2];

		quota_plan(&plan_use,
				   "SELECT 1 FROM quota.category_use "
				   "WHERE category OPERATOR(pg_catalog.=) $1 "
				   "AND org_kind OPERATOR(pg_catalog.=) $2",
				   2, argtypes);
		values[0] = CStringGetTextDatum(category);
		values[1] = CStringGetTextDatum(org_kind);
		quota_exec(plan_use, values, NULL, true, 1);
		*(bool *) ((char *) entry + sizeof(key)) = (SPI_processed == 1);
		SPI_freetuptable(SPI_tuptable);
	}
	return *(bool *) ((char *) entry + sizeof(key));
}

static MovKind
parse_kind(const char *s)
{
	int			i;

	for (i = 0; i < MK_INVALID; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (MovKind) i;
	return MK_INVALID;
}

/* ---------- phase 1: per-row checks ---------- */

#define NOTE(rule, ...) \
	do { \
		quota_violation_note(&st->violation, (rule), psprintf(__VA_ARGS__), \
							 detail, hint); \
		return false; \
	} while (0)

/* the division of a row's source / target account, or -1 for outside */
static int64
side_division(ApplyState *st, int64 org, int64 pool)
{
	if (org)
		return lookup_org(st, org)->division;
	if (pool)
		return lookup_pool(st, pool)->division;
	return -1;
}

static bool
check_shape(ApplyState *st, MovRow *r)
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
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld has an unknown kind \"%s\"",
			 (long long) r->id, r->kind_text);
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
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld has the wrong source or target for its kind %s",
			 (long long) r->id, r->kind_text);
	}
	if ((r->from_pool && r->from_pool == r->to_pool) ||
		(r->from_org && r->from_org == r->to_org))
	{
		detail = pstrdup("Source and target are the same account (调出、调入不能是同一账户).");
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld moves posts from an account to itself",
			 (long long) r->id);
	}
	if (r->has_expires && r->kind != MK_LEND)
	{
		detail = pstrdup("Only a lend (借用) has an expiry date.");
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld has expires_on set but kind %s is not a loan",
			 (long long) r->id, r->kind_text);
	}
	if ((r->loan_id != 0) != (r->kind == MK_REPAY))
	{
		detail = pstrdup(r->kind == MK_REPAY ? "A repay (归还) names the loan (loan_id) it returns posts of." :
						 "Only a repay (归还) names a loan.");
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld: loan_id %s", (long long) r->id,
			 r->kind == MK_REPAY ? "is required" : "is not allowed");
	}
	/* the audit trail is the server's: when and by whom, never what a client says */
	if (r->recorded_at != st->recorded_at || r->recorded_by == NULL ||
		strcmp(r->recorded_by, st->recorded_by) != 0)
	{
		detail = psprintf("recorded_at and recorded_by are set by the server (now() and the current user, %s); a client does not write them (登记时间、登记人由系统记录).",
						  st->recorded_by);
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld: recorded_at or recorded_by was supplied by the client",
			 (long long) r->id);
	}
	/* (recorded_at is now(), checked above, so its day is today) */
	if (r->effective_on > st->today)
	{
		detail = psprintf("effective_on %s is later than the day the row is recorded (生效日期不得晚于登记日期).",
						  DatumGetCString(DirectFunctionCall1(date_out,
															  DateADTGetDatum(r->effective_on))));
		NOTE(QR_MOVEMENT_SHAPE, "movement %lld is effective in the future", (long long) r->id);
	}
	if (r->kind == MK_LEND)
	{
		PoolInfo   *p = lookup_pool(st, r->from_pool);

		if (strcmp(p->kind, "reserve") != 0 && strcmp(p->kind, "turnover") != 0 &&
			strcmp(p->kind, "talent") != 0)
		{
			detail = psprintf("Pool %lld is a %s pool; loans come from a reserve (机动), turnover (周转) or talent (人才) pool.",
							  (long long) r->from_pool, p->kind);
			NOTE(QR_MOVEMENT_SHAPE, "movement %lld lends from a pool that does not lend",
				 (long long) r->id);
		}
	}
	if (r->kind == MK_REPAY)
	{
		LoanInfo   *l = lookup_loan(st, r->loan_id);

		if (!l->found)
		{
			detail = psprintf("Movement %lld is not a loan (借用); a repay (归还) returns the posts of a lend.", (long long) r->loan_id);
			NOTE(QR_MOVEMENT_SHAPE, "movement %lld repays something that is not a loan",
				 (long long) r->id);
		}
		if (l->pool_id != r->to_pool || l->org_id != r->from_org ||
			strcmp(l->category, r->category) != 0)
		{
			detail = psprintf("Loan %lld was lent by pool %lld to org %lld in category %s; a repay returns it from that org to that pool (原渠道归还).",
							  (long long) r->loan_id, (long long) l->pool_id,
							  (long long) l->org_id, l->category);
			NOTE(QR_MOVEMENT_SHAPE, "movement %lld repays loan %lld to another account",
				 (long long) r->id, (long long) r->loan_id);
		}
	}
	return true;
}

static bool
check_authority(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	ApprovalInfo *a;
	int64		from_div,
				to_div;

	if (st->internal)
		return true;
	a = lookup_approval(st, r->doc_no);
	if (a->missing)
	{
		detail = psprintf("No approval document %s is registered in quota.approval; every movement names one (文号).",
						  r->doc_no);
		hint = "Register the approval first.";
		NOTE(QR_AUTHORITY, "movement %lld: approval %s does not exist", (long long) r->id, r->doc_no);
	}
	if (!a->may_authorize)
	{
		detail = psprintf("Document %s was issued by a %s, which may not approve establishment matters (%s).",
						  r->doc_no, a->issuer_kind,
						  strcmp(a->issuer_kind, "line_department") == 0 ?
						  "禁止条条干预" : "人大常委会 documents are filings (备案)");
		hint = "Name an approval of the staffing committee or office (编委/编办) or a superior government.";
		NOTE(QR_AUTHORITY, "movement %lld: the issuer of %s has no authority over establishment",
			 (long long) r->id, r->doc_no);
	}
	if (a->central)
		return true;
	from_div = side_division(st, r->from_org, r->from_pool);
	to_div = side_division(st, r->to_org, r->to_pool);
	if ((from_div >= 0 && !qc_division_contains(a->division, from_div)) ||
		(to_div >= 0 && !qc_division_contains(a->division, to_div)))
	{
		detail = psprintf("The issuer of %s is at %s; the movement touches %s%s%s (分级管理).",
						  r->doc_no, quota_division_text(a->division),
						  from_div >= 0 ? quota_division_text(from_div) : "",
						  (from_div >= 0 && to_div >= 0 && from_div != to_div) ? " and " : "",
						  (to_div >= 0 && to_div != from_div) ? quota_division_text(to_div) : "");
		hint = "An issuer's division must contain every jurisdiction a movement touches (分级管理).";
		NOTE(QR_AUTHORITY, "movement %lld: %s was issued outside the jurisdictions it moves posts between",
			 (long long) r->id, r->doc_no);
	}
	if (from_div >= 0 && to_div >= 0 && from_div != to_div &&
		(strcmp(r->category, "admin") == 0 || strcmp(r->category, "politico_legal") == 0))
	{
		detail = psprintf("Moving %s posts from %s to %s needs central approval (跨层级、跨地区调整行政编制须报中央机构编制部门审批).",
						  r->category, quota_division_text(from_div), quota_division_text(to_div));
		NOTE(QR_AUTHORITY, "movement %lld moves %s posts between jurisdictions without a central approval",
			 (long long) r->id, r->category);
	}
	if (r->kind == MK_ISSUE && a->division == to_div)
	{
		detail = psprintf("%s was issued at %s itself; new posts are granted from above (核增).",
						  r->doc_no, quota_division_text(to_div));
		NOTE(QR_AUTHORITY, "movement %lld issues posts into %s without an issuer above it",
			 (long long) r->id, quota_division_text(to_div));
	}
	return true;
}

static bool
check_org_active(ApplyState *st, MovRow *r)
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
		o = lookup_org(st, orgs[i]);
		if (strcmp(o->status, "active") != 0)
		{
			detail = psprintf("Org %lld (%s) is %s (%s); only active orgs hold and move posts.", (long long) o->id, o->name, o->status,
							  strcmp(o->status, "merged") == 0 ? "已整合" : "已撤销");
			NOTE(QR_ORG_INACTIVE, "movement %lld involves an org that is not active",
				 (long long) r->id);
		}
	}
	return true;
}

static bool
check_category(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;
	int64		pools[2] = {r->from_pool, r->to_pool};
	int			i;

	if (strcmp(r->category, "filed") == 0)
	{
		detail = pstrdup("备案制人员 are not 编制: they are never allocated or moved.");
		NOTE(QR_CATEGORY_MISMATCH, "movement %lld moves filed (备案制) posts", (long long) r->id);
	}
	for (i = 0; i < 2; i++)
	{
		PoolInfo   *p;

		if (pools[i] == 0)
			continue;
		p = lookup_pool(st, pools[i]);
		if (strcmp(p->category, r->category) != 0)
		{
			detail = psprintf("Pool %lld holds %s posts, the movement is of %s posts; a post never changes category (不得混用、挤占、挪用).",
							  (long long) p->id, p->category, r->category);
			NOTE(QR_CATEGORY_MISMATCH, "movement %lld mixes categories", (long long) r->id);
		}
	}
	if (r->to_org)
	{
		OrgInfo    *o = lookup_org(st, r->to_org);

		if (!category_usable(st, r->category, o->kind))
		{
			detail = psprintf("Org %lld (%s) is of kind %s, which may not hold %s posts (不得混用、挤占、挪用).",
							  (long long) o->id, o->name, o->kind, r->category);
			NOTE(QR_CATEGORY_MISMATCH, "movement %lld gives %s posts to an org that may not use them",
				 (long long) r->id, r->category);
		}
	}
	return true;
}

static bool
check_loan_terms(ApplyState *st, MovRow *r)
{
	char	   *detail = NULL;
	char	   *hint = NULL;

	if (r->kind == MK_LEND && (!r->has_expires || r->expires_on <= r->effective_on))
	{
		detail = pstrdup("Every loan has a term (周转期): expires_on must be after effective_on.");
		NOTE(QR_LOAN, "movement %lld lends posts without a valid expiry", (long long) r->id);
	}
	return true;
}

/* ---------- accumulation ---------- */

static void
add_pool(ApplyState *st, int64 pool, int64 dbalance, int64 dlent)
{
	bool		found;
	PoolDelta  *d = hash_search(st->pool_deltas, &pool, HASH_ENTER, &found);

	if (!found)
		d->dbalance = d->dlent = 0;
	d->dbalance += dbalance;
	d->dlent += dlent;
}

static void
add_org(ApplyState *st, int64 org, const char *category, int64 dapproved,
		int64 dborrowed)
{
	bool		found;
	OrgKey		key;
	OrgDelta   *d;

	memset(&key, 0, sizeof(key));
	key.org_id = org;
	strlcpy(key.category, category, NAMEDATALEN);
	d = hash_search(st->org_deltas, &key, HASH_ENTER, &found);
	if (!found)
		d->dapproved = d->dborrowed = 0;
	d->dapproved += dapproved;
	d->dborrowed += dborrowed;
}

static void
add_jur(ApplyState *st, int64 division, const char *category, int64 dlevel,
		int64 dsubtree)
{
	bool		found;
	JurKey		key;
	JurDelta   *d;

	memset(&key, 0, sizeof(key));
	key.division = division;
	strlcpy(key.category, category, NAMEDATALEN);
	d = hash_search(st->jur_deltas, &key, HASH_ENTER, &found);
	if (!found)
		d->dlevel = d->dsubtree = 0;
	d->dlevel += dlevel;
	d->dsubtree += dsubtree;
}

/*
 * Posts held move from jurisdiction "from" to "to" (-1: outside).  The
 * level figure moves between the two; the subtree figure changes on every
 * ancestor-or-self of one side that is not an ancestor-or-self of the other.
 */
static void
move_held(ApplyState *st, int64 from, int64 to, const char *category, int64 n)
{
	int64		a;

	if (from == to)
		return;
	if (from >= 0)
		add_jur(st, from, category, -n, 0);
	if (to >= 0)
		add_jur(st, to, category, n, 0);
	for (a = from; a >= 0; a = qc_division_parent(a))
		if (to < 0 || !qc_division_contains(a, to))
			add_jur(st, a, category, 0, -n);
	for (a = to; a >= 0; a = qc_division_parent(a))
		if (from < 0 || !qc_division_contains(a, from))
			add_jur(st, a, category, 0, n);
}

static void
accumulate(ApplyState *st, MovRow *r)
{
	int64		n = r->amount;
	int64		from_div = side_division(st, r->from_org, r->from_pool);
	int64		to_div = side_division(st, r->to_org, r->to_pool);

	switch (r->kind)
	{
		case MK_ISSUE:
		case MK_RETIRE:
		case MK_DELEGATE:
		case MK_ALLOCATE:
		case MK_RECALL:
		case MK_TRANSFER:
			if (r->from_pool)
				add_pool(st, r->from_pool, -n, 0);
			if (r->from_org)
				add_org(st, r->from_org, r->category, -n, 0);
			if (r->to_pool)
				add_pool(st, r->to_pool, n, 0);
			if (r->to_org)
				add_org(st, r->to_org, r->category, n, 0);
			move_held(st, from_div, to_div, r->category, n);
			break;
		case MK_LEND:
			{
				NewLoan    *l = MemoryContextAlloc(st->work, sizeof(NewLoan));

				add_pool(st, r->from_pool, -n, n);
				add_org(st, r->to_org, r->category, 0, n);
				l->loan_id = r->id;
				l->pool_id = r->from_pool;
				l->org_id = r->to_org;
				l->category = MemoryContextStrdup(st->work, r->category);
				l->amount = r->amount;
				l->expires_on = r->expires_on;
				{
					MemoryContext o = MemoryContextSwitchTo(st->work);

					st->new_loans = lappend(st->new_loans, l);
					MemoryContextSwitchTo(o);
				}
				break;
			}
		case MK_REPAY:
			{
				bool		found;
				LoanDelta  *d;

				add_org(st, r->from_org, r->category, 0, -n);
				add_pool(st, r->to_pool, n, -n);
				d = hash_search(st->loan_deltas, &r->loan_id, HASH_ENTER, &found);
				if (!found)
					d->doutstanding = 0;
				d->doutstanding -= n;
				break;
			}
		default:
			Assert(false);
	}
}

/* ---------- phase 2: apply, in the global lock order ---------- */

static int
cmp_int64_key(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

static int
cmp_org_key(const void *a, const void *b)
{
	const OrgDelta *x = a;
	const OrgDelta *y = b;

	if (x->key.org_id != y->key.org_id)
		return x->key.org_id < y->key.org_id ? -1 : 1;
	return strcmp(x->key.category, y->key.category);
}

static int
cmp_jur_key(const void *a, const void *b)
{
	const JurDelta *x = a;
	const JurDelta *y = b;

	if (x->key.division != y->key.division)
		return x->key.division < y->key.division ? -1 : 1;
	return strcmp(x->key.category, y->key.category);
}

/* hash contents as a sorted array */
static void *
sorted_entries(HTAB *h, Size entrysize, int (*cmp) (const void *, const void *),
			   long *count)
{
	HASH_SEQ_STATUS s;
	void	   *e;
	long		n = hash_get_num_entries(h);
	char	   *arr = palloc(Max(n, 1) * entrysize);
	long		i = 0;

	hash_seq_init(&s, h);
	while ((e = hash_seq_search(&s)) != NULL)
		memcpy(arr + (i++) * entrysize, e, entrysize);
	qsort(arr, n, entrysize, cmp);
	*count = n;
	return arr;
}

static void
apply_loans(ApplyState *st)
{
	long		n,
				i;
	LoanDelta  *arr = sorted_entries(st->loan_deltas, sizeof(LoanDelta),
									 cmp_int64_key, &n);

	for (i = 0; i < n; i++)
	{
		Oid			argtypes[2] = {INT8OID, INT8OID};
		Datum		values[2];
		bool		isnull;

		quota_plan(&plan_loan_upd,
				   "UPDATE quota.loan SET outstanding = outstanding OPERATOR(pg_catalog.+) $2::pg_catalog.int4 "
				   "WHERE loan_id OPERATOR(pg_catalog.=) $1 "
				   "AND outstanding OPERATOR(pg_catalog.+) $2 OPERATOR(pg_catalog.>=) 0",
				   2, argtypes);
		values[0] = Int64GetDatum(arr[i].loan_id);
		values[1] = Int64GetDatum(arr[i].doutstanding);
		quota_exec(plan_loan_upd, values, NULL, false, 0);
		if (SPI_processed == 1)
			continue;
		/* wait for (or, under snapshot isolation, fail on) a concurrent change */
		quota_plan(&plan_loan_get,
				   "SELECT outstanding::pg_catalog.int8 FROM quota.loan WHERE loan_id OPERATOR(pg_catalog.=) $1 "
				   "FOR NO KEY UPDATE",
				   1, argtypes);
		quota_exec(plan_loan_get, values, NULL, false, 1);
		if (SPI_processed == 1 && spi_int64(0, 1, &isnull) + arr[i].doutstanding >= 0)
		{
			quota_exec(plan_loan_upd, values, NULL, false, 0);
			if (SPI_processed == 1)
				continue;
		}
		quota_raise(QR_LOAN, st->rel,
					psprintf("repay of %lld posts exceeds what loan %lld still has out",
							 (long long) -arr[i].doutstanding, (long long) arr[i].loan_id),
					psprintf("Loan %lld has %lld posts outstanding (借用未还), the repay returns %lld.",
							 (long long) arr[i].loan_id,
							 (long long) (SPI_processed ? spi_int64(0, 1, &isnull) : 0),
							 (long long) -arr[i].doutstanding),
					NULL);
	}
	{
		ListCell   *lc;

		foreach(lc, st->new_loans)
		{
			NewLoan    *l = lfirst(lc);
			Oid			argtypes[6] = {INT8OID, INT8OID, INT8OID, TEXTOID, INT4OID, DATEOID};
			Datum		values[6];

			quota_plan(&plan_loan_ins,
					   "INSERT INTO quota.loan (loan_id, pool_id, org_id, category, amount, outstanding, expires_on) "
					   "VALUES ($1, $2, $3, $4, $5, $5, $6)",
					   6, argtypes);
			values[0] = Int64GetDatum(l->loan_id);
			values[1] = Int64GetDatum(l->pool_id);
			values[2] = Int64GetDatum(l->org_id);
			values[3] = CStringGetTextDatum(l->category);
			values[4] = Int32GetDatum(l->amount);
			values[5] = DateADTGetDatum(l->expires_on);
			quota_exec(plan_loan_ins, values, NULL, false, 0);
		}
	}
}

static void
apply_pools(ApplyState *st)
{
	long		n,
				i;
	PoolDelta  *arr = sorted_entries(st->pool_deltas, sizeof(PoolDelta),
									 cmp_int64_key, &n);

	for (i = 0; i < n; i++)
	{
		Oid			argtypes[3] = {INT8OID, INT8OID, INT8OID};
		Datum		values[3];
		bool		isnull;
		int64		balance = 0;
		PoolInfo   *p;

		if (arr[i].dbalance == 0 && arr[i].dlent == 0)
			continue;
		quota_plan(&plan_pool_upd,
				   "UPDATE quota.pool_account SET "
				   "balance = balance OPERATOR(pg_catalog.+) $2::pg_catalog.int4, "
				   "lent = lent OPERATOR(pg_catalog.+) $3::pg_catalog.int4 "
				   "WHERE pool_id OPERATOR(pg_catalog.=) $1 "
				   "AND balance OPERATOR(pg_catalog.+) $2 OPERATOR(pg_catalog.>=) 0 "
				   "AND lent OPERATOR(pg_catalog.+) $3 OPERATOR(pg_catalog.>=) 0",
				   3, argtypes);
		values[0] = Int64GetDatum(arr[i].pool_id);
		values[1] = Int64GetDatum(arr[i].dbalance);
		values[2] = Int64GetDatum(arr[i].dlent);
		quota_exec(plan_pool_upd, values, NULL, false, 0);
		if (SPI_processed == 1)
			continue;
		/* wait for (or, under snapshot isolation, fail on) a concurrent change */
		quota_plan(&plan_pool_get,
				   "SELECT balance::pg_catalog.int8, lent::pg_catalog.int8 FROM quota.pool_account "
				   "WHERE pool_id OPERATOR(pg_catalog.=) $1 FOR NO KEY UPDATE",
				   1, argtypes);
		quota_exec(plan_pool_get, values, NULL, false, 1);
		if (SPI_processed == 1)
		{
			balance = spi_int64(0, 1, &isnull);
			if (balance + arr[i].dbalance >= 0 &&
				spi_int64(0, 2, &isnull) + arr[i].dlent >= 0)
			{
				quota_exec(plan_pool_upd, values, NULL, false, 0);
				if (SPI_processed == 1)
					continue;
			}
		}
		p = lookup_pool(st, arr[i].pool_id);
		quota_raise(QR_INSUFFICIENT, st->rel,
					psprintf("pool %lld has fewer free posts than the movement takes",
							 (long long) arr[i].pool_id),
					psprintf("The %s %s pool of %s has %lld free posts (编制余额); %lld are requested.",
							 p->kind, p->category, quota_division_text(p->division),
							 (long long) balance, (long long) -arr[i].dbalance),
					NULL);
	}
}

static void
apply_orgs(ApplyState *st)
{
	long		n,
				i;
	OrgDelta   *arr = sorted_entries(st->org_deltas, sizeof(OrgDelta),
									 cmp_org_key, &n);

	for (i = 0; i < n; i++)
	{
		Oid			argtypes[5] = {INT8OID, TEXTOID, INT8OID, INT8OID, BOOLOID};
		Datum		values[5];
		bool		isnull;
		int			attempt;

		if (arr[i].dapproved == 0 && arr[i].dborrowed == 0)
			continue;
		values[0] = Int64GetDatum(arr[i].key.org_id);
		values[1] = CStringGetTextDatum(arr[i].key.category);
		values[2] = Int64GetDatum(arr[i].dapproved);
		values[3] = Int64GetDatum(arr[i].dborrowed);
		values[4] = BoolGetDatum(st->allow_excess);
		for (attempt = 0; attempt < 3; attempt++)
		{
			int64		approved,
						borrowed,
						occupied,
						reserved;
			OrgInfo    *o;

			/*
			 * Only vacant own posts leave (approved - occupied - reserved);
			 * borrowed posts leave only by repay, and only vacant ones
			 * (borrowed posts are filled last; seats reserved by hiring
			 * approvals count as filled).
			 */
			quota_plan(&plan_org_upd,
					   "UPDATE quota.org_account SET "
					   "approved = approved OPERATOR(pg_catalog.+) $3::pg_catalog.int4, "
					   "borrowed = borrowed OPERATOR(pg_catalog.+) $4::pg_catalog.int4 "
					   "WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2 "
					   "AND (approved OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.>=) 0 "
					   "AND ($5 OR $3 OPERATOR(pg_catalog.>=) 0 OR (approved OPERATOR(pg_catalog.+) $3) "
					   "     OPERATOR(pg_catalog.>=) (occupied OPERATOR(pg_catalog.+) reserved)) "
					   "AND ($4 OPERATOR(pg_catalog.>=) 0 OR borrowed OPERATOR(pg_catalog.+) $4 "
					   "     OPERATOR(pg_catalog.>=) GREATEST(occupied OPERATOR(pg_catalog.+) reserved "
					   "     OPERATOR(pg_catalog.-) approved OPERATOR(pg_catalog.-) $3, 0))",
					   5, argtypes);
			quota_exec(plan_org_upd, values, NULL, false, 0);
			if (SPI_processed == 1)
				break;
			quota_plan(&plan_org_get,
					   "SELECT approved::pg_catalog.int8, borrowed::pg_catalog.int8, "
					   "occupied::pg_catalog.int8, reserved::pg_catalog.int8 "
					   "FROM quota.org_account WHERE org_id OPERATOR(pg_catalog.=) $1 "
					   "AND category OPERATOR(pg_catalog.=) $2 FOR NO KEY UPDATE",
					   2, argtypes);
			quota_exec(plan_org_get, values, NULL, false, 1);
			if (SPI_processed == 0 && arr[i].dapproved >= 0 && arr[i].dborrowed >= 0)
			{
				/* first posts of this category: open the account */
				quota_plan(&plan_org_ins,
						   "INSERT INTO quota.org_account (org_id, category, approved, borrowed) "
						   "VALUES ($1, $2, $3::pg_catalog.int4, $4::pg_catalog.int4) "
						   "ON CONFLICT DO NOTHING",
						   4, argtypes);
				quota_exec(plan_org_ins, values, NULL, false, 0);
				if (SPI_processed == 1)
					break;
				continue;		/* opened concurrently: update it */
			}
			approved = SPI_processed ? spi_int64(0, 1, &isnull) : 0;
			borrowed = SPI_processed ? spi_int64(0, 2, &isnull) : 0;
			occupied = SPI_processed ? spi_int64(0, 3, &isnull) : 0;
			reserved = SPI_processed ? spi_int64(0, 4, &isnull) : 0;
			/* the latest version (now locked) may allow it: update again */
			if (SPI_processed == 1 && attempt < 2 &&
				approved + arr[i].dapproved >= 0 &&
				(st->allow_excess || arr[i].dapproved >= 0 ||
				 approved + arr[i].dapproved >= occupied + reserved) &&
				(arr[i].dborrowed >= 0 ||
				 borrowed + arr[i].dborrowed >= Max(occupied + reserved - approved - arr[i].dapproved, 0)))
				continue;
			o = lookup_org(st, arr[i].key.org_id);
			if (arr[i].dapproved < 0)
				quota_raise(QR_INSUFFICIENT, st->rel,
							psprintf("org %lld has fewer vacant %s posts than the movement takes",
									 (long long) o->id, arr[i].key.category),
							psprintf("%s has %lld approved, %lld occupied and %lld reserved %s posts: %lld vacant (空编), %lld requested; only vacant posts leave an org.",
									 o->name, (long long) approved, (long long) occupied,
									 (long long) reserved, arr[i].key.category,
									 (long long) Max(approved - occupied - reserved, 0),
									 (long long) -arr[i].dapproved),
							NULL);
			quota_raise(QR_INSUFFICIENT, st->rel,
						psprintf("org %lld has fewer vacant borrowed %s posts than the repay returns",
								 (long long) o->id, arr[i].key.category),
						psprintf("%s has %lld borrowed posts (借用编制), %lld of them vacant; %lld are returned.",
								 o->name, (long long) borrowed,
								 (long long) Max(borrowed - Max(occupied + reserved - approved, 0), 0),
								 (long long) -arr[i].dborrowed),
						NULL);
		}
	}
}

static void
apply_jurisdictions(ApplyState *st)
{
	long		n,
				i;
	JurDelta   *arr = sorted_entries(st->jur_deltas, sizeof(JurDelta),
									 cmp_jur_key, &n);

	for (i = 0; i < n; i++)
	{
		Oid			argtypes[4] = {TEXTOID, TEXTOID, INT8OID, INT8OID};
		Datum		values[4];
		bool		isnull;
		int64		level_held,
					subtree_held,
					level_ceiling,
					subtree_ceiling;
		bool		level_null,
					subtree_null;
		bool		level_over;

		if (arr[i].dlevel == 0 && arr[i].dsubtree == 0)
			continue;
		quota_plan(&plan_jur_upd,
				   "UPDATE quota.jurisdiction_account SET "
				   "level_held = level_held OPERATOR(pg_catalog.+) $3::pg_catalog.int4, "
				   "subtree_held = subtree_held OPERATOR(pg_catalog.+) $4::pg_catalog.int4 "
				   "WHERE division OPERATOR(pg_catalog.=) $1::quota.division "
				   "AND category OPERATOR(pg_catalog.=) $2 "
				   "AND ($3 OPERATOR(pg_catalog.<=) 0 OR level_ceiling IS NULL "
				   "     OR level_held OPERATOR(pg_catalog.+) $3 OPERATOR(pg_catalog.<=) level_ceiling) "
				   "AND ($4 OPERATOR(pg_catalog.<=) 0 OR subtree_ceiling IS NULL "
				   "     OR subtree_held OPERATOR(pg_catalog.+) $4 OPERATOR(pg_catalog.<=) subtree_ceiling)",
				   4, argtypes);
		values[0] = CStringGetTextDatum(quota_division_text(arr[i].key.division));
		values[1] = CStringGetTextDatum(arr[i].key.category);
		values[2] = Int64GetDatum(arr[i].dlevel);
		values[3] = Int64GetDatum(arr[i].dsubtree);
		quota_exec(plan_jur_upd, values, NULL, false, 0);
		if (SPI_processed == 1)
			continue;
		quota_plan(&plan_jur_get,
				   "SELECT level_held::pg_catalog.int8, subtree_held::pg_catalog.int8, "
				   "level_ceiling::pg_catalog.int8, subtree_ceiling::pg_catalog.int8 "
				   "FROM quota.jurisdiction_account "
				   "WHERE division OPERATOR(pg_catalog.=) $1::quota.division "
				   "AND category OPERATOR(pg_catalog.=) $2 FOR NO KEY UPDATE",
				   2, argtypes);
		quota_exec(plan_jur_get, values, NULL, false, 1);
		if (SPI_processed == 0)
			continue;			/* not a registered jurisdiction */
		level_held = spi_int64(0, 1, &isnull);
		subtree_held = spi_int64(0, 2, &isnull);
		level_ceiling = spi_int64(0, 3, &level_null);
		subtree_ceiling = spi_int64(0, 4, &subtree_null);
		/* the latest version (now locked) may allow it: update again */
		if ((arr[i].dlevel <= 0 || level_null || level_held + arr[i].dlevel <= level_ceiling) &&
			(arr[i].dsubtree <= 0 || subtree_null || subtree_held + arr[i].dsubtree <= subtree_ceiling))
		{
			quota_exec(plan_jur_upd, values, NULL, false, 0);
			if (SPI_processed == 1)
				continue;
		}
		level_over = arr[i].dlevel > 0 && !level_null &&
			level_held + arr[i].dlevel > level_ceiling;
		quota_raise(QR_CAP_EXCEEDED, st->rel,
					psprintf("the %s cap of %s on %s posts would be exceeded",
							 level_over ? "level" : "subtree",
							 quota_division_text(arr[i].key.division), arr[i].key.category),
					level_over ?
					psprintf("控制数 (level): %lld posts held at %s, %lld more would exceed the ceiling of %lld.",
							 (long long) level_held, quota_division_text(arr[i].key.division),
							 (long long) arr[i].dlevel, (long long) level_ceiling) :
					psprintf("控制数 (subtree): %lld posts held in the subtree of %s, %lld more would exceed the ceiling of %lld.",
							 (long long) subtree_held, quota_division_text(arr[i].key.division),
							 (long long) arr[i].dsubtree,
							 (long long) (subtree_null ? 0 : subtree_ceiling)),
					NULL);
	}
}

/*
 * Standards in enforce mode hold for every org whose approved posts grew
 * (quota_standard_exceeded); warn mode warns (in quota.standard_check).
 */
static void
check_standards(ApplyState *st)
{
	HASH_SEQ_STATUS scan;
	OrgDelta   *d;

	if (st->allow_excess)
		return;
	hash_seq_init(&scan, st->org_deltas);
	while ((d = hash_seq_search(&scan)) != NULL)
	{
		Oid			argtypes[2] = {INT8OID, TEXTOID};
		Datum		values[2];
		char	   *detail;

		if (d->dapproved <= 0 || !lookup_org(st, d->key.org_id)->has_standard)
			continue;
		quota_plan(&plan_std_check,
				   "SELECT quota.standard_check($1, 'posts', $2)", 2, argtypes);
		values[0] = Int64GetDatum(d->key.org_id);
		values[1] = CStringGetTextDatum(d->key.category);
		quota_exec(plan_std_check, values, NULL, false, 1);
		detail = SPI_processed == 1 ? spi_text(0, 1) : NULL;
		if (detail != NULL)
		{
			hash_seq_term(&scan);
			quota_raise(QR_STANDARD_EXCEEDED, st->rel,
						psprintf("org %lld would exceed its staffing standard for %s posts",
								 (long long) d->key.org_id, d->key.category),
						detail, pstrdup("The standard is in enforce mode (编制标准)."));
		}
	}
}

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

static int
attnum_of(TupleDesc desc, const char *name)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (!a->attisdropped && strcmp(NameStr(a->attname), name) == 0)
			return i + 1;
	}
	elog(ERROR, "quota.movement has no column \"%s\"", name);
	return 0;
}

static int64
slot_int64(TupleTableSlot *slot, int attno)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attno, &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static char *
slot_text(TupleTableSlot *slot, int attno)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attno, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

static void
read_row(TupleTableSlot *slot, const MovAttnums *a, MovRow *r)
{
	bool		isnull;
	Datum		d;

	r->id = slot_int64(slot, a->id);
	r->kind_text = slot_text(slot, a->kind);
	r->kind = parse_kind(r->kind_text);
	r->category = slot_text(slot, a->category);
	r->amount = DatumGetInt32(slot_getattr(slot, a->amount, &isnull));
	r->from_org = slot_int64(slot, a->from_org);
	r->from_pool = slot_int64(slot, a->from_pool);
	r->to_org = slot_int64(slot, a->to_org);
	r->to_pool = slot_int64(slot, a->to_pool);
	r->doc_no = slot_text(slot, a->doc_no);
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
	st.recorded_by = GetUserNameFromId(GetUserId(), false);
	st.orgs = make_hash("quota orgs", sizeof(int64), sizeof(OrgInfo), true);
	st.pools = make_hash("quota pools", sizeof(int64), sizeof(PoolInfo), true);
	st.loans = make_hash("quota loans", sizeof(int64), sizeof(LoanInfo), true);
	st.approvals = make_hash("quota approvals", NAMEDATALEN * 4, sizeof(ApprovalInfo), false);
	st.uses = make_hash("quota category use", NAMEDATALEN * 2, NAMEDATALEN * 2 + sizeof(bool), false);
	st.pool_deltas = make_hash("quota pool deltas", sizeof(int64), sizeof(PoolDelta), true);
	st.org_deltas = make_hash("quota org deltas", sizeof(OrgKey), sizeof(OrgDelta), true);
	st.loan_deltas = make_hash("quota loan deltas", sizeof(int64), sizeof(LoanDelta), true);
	st.jur_deltas = make_hash("quota jurisdiction deltas", sizeof(JurKey), sizeof(JurDelta), true);

	a.id = attnum_of(desc, "id");
	a.kind = attnum_of(desc, "kind");
	a.category = attnum_of(desc, "category");
	a.amount = attnum_of(desc, "amount");
	a.from_org = attnum_of(desc, "from_org");
	a.from_pool = attnum_of(desc, "from_pool");
	a.to_org = attnum_of(desc, "to_org");
	a.to_pool = attnum_of(desc, "to_pool");
	a.doc_no = attnum_of(desc, "doc_no");
	a.effective_on = attnum_of(desc, "effective_on");
	a.expires_on = attnum_of(desc, "expires_on");
	a.loan_id = attnum_of(desc, "loan_id");
	a.recorded_at = attnum_of(desc, "recorded_at");
	a.recorded_by = attnum_of(desc, "recorded_by");

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
		if (check_shape(&st, &row) &&
			check_authority(&st, &row) &&
			check_org_active(&st, &row) &&
			check_category(&st, &row) &&
			check_loan_terms(&st, &row) &&
			st.violation.rule == QR_NONE)
			accumulate(&st, &row);
		MemoryContextSwitchTo(spicxt);
		MemoryContextReset(rowmem);
		CHECK_FOR_INTERRUPTS();
	}
	ExecDropSingleTupleTableSlot(slot);

	if (st.violation.rule != QR_NONE)
		quota_violation_raise(&st.violation, st.rel);

	apply_loans(&st);
	apply_pools(&st);
	apply_orgs(&st);
	apply_jurisdictions(&st);
	check_standards(&st);

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
