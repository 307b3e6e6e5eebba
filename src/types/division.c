/*-------------------------------------------------------------------------
 *
 * division.c
 *	  The quota.division type (行政区划代码): I/O, comparison, tree
 *	  operators and the planner support that turns a subtree test into a
 *	  btree range.
 *
 *	  A division is held as its 12-digit value in an int8.  Numeric order is
 *	  a depth-first order of the tree (a parent is padded with zeros, so it
 *	  sorts before all of its descendants), hence every subtree is one
 *	  contiguous key range [code, code + 10^k - 1].
 *
 * IDENTIFICATION
 *	  src/types/division.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"

#include "compat.h"
#include "quota.h"
#include "core/codes.h"

static const char *
division_error_detail(const qc_error *err)
{
	switch (err->kind)
	{
		case QC_ERR_LENGTH:
			return psprintf("A division code has 2, 4, 6, 9 or 12 digits, not %d.",
							err->length);
		case QC_ERR_DIGIT:
			return psprintf("Character %d is not a digit.", err->position);
		case QC_ERR_ZERO_PARENT:
			if (err->position == 1)
				return "The province digits (1-2) must not be 00.";
			return psprintf("Digits from position %d are zero but a lower level is not (行政区划代码 levels are 2+2+2+3+3 digits).",
							err->position);
		default:
			return qc_error_text(err);
	}
}

/* quota.division input: 2, 4, 6, 9 or 12 digits */
PG_FUNCTION_INFO_V1(quota_division_in);
Datum
quota_division_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		value;
	qc_error	err;

	if (!qc_division_parse(str, strlen(str), &value, &err))
		quota_ereturn(fcinfo->context,
					  errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					  errmsg("invalid input syntax for type %s: \"%s\"",
							 "quota.division", str),
					  errdetail("%s", division_error_detail(&err)));
	PG_RETURN_DIVISION(value);
}

char *
quota_division_text(int64 code)
{
	char		buf[QC_DIVISION_DIGITS + 1];

	if (qc_division_format(code, buf, sizeof(buf)) < 0)
		return pstrdup("?");
	return pstrdup(buf);
}

/* quota.division output: 6 digits for levels 1-3, 9 for 4, 12 for 5 */
PG_FUNCTION_INFO_V1(quota_division_out);
Datum
quota_division_out(PG_FUNCTION_ARGS)
{
	int64		value = PG_GETARG_DIVISION(0);
	char	   *buf = palloc(QC_DIVISION_DIGITS + 1);

	if (qc_division_format(value, buf, QC_DIVISION_DIGITS + 1) < 0)
		elog(ERROR, "could not format division code " INT64_FORMAT, value);
	PG_RETURN_CSTRING(buf);
}

/* binary input: the 12-digit value as int8, validated */
PG_FUNCTION_INFO_V1(quota_division_recv);
Datum
quota_division_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		value = pq_getmsgint64(buf);

	if (!qc_division_valid(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external value for type %s: " INT64_FORMAT,
						"quota.division", value)));
	PG_RETURN_DIVISION(value);
}

PG_FUNCTION_INFO_V1(quota_division_send);
Datum
quota_division_send(PG_FUNCTION_ARGS)
{
	int64		value = PG_GETARG_DIVISION(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, value);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define DIVISION_CMP_FUNC(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_DIVISION(0) op PG_GETARG_DIVISION(1)); \
}

DIVISION_CMP_FUNC(quota_division_eq, ==)
DIVISION_CMP_FUNC(quota_division_ne, !=)
DIVISION_CMP_FUNC(quota_division_lt, <)
DIVISION_CMP_FUNC(quota_division_le, <=)
DIVISION_CMP_FUNC(quota_division_gt, >)
DIVISION_CMP_FUNC(quota_division_ge, >=)

PG_FUNCTION_INFO_V1(quota_division_cmp);
Datum
quota_division_cmp(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_DIVISION(0);
	int64		b = PG_GETARG_DIVISION(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

PG_FUNCTION_INFO_V1(quota_division_hash);
Datum
quota_division_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(quota_division_hash_extended);
Datum
quota_division_hash_extended(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(hashint8extended, PG_GETARG_DATUM(0),
							   PG_GETARG_DATUM(1));
}

/* a @> b: a is b or an ancestor of b */
PG_FUNCTION_INFO_V1(quota_division_contains);
Datum
quota_division_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(qc_division_contains(PG_GETARG_DIVISION(0),
										PG_GETARG_DIVISION(1)));
}

/* a <@ b: a is b or a descendant of b */
PG_FUNCTION_INFO_V1(quota_division_contained);
Datum
quota_division_contained(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(qc_division_contains(PG_GETARG_DIVISION(1),
										PG_GETARG_DIVISION(0)));
}

PG_FUNCTION_INFO_V1(quota_division_level);
Datum
quota_division_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(qc_division_level(PG_GETARG_DIVISION(0)));
}

PG_FUNCTION_INFO_V1(quota_division_parent);
Datum
quota_division_parent(PG_FUNCTION_ARGS)
{
	int64		parent = qc_division_parent(PG_GETARG_DIVISION(0));

	if (parent < 0)
		PG_RETURN_NULL();
	PG_RETURN_DIVISION(parent);
}

/* The last code of the subtree (for range scans written by hand). */
PG_FUNCTION_INFO_V1(quota_division_subtree_end);
Datum
quota_division_subtree_end(PG_FUNCTION_ARGS)
{
	int64		lo,
				hi;

	qc_division_subtree(PG_GETARG_DIVISION(0), &lo, &hi);
	PG_RETURN_DIVISION(hi);
}

/*
 * Build "indexkey >= lo AND indexkey <= hi" for the btree opfamily, or NIL
 * when the opfamily is not one of ours.
 */
static List *
division_range_quals(Node *indexkey, int64 code, Oid opfamily, Oid divtype)
{
	Oid			geop = get_opfamily_member(opfamily, divtype, divtype,
										   BTGreaterEqualStrategyNumber);
	Oid			leop = get_opfamily_member(opfamily, divtype, divtype,
										   BTLessEqualStrategyNumber);
	int64		lo,
				hi;
	Expr	   *lower,
			   *upper;

	if (!OidIsValid(geop) || !OidIsValid(leop))
		return NIL;
	qc_division_subtree(code, &lo, &hi);
	lower = make_opclause(geop, BOOLOID, false, (Expr *) indexkey,
						  (Expr *) makeConst(divtype, -1, InvalidOid,
											 sizeof(int64),
											 DivisionGetDatum(lo),
											 false, FLOAT8PASSBYVAL),
						  InvalidOid, InvalidOid);
	upper = make_opclause(leop, BOOLOID, false, (Expr *) indexkey,
						  (Expr *) makeConst(divtype, -1, InvalidOid,
											 sizeof(int64),
											 DivisionGetDatum(hi),
											 false, FLOAT8PASSBYVAL),
						  InvalidOid, InvalidOid);
	return list_make2(lower, upper);
}

/*
 * Shared body of the two support functions.  "descendant_arg" is the
 * argument position (0 or 1) of the descendant side: 0 for a <@ b, 1 for
 * a @> b.  Only the descendant side can be scanned as a range, and only
 * when the other side is a constant.
 */
static Node *
division_support(Node *rawreq, int descendant_arg)
{
	SupportRequestIndexCondition *req;
	List	   *args;
	Node	   *indexkey;
	Node	   *other;
	Const	   *c;
	Oid			divtype;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		return NULL;
	req = (SupportRequestIndexCondition *) rawreq;
	if (req->indexarg != descendant_arg)
		return NULL;
	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return NULL;
	if (list_length(args) != 2)
		return NULL;
	indexkey = (Node *) list_nth(args, descendant_arg);
	other = (Node *) list_nth(args, 1 - descendant_arg);
	if (!IsA(other, Const))
		return NULL;
	c = (Const *) other;
	if (c->constisnull)
		return NULL;
	divtype = exprType(indexkey);
	if (divtype != c->consttype)
		return NULL;
	req->lossy = false;
	return (Node *) division_range_quals(indexkey,
										 DatumGetDivision(c->constvalue),
										 req->opfamily, divtype);
}

PG_FUNCTION_INFO_V1(quota_division_contained_support);
Datum
quota_division_contained_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(division_support((Node *) PG_GETARG_POINTER(0), 0));
}

PG_FUNCTION_INFO_V1(quota_division_contains_support);
Datum
quota_division_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(division_support((Node *) PG_GETARG_POINTER(0), 1));
}
