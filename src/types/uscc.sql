-- src/types/uscc.sql: quota.uscc (统一社会信用代码): type, functions, operators, operator classes; quota.restoring()
-- quota.uscc ----------------------------------------------------------------

CREATE TYPE quota.uscc;

CREATE FUNCTION quota.uscc_in(pg_catalog.cstring) RETURNS quota.uscc
	AS 'MODULE_PATHNAME', 'quota_uscc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.uscc_out(quota.uscc) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'quota_uscc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.uscc_recv(pg_catalog.internal) RETURNS quota.uscc
	AS 'MODULE_PATHNAME', 'quota_uscc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.uscc_send(quota.uscc) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'quota_uscc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE quota.uscc (
	INPUT = quota.uscc_in,
	OUTPUT = quota.uscc_out,
	RECEIVE = quota.uscc_recv,
	SEND = quota.uscc_send,
	INTERNALLENGTH = 18,
	ALIGNMENT = char,
	STORAGE = plain
);
COMMENT ON TYPE quota.uscc IS '统一社会信用代码 (GB 32100-2015): 18 characters, check character validated on input';
COMMENT ON FUNCTION quota.uscc_in(pg_catalog.cstring) IS 'text input of quota.uscc: trims, upper-cases, validates';
COMMENT ON FUNCTION quota.uscc_out(quota.uscc) IS 'text output of quota.uscc';
COMMENT ON FUNCTION quota.uscc_recv(pg_catalog.internal) IS 'binary input of quota.uscc';
COMMENT ON FUNCTION quota.uscc_send(quota.uscc) IS 'binary output of quota.uscc';

CREATE FUNCTION quota.uscc_eq(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_ne(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_lt(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_le(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_gt(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_ge(quota.uscc, quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_cmp(quota.uscc, quota.uscc) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_uscc_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_hash(quota.uscc) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_uscc_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.uscc_hash_extended(quota.uscc, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_uscc_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.restoring() RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_restoring_sql' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.restoring() IS
	'true while a pg_dump script is restored (a superuser session with check_function_bodies and row_security off): every checking or applying trigger has WHEN (NOT quota.restoring()), so the dumped rows come in as they are';
CREATE FUNCTION quota.uscc_division(quota.uscc) RETURNS quota.division
	AS 'MODULE_PATHNAME', 'quota_uscc_division' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.uscc_type(quota.uscc) RETURNS text
	AS 'MODULE_PATHNAME', 'quota_uscc_type' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.uscc_org_code_ok(quota.uscc) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_uscc_org_code_ok' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION quota.uscc_eq(quota.uscc, quota.uscc) IS 'equality of credit codes';
COMMENT ON FUNCTION quota.uscc_ne(quota.uscc, quota.uscc) IS 'inequality of credit codes';
COMMENT ON FUNCTION quota.uscc_lt(quota.uscc, quota.uscc) IS 'less than';
COMMENT ON FUNCTION quota.uscc_le(quota.uscc, quota.uscc) IS 'less than or equal';
COMMENT ON FUNCTION quota.uscc_gt(quota.uscc, quota.uscc) IS 'greater than';
COMMENT ON FUNCTION quota.uscc_ge(quota.uscc, quota.uscc) IS 'greater than or equal';
COMMENT ON FUNCTION quota.uscc_cmp(quota.uscc, quota.uscc) IS 'btree comparison of credit codes';
COMMENT ON FUNCTION quota.uscc_hash(quota.uscc) IS 'hash of a credit code';
COMMENT ON FUNCTION quota.uscc_hash_extended(quota.uscc, bigint) IS 'seeded hash of a credit code';
COMMENT ON FUNCTION quota.uscc_division(quota.uscc) IS 'positions 3-8 (registration division) as a division, NULL when not a valid code';
COMMENT ON FUNCTION quota.uscc_type(quota.uscc) IS 'positions 1-2: registering authority and organization type (e.g. 11 organ, 12 institution)';
COMMENT ON FUNCTION quota.uscc_org_code_ok(quota.uscc) IS 'does the embedded organization code (positions 9-17, GB 11714) carry a correct check character';

CREATE OPERATOR pg_catalog.= (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = quota.uscc, RIGHTARG = quota.uscc, FUNCTION = quota.uscc_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR pg_catalog.= (quota.uscc, quota.uscc) IS 'equal';
COMMENT ON OPERATOR pg_catalog.<> (quota.uscc, quota.uscc) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (quota.uscc, quota.uscc) IS 'less than';
COMMENT ON OPERATOR pg_catalog.<= (quota.uscc, quota.uscc) IS 'less than or equal';
COMMENT ON OPERATOR pg_catalog.> (quota.uscc, quota.uscc) IS 'greater than';
COMMENT ON OPERATOR pg_catalog.>= (quota.uscc, quota.uscc) IS 'greater than or equal';

CREATE OPERATOR CLASS quota.uscc_ops DEFAULT FOR TYPE quota.uscc USING btree AS
	OPERATOR 1 pg_catalog.< , OPERATOR 2 pg_catalog.<= , OPERATOR 3 pg_catalog.= ,
	OPERATOR 4 pg_catalog.>= , OPERATOR 5 pg_catalog.> ,
	FUNCTION 1 quota.uscc_cmp(quota.uscc, quota.uscc);
CREATE OPERATOR CLASS quota.uscc_hash_ops DEFAULT FOR TYPE quota.uscc USING hash AS
	OPERATOR 1 pg_catalog.= ,
	FUNCTION 1 quota.uscc_hash(quota.uscc),
	FUNCTION 2 quota.uscc_hash_extended(quota.uscc, bigint);
COMMENT ON OPERATOR CLASS quota.uscc_ops USING btree IS 'btree ordering of credit codes';
COMMENT ON OPERATOR CLASS quota.uscc_hash_ops USING hash IS 'hashing of credit codes';
