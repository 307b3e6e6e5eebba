/*-------------------------------------------------------------------------
 *
 * seats.c
 *	  The seat accounting of the roster, one implementation each:
 *
 *	  quota_seat_occupy		occupy n seats of an org account, k of them
 *							reserved by hiring approvals (quota_loan,
 *							quota_over_establishment)
 *	  quota_seat_lead		fill n leader posts (quota_leadership_exceeded)
 *	  quota_seat_talent		seat a talent hire, drawing one post from its
 *							jurisdiction's talent pool when the unit is full
 *							(R5.2)
 *
 *	  The entry and change triggers (entries.c, changes.c) call them
 *	  directly inside their SPI connection; SQL writers (quota.seat_arrivals,
 *	  the reform corrections) through quota.occupy, quota.lead and
 *	  quota.talent_seat, thin C wrappers.
 *
 *	  Every account is changed by a conditional UPDATE: when the version
 *	  the statement sees refuses, the latest version is locked (READ
 *	  COMMITTED: waited for and re-checked; snapshot isolation: 40001) and
 *	  reservations that have lapsed are released (quota.lapse_hiring) before
 *	  the change is refused.
 *
 * IDENTIFICATION
 *	  src/roster/seats.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "ledger/ledger.h"
#include "roster/seats.h"

static SPIPlanPtr plan_occupy_plain = NULL;
static SPIPlanPtr plan_occupy_fast = NULL;
static SPIPlanPtr plan_loans = NULL;
static SPIPlanPtr plan_try = NULL;
static SPIPlanPtr plan_try_lock = NULL;
static SPIPlanPtr plan_lapse = NULL;
static SPIPlanPtr plan_account = NULL;
static SPIPlanPtr plan_raise = NULL;
static SPIPlanPtr plan_lead_plain = NULL;
static SPIPlanPtr plan_lead = NULL;
static SPIPlanPtr plan_lead_lock = NULL;
static SPIPlanPtr plan_lead_again = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_lend = NULL;
static SPIPlanPtr plan_draw = NULL;

static int64
result_int(int col, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, isnull);
	Oid			t = SPI_gettypeid(SPI_tuptable->tupdesc, col);

	if (*isnull)
		return 0;
	return t == INT8OID ? DatumGetInt64(d) : DatumGetInt32(d);
}

/*
 * A rule of the roster: through quota_raise when a trigger of quota.staff
 * reports it, else through quota.raise_rule (the same error, table staff).
 */
static void
seat_raise(Relation rel, QuotaRule rule, char *message, char *detail, char *hint)
{
	Oid			argtypes[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};

	if (rel != NULL)
		quota_raise(rule, rel, message, detail, hint);
	quota_plan_generic(&plan_raise, "SELECT quota.raise_rule($1, 'staff', $2, $3, $4)", 4, argtypes);
	values[0] = CStringGetTextDatum(quota_rule_name(rule));
	values[1] = CStringGetTextDatum(message);
	values[2] = detail ? CStringGetTextDatum(detail) : (Datum) 0;
	if (!detail)
		nulls[2] = 'n';
	values[3] = hint ? CStringGetTextDatum(hint) : (Datum) 0;
	if (!hint)
		nulls[3] = 'n';
	quota_exec(plan_raise, values, nulls, false, 0);
	elog(ERROR, "quota.raise_rule returned");
}

/*
 * Occupy n seats if there is room beyond expired_out borrowed posts of
 * expired loans: the conditional UPDATE; when the visible version refuses,
 * wait for (READ COMMITTED: then re-check the latest version) or fail on
 * (snapshot isolation: 40001) a concurrent change, and release lapsed
 * hiring reservations before giving up.
 */
static bool
try_occupy(int64 o, const char *c, int32 n, int32 k, int32 expired_out)
{
	Oid			argtypes[5] = {INT8OID, TEXTOID, INT4OID, INT4OID, INT4OID};
	Datum		values[5];
	int			attempt;

	values[0] = Int64GetDatum(o);
	values[1] = CStringGetTextDatum(c);
	values[2] = Int32GetDatum(n);
	values[3] = Int32GetDatum(k);
	values[4] = Int32GetDatum(expired_out);
	quota_plan_generic(&plan_try,
			  "UPDATE quota.org_account SET occupied = occupied OPERATOR(pg_catalog.+) $3, "
			  "       reserved = reserved OPERATOR(pg_catalog.-) $4 "
			  " WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2 "
			  "   AND (((occupied OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.+) reserved) OPERATOR(pg_catalog.-) $4) "
			  "       OPERATOR(pg_catalog.<=) ((approved OPERATOR(pg_catalog.+) borrowed) OPERATOR(pg_catalog.-) $5)",
			  5, argtypes);
	for (attempt = 1; attempt <= 2; attempt++)
	{
		quota_exec(plan_try, values, NULL, false, 0);
		if (SPI_processed > 0)
			return true;
		if (attempt == 1)
		{
			bool		isnull;

			quota_plan_generic(&plan_try_lock,
					  "SELECT 1 FROM (SELECT occupied, reserved, approved, borrowed FROM quota.org_account "
					  "                WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2 "
					  "                FOR NO KEY UPDATE) a "
					  " WHERE (((a.occupied OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.-) $4) "
					  "       OPERATOR(pg_catalog.<=) ((a.approved OPERATOR(pg_catalog.+) a.borrowed) OPERATOR(pg_catalog.-) $5)",
					  5, argtypes);
			quota_exec(plan_try_lock, values, NULL, false, 0);
			if (SPI_processed > 0)
				continue;
			/* (the room may be held by reservations that have lapsed) */
			quota_plan_generic(&plan_lapse, "SELECT quota.lapse_hiring($1, $2)", 2, argtypes);
			quota_exec(plan_lapse, values, NULL, false, 0);
			if (SPI_processed == 0 || result_int(1, &isnull) == 0)
				return false;
		}
	}
	return false;
}

/* borrowed posts of an account that belong to expired loans (-1: no loan outstanding) */
static int32
expired_borrowed(int64 o, const char *c)
{
	Oid			argtypes[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	bool		isnull;

	values[0] = Int64GetDatum(o);
	values[1] = CStringGetTextDatum(c);
	quota_plan_generic(&plan_loans,
			  "SELECT COALESCE(pg_catalog.sum(l.outstanding) FILTER (WHERE l.expired OR l.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE), 0)::pg_catalog.int4, "
			  "       pg_catalog.count(*)::pg_catalog.int4 "
			  "  FROM quota.loan l WHERE l.org_id OPERATOR(pg_catalog.=) $1 AND l.category OPERATOR(pg_catalog.=) $2 "
			  "   AND l.outstanding OPERATOR(pg_catalog.>) 0",
			  2, argtypes);
	quota_exec(plan_loans, values, NULL, false, 0);
	if (result_int(2, &isnull) == 0)
		return -1;
	return (int32) result_int(1, &isnull);
}

void
quota_seat_occupy(Relation rel, int64 o, const char *c, int32 n, int32 k, bool check)
{
	Oid			argtypes[4] = {INT8OID, TEXTOID, INT4OID, INT4OID};
	Datum		values[4];
	int32		expired_out;
	int64		approved,
				borrowed,
				occupied,
				reserved;
	bool		found,
				isnull;
	char	   *oname;

	values[0] = Int64GetDatum(o);
	values[1] = CStringGetTextDatum(c);
	values[2] = Int32GetDatum(n);
	values[3] = Int32GetDatum(k);
	if (!check)
	{
		quota_plan_generic(&plan_occupy_plain,
				  "INSERT INTO quota.org_account AS a (org_id, category, occupied) VALUES ($1, $2, $3) "
				  "ON CONFLICT (org_id, category) DO UPDATE SET occupied = a.occupied OPERATOR(pg_catalog.+) $3, "
				  "       reserved = a.reserved OPERATOR(pg_catalog.-) $4",
				  4, argtypes);
		quota_exec(plan_occupy_plain, values, NULL, false, 0);
		return;
	}
	/* the common case in one statement: no loan at the org and room in the visible version */
	quota_plan_generic(&plan_occupy_fast,
			  "UPDATE quota.org_account a SET occupied = a.occupied OPERATOR(pg_catalog.+) $3, "
			  "       reserved = a.reserved OPERATOR(pg_catalog.-) $4 "
			  " WHERE a.org_id OPERATOR(pg_catalog.=) $1 AND a.category OPERATOR(pg_catalog.=) $2 "
			  "   AND ((a.occupied OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.-) $4 "
			  "       OPERATOR(pg_catalog.<=) (a.approved OPERATOR(pg_catalog.+) a.borrowed) "
			  "   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id OPERATOR(pg_catalog.=) $1 "
			  "                   AND l.category OPERATOR(pg_catalog.=) $2 AND l.outstanding OPERATOR(pg_catalog.>) 0)",
			  4, argtypes);
	quota_exec(plan_occupy_fast, values, NULL, false, 0);
	if (SPI_processed > 0)
		return;
	expired_out = Max(expired_borrowed(o, c), 0);
	if (try_occupy(o, c, n, k, expired_out))
		return;

	/* refused: the figures the caller may see */
	quota_plan_generic(&plan_account,
			  "SELECT a.approved, a.borrowed, a.occupied, a.reserved, "
			  "       (SELECT og.name FROM quota.org og WHERE og.id OPERATOR(pg_catalog.=) $1) "
			  "  FROM (SELECT 1) one LEFT JOIN quota.org_account a "
			  "    ON a.org_id OPERATOR(pg_catalog.=) $1 AND a.category OPERATOR(pg_catalog.=) $2",
			  2, argtypes);
	quota_exec(plan_account, values, NULL, false, 0);
	approved = result_int(1, &isnull);
	found = !isnull;
	borrowed = result_int(2, &isnull);
	occupied = result_int(3, &isnull);
	reserved = result_int(4, &isnull);
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5, &isnull);

		oname = isnull ? NULL : TextDatumGetCString(d);
	}
	if (oname != NULL && found && occupied + n + reserved - k <= approved + borrowed)
		seat_raise(rel, QR_LOAN,
				   psprintf("entry into org %lld would use posts of an expired loan", (long long) o),
				   psprintf("%s: %d of its %lld borrowed %s posts belong to expired loans (周转期已满); no new entry may use them.",
							oname, expired_out, (long long) borrowed, c),
				   NULL);
	seat_raise(rel, QR_OVER_ESTABLISHMENT,
			   psprintf("org %lld has no vacancy for %d more %s staff", (long long) o, n, c),
			   psprintf("%s: %lld approved + %lld borrowed %s posts, %lld occupied, %lld reserved by hiring approvals; %d entering (超编%s).",
						oname ? oname : "", (long long) approved, (long long) borrowed, c, (long long) occupied,
						(long long) (reserved - k), n, occupied > approved + borrowed ? ", 只出不进" : ""),
			   pstrdup("Free a post, transfer or allocate posts first, or use a hiring approval (用编核准)."));
}

void
quota_seat_lead(Relation rel, int64 o, const char *p, int32 n, bool check)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, INT4OID};
	Datum		values[3];
	int64		approved = 0,
				filled = 0;
	bool		isnull;

	values[0] = Int64GetDatum(o);
	values[1] = CStringGetTextDatum(p);
	values[2] = Int32GetDatum(n);
	if (n <= 0 || !check)
	{
		quota_plan_generic(&plan_lead_plain,
				  "INSERT INTO quota.leader_account AS a (org_id, post, filled) "
				  "VALUES ($1, $2, GREATEST($3, 0)) "
				  "ON CONFLICT (org_id, post) DO UPDATE SET filled = a.filled OPERATOR(pg_catalog.+) $3",
				  3, argtypes);
		quota_exec(plan_lead_plain, values, NULL, false, 0);
		return;
	}
	quota_plan_generic(&plan_lead,
			  "UPDATE quota.leader_account SET filled = filled OPERATOR(pg_catalog.+) $3 "
			  " WHERE org_id OPERATOR(pg_catalog.=) $1 AND post OPERATOR(pg_catalog.=) $2 "
			  "   AND (filled OPERATOR(pg_catalog.+) $3) OPERATOR(pg_catalog.<=) approved",
			  3, argtypes);
	quota_exec(plan_lead, values, NULL, false, 0);
	if (SPI_processed > 0)
		return;
	quota_plan_generic(&plan_lead_lock,
			  "SELECT approved, filled FROM quota.leader_account "
			  " WHERE org_id OPERATOR(pg_catalog.=) $1 AND post OPERATOR(pg_catalog.=) $2 FOR NO KEY UPDATE",
			  2, argtypes);
	quota_exec(plan_lead_lock, values, NULL, false, 0);
	if (SPI_processed > 0)
	{
		approved = result_int(1, &isnull);
		filled = result_int(2, &isnull);
		if (filled + n <= approved)
		{
			quota_plan_generic(&plan_lead_again,
					  "UPDATE quota.leader_account SET filled = filled OPERATOR(pg_catalog.+) $3 "
					  " WHERE org_id OPERATOR(pg_catalog.=) $1 AND post OPERATOR(pg_catalog.=) $2",
					  3, argtypes);
			quota_exec(plan_lead_again, values, NULL, false, 0);
			return;
		}
	}
	seat_raise(rel, QR_LEADERSHIP_EXCEEDED,
			   psprintf("org %lld has no free %s post", (long long) o, p),
			   psprintf("领导职数: %lld approved %s posts, %lld filled, %d more appointed.",
						(long long) approved, p, (long long) filled, n),
			   pstrdup("Leadership posts are set by quota.leadership (三定)."));
}

/* lend one talent-pool post to the org of a talent hire (R5.2), tied to the person */
static void
talent_draw(const QuotaTalentHire *s)
{
	Oid			argtypes[6] = {INT8OID, TEXTOID, INT8OID, TEXTOID, DATEOID, TEXTOID};
	Datum		values[6];
	bool		isnull;
	int64		pool;
	int64		loan;

	values[0] = Int64GetDatum(s->org_id);
	values[1] = CStringGetTextDatum(s->category);
	quota_plan_generic(&plan_pool,
			  "SELECT p.id, (SELECT pa.balance FROM quota.pool_account pa "
			  "               WHERE pa.pool_id OPERATOR(pg_catalog.=) p.id FOR NO KEY UPDATE) "
			  "  FROM quota.pool p JOIN quota.org o ON o.division OPERATOR(pg_catalog.=) p.division "
			  " WHERE o.id OPERATOR(pg_catalog.=) $1 AND p.kind OPERATOR(pg_catalog.=) 'talent' "
			  "   AND p.category OPERATOR(pg_catalog.=) $2",
			  2, argtypes);
	quota_exec(plan_pool, values, NULL, false, 0);
	if (SPI_processed == 0)
		return;					/* no draw possible: the occupancy check reports the full unit */
	pool = result_int(1, &isnull);
	if (result_int(2, &isnull) < 1 && !isnull)
		return;
	values[0] = Int64GetDatum(pool);
	values[1] = CStringGetTextDatum(s->category);
	values[2] = Int64GetDatum(s->org_id);
	values[3] = CStringGetTextDatum(s->entry_doc);
	values[4] = DateADTGetDatum(s->entered_on);
	values[5] = CStringGetTextDatum(psprintf("人才编制: draw for talent hire %s (staff %lld)", s->name, (long long) s->id));
	quota_plan_generic(&plan_lend,
			  "SELECT quota.internal_movement('lend', $2, 1, NULL, $1, $3, NULL, $4, "
			  "       LEAST($5, CURRENT_DATE), "
			  "       (LEAST($5, CURRENT_DATE) OPERATOR(pg_catalog.+) pg_catalog.make_interval(years => "
			  "           quota.policy_value('loan_default_years')::pg_catalog.int4))::pg_catalog.date, "
			  "       NULL, $6)",
			  6, argtypes);
	quota_exec(plan_lend, values, NULL, false, 0);
	loan = result_int(1, &isnull);
	values[0] = Int64GetDatum(s->id);
	values[1] = Int64GetDatum(loan);
	{
		Oid			drawtypes[2] = {INT8OID, INT8OID};

		quota_plan_generic(&plan_draw, "INSERT INTO quota.talent_draw (staff_id, loan_id) VALUES ($1, $2)", 2, drawtypes);
	}
	quota_exec(plan_draw, values, NULL, false, 0);
}

void
quota_seat_talent(Relation rel, const QuotaTalentHire *s, bool hiring_ok)
{
	int32		k = s->has_hiring && hiring_ok ? 1 : 0;
	bool		filed = strcmp(s->category, "filed") == 0;

	if (filed || !try_occupy(s->org_id, s->category, 1, k, Max(expired_borrowed(s->org_id, s->category), 0)))
	{
		if (!filed)
			talent_draw(s);
		quota_seat_occupy(rel, s->org_id, s->category, 1, k, !filed);
	}
}

/* ---------- the SQL wrappers ---------- */

PG_FUNCTION_INFO_V1(quota_occupy);
Datum
quota_occupy(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quota.occupy takes no NULL argument")));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_seat_occupy(NULL, PG_GETARG_INT64(0), text_to_cstring(PG_GETARG_TEXT_PP(1)),
					  PG_GETARG_INT32(2), PG_GETARG_INT32(3), PG_GETARG_BOOL(4));
	SPI_finish();
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(quota_lead);
Datum
quota_lead(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quota.lead takes no NULL argument")));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_seat_lead(NULL, PG_GETARG_INT64(0), text_to_cstring(PG_GETARG_TEXT_PP(1)),
					PG_GETARG_INT32(2), PG_GETARG_BOOL(3));
	SPI_finish();
	PG_RETURN_VOID();
}

static Datum
staff_att(HeapTupleHeader t, const char *name, bool *isnull)
{
	return GetAttributeByName(t, name, isnull);
}

PG_FUNCTION_INFO_V1(quota_talent_seat);
Datum
quota_talent_seat(PG_FUNCTION_ARGS)
{
	HeapTupleHeader t;
	QuotaTalentHire s;
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quota.talent_seat takes no NULL argument")));
	t = PG_GETARG_HEAPTUPLEHEADER(0);
	s.id = DatumGetInt64(staff_att(t, "id", &isnull));
	d = staff_att(t, "name", &isnull);
	s.name = isnull ? "" : TextDatumGetCString(d);
	s.org_id = DatumGetInt64(staff_att(t, "org_id", &isnull));
	s.category = TextDatumGetCString(staff_att(t, "category", &isnull));
	d = staff_att(t, "hiring_id", &isnull);
	s.has_hiring = !isnull;
	s.entered_on = DatumGetDateADT(staff_att(t, "entered_on", &isnull));
	s.entry_doc = TextDatumGetCString(staff_att(t, "entry_doc", &isnull));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_seat_talent(NULL, &s, PG_GETARG_BOOL(1));
	SPI_finish();
	PG_RETURN_VOID();
}
