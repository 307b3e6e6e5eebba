/*-------------------------------------------------------------------------
 *
 * ledger.h
 *	  Shared pieces of the establishment ledger: rule ranks and violation
 *	  reporting, running checks as the table owner, kept SPI plans.
 *
 * IDENTIFICATION
 *	  src/ledger/ledger.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_LEDGER_H
#define QUOTA_LEDGER_H

#include "executor/spi.h"
#include "executor/tuptable.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/rel.h"

/*
 * The rules of DESIGN.md §8 in their reporting order: when a statement
 * breaks several, the one with the lowest rank is reported.
 */
typedef enum QuotaRule
{
	QR_NONE = 0,
	QR_LEDGER_IMMUTABLE,
	QR_MOVEMENT_SHAPE,
	QR_AUTHORITY,
	QR_ORG_INACTIVE,
	QR_CATEGORY_MISMATCH,
	QR_LOAN,
	QR_EVALUATION,
	QR_INSUFFICIENT,
	QR_OVER_ESTABLISHMENT,
	QR_CAP_EXCEEDED,
	QR_STANDARD_EXCEEDED,
	QR_LEADERSHIP_EXCEEDED,
	QR_INTERNAL_UNITS,
	QR_HIRING,
	QR_PERSON_DUPLICATE,
	QR_HEADCOUNT_CAP
} QuotaRule;

/* A pending violation: the first (lowest rank) one is raised. */
typedef struct QuotaViolation
{
	QuotaRule	rule;
	char	   *message;
	char	   *detail;
	char	   *hint;
	MemoryContext cxt;			/* where the strings are copied to */
} QuotaViolation;

extern const char *quota_rule_name(QuotaRule rule);
extern QuotaRule quota_rule_by_name(const char *name);
extern void quota_violation_note(QuotaViolation *v, QuotaRule rule,
								 char *message, char *detail, char *hint);
extern void quota_violation_raise(const QuotaViolation *v, Relation rel) pg_attribute_noreturn();
extern void quota_raise(QuotaRule rule, Relation rel, char *message,
						char *detail, char *hint) pg_attribute_noreturn();

/*
 * How a rule error names an org: "org 30 (县第一小学)", or "org 30" when
 * the name is not at hand; quota_org_text_lookup reads the name (only when
 * raising: one kept plan).  An id nothing is registered under reads
 * "no org 999999 is registered" (quota_unknown_org_text).
 */
extern char *quota_org_text(int64 id, const char *name);
extern char *quota_org_text_lookup(int64 id);
extern char *quota_unknown_org_text(int64 id);
extern const char *quota_rule_zh(QuotaRule rule);

/*
 * The issuer-authority rule (src/ledger/authority.c): may an issuer approve
 * establishment matters in a jurisdiction (-1: none)?
 */
extern bool quota_issuer_covers(bool may_authorize, bool central,
								bool has_division, int64 issuer_division,
								int64 division);

/* Run SPI work as the owner of rel, exempt from row-level security. */
typedef struct QuotaOwnerContext
{
	Oid			save_userid;
	int			save_sec_context;
} QuotaOwnerContext;

extern void quota_become_owner(Relation rel, QuotaOwnerContext *ctx);
extern void quota_restore_user(const QuotaOwnerContext *ctx);

/* Kept plans: prepare once per backend, keep across transactions. */
extern SPIPlanPtr quota_plan(SPIPlanPtr *slot, const char *sql, int nargs,
							 Oid *argtypes);
extern int	quota_exec(SPIPlanPtr plan, Datum *values, const char *nulls,
					   bool read_only, long count);

/*
 * A kept plan, generic from the start: for a query over an array of keys the
 * plan cache would otherwise make a custom plan at every execution (it looks
 * cheaper), and planning costs more than the query.
 */
extern SPIPlanPtr quota_plan_generic(SPIPlanPtr *slot, const char *sql, int nargs,
									 Oid *argtypes);
/* The attribute number of a column of a trigger's table; an error naming relname if none. */
extern int	quota_attnum(TupleDesc desc, const char *name, const char *relname);

/* The entries of a hash table in the order of cmp (an array of pointers, palloc'd). */
extern void **quota_hash_sorted(HTAB *h, int (*cmp) (const void *, const void *),
								long *n);
/*
 * A per-backend cache of a few quota tables (doccache.c, refcache.c), made
 * stale by every relcache invalidation of one of them: their statement
 * triggers send one for each change (quota.rules_data_changed).
 * quota_watch_reset registers the callback once, empties the cache's memory
 * context and clears reset_seen; the cache sets valid when it holds what is
 * current, and keeps nothing read while reset_seen turned true.
 */
#define QUOTA_WATCH_MAX 3
typedef struct QuotaWatchedCache
{
	const char *name;			/* its memory context's identifier */
	const char *relnames[QUOTA_WATCH_MAX];	/* tables of schema quota */
	Oid			relids[QUOTA_WATCH_MAX];
	MemoryContext cxt;
	bool		registered;
	bool		valid;
	bool		reset_seen;
} QuotaWatchedCache;

extern void quota_watch_reset(QuotaWatchedCache *w);

/* cmp for quota_hash_sorted over entries that begin with an int64 key */
extern int	quota_int64_key_cmp(const void *a, const void *b);
/* A hash table in the current memory context (strings: NUL-terminated text keys). */
extern HTAB *quota_hash_create(const char *name, Size keysize, Size entrysize, bool strings);
/* A text column of a slot as a C string; NULL for SQL NULL. */
extern char *quota_slot_text(TupleTableSlot *slot, int attno);
/* A date as PostgreSQL prints it (for messages). */
extern char *quota_date_text(DateADT d);
/* Arrays for a kept query's ANY ($1): of the int64 each cell points to; of C strings. */
extern Datum quota_int8_array(List *values);
extern Datum quota_text_array(List *values);
/* A text column of SPI's last result as a C string; NULL for SQL NULL. */
extern char *quota_result_text(int row, int col);

/*
 * One account row changed under concurrency (quota_account_update): the
 * int8 columns of its latest, locked version, and the outcome.
 */
#define QUOTA_ACCOUNT_MAXCOLS 4

typedef struct QuotaAccountRow
{
	int			natts;
	int64		value[QUOTA_ACCOUNT_MAXCOLS];
	bool		isnull[QUOTA_ACCOUNT_MAXCOLS];	/* a NULL reads as 0 */
} QuotaAccountRow;

typedef enum QuotaAccountResult
{
	QUOTA_ACCOUNT_UPDATED,		/* the change is applied */
	QUOTA_ACCOUNT_MISSING,		/* there is no such account */
	QUOTA_ACCOUNT_REFUSED		/* the latest version does not take it */
} QuotaAccountResult;

/* Does the change fit the locked latest version row?  (arg: the change) */
typedef bool (*QuotaAccountFits) (const QuotaAccountRow *row, const void *arg);

extern QuotaAccountResult quota_account_update(SPIPlanPtr update, SPIPlanPtr lock,
											   Datum *values, QuotaAccountFits fits,
											   const void *arg, QuotaAccountRow *row);

/*
 * The extension's own writes (executing an approved rule).  Every exemption
 * a write of the extension gets from the checks a user's write gets is
 * granted here or by one of the two pass tables below -- nowhere else:
 *
 *	quota_internal_depth	ledger rows written through
 *							quota.internal_movement (src/ledger/internal.c:
 *							talent draws, returns of expired loans, 退一收一
 *							retires, the moves of a merge or duty transfer):
 *							exempt from the issuer-authority check only.
 *	quota_allow_excess		the same door with allow_excess (a merge's
 *							reductions): occupied posts may leave an org and
 *							standards are not checked.
 *	quota.staff_pass		(src/roster/tables.sql) the roster rows moving with
 *							their posts inside quota.transfer, quota.move_duty
 *							or quota.merge_orgs; its allow_excess column is the
 *							same permission for the roster triggers.
 *	quota.reform_pass		(src/standards/tables.sql) the orgs inside a
 *							running quota.merge_orgs or quota.move_duty: their
 *							internal units and leadership posts may move.
 *
 * The C counters are backend memory, seen only by the C ledger trigger; the
 * PL/pgSQL roster and standards triggers need to know which rows or orgs a
 * running operation covers, which a counter cannot say, so they read the
 * pass tables (rows exist only inside those calls).  Both counters are only
 * changed inside PG_TRY, so an error never leaves an exemption behind.
 */
extern int	quota_internal_depth;
extern int	quota_allow_excess;

/* figures.c: the division of an org the ledger trigger has just read */
extern void quota_figures_org_known(int64 org_id, int64 division);

#endif							/* QUOTA_LEDGER_H */
