/*-------------------------------------------------------------------------
 *
 * quota.c
 *	  Module magic and initialisation of the quota extension.
 *
 * IDENTIFICATION
 *	  src/quota.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/syscache.h"

#include "compat.h"
#include "quota.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "quota",.version = "0.1");
#else
PG_MODULE_MAGIC;
#endif

/*
 * quota.restoring(): true while a dump made by pg_dump is being restored --
 * a superuser session with check_function_bodies and row_security both off,
 * as every pg_dump script (plain, or replayed by pg_restore) sets them and no
 * ordinary session does.  The dump holds every table of quota, the internal
 * accounts included, exactly as they were, so every trigger that checks or
 * applies rows has WHEN (NOT quota.restoring()): the rows come in as they
 * are -- their rules were checked when they were first written -- instead
 * of being checked and applied a second time.  quota.verify() proves the
 * restored books consistent.  Only a superuser gets here, and a superuser
 * can already disable triggers; the README lists it with the other bypasses.
 */
PG_FUNCTION_INFO_V1(quota_restoring_sql);
Datum
quota_restoring_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!check_function_bodies && !row_security &&
				   superuser_arg(GetSessionUserId()));
}

/*
 * quota.actor(): the role that issued the statement or called the function.
 * It is the outer user id: the session's current role (set by login or SET
 * ROLE), which a SECURITY DEFINER function does not change (it switches
 * only the current user id, and SET ROLE is refused inside one).  So a row
 * written by an owner-run function or trigger still names the clerk who
 * caused it, and no caller can put another role's name there.
 */
PG_FUNCTION_INFO_V1(quota_actor);
Datum
quota_actor(PG_FUNCTION_ARGS)
{
	Name		result = (Name) palloc0(NAMEDATALEN);

	namestrcpy(result, GetUserNameFromId(GetOuterUserId(), false));
	PG_RETURN_NAME(result);
}

/*
 * Rule errors raised for a scoped role carry no figure, name or id.
 *
 * The checks run as the table owner and count every row, so the messages
 * they compose may name orgs, people and numbers the caller cannot read.
 * Just before such an error is reported, if jurisdiction scopes are enabled
 * (quota.org has row-level security) and the role that issued the statement
 * is subject to them (not a superuser, not BYPASSRLS, not the owner of
 * quota.org), the message, detail, hint and context are replaced by the
 * rule's name and a fixed text.  The SQLSTATE and the constraint name stay.
 * Only 23514 errors whose constraint name starts with "quota_" are touched:
 * they are raised by the extension's own checks, in a normal state, so the
 * syscache lookups below are safe.  The other integrity errors of quota's
 * tables (raised by the executor, the btree and the foreign-key triggers
 * after they released their buffers) lose their detail and context for a
 * scoped role; their message names no value.
 */
static emit_log_hook_type prev_emit_log_hook = NULL;

bool
quota_caller_scoped(void)
{
	Oid			nsp;
	Oid			relid;
	HeapTuple	tup;
	Form_pg_class cls;
	bool		rls;
	Oid			owner;
	Oid			actor = GetOuterUserId();

	if (!IsTransactionState() || !OidIsValid(actor))
		return false;
	nsp = get_namespace_oid("quota", true);
	if (!OidIsValid(nsp))
		return false;
	relid = get_relname_relid("org", nsp);
	if (!OidIsValid(relid))
		return false;
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		return false;
	cls = (Form_pg_class) GETSTRUCT(tup);
	rls = cls->relrowsecurity;
	owner = cls->relowner;
	ReleaseSysCache(tup);
	if (!rls)
		return false;
	if (actor == owner || superuser_arg(actor) || has_bypassrls_privilege(actor))
		return false;
	return true;
}

static void
quota_emit_log(ErrorData *edata)
{
	bool		rule_error = edata->elevel >= ERROR &&
		edata->sqlerrcode == ERRCODE_CHECK_VIOLATION &&
		edata->constraint_name != NULL &&
		strncmp(edata->constraint_name, "quota_", 6) == 0;

	/*
	 * A rule error is for the clerk who issued the statement: it shows no
	 * internal SQL or PL/pgSQL frames (psql and JDBC's getMessage() print
	 * the CONTEXT).  The raisers leave it out already (quota_raise); this
	 * covers the few checks that still RAISE the rule themselves.
	 */
	if (rule_error && (edata->context != NULL || edata->internalquery != NULL))
	{
		edata->context = NULL;
		edata->internalquery = NULL;
		edata->internalpos = 0;
	}
	if (rule_error && quota_caller_scoped())
	{
		MemoryContext old = MemoryContextSwitchTo(ErrorContext);

		edata->message = psprintf(QUOTA_REDACTED_MESSAGE, edata->constraint_name);
		edata->detail = pstrdup(QUOTA_REDACTED_DETAIL);
		edata->detail_log = NULL;
		edata->hint = pstrdup(QUOTA_REDACTED_HINT);
		edata->context = NULL;
		edata->internalquery = NULL;
		edata->internalpos = 0;
		edata->message_id = NULL;
		MemoryContextSwitchTo(old);
	}
	else if (edata->elevel >= ERROR &&
			 ERRCODE_TO_CATEGORY(edata->sqlerrcode) == ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION &&
			 edata->schema_name != NULL && strcmp(edata->schema_name, "quota") == 0 &&
			 (edata->detail != NULL || edata->context != NULL || edata->internalquery != NULL) &&
			 quota_caller_scoped())
	{
		/*
		 * A plain constraint of a quota table (NOT NULL, CHECK, unique,
		 * foreign key, exclusion): its message names only the table, the
		 * column and the constraint, but its detail shows values ("Failing
		 * row contains (...)", "Key (...)=(...) already exists") and its
		 * context the owner-run statement that failed.  A scoped role gets
		 * neither; the server log keeps the detail.
		 */
		MemoryContext old = MemoryContextSwitchTo(ErrorContext);

		if (edata->detail != NULL && edata->detail_log == NULL)
			edata->detail_log = edata->detail;
		edata->detail = pstrdup(QUOTA_REDACTED_ROW_DETAIL);
		edata->context = NULL;
		edata->internalquery = NULL;
		edata->internalpos = 0;
		MemoryContextSwitchTo(old);
	}
	if (prev_emit_log_hook)
		prev_emit_log_hook(edata);
}

/*
 * quota.redacting(): whether a rule error raised now must leave out its
 * figures (the role that issued the statement is subject to scopes).  The
 * rule-raising paths (quota_raise in C, quota.raise_rule in PL/pgSQL) ask
 * it before they compose the error, so a handler that catches the error
 * (GET STACKED DIAGNOSTICS) sees no more than the client would.
 */
PG_FUNCTION_INFO_V1(quota_redacting_sql);
Datum
quota_redacting_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(quota_caller_scoped());
}

void		_PG_init(void);

void
_PG_init(void)
{
	prev_emit_log_hook = emit_log_hook;
	emit_log_hook = quota_emit_log;
}
