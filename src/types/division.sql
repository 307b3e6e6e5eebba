-- src/types/division.sql: quota.division (行政区划代码): type, functions, operators, operator classes
-- ---------------------------------------------------------------------------
-- Types: quota.division (行政区划代码) and quota.uscc (统一社会信用代码)
-- ---------------------------------------------------------------------------

CREATE TYPE quota.division;

CREATE FUNCTION quota.division_in(pg_catalog.cstring) RETURNS quota.division
	AS 'MODULE_PATHNAME', 'quota_division_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_out(quota.division) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'quota_division_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_recv(pg_catalog.internal) RETURNS quota.division
	AS 'MODULE_PATHNAME', 'quota_division_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_send(quota.division) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'quota_division_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE quota.division (
	INPUT = quota.division_in,
	OUTPUT = quota.division_out,
	RECEIVE = quota.division_recv,
	SEND = quota.division_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE quota.division IS '行政区划代码: administrative division code, levels 1-5 (province to village), stored as 12 digits; order is depth-first so a subtree is one key range';
COMMENT ON FUNCTION quota.division_in(pg_catalog.cstring) IS 'text input of quota.division: 2, 4, 6, 9 or 12 digits';
COMMENT ON FUNCTION quota.division_out(quota.division) IS 'text output of quota.division: 6 digits for levels 1-3, 9 for 4, 12 for 5';
COMMENT ON FUNCTION quota.division_recv(pg_catalog.internal) IS 'binary input of quota.division';
COMMENT ON FUNCTION quota.division_send(quota.division) IS 'binary output of quota.division';

CREATE FUNCTION quota.division_eq(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_ne(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_lt(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_le(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_gt(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_ge(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_cmp(quota.division, quota.division) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_division_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_hash(quota.division) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_division_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_hash_extended(quota.division, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_division_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION quota.division_contained_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'quota_division_contained_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_contains_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'quota_division_contains_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_contains(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
	SUPPORT quota.division_contains_support;
CREATE FUNCTION quota.division_contained(quota.division, quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_division_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
	SUPPORT quota.division_contained_support;
CREATE FUNCTION quota.division_level(quota.division) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_division_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_parent(quota.division) RETURNS quota.division
	AS 'MODULE_PATHNAME', 'quota_division_parent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION quota.division_subtree_end(quota.division) RETURNS quota.division
	AS 'MODULE_PATHNAME', 'quota_division_subtree_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION quota.division_eq(quota.division, quota.division) IS 'equality of division codes';
COMMENT ON FUNCTION quota.division_ne(quota.division, quota.division) IS 'inequality of division codes';
COMMENT ON FUNCTION quota.division_lt(quota.division, quota.division) IS 'less than, in depth-first order';
COMMENT ON FUNCTION quota.division_le(quota.division, quota.division) IS 'less than or equal, in depth-first order';
COMMENT ON FUNCTION quota.division_gt(quota.division, quota.division) IS 'greater than, in depth-first order';
COMMENT ON FUNCTION quota.division_ge(quota.division, quota.division) IS 'greater than or equal, in depth-first order';
COMMENT ON FUNCTION quota.division_cmp(quota.division, quota.division) IS 'btree comparison of division codes';
COMMENT ON FUNCTION quota.division_hash(quota.division) IS 'hash of a division code';
COMMENT ON FUNCTION quota.division_hash_extended(quota.division, bigint) IS 'seeded hash of a division code';
COMMENT ON FUNCTION quota.division_contains_support(pg_catalog.internal) IS 'planner support: turns a @> constant b into a btree range on b';
COMMENT ON FUNCTION quota.division_contained_support(pg_catalog.internal) IS 'planner support: turns a <@ constant into a btree range on a';
COMMENT ON FUNCTION quota.division_contains(quota.division, quota.division) IS 'is the first code the second or one of its ancestors';
COMMENT ON FUNCTION quota.division_contained(quota.division, quota.division) IS 'is the first code the second or one of its descendants';
COMMENT ON FUNCTION quota.division_level(quota.division) IS 'level of a division: 1 province, 2 prefecture, 3 county, 4 township, 5 village';
COMMENT ON FUNCTION quota.division_parent(quota.division) IS 'the parent division, NULL at level 1';
COMMENT ON FUNCTION quota.division_subtree_end(quota.division) IS 'the last code of the subtree: d <@ x is x <= d AND d <= quota.division_subtree_end(x)';

CREATE OPERATOR pg_catalog.= (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_eq,
	COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR pg_catalog.<> (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_ne,
	COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR pg_catalog.< (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_lt,
	COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR pg_catalog.<= (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_le,
	COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR pg_catalog.> (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_gt,
	COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR pg_catalog.>= (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_ge,
	COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR pg_catalog.@> (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_contains,
	COMMUTATOR = OPERATOR(pg_catalog.<@),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel);
CREATE OPERATOR pg_catalog.<@ (
	LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = quota.division_contained,
	COMMUTATOR = OPERATOR(pg_catalog.@>),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel);

COMMENT ON OPERATOR pg_catalog.= (quota.division, quota.division) IS 'equal';
COMMENT ON OPERATOR pg_catalog.<> (quota.division, quota.division) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (quota.division, quota.division) IS 'less than (depth-first order)';
COMMENT ON OPERATOR pg_catalog.<= (quota.division, quota.division) IS 'less than or equal (depth-first order)';
COMMENT ON OPERATOR pg_catalog.> (quota.division, quota.division) IS 'greater than (depth-first order)';
COMMENT ON OPERATOR pg_catalog.>= (quota.division, quota.division) IS 'greater than or equal (depth-first order)';
COMMENT ON OPERATOR pg_catalog.@> (quota.division, quota.division) IS 'is ancestor or self';
COMMENT ON OPERATOR pg_catalog.<@ (quota.division, quota.division) IS 'is descendant or self (uses a btree index on the left side)';

CREATE OPERATOR CLASS quota.division_ops DEFAULT FOR TYPE quota.division USING btree AS
	OPERATOR 1 pg_catalog.< , OPERATOR 2 pg_catalog.<= , OPERATOR 3 pg_catalog.= ,
	OPERATOR 4 pg_catalog.>= , OPERATOR 5 pg_catalog.> ,
	FUNCTION 1 quota.division_cmp(quota.division, quota.division);
CREATE OPERATOR CLASS quota.division_hash_ops DEFAULT FOR TYPE quota.division USING hash AS
	OPERATOR 1 pg_catalog.= ,
	FUNCTION 1 quota.division_hash(quota.division),
	FUNCTION 2 quota.division_hash_extended(quota.division, bigint);
COMMENT ON OPERATOR CLASS quota.division_ops USING btree IS 'btree ordering of division codes (depth-first)';
COMMENT ON OPERATOR CLASS quota.division_hash_ops USING hash IS 'hashing of division codes';

