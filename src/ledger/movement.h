/*-------------------------------------------------------------------------
 *
 * movement.h
 *	  What the files of the ledger trigger share: a row of the transition
 *	  table, the per-statement state (caches of referenced rows, accumulated
 *	  deltas), and the functions of each phase.  Private to src/ledger/.
 *
 *	    movement.c            the trigger: reads the rows, runs the phases
 *	    movement_rows.c       per-statement caches of orgs, pools, loans,
 *	                          approvals and category uses
 *	    doccache.c            per-backend cache of what approvals and
 *	                          categories say (the authority check)
 *	    movement_checks.c     phase 1: shape, org status, category, loan terms
 *	    authority.c           phase 1: the issuer-authority rule
 *	    movement_apply.c      phase 2: deltas per account, applied in the
 *	                          global lock order
 *	    movement_standards.c  then the posts standards of orgs whose
 *	                          approved posts grew, by the C standards core
 *
 * IDENTIFICATION
 *	  src/ledger/movement.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_LEDGER_MOVEMENT_H
#define QUOTA_LEDGER_MOVEMENT_H

#include "executor/spi.h"
#include "nodes/pg_list.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

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
	bool		found;			/* false: no such org (its key is deferred) */
	char	   *kind;
	int64		division;
	char	   *status;
	char	   *name;
	bool		has_standard;	/* a posts standard (enforce or warn) covers its sector */
} OrgInfo;

typedef struct PoolInfo
{
	int64		id;				/* hash key */
	bool		found;			/* false: no such pool (its key is deferred) */
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
	bool		has_issued_on;
	DateADT		issued_on;
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
	char	   *recorded_by;	/* quota.actor(): the role that issued the statement */
	MemoryContext work;
} ApplyState;

/* value of column attno of the current SPI result row, as text or NULL */
static inline char *
spi_text(int row, int attno)
{
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, attno);
}

static inline int64
spi_int64(int row, int attno, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  attno, isnull);

	return *isnull ? 0 : DatumGetInt64(d);
}

static inline char *
copy_out(MemoryContext cxt, const char *s)
{
	return s ? MemoryContextStrdup(cxt, s) : NULL;
}


/*
 * Record a violation of rule in st->violation and stop checking this row
 * (the caller's locals detail and hint are passed along).
 */
#define NOTE(rule, ...) \
	do { \
		quota_violation_note(&st->violation, (rule), psprintf(__VA_ARGS__), \
							 detail, hint); \
		return false; \
	} while (0)

/* movement_rows.c */
extern OrgInfo *mov_lookup_org(ApplyState *st, int64 id);
extern void mov_prefetch_orgs(ApplyState *st, int64 a, int64 b);
extern PoolInfo *mov_lookup_pool(ApplyState *st, int64 id);
extern LoanInfo *mov_lookup_loan(ApplyState *st, int64 id);
extern ApprovalInfo *mov_lookup_approval(ApplyState *st, const char *doc_no);
extern bool mov_category_usable(ApplyState *st, const char *category, const char *org_kind);
extern bool mov_category_exists(ApplyState *st, const char *category);
extern bool mov_category_central_across(ApplyState *st, const char *category);
extern bool mov_source_held(ApplyState *st, MovRow *r);
extern int64 mov_side_division(ApplyState *st, int64 org, int64 pool);

/* doccache.c */
extern bool mov_cached_approval(const char *key, ApprovalInfo *a, MemoryContext cxt);
extern bool mov_cached_central_across(const char *category);

/* movement_checks.c */
extern char *mov_row_text(const MovRow *r);
extern MovKind mov_parse_kind(const char *s);
extern bool mov_check_shape(ApplyState *st, MovRow *r);
extern bool mov_check_org_active(ApplyState *st, MovRow *r);
extern bool mov_check_category(ApplyState *st, MovRow *r);
extern bool mov_check_loan_terms(ApplyState *st, MovRow *r);

/* authority.c */
extern bool mov_check_authority(ApplyState *st, MovRow *r);

/* movement_standards.c */
extern void mov_check_standards(ApplyState *st);

/* movement_apply.c */
extern void mov_accumulate(ApplyState *st, MovRow *r);
extern void mov_apply_loans(ApplyState *st);
extern void mov_apply_pools(ApplyState *st);
extern void mov_apply_orgs(ApplyState *st);
extern void mov_apply_jurisdictions(ApplyState *st);

#endif							/* QUOTA_LEDGER_MOVEMENT_H */
