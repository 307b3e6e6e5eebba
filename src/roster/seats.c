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
 *	  quota_seat_release	free the seat of a leaving (or moving) person: a
 *							talent draw returns to its pool, an expired loan
 *							takes the freed borrowed post back, 退一收一
 *	  quota_seat_expired_borrowed	borrowed posts of expired loans
 *	  quota_seat_lapse_hiring	release the reservations of hiring approvals
 *							past valid_until
 *	  quota_seat_arrive		seat the people who moved with posts (人随编走)
 *							at their receiver
 *
 *	  The entry and change triggers (entries.c, changes.c) and the ledger's
 *	  transfer path (movement_apply.c) call them directly inside their SPI
 *	  connection; SQL writers (the transfer with persons, the reform
 *	  corrections, the hiring trigger) through quota.occupy, quota.lead,
 *	  quota.talent_seat, quota.release_seat, quota.expired_borrowed,
 *	  quota.lapse_hiring and quota.seat_arrivals, thin C wrappers.
 *
 *	  Every account is changed by a conditional UPDATE: when the version
 *	  the statement sees refuses, the latest version is locked (READ
 *	  COMMITTED: waited for and re-checked; snapshot isolation: 40001) and
 *	  reservations that have lapsed are released (quota_seat_lapse_hiring)
 *	  before the change is refused.
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
static SPIPlanPtr plan_account = NULL;
static SPIPlanPtr plan_raise = NULL;
static SPIPlanPtr plan_lead_plain = NULL;
static SPIPlanPtr plan_lead = NULL;
static SPIPlanPtr plan_lead_lock = NULL;
static SPIPlanPtr plan_lead_again = NULL;
static SPIPlanPtr plan_pool = NULL;
static SPIPlanPtr plan_lend = NULL;
static SPIPlanPtr plan_draw = NULL;
static SPIPlanPtr plan_release_one = NULL;
static SPIPlanPtr plan_draw_delete = NULL;
static SPIPlanPtr plan_draw_loan = NULL;
static SPIPlanPtr plan_expired_loan = NULL;
static SPIPlanPtr plan_recall = NULL;
static SPIPlanPtr plan_internal = NULL;
static SPIPlanPtr plan_lapsed = NULL;
static SPIPlanPtr plan_release_hiring = NULL;
static SPIPlanPtr plan_arrive_seats = NULL;
static SPIPlanPtr plan_arrive_leads = NULL;
static SPIPlanPtr plan_arrive_rank = NULL;
static SPIPlanPtr plan_arrive_cap = NULL;
static SPIPlanPtr plan_arrive_done = NULL;

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
			if (quota_seat_lapse_hiring(o, c) == 0)
				return false;
		}
	}
	return false;
}

/* borrowed posts of an account that belong to expired loans (-1: no loan outstanding) */
static int32
expired_borrowed(int64 o, const char *c, bool read_only)
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
	quota_exec(plan_loans, values, NULL, read_only, 0);
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
	expired_out = Max(expired_borrowed(o, c, false), 0);
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
				   psprintf("entry into %s would use posts of an expired loan", quota_org_text(o, oname)),
				   psprintf("%s: %d of its %lld borrowed %s posts belong to expired loans (周转期已满); no new entry may use them.",
							oname, expired_out, (long long) borrowed, c),
				   NULL);
	seat_raise(rel, QR_OVER_ESTABLISHMENT,
			   psprintf("%s has no vacancy for %d more %s staff", quota_org_text(o, oname), n, c),
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
			   psprintf("%s has no free %s post", quota_org_text_lookup(o), p),
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

	if (filed || !try_occupy(s->org_id, s->category, 1, k, Max(expired_borrowed(s->org_id, s->category, false), 0)))
	{
		if (!filed)
			talent_draw(s);
		quota_seat_occupy(rel, s->org_id, s->category, 1, k, !filed);
	}
}

/* a movement the seat accounting writes itself: one post, from an org (to a pool) */
static void
seat_movement(const char *kind, const char *category, int64 from_org, int64 to_pool,
			  const char *doc, DateADT on, int64 loan_id, const char *why)
{
	Oid			argtypes[12] = {TEXTOID, TEXTOID, INT4OID, INT8OID, INT8OID, INT8OID,
	INT8OID, TEXTOID, DATEOID, DATEOID, INT8OID, TEXTOID};
	Datum		values[12];
	char		nulls[12];

	quota_plan_generic(&plan_internal,
					   "SELECT quota.internal_movement($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
					   12, argtypes);
	memset(values, 0, sizeof(values));
	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(kind);
	values[1] = CStringGetTextDatum(category);
	values[2] = Int32GetDatum(1);
	values[3] = Int64GetDatum(from_org);
	nulls[4] = 'n';
	nulls[5] = 'n';
	values[6] = Int64GetDatum(to_pool);
	if (to_pool == 0)
		nulls[6] = 'n';
	values[7] = CStringGetTextDatum(doc);
	values[8] = DateADTGetDatum(on);
	nulls[9] = 'n';
	values[10] = Int64GetDatum(loan_id);
	if (loan_id == 0)
		nulls[10] = 'n';
	values[11] = CStringGetTextDatum(why);
	quota_exec(plan_internal, values, nulls, false, 0);
}

static char *
result_string(int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

static DateADT
result_date(int col)
{
	bool		isnull;

	return DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, &isnull));
}

/*
 * Free the seat of one leaving (or moving) person: the account's decrement
 * (and its leader post when s->post is set); a talent draw returns to its
 * pool; when the freed post is a borrowed one, an expired loan takes it
 * back; with recall_on_exit a leaver's own post is retired (退一收一).
 * on_date: the date of the event (never after today).  The caller has
 * locked the account (the change trigger: every account it touches, in
 * ascending order).
 */
void
quota_seat_release(const QuotaLeaver *s, DateADT on_date, bool moving)
{
	Oid			argtypes[3] = {INT8OID, TEXTOID, DATEOID};
	Datum		values[3];
	DateADT		eff = Min(on_date, GetSQLCurrentDate());
	const char *name = s->name ? s->name : "";
	bool		account;
	int64		approved = 0,
				occupied = 0,
				reserved = 0;
	bool		isnull;

	quota_plan_generic(&plan_release_one,
					   "UPDATE quota.org_account SET occupied = occupied OPERATOR(pg_catalog.-) 1 "
					   " WHERE org_id OPERATOR(pg_catalog.=) $1 AND category OPERATOR(pg_catalog.=) $2 "
					   "RETURNING approved, occupied, reserved",
					   2, argtypes);
	values[0] = Int64GetDatum(s->org_id);
	values[1] = CStringGetTextDatum(s->category);
	quota_exec(plan_release_one, values, NULL, false, 0);
	account = SPI_processed > 0;
	if (account)
	{
		approved = result_int(1, &isnull);
		occupied = result_int(2, &isnull);
		reserved = result_int(3, &isnull);
	}
	if (s->post != NULL && (strcmp(s->post, "chief") == 0 || strcmp(s->post, "deputy") == 0))
		quota_seat_lead(NULL, s->org_id, s->post, -1, false);
	if (strcmp(s->category, "filed") == 0)
		return;

	if (s->may_draw)
	{
		quota_plan_generic(&plan_draw_delete,
						   "DELETE FROM quota.talent_draw WHERE staff_id OPERATOR(pg_catalog.=) $1 RETURNING loan_id",
						   1, argtypes);
		values[0] = Int64GetDatum(s->id);
		quota_exec(plan_draw_delete, values, NULL, false, 0);
		if (SPI_processed > 0)
		{
			int64		loan = result_int(1, &isnull);

			quota_plan_generic(&plan_draw_loan,
							   "SELECT lo.loan_id, lo.pool_id, lo.outstanding, m.doc_no, m.effective_on "
							   "  FROM quota.loan lo JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) lo.loan_id "
							   " WHERE lo.loan_id OPERATOR(pg_catalog.=) $1",
							   1, argtypes);
			values[0] = Int64GetDatum(loan);
			quota_exec(plan_draw_loan, values, NULL, false, 0);
			if (SPI_processed > 0 && result_int(3, &isnull) > 0)
			{
				int64		pool = result_int(2, &isnull);
				char	   *doc = result_string(4);
				DateADT		lent = result_date(5);

				/* (never dated before the loan itself: a backdated departure returns it on the loan's day) */
				seat_movement("repay", s->category, s->org_id, pool, doc, Max(eff, lent), loan,
							  psprintf("人才编制: return of the draw for %s (staff %lld)", name, (long long) s->id));
				return;
			}

			/*
			 * the draw was returned already (its loan settled): the person
			 * sits on an own post like anyone else, and the rules below
			 * (退一收一 included) apply
			 */
		}
	}
	if (!account)
		return;
	if (occupied + 1 > approved)
	{
		/* the freed post is a borrowed one: an expired loan takes it back */
		quota_plan_generic(&plan_expired_loan,
						   "SELECT lo.loan_id, lo.pool_id, m.doc_no, m.effective_on "
						   "  FROM quota.loan lo JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) lo.loan_id "
						   " WHERE lo.org_id OPERATOR(pg_catalog.=) $1 AND lo.category OPERATOR(pg_catalog.=) $2 "
						   "   AND lo.outstanding OPERATOR(pg_catalog.>) 0 "
						   "   AND (lo.expired OR lo.expires_on OPERATOR(pg_catalog.<) $3) "
						   " ORDER BY lo.expires_on, lo.loan_id LIMIT 1",
						   3, argtypes);
		values[0] = Int64GetDatum(s->org_id);
		values[1] = CStringGetTextDatum(s->category);
		values[2] = DateADTGetDatum(eff);
		quota_exec(plan_expired_loan, values, NULL, false, 0);
		if (SPI_processed > 0)
		{
			int64		loan = result_int(1, &isnull);
			int64		pool = result_int(2, &isnull);
			char	   *doc = result_string(3);
			DateADT		lent = result_date(4);

			seat_movement("repay", s->category, s->org_id, pool, doc, Max(eff, lent), loan,
						  psprintf("周转编制到期收回: post freed by %s (staff %lld)", name, (long long) s->id));
		}
		return;
	}
	if (moving || approved - occupied - reserved < 1)
		return;
	if (s->recall < 0)
	{
		Oid			orgtype[1] = {INT8OID};

		quota_plan_generic(&plan_recall,
						   "SELECT recall_on_exit FROM quota.org WHERE id OPERATOR(pg_catalog.=) $1",
						   1, orgtype);
		values[0] = Int64GetDatum(s->org_id);
		quota_exec(plan_recall, values, NULL, false, 0);
		if (SPI_processed == 0)
			return;
		{
			Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

			if (isnull || !DatumGetBool(d))
				return;
		}
	}
	else if (s->recall == 0)
		return;
	seat_movement("retire", s->category, s->org_id, 0, s->entry_doc, eff, 0,
				  psprintf("退一收一: post of %s (staff %lld) retired on leaving", name, (long long) s->id));
}

/*
 * The people who moved with posts (quota.staff_pass, arriving) take their
 * seats at the receiver through the entry path's own checks: per account in
 * ascending (org, category) quota_seat_occupy (vacancy, expired loans,
 * 只出不进), per leader post in ascending (org, post) quota_seat_lead
 * (领导职数), then the rank of the post (机构规格) and the headcount caps
 * (人员总量) -- after the posts have moved, so that a rule about the posts is
 * reported before a rule about the people (§8).  allow_excess (a reform)
 * seats without the checks.  The passes of the arrivals are then removed.
 */
void
quota_seat_arrive(void)
{
	int			pass;
	bool		isnull;

	for (pass = 0; pass < 2; pass++)
	{
		uint64		n,
					i;
		int64	   *orgs;
		char	  **keys;
		int32	   *counts;
		bool	   *excess;

		if (pass == 0)
		{
			quota_plan_generic(&plan_arrive_seats,
							   "SELECT s.org_id, s.category, pg_catalog.count(*)::pg_catalog.int4, pg_catalog.bool_or(p.allow_excess) "
							   "  FROM quota.staff_pass p JOIN quota.staff s ON s.id OPERATOR(pg_catalog.=) p.staff_id "
							   " WHERE p.arriving GROUP BY s.org_id, s.category ORDER BY s.org_id, s.category",
							   0, NULL);
			quota_exec(plan_arrive_seats, NULL, NULL, false, 0);
		}
		else
		{
			quota_plan_generic(&plan_arrive_leads,
							   "SELECT s.org_id, s.post, pg_catalog.count(*)::pg_catalog.int4, pg_catalog.bool_or(p.allow_excess) "
							   "  FROM quota.staff_pass p JOIN quota.staff s ON s.id OPERATOR(pg_catalog.=) p.staff_id "
							   " WHERE p.arriving AND s.post OPERATOR(pg_catalog.=) ANY ('{chief,deputy}'::pg_catalog.text[]) "
							   " GROUP BY s.org_id, s.post ORDER BY s.org_id, s.post",
							   0, NULL);
			quota_exec(plan_arrive_leads, NULL, NULL, false, 0);
		}
		n = SPI_processed;
		if (n == 0)
			continue;
		/* (copied out: the accounting below runs statements of its own) */
		orgs = palloc(n * sizeof(int64));
		keys = palloc(n * sizeof(char *));
		counts = palloc(n * sizeof(int32));
		excess = palloc(n * sizeof(bool));
		for (i = 0; i < n; i++)
		{
			HeapTuple	t = SPI_tuptable->vals[i];
			TupleDesc	d = SPI_tuptable->tupdesc;
			Datum		x;

			orgs[i] = DatumGetInt64(SPI_getbinval(t, d, 1, &isnull));
			keys[i] = TextDatumGetCString(SPI_getbinval(t, d, 2, &isnull));
			counts[i] = DatumGetInt32(SPI_getbinval(t, d, 3, &isnull));
			x = SPI_getbinval(t, d, 4, &isnull);
			excess[i] = !isnull && DatumGetBool(x);
		}
		for (i = 0; i < n; i++)
		{
			if (pass == 0)
				quota_seat_occupy(NULL, orgs[i], keys[i], counts[i], 0,
								  strcmp(keys[i], "filed") != 0 && !excess[i]);
			else
				quota_seat_lead(NULL, orgs[i], keys[i], counts[i], !excess[i]);
		}
	}

	/* quota_leadership_exceeded: no post above the rank of its org (机构规格) */
	quota_plan_generic(&plan_arrive_rank,
					   "SELECT s.id, s.name, s.post_rank, o.id, o.name, o.rank "
					   "  FROM quota.staff_pass p JOIN quota.staff s ON s.id OPERATOR(pg_catalog.=) p.staff_id "
					   "  JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) s.org_id "
					   " WHERE p.arriving AND quota.rank_level(s.post_rank) OPERATOR(pg_catalog.>) quota.rank_level(o.rank) "
					   " ORDER BY s.id LIMIT 1",
					   0, NULL);
	quota_exec(plan_arrive_rank, NULL, NULL, false, 0);
	if (SPI_processed > 0)
	{
		char	   *name = result_string(2);
		char	   *post_rank = result_string(3);
		int64		org = result_int(4, &isnull);
		char	   *org_name = result_string(5);
		char	   *rank = result_string(6);

		seat_raise(NULL, QR_LEADERSHIP_EXCEEDED,
				   psprintf("rank %s is above the rank of %s", post_rank ? post_rank : "", quota_org_text(org, org_name)),
				   psprintf("%s is a %s unit (机构规格); %s cannot hold a %s post.",
							org_name ? org_name : "", rank ? rank : "", name ? name : "", post_rank ? post_rank : ""),
				   NULL);
	}

	/* quota_headcount_cap: 编制内 + 备案 staff of an org within its cap (人员总量) */
	quota_plan_generic(&plan_arrive_cap,
					   "SELECT x.id, x.name, x.headcount_cap, x.total FROM "
					   " (SELECT o.id, o.name, o.headcount_cap, "
					   "         (SELECT pg_catalog.sum(a.occupied) FROM quota.org_account a "
					   "           WHERE a.org_id OPERATOR(pg_catalog.=) o.id)::pg_catalog.int8 AS total "
					   "    FROM quota.org o "
					   "   WHERE o.headcount_cap IS NOT NULL "
					   "     AND o.id IN (SELECT s.org_id FROM quota.staff_pass p "
					   "                    JOIN quota.staff s ON s.id OPERATOR(pg_catalog.=) p.staff_id "
					   "                   WHERE p.arriving AND NOT p.allow_excess)) x "
					   " WHERE x.total OPERATOR(pg_catalog.>) x.headcount_cap "
					   " ORDER BY x.id LIMIT 1",
					   0, NULL);
	quota_exec(plan_arrive_cap, NULL, NULL, false, 0);
	if (SPI_processed > 0)
	{
		int64		org = result_int(1, &isnull);
		char	   *org_name = result_string(2);
		int64		cap = result_int(3, &isnull);
		int64		total = result_int(4, &isnull);

		seat_raise(NULL, QR_HEADCOUNT_CAP,
				   psprintf("%s would exceed its headcount cap", quota_org_text(org, org_name)),
				   psprintf("人员总量: %s has a cap of %lld; 编制内 + 备案 staff would be %lld.",
							org_name ? org_name : "", (long long) cap, (long long) total),
				   NULL);
	}

	quota_plan_generic(&plan_arrive_done, "DELETE FROM quota.staff_pass WHERE arriving", 0, NULL);
	quota_exec(plan_arrive_done, NULL, NULL, false, 0);
}

/* borrowed posts of an account that belong to expired loans */
int32
quota_seat_expired_borrowed(int64 o, const char *c, bool read_only)
{
	return Max(expired_borrowed(o, c, read_only), 0);
}

/*
 * A hiring approval reserves its seats until valid_until only: release the
 * reservations of an account's approvals that have lapsed, in ascending id,
 * each through quota.release_hiring.  Returns the seats released.
 */
int32
quota_seat_lapse_hiring(int64 o, const char *c)
{
	Oid			argtypes[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	int64	   *ids;
	int64		n = 0;
	uint64		count,
				i;
	bool		isnull;

	values[0] = Int64GetDatum(o);
	values[1] = CStringGetTextDatum(c);
	quota_plan_generic(&plan_lapsed,
					   "SELECT hh.id, (hh.slots OPERATOR(pg_catalog.-) ha.used)::pg_catalog.int8 "
					   "  FROM quota.hiring hh JOIN quota.hiring_account ha ON ha.hiring_id OPERATOR(pg_catalog.=) hh.id "
					   " WHERE hh.org_id OPERATOR(pg_catalog.=) $1 AND hh.category OPERATOR(pg_catalog.=) $2 "
					   "   AND NOT ha.released AND hh.valid_until OPERATOR(pg_catalog.<) CURRENT_DATE "
					   " ORDER BY hh.id",
					   2, argtypes);
	quota_exec(plan_lapsed, values, NULL, false, 0);
	count = SPI_processed;
	if (count == 0)
		return 0;
	ids = palloc(count * sizeof(int64));
	for (i = 0; i < count; i++)
	{
		ids[i] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
		n += DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
	}
	{
		Oid			idtype[1] = {INT8OID};

		quota_plan_generic(&plan_release_hiring, "SELECT quota.release_hiring($1)", 1, idtype);
	}
	for (i = 0; i < count; i++)
	{
		values[0] = Int64GetDatum(ids[i]);
		quota_exec(plan_release_hiring, values, NULL, false, 0);
	}
	pfree(ids);
	return (int32) n;
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

/*
 * quota.release_seat(s quota.staff, on_date date, moving boolean): frees the
 * seat of s and its leader post (the reform corrections).  As the SQL
 * function it replaces: a NULL row frees nothing, a NULL date is today, a
 * NULL moving retires nothing.
 */
PG_FUNCTION_INFO_V1(quota_release_seat);
Datum
quota_release_seat(PG_FUNCTION_ARGS)
{
	HeapTupleHeader t;
	QuotaLeaver s;
	DateADT		on_date;
	bool		isnull;
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_VOID();
	t = PG_GETARG_HEAPTUPLEHEADER(0);
	s.id = DatumGetInt64(staff_att(t, "id", &isnull));
	if (isnull)
		PG_RETURN_VOID();
	d = staff_att(t, "name", &isnull);
	s.name = isnull ? "" : TextDatumGetCString(d);
	d = staff_att(t, "org_id", &isnull);
	if (isnull)
		PG_RETURN_VOID();
	s.org_id = DatumGetInt64(d);
	d = staff_att(t, "category", &isnull);
	if (isnull)
		PG_RETURN_VOID();
	s.category = TextDatumGetCString(d);
	d = staff_att(t, "post", &isnull);
	s.post = isnull ? NULL : TextDatumGetCString(d);
	d = staff_att(t, "entry_doc", &isnull);
	s.entry_doc = isnull ? "" : TextDatumGetCString(d);
	s.may_draw = true;
	s.recall = -1;
	on_date = PG_ARGISNULL(1) ? DATEVAL_NOEND : PG_GETARG_DATEADT(1);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_seat_release(&s, on_date, PG_ARGISNULL(2) ? true : PG_GETARG_BOOL(2));
	SPI_finish();
	PG_RETURN_VOID();
}

/* quota.expired_borrowed(o bigint, c text): 0 for NULL arguments, as the SQL function it replaces */
PG_FUNCTION_INFO_V1(quota_expired_borrowed);
Datum
quota_expired_borrowed(PG_FUNCTION_ARGS)
{
	int32		n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_INT32(0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	n = quota_seat_expired_borrowed(PG_GETARG_INT64(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), true);
	SPI_finish();
	PG_RETURN_INT32(n);
}

/* quota.lapse_hiring(o bigint, c text): 0 for NULL arguments, as the SQL function it replaces */
PG_FUNCTION_INFO_V1(quota_lapse_hiring);
Datum
quota_lapse_hiring(PG_FUNCTION_ARGS)
{
	int32		n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_INT32(0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	n = quota_seat_lapse_hiring(PG_GETARG_INT64(0), text_to_cstring(PG_GETARG_TEXT_PP(1)));
	SPI_finish();
	PG_RETURN_INT32(n);
}

/* quota.seat_arrivals(): seats the people who moved with posts (人随编走) */
PG_FUNCTION_INFO_V1(quota_seat_arrivals);
Datum
quota_seat_arrivals(PG_FUNCTION_ARGS)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	quota_seat_arrive();
	SPI_finish();
	PG_RETURN_VOID();
}
