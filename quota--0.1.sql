\echo Use "CREATE EXTENSION quota" to load this file. \quit

-- quota 0.1: staffing establishment (机构编制) rules enforced by the database.
-- Sections, in order: types; reference data; the ledger and its triggers and
-- functions; the roster; standards; roster functions; reform; dashboards.
-- The script runs with search_path = pg_catalog, pg_temp (schema = pg_catalog
-- in quota.control), and creates schema quota itself so that nothing can be
-- planted in it beforehand.  Every name is schema-qualified.

CREATE SCHEMA quota;
COMMENT ON SCHEMA quota IS 'quota: staffing establishment (机构编制) types, ledger, roster and rules';
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
-- ---------------------------------------------------------------------------
-- Reference data: categories, org kinds, which kind may use which category,
-- policy parameters and the issuer-authority matrix.
-- ---------------------------------------------------------------------------

CREATE TABLE quota.category (
	code text PRIMARY KEY CHECK (pg_catalog.octet_length(code) < 64),	-- a short code (also a C hash key)
	name text NOT NULL,
	description text
);
COMMENT ON TABLE quota.category IS '编制类别: the closed set of establishment categories (R1.1); posts never change category (R1.5)';
COMMENT ON COLUMN quota.category.code IS 'stable code, e.g. admin, politico_legal, admin_worker, institution, filed';
COMMENT ON COLUMN quota.category.name IS 'Chinese name, e.g. 行政编制';
COMMENT ON COLUMN quota.category.description IS 'what the category is for';

INSERT INTO quota.category (code, name, description) VALUES
	('admin', '行政编制', 'administrative posts of party and state organs'),
	('politico_legal', '政法专项编制', 'ring-fenced posts of courts, procuratorates, public security, state security and justice (R1.3)'),
	('admin_worker', '机关工勤编制', 'service-worker posts of organs'),
	('institution', '事业编制', 'posts of public institutions (事业单位)'),
	('filed', '备案制人员', 'not 编制: roster only, counted against an org''s headcount_cap (R6.5); never allocated or moved');

CREATE TABLE quota.org_kind (
	code text PRIMARY KEY,
	name text NOT NULL
);
COMMENT ON TABLE quota.org_kind IS 'kinds of organization; the kind decides which categories an org may hold (R1.2)';
COMMENT ON COLUMN quota.org_kind.code IS 'stable code, e.g. government_organ, institution';
COMMENT ON COLUMN quota.org_kind.name IS 'Chinese name';

INSERT INTO quota.org_kind (code, name) VALUES
	('party_organ', '党委机关'),
	('government_organ', '政府机关'),
	('people_congress', '人大机关'),
	('cppcc', '政协机关'),
	('supervision', '监察机关'),
	('court', '法院'),
	('procuratorate', '检察院'),
	('public_security', '公安机关'),
	('state_security', '国家安全机关'),
	('justice', '司法行政机关'),
	('mass_org', '群团机关'),
	('democratic_party', '民主党派机关'),
	('institution', '事业单位'),
	('coordination_body', '议事协调机构');

CREATE TABLE quota.category_use (
	category text NOT NULL REFERENCES quota.category (code),
	org_kind text NOT NULL REFERENCES quota.org_kind (code),
	PRIMARY KEY (category, org_kind)
);
COMMENT ON TABLE quota.category_use IS 'compatibility matrix: which org kinds may hold which category (R1.2, R1.3); a missing pair is 混用/挤占/挪用';
COMMENT ON COLUMN quota.category_use.category IS 'the category';
COMMENT ON COLUMN quota.category_use.org_kind IS 'an org kind that may hold it';

INSERT INTO quota.category_use (category, org_kind)
SELECT c, k
FROM (VALUES ('admin'), ('admin_worker')) AS cats (c),
	 (VALUES ('party_organ'), ('government_organ'), ('people_congress'), ('cppcc'), ('supervision'),
			 ('court'), ('procuratorate'), ('public_security'), ('state_security'), ('justice'),
			 ('mass_org'), ('democratic_party')) AS kinds (k)
UNION ALL
SELECT 'politico_legal', k
FROM (VALUES ('court'), ('procuratorate'), ('public_security'), ('state_security'), ('justice')) AS kinds (k)
UNION ALL
SELECT 'institution', 'institution'
UNION ALL
SELECT 'filed', k FROM (VALUES ('institution'), ('government_organ'), ('party_organ'), ('mass_org')) AS kinds (k);

CREATE TABLE quota.policy (
	name text PRIMARY KEY,
	value text NOT NULL,
	description text
);
COMMENT ON TABLE quota.policy IS 'tunable parameters; changeable only by the extension''s owner or admin role, never by a session setting';
COMMENT ON COLUMN quota.policy.name IS 'parameter name';
COMMENT ON COLUMN quota.policy.value IS 'parameter value, as text';
COMMENT ON COLUMN quota.policy.description IS 'what the parameter does';

INSERT INTO quota.policy (name, value, description) VALUES
	('comprehensive_unit_share', '0.30', 'share of internal units that may be comprehensive (综合性) units; at least one is always allowed'),
	('hiring_approval_required', 'false', 'every entry into quota.staff needs a valid hiring approval (用编核准)'),
	('hiring_approval_valid_days', '180', 'days a hiring approval stays valid'),
	('loan_default_years', '3', 'term in years of a talent draw from a talent pool');

CREATE TABLE quota.authority (
	issuer_kind text PRIMARY KEY,
	name text NOT NULL,
	central boolean NOT NULL,
	may_authorize boolean NOT NULL,
	description text
);
COMMENT ON TABLE quota.authority IS 'issuer kinds of approval documents and what they may authorize (R1.4, R8.8, R8.9)';
COMMENT ON COLUMN quota.authority.issuer_kind IS 'issuer kind as used by quota.approval.issuer_kind';
COMMENT ON COLUMN quota.authority.name IS 'Chinese name';
COMMENT ON COLUMN quota.authority.central IS 'a central issuer: no division, contains every jurisdiction, may move admin and politico_legal posts across jurisdictions';
COMMENT ON COLUMN quota.authority.may_authorize IS 'may authorize movements at all (line departments and 人大常委会 filings may not)';
COMMENT ON COLUMN quota.authority.description IS 'the rule in words';

INSERT INTO quota.authority (issuer_kind, name, central, may_authorize, description) VALUES
	('party_central', '党中央', true, true, 'central: any jurisdiction, any movement'),
	('state_council', '国务院', true, true, 'central: any jurisdiction, any movement'),
	('central_committee', '中央编委', true, true, 'central: any jurisdiction, any movement'),
	('central_office', '中央编办', true, true, 'central: any jurisdiction, any movement'),
	('party_committee', '党委', false, true, 'movements inside its division; issue only into jurisdictions below it'),
	('government', '政府', false, true, 'movements inside its division; issue only into jurisdictions below it'),
	('committee', '编委', false, true, 'movements inside its division; issue only into jurisdictions below it'),
	('office', '编办', false, true, 'movements inside its division; issue only into jurisdictions below it'),
	('npc_standing', '人大常委会', false, false, 'filing (备案) only: authorizes no movement'),
	('line_department', '业务主管部门', false, false, 'never authorizes establishment matters (禁止条条干预, R8.9)');
-- ---------------------------------------------------------------------------
-- The establishment ledger: jurisdictions, approvals, orgs, pools, caps and
-- the append-only movement ledger, with the internal balance accounts that
-- the C triggers keep (O(1) per change).
-- ---------------------------------------------------------------------------

CREATE TABLE quota.jurisdiction (
	division quota.division PRIMARY KEY,
	name text NOT NULL
);
COMMENT ON TABLE quota.jurisdiction IS 'a region node (省/市/县/乡); one whose parent code is not registered is a root';
COMMENT ON COLUMN quota.jurisdiction.division IS '行政区划代码 of the region';
COMMENT ON COLUMN quota.jurisdiction.name IS 'name, e.g. 滨州市';

CREATE TABLE quota.approval (
	doc_no text PRIMARY KEY CHECK (pg_catalog.octet_length(doc_no) < 256),	-- a 文号 (also a C hash key)
	issuer text,
	issuer_kind text NOT NULL REFERENCES quota.authority (issuer_kind),
	issuer_division quota.division,
	issued_on date,
	title text,
	CONSTRAINT quota_authority CHECK ((issuer_division IS NULL) = (issuer_kind IN ('party_central', 'state_council', 'central_committee', 'central_office')))
);
COMMENT ON TABLE quota.approval IS 'approval documents (文号); every movement, merge and roster entry names one';
COMMENT ON COLUMN quota.approval.doc_no IS 'document number, e.g. 滨编〔2024〕12号';
COMMENT ON COLUMN quota.approval.issuer IS 'issuing body, e.g. 滨州市机构编制委员会';
COMMENT ON COLUMN quota.approval.issuer_kind IS 'kind of issuer, see quota.authority';
COMMENT ON COLUMN quota.approval.issuer_division IS 'division of the issuer; NULL exactly for central issuers';
COMMENT ON COLUMN quota.approval.issued_on IS 'date of issue';
COMMENT ON COLUMN quota.approval.title IS 'title of the document';

CREATE TABLE quota.org (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name text NOT NULL,
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	kind text NOT NULL REFERENCES quota.org_kind (code),
	uscc quota.uscc UNIQUE,
	sector text,
	rank text CHECK (rank IN ('正部', '副部', '正厅', '副厅', '正处', '副处', '正科', '副科', '股')),
	funding text CHECK (funding IN ('全额', '差额', '自收自支')),
	parent_id bigint REFERENCES quota.org (id),
	internal_units_approved integer CHECK (internal_units_approved >= 0),
	headcount_cap integer CHECK (headcount_cap >= 0),
	recall_on_exit boolean NOT NULL DEFAULT false,
	status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
	established_on date,
	closed_on date
);
CREATE INDEX org_division_idx ON quota.org (division);
CREATE INDEX org_parent_idx ON quota.org (parent_id);
COMMENT ON TABLE quota.org IS 'organizations (机关、事业单位): accounts that hold posts';
COMMENT ON COLUMN quota.org.id IS 'identity';
COMMENT ON COLUMN quota.org.name IS 'name';
COMMENT ON COLUMN quota.org.division IS 'jurisdiction the org belongs to';
COMMENT ON COLUMN quota.org.kind IS 'org kind, decides usable categories (R1.2)';
COMMENT ON COLUMN quota.org.uscc IS '统一社会信用代码; a mismatch with division or kind is a warning and a violation row';
COMMENT ON COLUMN quota.org.sector IS 'sector for standards, e.g. school_junior, hospital';
COMMENT ON COLUMN quota.org.rank IS '机构规格, e.g. 正处';
COMMENT ON COLUMN quota.org.funding IS 'funding form of an institution: 全额/差额/自收自支';
COMMENT ON COLUMN quota.org.parent_id IS 'parent org (e.g. the department an institution belongs to)';
COMMENT ON COLUMN quota.org.internal_units_approved IS 'approved number of internal units (内设机构)';
COMMENT ON COLUMN quota.org.headcount_cap IS '人员总量: cap on 编制内 + filed staff (R6.5)';
COMMENT ON COLUMN quota.org.recall_on_exit IS '退一收一: a leaver''s own post is retired';
COMMENT ON COLUMN quota.org.status IS 'active, merged or dissolved; only active orgs take movements and hires';
COMMENT ON COLUMN quota.org.established_on IS 'date established';
COMMENT ON COLUMN quota.org.closed_on IS 'date merged or dissolved';

CREATE TABLE quota.pool (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	kind text NOT NULL CHECK (kind IN ('unallocated', 'reserve', 'turnover', 'talent')),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	UNIQUE (division, kind, category)
);
COMMENT ON TABLE quota.pool IS 'a jurisdiction''s pools of posts: unallocated (余量), reserve (机动编制), turnover (周转池), talent (人才编制蓄水池); numbers in quota.pool_balance';
COMMENT ON COLUMN quota.pool.id IS 'identity';
COMMENT ON COLUMN quota.pool.division IS 'jurisdiction holding the pool';
COMMENT ON COLUMN quota.pool.kind IS 'unallocated, reserve, turnover or talent';
COMMENT ON COLUMN quota.pool.category IS 'category of every post in the pool';

CREATE TABLE quota.movement (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	kind text NOT NULL,
	category text NOT NULL REFERENCES quota.category (code),
	amount integer NOT NULL CONSTRAINT quota_movement_shape CHECK (amount > 0),
	from_org bigint REFERENCES quota.org (id),
	from_pool bigint REFERENCES quota.pool (id),
	to_org bigint REFERENCES quota.org (id),
	to_pool bigint REFERENCES quota.pool (id),
	-- deferred: the statement trigger reports a missing approval as quota_authority
	-- (DESIGN.md §8); the key still holds at commit
	doc_no text NOT NULL REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
	effective_on date NOT NULL DEFAULT CURRENT_DATE,
	expires_on date,
	loan_id bigint REFERENCES quota.movement (id),
	request_id text UNIQUE,
	note text,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE INDEX movement_from_org_idx ON quota.movement (from_org) WHERE from_org IS NOT NULL;
CREATE INDEX movement_to_org_idx ON quota.movement (to_org) WHERE to_org IS NOT NULL;
CREATE INDEX movement_loan_idx ON quota.movement (loan_id) WHERE loan_id IS NOT NULL;
COMMENT ON TABLE quota.movement IS 'the ledger (append-only): every post moves between accounts only by a row here, tied to an approval';
COMMENT ON COLUMN quota.movement.id IS 'identity';
COMMENT ON COLUMN quota.movement.kind IS 'issue, retire, delegate, allocate, recall, transfer, lend or repay';
COMMENT ON COLUMN quota.movement.category IS 'category of the posts moved (same on both sides)';
COMMENT ON COLUMN quota.movement.amount IS 'number of posts, > 0';
COMMENT ON COLUMN quota.movement.from_org IS 'source org';
COMMENT ON COLUMN quota.movement.from_pool IS 'source pool';
COMMENT ON COLUMN quota.movement.to_org IS 'target org';
COMMENT ON COLUMN quota.movement.to_pool IS 'target pool';
COMMENT ON COLUMN quota.movement.doc_no IS 'the approval document that authorizes the movement';
COMMENT ON COLUMN quota.movement.effective_on IS 'legal date (quota.establishment_at); not later than the day it is recorded';
COMMENT ON COLUMN quota.movement.expires_on IS 'end of a loan (lend only); after it the loan is expired';
COMMENT ON COLUMN quota.movement.loan_id IS 'the lend movement a repay returns posts of';
COMMENT ON COLUMN quota.movement.request_id IS 'client idempotency key: retry with ON CONFLICT (request_id) DO NOTHING';
COMMENT ON COLUMN quota.movement.note IS 'free text; movements written by the extension say why';
COMMENT ON COLUMN quota.movement.recorded_at IS 'when the row was recorded';
COMMENT ON COLUMN quota.movement.recorded_by IS 'who recorded the row';

CREATE TABLE quota.cap (
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	scope text NOT NULL CHECK (scope IN ('level', 'subtree')),
	ceiling integer NOT NULL CHECK (ceiling >= 0),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	PRIMARY KEY (division, category, scope)
);
COMMENT ON TABLE quota.cap IS '控制数: ceilings on the posts held at a jurisdiction (level) or in its whole subtree';
COMMENT ON COLUMN quota.cap.division IS 'the jurisdiction';
COMMENT ON COLUMN quota.cap.category IS 'the category';
COMMENT ON COLUMN quota.cap.scope IS 'level: its own pools and orgs; subtree: the whole subtree';
COMMENT ON COLUMN quota.cap.ceiling IS 'the ceiling';
COMMENT ON COLUMN quota.cap.doc_no IS 'the document that sets the ceiling';

-- Internal accounts, kept by the C triggers.  Never written by users.

CREATE TABLE quota.pool_account (
	pool_id bigint PRIMARY KEY REFERENCES quota.pool (id),
	balance integer NOT NULL DEFAULT 0 CONSTRAINT quota_insufficient CHECK (balance >= 0),
	lent integer NOT NULL DEFAULT 0 CHECK (lent >= 0)
);
COMMENT ON TABLE quota.pool_account IS 'internal: posts in each pool (balance) and out on loan (lent), kept by the ledger triggers';
COMMENT ON COLUMN quota.pool_account.pool_id IS 'the pool';
COMMENT ON COLUMN quota.pool_account.balance IS 'posts in the pool, free to move';
COMMENT ON COLUMN quota.pool_account.lent IS 'posts of this pool out on loan';

CREATE TABLE quota.org_account (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL REFERENCES quota.category (code),
	approved integer NOT NULL DEFAULT 0 CHECK (approved >= 0),
	borrowed integer NOT NULL DEFAULT 0 CHECK (borrowed >= 0),
	occupied integer NOT NULL DEFAULT 0 CHECK (occupied >= 0),
	reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
	PRIMARY KEY (org_id, category)
);
COMMENT ON TABLE quota.org_account IS 'internal: per org and category, approved (own) and borrowed posts, occupied and reserved seats, kept by triggers';
COMMENT ON COLUMN quota.org_account.org_id IS 'the org';
COMMENT ON COLUMN quota.org_account.category IS 'the category';
COMMENT ON COLUMN quota.org_account.approved IS 'own posts (核定编制)';
COMMENT ON COLUMN quota.org_account.borrowed IS 'posts on loan from a pool';
COMMENT ON COLUMN quota.org_account.occupied IS 'active staff (实有人员)';
COMMENT ON COLUMN quota.org_account.reserved IS 'vacancies reserved by open hiring approvals';

CREATE TABLE quota.jurisdiction_account (
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division) ON DELETE CASCADE,
	category text NOT NULL REFERENCES quota.category (code),
	level_held integer NOT NULL DEFAULT 0 CHECK (level_held >= 0),
	subtree_held integer NOT NULL DEFAULT 0 CHECK (subtree_held >= 0),
	level_ceiling integer,
	subtree_ceiling integer,
	PRIMARY KEY (division, category),
	CONSTRAINT quota_cap_exceeded CHECK (level_held <= level_ceiling AND subtree_held <= subtree_ceiling)
);
COMMENT ON TABLE quota.jurisdiction_account IS 'internal: posts held at each jurisdiction and in its subtree, with the ceilings of quota.cap';
COMMENT ON COLUMN quota.jurisdiction_account.division IS 'the jurisdiction';
COMMENT ON COLUMN quota.jurisdiction_account.category IS 'the category';
COMMENT ON COLUMN quota.jurisdiction_account.level_held IS 'posts in its own pools (including lent) and orgs (approved)';
COMMENT ON COLUMN quota.jurisdiction_account.subtree_held IS 'the same over the whole subtree';
COMMENT ON COLUMN quota.jurisdiction_account.level_ceiling IS 'ceiling of the level cap, if any';
COMMENT ON COLUMN quota.jurisdiction_account.subtree_ceiling IS 'ceiling of the subtree cap, if any';

CREATE TABLE quota.loan (
	loan_id bigint PRIMARY KEY REFERENCES quota.movement (id),
	pool_id bigint NOT NULL REFERENCES quota.pool (id),
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL,
	amount integer NOT NULL,
	outstanding integer NOT NULL CHECK (outstanding >= 0 AND outstanding <= amount),
	expires_on date NOT NULL,
	expired boolean NOT NULL DEFAULT false
);
CREATE INDEX loan_org_idx ON quota.loan (org_id) WHERE outstanding > 0;
COMMENT ON TABLE quota.loan IS 'internal: one row per lend movement, with what is still outstanding and whether it expired';
COMMENT ON COLUMN quota.loan.loan_id IS 'the lend movement';
COMMENT ON COLUMN quota.loan.pool_id IS 'lending pool';
COMMENT ON COLUMN quota.loan.org_id IS 'borrowing org';
COMMENT ON COLUMN quota.loan.category IS 'category';
COMMENT ON COLUMN quota.loan.amount IS 'posts lent';
COMMENT ON COLUMN quota.loan.outstanding IS 'posts not yet repaid';
COMMENT ON COLUMN quota.loan.expires_on IS 'last day of the term';
COMMENT ON COLUMN quota.loan.expired IS 'settled as expired by quota.settle_loans (or past expires_on)';

REVOKE ALL ON quota.pool_account, quota.org_account, quota.jurisdiction_account, quota.loan FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction', '');
SELECT pg_catalog.pg_extension_config_dump('quota.approval', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.pool', '');
SELECT pg_catalog.pg_extension_config_dump('quota.pool_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.movement', '');
SELECT pg_catalog.pg_extension_config_dump('quota.movement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.cap', '');
-- ---------------------------------------------------------------------------
-- Ledger triggers: the C trigger that validates and applies movements, the
-- append-only guard, and the housekeeping of accounts for pools,
-- jurisdictions and caps.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.movement_apply() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_movement_apply' LANGUAGE C;
COMMENT ON FUNCTION quota.movement_apply() IS 'statement trigger: validates every inserted movement and applies the net deltas to the accounts, set-wise, in ascending account order';

CREATE FUNCTION quota.ledger_immutable() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_ledger_immutable' LANGUAGE C;
COMMENT ON FUNCTION quota.ledger_immutable() IS 'rejects UPDATE, DELETE and TRUNCATE of the ledger for every role (quota_ledger_immutable)';

CREATE TRIGGER movement_apply AFTER INSERT ON quota.movement
	REFERENCING NEW TABLE AS new_movements
	FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.movement_apply();
COMMENT ON TRIGGER movement_apply ON quota.movement IS 'validates and applies inserted movements (single rows, INSERT ... SELECT and COPY alike)';
CREATE TRIGGER movement_immutable BEFORE UPDATE OR DELETE ON quota.movement
	FOR EACH ROW EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER movement_immutable ON quota.movement IS 'the ledger is append-only';
CREATE TRIGGER movement_no_truncate BEFORE TRUNCATE ON quota.movement
	FOR EACH STATEMENT EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER movement_no_truncate ON quota.movement IS 'the ledger cannot be truncated';

-- a pool opens its account when it is created; its identity never changes
CREATE FUNCTION quota.pool_opened() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO quota.pool_account (pool_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.pool_opened() IS 'opens the internal account of a new pool';
CREATE TRIGGER pool_opened AFTER INSERT ON quota.pool
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.pool_opened();
COMMENT ON TRIGGER pool_opened ON quota.pool IS 'opens the pool''s account';

CREATE FUNCTION quota.pool_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.division OPERATOR(pg_catalog.<>) OLD.division OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind
	   OR NEW.category OPERATOR(pg_catalog.<>) OLD.category OR NEW.id OPERATOR(pg_catalog.<>) OLD.id THEN
		RAISE EXCEPTION 'a pool''s jurisdiction, kind and category cannot change'
			USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape', TABLE = 'pool', SCHEMA = 'quota',
				  DETAIL = pg_catalog.format('Pool %s is the %s %s pool of %s; posts leave it only by movements.',
											OLD.id, OLD.kind, OLD.category, OLD.division);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.pool_fixed() IS 'a pool is an account: its identity never changes';
CREATE TRIGGER pool_fixed BEFORE UPDATE ON quota.pool
	FOR EACH ROW EXECUTE FUNCTION quota.pool_fixed();
COMMENT ON TRIGGER pool_fixed ON quota.pool IS 'keeps a pool''s identity fixed';

-- a jurisdiction opens one account per category; its subtree figure counts
-- whatever its already registered descendants hold
CREATE FUNCTION quota.jurisdiction_opened() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- Wait for every movement in flight and hold new ones back until this
	-- registration commits: a movement that did not see this jurisdiction
	-- must be counted in its subtree figure.  Under REPEATABLE READ the
	-- FOR SHARE below raises 40001 if a descendant changed after our snapshot.
	LOCK TABLE quota.jurisdiction_account IN SHARE ROW EXCLUSIVE MODE;
	INSERT INTO quota.jurisdiction_account (division, category, subtree_held)
	SELECT NEW.division, c.code,
		   COALESCE((SELECT pg_catalog.sum(d.level_held)::integer
					 FROM (SELECT ja.level_held FROM quota.jurisdiction_account ja
						   WHERE ja.division OPERATOR(pg_catalog.<@) NEW.division
							 AND ja.category OPERATOR(pg_catalog.=) c.code
						   FOR SHARE) d), 0)
	FROM quota.category c
	WHERE c.code OPERATOR(pg_catalog.<>) 'filed';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_opened() IS 'opens the internal accounts of a new jurisdiction';
CREATE TRIGGER jurisdiction_opened AFTER INSERT ON quota.jurisdiction
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.jurisdiction_opened();
COMMENT ON TRIGGER jurisdiction_opened ON quota.jurisdiction IS 'opens the jurisdiction''s accounts';

CREATE FUNCTION quota.jurisdiction_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.division OPERATOR(pg_catalog.<>) OLD.division THEN
		RAISE EXCEPTION 'a jurisdiction''s division code cannot change'
			USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape', TABLE = 'jurisdiction', SCHEMA = 'quota',
				  DETAIL = 'Register the new code as a new jurisdiction and move posts with movements.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_fixed() IS 'a jurisdiction''s code never changes';
CREATE TRIGGER jurisdiction_fixed BEFORE UPDATE ON quota.jurisdiction
	FOR EACH ROW EXECUTE FUNCTION quota.jurisdiction_fixed();
COMMENT ON TRIGGER jurisdiction_fixed ON quota.jurisdiction IS 'keeps a jurisdiction''s code fixed';

-- an approval that authorized something keeps its number and its issuer: what
-- was checked against them stays true (its issuer name and title may be corrected)
CREATE FUNCTION quota.approval_fixed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF (NEW.doc_no, NEW.issuer_kind, NEW.issuer_division) IS NOT DISTINCT FROM (OLD.doc_no, OLD.issuer_kind, OLD.issuer_division) THEN
		RETURN NEW;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.movement WHERE doc_no = OLD.doc_no)
	   OR EXISTS (SELECT 1 FROM quota.staff WHERE entry_doc = OLD.doc_no)
	   OR EXISTS (SELECT 1 FROM quota.hiring WHERE doc_no = OLD.doc_no)
	   OR EXISTS (SELECT 1 FROM quota.leadership WHERE doc_no = OLD.doc_no)
	   OR EXISTS (SELECT 1 FROM quota.cap WHERE doc_no = OLD.doc_no) THEN
		RAISE EXCEPTION 'approval % has been used and keeps its number and issuer', OLD.doc_no
			USING ERRCODE = '55000',
				  DETAIL = '文号 and issuer of a used approval are part of the record; a correction is a new approval.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.approval_fixed() IS 'a used approval keeps its number, issuer kind and issuer division';
CREATE TRIGGER approval_fixed BEFORE UPDATE ON quota.approval
	FOR EACH ROW EXECUTE FUNCTION quota.approval_fixed();
COMMENT ON TRIGGER approval_fixed ON quota.approval IS 'keeps what a used approval authorized true';

-- caps: the ceiling is copied onto the jurisdiction's account row, locked,
-- so a cap and a concurrent movement serialize on that row
CREATE FUNCTION quota.cap_sync() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	r record;
BEGIN
	-- a control number (控制数) is set under an approval with authority over its jurisdiction
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM quota.authority_check(NEW.doc_no, NEW.division, 'control number (控制数)');
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE quota.jurisdiction_account
		   SET level_ceiling = CASE WHEN OLD.scope OPERATOR(pg_catalog.=) 'level' THEN NULL ELSE level_ceiling END,
			   subtree_ceiling = CASE WHEN OLD.scope OPERATOR(pg_catalog.=) 'subtree' THEN NULL ELSE subtree_ceiling END
		 WHERE division OPERATOR(pg_catalog.=) OLD.division AND category OPERATOR(pg_catalog.=) OLD.category;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		r := NEW;
		SELECT level_held, subtree_held INTO acc
		  FROM quota.jurisdiction_account
		 WHERE division OPERATOR(pg_catalog.=) r.division AND category OPERATOR(pg_catalog.=) r.category
		   FOR NO KEY UPDATE;
		IF (CASE WHEN r.scope OPERATOR(pg_catalog.=) 'level' THEN acc.level_held ELSE acc.subtree_held END)
		   OPERATOR(pg_catalog.>) r.ceiling THEN
			RAISE EXCEPTION 'the % cap of % on % posts is below what is already held', r.scope, r.division, r.category
				USING ERRCODE = '23514', CONSTRAINT = 'quota_cap_exceeded', TABLE = 'cap', SCHEMA = 'quota',
					  DETAIL = pg_catalog.format('控制数 (%s): %s posts are held, the ceiling would be %s.',
												r.scope,
												CASE WHEN r.scope OPERATOR(pg_catalog.=) 'level' THEN acc.level_held ELSE acc.subtree_held END,
												r.ceiling),
					  HINT = 'Retire or move posts first, or set a higher ceiling.';
		END IF;
		UPDATE quota.jurisdiction_account
		   SET level_ceiling = CASE WHEN r.scope OPERATOR(pg_catalog.=) 'level' THEN r.ceiling ELSE level_ceiling END,
			   subtree_ceiling = CASE WHEN r.scope OPERATOR(pg_catalog.=) 'subtree' THEN r.ceiling ELSE subtree_ceiling END
		 WHERE division OPERATOR(pg_catalog.=) r.division AND category OPERATOR(pg_catalog.=) r.category;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.cap_sync() IS 'copies a cap''s ceiling onto the locked jurisdiction account and rejects a ceiling below what is held';
CREATE TRIGGER cap_sync AFTER INSERT OR UPDATE OR DELETE ON quota.cap
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.cap_sync();
COMMENT ON TRIGGER cap_sync ON quota.cap IS 'keeps ceilings on the jurisdiction accounts';

-- orgs: a uscc that contradicts division or kind is accepted with a warning;
-- an org holding posts keeps its jurisdiction and kind
CREATE FUNCTION quota.org_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	held bigint;
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND (NEW.division OPERATOR(pg_catalog.<>) OLD.division
	   OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind) THEN
		SELECT pg_catalog.sum(approved OPERATOR(pg_catalog.+) borrowed OPERATOR(pg_catalog.+) occupied) INTO held
		  FROM (SELECT approved, borrowed, occupied FROM quota.org_account
				 WHERE org_id OPERATOR(pg_catalog.=) OLD.id FOR NO KEY UPDATE) a;
		IF COALESCE(held, 0) OPERATOR(pg_catalog.>) 0 THEN
			RAISE EXCEPTION 'org % holds posts and cannot change its jurisdiction or kind', OLD.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_category_mismatch', TABLE = 'org', SCHEMA = 'quota',
					  DETAIL = pg_catalog.format('%s holds %s posts and seats; a post never changes jurisdiction or category except by a movement.', OLD.name, held),
					  HINT = 'Move its posts and people with quota.transfer first.';
		END IF;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NEW.status OPERATOR(pg_catalog.<>) OLD.status THEN
		-- conflicts with the FOR KEY SHARE that every movement and entry holds on
		-- the org through its foreign key: wait for them, and they for us
		PERFORM 1 FROM quota.org WHERE id OPERATOR(pg_catalog.=) OLD.id FOR UPDATE;
	END IF;
	IF NEW.uscc IS NOT NULL AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT' OR NEW.uscc OPERATOR(pg_catalog.<>) OLD.uscc
	   OR NEW.division OPERATOR(pg_catalog.<>) OLD.division OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind) THEN
		IF quota.org_code_mismatch(NEW.uscc, NEW.division, NEW.kind) IS NOT NULL THEN
			RAISE WARNING 'the credit code of org "%" does not match it', NEW.name
				USING DETAIL = quota.org_code_mismatch(NEW.uscc, NEW.division, NEW.kind),
					  HINT = 'The org is accepted; quota.violations lists it as quota_code_mismatch.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.org_check() IS 'warns on a credit code that contradicts the org, and keeps the jurisdiction and kind of an org holding posts';

CREATE FUNCTION quota.org_code_mismatch(u quota.uscc, d quota.division, k text) RETURNS text
	AS 'MODULE_PATHNAME', 'quota_org_code_mismatch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION quota.org_code_mismatch(quota.uscc, quota.division, text) IS 'why a credit code contradicts an org''s division or kind, or NULL when it does not';

CREATE TRIGGER org_check BEFORE INSERT OR UPDATE ON quota.org
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.org_check();
COMMENT ON TRIGGER org_check ON quota.org IS 'credit-code warnings; fixed jurisdiction and kind while holding posts';
-- ---------------------------------------------------------------------------
-- Ledger functions and dashboard views
-- ---------------------------------------------------------------------------

CREATE VIEW quota.pool_balance AS
SELECT p.id AS pool_id, p.division, p.kind, p.category, pa.balance, pa.lent
FROM quota.pool p
JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id;
COMMENT ON VIEW quota.pool_balance IS 'posts in each pool: balance (free to move) and lent (out on loan, still the pool''s)';

CREATE VIEW quota.loan_status AS
SELECT l.loan_id, l.pool_id, l.org_id, l.category, l.amount, l.outstanding, l.expires_on,
	   CASE WHEN l.outstanding OPERATOR(pg_catalog.=) 0 THEN 'closed'
			WHEN l.expired OR l.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE THEN 'expired'
			ELSE 'open' END AS state
FROM quota.loan l;
COMMENT ON VIEW quota.loan_status IS 'every loan (lend movement) with what is still outstanding; state open, expired or closed';

CREATE FUNCTION quota.transfer(from_org bigint, to_org bigint, category text, amount integer, doc_no text,
							   persons bigint[] DEFAULT '{}') RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
BEGIN
	IF amount IS NULL OR amount OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'amount must be positive' USING ERRCODE = '22023';
	END IF;
	IF persons IS NOT NULL AND pg_catalog.cardinality(persons) OPERATOR(pg_catalog.>) 0 THEN
		RETURN quota.transfer_with_persons(from_org, to_org, category, amount, doc_no, persons);
	END IF;
	INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no)
	VALUES ('transfer', category, amount, from_org, to_org, doc_no)
	RETURNING id INTO mid;
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.transfer(bigint, bigint, text, integer, text, bigint[]) IS '编随事转 with 人随编走: moves posts (and the named staff) from one org to another in one step; returns the movement id';

CREATE FUNCTION quota.establishment_at(as_of date)
RETURNS TABLE (org_id bigint, category text, approved integer, borrowed integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT e.org_id, e.category, pg_catalog.sum(e.approved)::integer, pg_catalog.sum(e.borrowed)::integer
	FROM (
		SELECT m.to_org AS org_id, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN 0 ELSE m.amount END AS approved,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END AS borrowed
		FROM quota.movement m
		WHERE m.to_org IS NOT NULL AND m.effective_on OPERATOR(pg_catalog.<=) as_of
		UNION ALL
		SELECT m.from_org, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN 0 ELSE OPERATOR(pg_catalog.-) m.amount END,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END
		FROM quota.movement m
		WHERE m.from_org IS NOT NULL AND m.effective_on OPERATOR(pg_catalog.<=) as_of
	) e
	GROUP BY e.org_id, e.category
	HAVING pg_catalog.sum(e.approved) OPERATOR(pg_catalog.>) 0 OR pg_catalog.sum(e.borrowed) OPERATOR(pg_catalog.>) 0
	ORDER BY 1, 2
$$;
COMMENT ON FUNCTION quota.establishment_at(date) IS 'the books as of a date, rebuilt from the ledger by effective_on: approved and borrowed posts per org and category';
-- ---------------------------------------------------------------------------
-- The real-name roster (实名制): staff against posts, hiring approvals
-- (用编核准), leadership posts (领导职数), headcount caps (人员总量), talent
-- draws and the return of expired loans.
--
-- The roster triggers are set-wise: one statement trigger sees every row a
-- statement inserted (INSERT ... SELECT and COPY included), groups them per
-- account and applies each group with one conditional UPDATE, in ascending
-- account order.  Functions run as the extension owner (SECURITY DEFINER)
-- with a pinned search_path.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.resident_id_ok(text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_resident_id_ok' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION quota.resident_id_ok(text) IS 'true for a valid 18-character resident id (GB 11643 check character); raises 22P02 with the reason otherwise';

CREATE FUNCTION quota.internal_movement(kind text, category text, amount integer, from_org bigint, from_pool bigint,
										to_org bigint, to_pool bigint, doc_no text, effective_on date, expires_on date,
										loan_id bigint, note text, allow_excess boolean DEFAULT false) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_internal_movement' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION quota.internal_movement(text, text, integer, bigint, bigint, bigint, bigint, text, date, date, bigint, text, boolean) IS
	'internal: writes a ledger row that executes an approved rule (talent draw, loan return, 退一收一, merge), exempt from the issuer-authority check only';
REVOKE ALL ON FUNCTION quota.internal_movement(text, text, integer, bigint, bigint, bigint, bigint, text, date, date, bigint, text, boolean) FROM PUBLIC;

-- PL/pgSQL rather than SQL: a SQL function that cannot be inlined (it sets
-- its search_path) is parsed and planned again at every call.
CREATE FUNCTION quota.rank_level(rank text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN CASE rank WHEN '正部' THEN 9 WHEN '副部' THEN 8 WHEN '正厅' THEN 7 WHEN '副厅' THEN 6
					 WHEN '正处' THEN 5 WHEN '副处' THEN 4 WHEN '正科' THEN 3 WHEN '副科' THEN 2
					 WHEN '股' THEN 1 END;
END
$$;
COMMENT ON FUNCTION quota.rank_level(text) IS 'order of 机构规格 / 职级: 正部 9 … 股 1';

CREATE FUNCTION quota.policy_value(p text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT value FROM quota.policy WHERE name = p);
END
$$;
COMMENT ON FUNCTION quota.policy_value(text) IS 'the value of a policy parameter';

CREATE TABLE quota.hiring (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	slots integer NOT NULL CHECK (slots > 0),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	issued_on date NOT NULL DEFAULT CURRENT_DATE,
	valid_until date
);
CREATE INDEX hiring_org_idx ON quota.hiring (org_id);
COMMENT ON TABLE quota.hiring IS '用编核准: hiring approvals; issuing one reserves vacancies, filling consumes them, expiry releases them';
COMMENT ON COLUMN quota.hiring.id IS 'identity';
COMMENT ON COLUMN quota.hiring.org_id IS 'the hiring org';
COMMENT ON COLUMN quota.hiring.category IS 'category of the posts to fill';
COMMENT ON COLUMN quota.hiring.slots IS 'vacancies reserved';
COMMENT ON COLUMN quota.hiring.doc_no IS 'the approval document';
COMMENT ON COLUMN quota.hiring.issued_on IS 'date issued';
COMMENT ON COLUMN quota.hiring.valid_until IS 'last valid day; defaults to issued_on + policy hiring_approval_valid_days';

CREATE TABLE quota.hiring_account (
	hiring_id bigint PRIMARY KEY REFERENCES quota.hiring (id),
	used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
	released boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.hiring_account IS 'internal: slots used of each hiring approval and whether its reservation was released';
COMMENT ON COLUMN quota.hiring_account.hiring_id IS 'the hiring approval';
COMMENT ON COLUMN quota.hiring_account.used IS 'slots filled';
COMMENT ON COLUMN quota.hiring_account.released IS 'expired and its unused slots released';

CREATE TABLE quota.staff (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	person_id text NOT NULL CONSTRAINT staff_person_id_valid CHECK (quota.resident_id_ok(person_id)),
	name text NOT NULL,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL REFERENCES quota.category (code),
	post text NOT NULL DEFAULT 'staff' CHECK (post IN ('staff', 'chief', 'deputy')),
	post_rank text CHECK (post_rank IS NULL OR quota.rank_level(post_rank) IS NOT NULL),
	talent_level text,
	hiring_id bigint REFERENCES quota.hiring (id),
	entered_on date NOT NULL,
	entry_doc text NOT NULL REFERENCES quota.approval (doc_no),
	left_on date,
	left_reason text,
	CHECK (left_on >= entered_on)
);
CREATE INDEX staff_org_active_idx ON quota.staff (org_id, category) WHERE left_on IS NULL;
CREATE INDEX staff_person_idx ON quota.staff (person_id);
COMMENT ON TABLE quota.staff IS '实名制 roster: people against posts; a row with left_on NULL is active';
COMMENT ON COLUMN quota.staff.id IS 'identity';
COMMENT ON COLUMN quota.staff.person_id IS '18-character resident id (公民身份号码), check character validated';
COMMENT ON COLUMN quota.staff.name IS 'name';
COMMENT ON COLUMN quota.staff.org_id IS 'the org whose post the person holds';
COMMENT ON COLUMN quota.staff.category IS 'category of the post held, or filed (备案制, no post)';
COMMENT ON COLUMN quota.staff.post IS 'staff, chief or deputy (chief and deputy count against quota.leadership)';
COMMENT ON COLUMN quota.staff.post_rank IS 'rank of a leader post (职级), not above the org''s rank';
COMMENT ON COLUMN quota.staff.talent_level IS 'high-level talent level; such a hire into a full unit draws a post from the talent pool';
COMMENT ON COLUMN quota.staff.hiring_id IS 'the hiring approval the entry fills';
COMMENT ON COLUMN quota.staff.entered_on IS 'date of entry (入编)';
COMMENT ON COLUMN quota.staff.entry_doc IS 'the document of the entry';
COMMENT ON COLUMN quota.staff.left_on IS 'date of leaving (出编); setting it frees the post';
COMMENT ON COLUMN quota.staff.left_reason IS 'why the person left';

CREATE TABLE quota.person_post (
	person_id text COLLATE pg_catalog."C" PRIMARY KEY,	-- byte order: an internal key, compared only for equality
	staff_id bigint NOT NULL
);
COMMENT ON TABLE quota.person_post IS 'internal: the one active post of each person (一编一人); its key serializes concurrent entries of one person';
COMMENT ON COLUMN quota.person_post.person_id IS 'resident id';
COMMENT ON COLUMN quota.person_post.staff_id IS 'the active roster row';

CREATE TABLE quota.talent_draw (
	staff_id bigint PRIMARY KEY REFERENCES quota.staff (id),
	loan_id bigint NOT NULL REFERENCES quota.movement (id)
);
COMMENT ON TABLE quota.talent_draw IS 'internal: the talent-pool loan drawn for a talent hire, returned when the person leaves or moves';
COMMENT ON COLUMN quota.talent_draw.staff_id IS 'the talent hire';
COMMENT ON COLUMN quota.talent_draw.loan_id IS 'the lend movement of the draw';

CREATE TABLE quota.staff_pass (
	staff_id bigint PRIMARY KEY,
	allow_excess boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.staff_pass IS 'internal: people moving together with their posts inside quota.transfer, quota.move_duty or quota.merge_orgs (rows live only inside those calls)';
COMMENT ON COLUMN quota.staff_pass.staff_id IS 'the moving roster row';
COMMENT ON COLUMN quota.staff_pass.allow_excess IS 'reform-generated excess allowed (merges)';

CREATE TABLE quota.leadership (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	post text NOT NULL CHECK (post IN ('chief', 'deputy')),
	approved integer NOT NULL CHECK (approved >= 0),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	PRIMARY KEY (org_id, post)
);
COMMENT ON TABLE quota.leadership IS '领导职数: approved chief and deputy posts of an org';
COMMENT ON COLUMN quota.leadership.org_id IS 'the org';
COMMENT ON COLUMN quota.leadership.post IS 'chief (正职) or deputy (副职)';
COMMENT ON COLUMN quota.leadership.approved IS 'approved number';
COMMENT ON COLUMN quota.leadership.doc_no IS 'the approval document';

CREATE TABLE quota.leader_account (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	post text NOT NULL,
	approved integer NOT NULL DEFAULT 0,
	filled integer NOT NULL DEFAULT 0 CHECK (filled >= 0),
	PRIMARY KEY (org_id, post)
);
COMMENT ON TABLE quota.leader_account IS 'internal: approved and filled leadership posts per org, kept by triggers';
COMMENT ON COLUMN quota.leader_account.org_id IS 'the org';
COMMENT ON COLUMN quota.leader_account.post IS 'chief or deputy';
COMMENT ON COLUMN quota.leader_account.approved IS 'copy of quota.leadership.approved';
COMMENT ON COLUMN quota.leader_account.filled IS 'active staff in the post';

REVOKE ALL ON quota.hiring_account, quota.person_post, quota.talent_draw, quota.staff_pass, quota.leader_account FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('quota.hiring', '');
SELECT pg_catalog.pg_extension_config_dump('quota.hiring_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.leadership', '');
-- the internal accounts are dumped too, so a restore is an exact copy of the
-- books (loan expiry, hiring slots, talent draws included) rather than a
-- replay of the ledger against today's rules; see quota.restoring()
SELECT pg_catalog.pg_extension_config_dump('quota.pool_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.loan', '');
SELECT pg_catalog.pg_extension_config_dump('quota.leader_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.hiring_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.person_post', '');
SELECT pg_catalog.pg_extension_config_dump('quota.talent_draw', '');

-- raise a rule violation with its constraint name (DESIGN.md §8)
CREATE FUNCTION quota.raise_rule(rule text, tbl text, message text, detail text, hint text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF hint IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '23514', CONSTRAINT = rule, SCHEMA = 'quota',
			TABLE = tbl, DETAIL = COALESCE(detail, '');
	END IF;
	RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '23514', CONSTRAINT = rule, SCHEMA = 'quota',
		TABLE = tbl, DETAIL = COALESCE(detail, ''), HINT = hint;
END
$$;
COMMENT ON FUNCTION quota.raise_rule(text, text, text, text, text) IS 'internal: raises SQLSTATE 23514 with the rule''s constraint name';

-- posts of expired loans still at an org (usable by nobody new)
CREATE FUNCTION quota.expired_borrowed(o bigint, c text) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT COALESCE(sum(outstanding), 0)::integer FROM quota.loan
			 WHERE org_id = o AND category = c AND outstanding > 0 AND (expired OR expires_on < CURRENT_DATE));
END
$$;
COMMENT ON FUNCTION quota.expired_borrowed(bigint, text) IS 'borrowed posts of an org that belong to expired loans';

-- Try to occupy n seats: a conditional update; when the visible version
-- refuses, wait for (READ COMMITTED: then re-check the latest version) or
-- fail on (REPEATABLE READ, SERIALIZABLE: 40001) a concurrent change.
CREATE FUNCTION quota.try_occupy(o bigint, c text, n integer, k integer, expired_out integer) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	FOR attempt IN 1..2 LOOP
		UPDATE quota.org_account SET occupied = occupied + n, reserved = reserved - k
		 WHERE org_id = o AND category = c
		   AND occupied + n + reserved - k <= approved + borrowed - expired_out;
		IF FOUND THEN
			RETURN true;
		END IF;
		IF attempt = 1 AND NOT EXISTS (
			SELECT 1 FROM (SELECT occupied, reserved, approved, borrowed FROM quota.org_account
							WHERE org_id = o AND category = c FOR NO KEY UPDATE) a
			 WHERE a.occupied + n + a.reserved - k <= a.approved + a.borrowed - expired_out) THEN
			RETURN false;
		END IF;
	END LOOP;
	RETURN false;
END
$$;
COMMENT ON FUNCTION quota.try_occupy(bigint, text, integer, integer, integer) IS 'internal: occupies seats if there is room, with the latest version under READ COMMITTED and 40001 on a stale snapshot';

-- Occupy n seats of (org, category), k of them reserved by hiring
-- approvals the entries fill.  Raises quota_loan or quota_over_establishment.
CREATE FUNCTION quota.occupy(o bigint, c text, n integer, k integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	expired_out integer := 0;
	acc record;
	oname text;
BEGIN
	IF NOT check_capacity THEN
		INSERT INTO quota.org_account AS a (org_id, category, occupied) VALUES (o, c, n)
		ON CONFLICT (org_id, category) DO UPDATE SET occupied = a.occupied + n, reserved = a.reserved - k;
		RETURN;
	END IF;
	-- the common case in one statement: no loan at the org (so nothing expired to
	-- hold back) and room in the visible version
	UPDATE quota.org_account a SET occupied = a.occupied + n, reserved = a.reserved - k
	 WHERE a.org_id = o AND a.category = c AND a.occupied + n + a.reserved - k <= a.approved + a.borrowed
	   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id = o AND l.category = c AND l.outstanding > 0);
	IF FOUND THEN
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = o AND category = c AND outstanding > 0) THEN
		expired_out := quota.expired_borrowed(o, c);
	END IF;
	IF quota.try_occupy(o, c, n, k, expired_out) THEN
		RETURN;
	END IF;
	SELECT approved, borrowed, occupied, reserved INTO acc FROM quota.org_account WHERE org_id = o AND category = c;
	SELECT name INTO oname FROM quota.org WHERE id = o;
	IF FOUND AND acc.approved IS NOT NULL AND acc.occupied + n + acc.reserved - k <= acc.approved + acc.borrowed THEN
		PERFORM quota.raise_rule('quota_loan', 'staff',
			format('entry into org %s would use posts of an expired loan', o),
			format('%s: %s of its %s borrowed %s posts belong to expired loans (周转期已满); no new entry may use them.',
				   oname, expired_out, acc.borrowed, c));
	END IF;
	PERFORM quota.raise_rule('quota_over_establishment', 'staff',
		format('org %s has no vacancy for %s more %s staff', o, n, c),
		format('%s: %s approved + %s borrowed %s posts, %s occupied, %s reserved by hiring approvals; %s entering (超编%s).',
			   oname, COALESCE(acc.approved, 0), COALESCE(acc.borrowed, 0), c, COALESCE(acc.occupied, 0),
			   COALESCE(acc.reserved, 0) - k, n,
			   CASE WHEN COALESCE(acc.occupied, 0) > COALESCE(acc.approved, 0) + COALESCE(acc.borrowed, 0)
					THEN ', 只出不进' ELSE '' END),
		'Free a post, transfer or allocate posts first, or use a hiring approval (用编核准).');
END
$$;
COMMENT ON FUNCTION quota.occupy(bigint, text, integer, integer, boolean) IS 'internal: occupies seats of an org account with a conditional update (vacancy check under every isolation level)';

-- Fill n leadership posts of an org.
CREATE FUNCTION quota.lead(o bigint, p text, n integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
BEGIN
	IF n <= 0 OR NOT check_capacity THEN
		INSERT INTO quota.leader_account AS a (org_id, post, filled) VALUES (o, p, GREATEST(n, 0))
		ON CONFLICT (org_id, post) DO UPDATE SET filled = a.filled + n;
		RETURN;
	END IF;
	UPDATE quota.leader_account SET filled = filled + n
	 WHERE org_id = o AND post = p AND filled + n <= approved;
	IF FOUND THEN
		RETURN;
	END IF;
	SELECT approved, filled INTO acc FROM quota.leader_account WHERE org_id = o AND post = p FOR NO KEY UPDATE;
	IF acc.filled + n <= acc.approved THEN
		UPDATE quota.leader_account SET filled = filled + n WHERE org_id = o AND post = p;
		RETURN;
	END IF;
	PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
		format('org %s has no free %s post', o, p),
		format('领导职数: %s approved %s posts, %s filled, %s more appointed.', COALESCE(acc.approved, 0), p,
			   COALESCE(acc.filled, 0), n),
		'Leadership posts are set by quota.leadership (三定).');
END
$$;
COMMENT ON FUNCTION quota.lead(bigint, text, integer, boolean) IS 'internal: fills leadership posts with a conditional update';

-- A talent hire into a full unit draws one post from its jurisdiction's
-- talent pool as a loan tied to the person (R5.2).
CREATE FUNCTION quota.talent_draw_for(s quota.staff) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_pool bigint;
	loan bigint;
BEGIN
	SELECT p.id INTO v_pool FROM quota.pool p JOIN quota.org o ON o.division = p.division
	 WHERE o.id = s.org_id AND p.kind = 'talent' AND p.category = s.category;
	-- lock the pool (latest version under READ COMMITTED, 40001 on a stale snapshot)
	IF v_pool IS NULL OR (SELECT pa.balance FROM quota.pool_account pa WHERE pa.pool_id = v_pool FOR NO KEY UPDATE) < 1 THEN
		RETURN;		-- no draw possible: the occupancy check reports the full unit
	END IF;
	loan := quota.internal_movement('lend', s.category, 1, NULL, v_pool, s.org_id, NULL, s.entry_doc,
		LEAST(s.entered_on, CURRENT_DATE),
		(LEAST(s.entered_on, CURRENT_DATE) + make_interval(years => quota.policy_value('loan_default_years')::integer))::date,
		NULL, format('人才编制: draw for talent hire %s (staff %s)', s.name, s.id));
	INSERT INTO quota.talent_draw (staff_id, loan_id) VALUES (s.id, loan);
END
$$;
COMMENT ON FUNCTION quota.talent_draw_for(quota.staff) IS 'internal: lends one talent-pool post to the org of a talent hire';

CREATE FUNCTION quota.staff_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	g record;
	s quota.staff;
	hiring_error text;
	hiring_detail text;
	n_posted integer;
	f record;
BEGIN
	-- One pass over the rows tells which rules can apply at all; a rule's
	-- detailed query runs only when its flag is up (a plain hire costs four
	-- queries, not twenty).  The foreign keys guarantee every org and approval
	-- exists.  Rows inserted with left_on set are history, not entries (e).
	SELECT count(*) FILTER (WHERE e)::integer AS n,
		   -- a departure is recorded when it happens (a row that "left" in the future
		   -- would hold a seat uncounted until then), and history fills no hiring approval
		   COALESCE(bool_or(n.left_on > CURRENT_DATE OR (NOT e AND n.hiring_id IS NOT NULL)), false) AS bad_history,
		   COALESCE(bool_or(e AND o.status <> 'active'), false) AS inactive,
		   COALESCE(bool_or(e AND n.category <> 'filed' AND NOT EXISTS (
				SELECT 1 FROM quota.category_use u WHERE u.category = n.category AND u.org_kind = o.kind)), false) AS mismatch,
		   COALESCE(bool_or(e AND n.hiring_id IS NOT NULL), false) AS hiring,
		   COALESCE(bool_or(e AND n.talent_level IS NOT NULL), false) AS talent,
		   COALESCE(bool_or(e AND n.post <> 'staff'), false) AS leaders,
		   COALESCE(bool_or(e AND n.post_rank IS NOT NULL), false) AS ranked,
		   COALESCE(bool_or(e AND n.category = 'filed'), false) AS filed,
		   COALESCE(bool_or(e AND o.headcount_cap IS NOT NULL), false) AS capped,
		   -- the entry's document authorizes it as quota.authority_check says (R1.4, R8.8)
		   COALESCE(bool_or(e AND (NOT au.may_authorize OR NOT (au.central OR ap.issuer_division @> o.division))), false) AS unauthorized,
		   COALESCE((SELECT p.value::boolean FROM quota.policy p WHERE p.name = 'hiring_approval_required'), false) AS required
	  INTO f
	  FROM new_staff n CROSS JOIN LATERAL (SELECT n.left_on IS NULL AS e) entering
	  JOIN quota.org o ON o.id = n.org_id
	  JOIN quota.approval ap ON ap.doc_no = n.entry_doc JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind;
	IF f.bad_history THEN
		SELECT n.id, n.name, n.left_on, n.hiring_id INTO r FROM new_staff n
		 WHERE n.left_on > CURRENT_DATE OR (n.left_on IS NOT NULL AND n.hiring_id IS NOT NULL) ORDER BY n.id LIMIT 1;
		IF r.left_on > CURRENT_DATE THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s leaves in the future', r.id),
				format('%s: left_on %s is after today; a departure (出编) is recorded when it happens.', r.name, r.left_on));
		END IF;
		PERFORM quota.raise_rule('quota_hiring', 'staff', format('staff %s is recorded as departed and names hiring approval %s', r.id, r.hiring_id),
			format('%s: a historical roster row (left_on %s) fills no hiring approval (用编核准); only an entry does.', r.name, r.left_on));
	END IF;
	IF f.n = 0 THEN
		RETURN NULL;
	END IF;
	IF f.unauthorized THEN
		-- reports the first entry whose document fails, in the words of every other check
		PERFORM quota.authority_check(n.entry_doc, o.division, format('entry (入编) of %s', n.name))
		   FROM new_staff n JOIN quota.org o ON o.id = n.org_id WHERE n.left_on IS NULL ORDER BY n.id;
	END IF;

	-- orgs must be active.  The foreign key check already holds FOR KEY SHARE on
	-- each org; a change of status takes FOR UPDATE (quota.org_check), so it
	-- is waited for here, or raises 40001 under snapshot isolation.
	IF f.inactive THEN
		SELECT n.id, n.name, o.id AS org_id, o.name AS org_name, o.status INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND o.status <> 'active' ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s is not active', r.org_id),
			format('%s is %s (不再是有效机构); %s cannot enter it.', r.org_name, r.status, r.name));
	END IF;

	-- category usable by the org's kind (filed staff are checked with the headcount cap)
	IF f.mismatch THEN
		SELECT n.id, n.name, n.category, o.id AS org_id, o.name AS org_name, o.kind INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND n.category <> 'filed'
		   AND NOT EXISTS (SELECT 1 FROM quota.category_use u WHERE u.category = n.category AND u.org_kind = o.kind)
		 ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_category_mismatch', 'staff',
			format('org %s may not hold %s posts', r.org_id, r.category),
			format('%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).', r.org_name, r.kind, r.name, r.category));
	END IF;

	-- hiring approvals: checked now, reported after the vacancy checks (rule order)
	IF f.hiring OR f.required THEN
		SELECT n.id, n.name, n.hiring_id, h.org_id, h.category AS hcat, n.category, h.valid_until, n.org_id AS norg,
			   COALESCE(ha.released, false) AS released
		  INTO r
		  FROM new_staff n LEFT JOIN quota.hiring h ON h.id = n.hiring_id
		  LEFT JOIN quota.hiring_account ha ON ha.hiring_id = h.id
		 WHERE n.left_on IS NULL
		   AND ((n.hiring_id IS NULL AND f.required AND n.category <> 'filed')
				OR (n.hiring_id IS NOT NULL AND (n.category = 'filed' OR h.org_id <> n.org_id OR h.category <> n.category
												 OR h.valid_until < LEAST(n.entered_on, CURRENT_DATE) OR ha.released)))
		 ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			hiring_error := format('entry of %s has no valid hiring approval', r.name);
			hiring_detail := CASE
				WHEN r.hiring_id IS NULL THEN 'Policy hiring_approval_required is on: every entry fills a hiring approval (用编核准).'
				WHEN r.category = 'filed' THEN format('备案制 staff hold no 编制 and fill no hiring approval (用编核准 %s).', r.hiring_id)
				WHEN r.org_id <> r.norg OR r.hcat <> r.category THEN format('Hiring approval (用编核准) %s is for org %s, category %s.', r.hiring_id, r.org_id, r.hcat)
				ELSE format('Hiring approval (用编核准) %s expired on %s.', r.hiring_id, r.valid_until) END;
		ELSE
			-- more entries than an approval has slots left
			SELECT n.hiring_id, count(*) AS entering, h.slots, ha.used INTO r
			  FROM new_staff n JOIN quota.hiring h ON h.id = n.hiring_id JOIN quota.hiring_account ha ON ha.hiring_id = h.id
			 WHERE n.left_on IS NULL
			 GROUP BY n.hiring_id, h.slots, ha.used HAVING count(*) > h.slots - ha.used
			 ORDER BY n.hiring_id LIMIT 1;
			IF FOUND THEN
				hiring_error := format('hiring approval %s has fewer free slots than entries', r.hiring_id);
				hiring_detail := format('Hiring approval (用编核准) %s: %s slots, %s used, %s entering.', r.hiring_id, r.slots, r.used, r.entering);
			END IF;
		END IF;
	END IF;

	-- vacancies, per (org, category) in ascending order; talent hires one by one
	FOR g IN
		SELECT n.org_id, n.category, count(*)::integer AS n,
			   count(*) FILTER (WHERE n.hiring_id IS NOT NULL AND hiring_error IS NULL)::integer AS k
		  FROM new_staff n
		 WHERE n.left_on IS NULL AND n.talent_level IS NULL
		 GROUP BY n.org_id, n.category ORDER BY n.org_id, n.category
	LOOP
		PERFORM quota.occupy(g.org_id, g.category, g.n, g.k, g.category <> 'filed');
	END LOOP;
	IF f.talent THEN
		FOR s IN SELECT * FROM new_staff n WHERE n.left_on IS NULL AND n.talent_level IS NOT NULL ORDER BY n.org_id, n.id
		LOOP
			IF s.category = 'filed' OR NOT quota.try_occupy(s.org_id, s.category, 1,
					CASE WHEN s.hiring_id IS NOT NULL AND hiring_error IS NULL THEN 1 ELSE 0 END,
					quota.expired_borrowed(s.org_id, s.category)) THEN
				IF s.category <> 'filed' THEN
					PERFORM quota.talent_draw_for(s);
				END IF;
				PERFORM quota.occupy(s.org_id, s.category, 1,
									 CASE WHEN s.hiring_id IS NOT NULL AND hiring_error IS NULL THEN 1 ELSE 0 END,
									 s.category <> 'filed');
			END IF;
		END LOOP;
	END IF;

	-- leadership posts and ranks
	IF f.ranked THEN
		SELECT n.id, n.name, n.post_rank, o.id AS org_id, o.name AS org_name, o.rank INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND quota.rank_level(n.post_rank) > quota.rank_level(o.rank)
		 ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
				format('rank %s is above the rank of org %s', r.post_rank, r.org_id),
				format('%s is a %s unit (机构规格); %s cannot hold a %s post.', r.org_name, r.rank, r.name, r.post_rank));
		END IF;
	END IF;
	IF f.leaders THEN
		FOR g IN
			SELECT n.org_id, n.post, count(*)::integer AS n FROM new_staff n
			 WHERE n.left_on IS NULL AND n.post IN ('chief', 'deputy')
			 GROUP BY n.org_id, n.post ORDER BY n.org_id, n.post
		LOOP
			PERFORM quota.lead(g.org_id, g.post, g.n, true);
		END LOOP;
	END IF;

	-- hiring approvals: report, then consume
	IF hiring_error IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_hiring', 'staff', hiring_error, hiring_detail);
	END IF;
	IF f.hiring THEN
		FOR g IN
			SELECT n.hiring_id, count(*)::integer AS n FROM new_staff n
			 WHERE n.left_on IS NULL AND n.hiring_id IS NOT NULL GROUP BY n.hiring_id ORDER BY n.hiring_id
		LOOP
			UPDATE quota.hiring_account ha SET used = used + g.n FROM quota.hiring h
			 WHERE ha.hiring_id = g.hiring_id AND h.id = ha.hiring_id AND ha.used + g.n <= h.slots;
			IF NOT FOUND THEN
				PERFORM quota.raise_rule('quota_hiring', 'staff',
					format('hiring approval %s has fewer free slots than entries', g.hiring_id),
					format('Hiring approval %s: %s slots, %s used, %s entering.', g.hiring_id,
						   (SELECT slots FROM quota.hiring WHERE id = g.hiring_id),
						   (SELECT used FROM quota.hiring_account WHERE hiring_id = g.hiring_id), g.n));
			END IF;
		END LOOP;
	END IF;

	-- one person, one post (R8.1): the key of person_post serializes concurrent entries
	-- (no DISTINCT ON: DO NOTHING also skips a second row of this statement
	-- with the same key, and sorting a million ids costs more than it saves)
	INSERT INTO quota.person_post (person_id, staff_id)
	SELECT upper(person_id), id FROM new_staff WHERE left_on IS NULL
	ON CONFLICT (person_id) DO NOTHING;
	GET DIAGNOSTICS n_posted = ROW_COUNT;
	IF n_posted < f.n THEN
		SELECT n.id, n.name, n.person_id INTO r FROM new_staff n
		 WHERE n.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM quota.person_post p WHERE p.staff_id = n.id)
		 ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_person_duplicate', 'staff',
			format('person %s already holds an active post', r.person_id),
			format('%s (%s) holds post %s; one person holds one post (一编一人).', r.name, r.person_id,
				   COALESCE((SELECT staff_id::text FROM quota.person_post WHERE person_id = upper(r.person_id)), 'in this statement')));
	END IF;

	-- 人员总量: 编制内 + filed staff within headcount_cap; filed staff only under a cap
	IF f.filed THEN
		SELECT n.id, n.name, o.id AS org_id, o.name AS org_name INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND n.category = 'filed' AND o.headcount_cap IS NULL ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s takes no filed staff', r.org_id),
				format('%s has no headcount cap (人员总量); 备案制 staff only count against a cap.', r.org_name));
		END IF;
	END IF;
	IF f.capped THEN
		FOR g IN
			SELECT o.id, o.name, o.headcount_cap FROM quota.org o
			 WHERE o.id IN (SELECT org_id FROM new_staff WHERE left_on IS NULL) AND o.headcount_cap IS NOT NULL ORDER BY o.id
		LOOP
			IF (SELECT sum(occupied) FROM (SELECT occupied FROM quota.org_account WHERE org_id = g.id
										   ORDER BY category FOR NO KEY UPDATE) a) > g.headcount_cap THEN
				PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s would exceed its headcount cap', g.id),
					format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', g.name, g.headcount_cap,
						   (SELECT sum(occupied) FROM quota.org_account WHERE org_id = g.id)));
			END IF;
		END LOOP;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.staff_entries() IS 'statement trigger: checks and counts every entry a statement made, set-wise';
CREATE TRIGGER staff_entries AFTER INSERT ON quota.staff
	REFERENCING NEW TABLE AS new_staff FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.staff_entries();
COMMENT ON TRIGGER staff_entries ON quota.staff IS 'entries (入编): vacancy, leadership, hiring, one post per person, headcount cap';

-- Free the seat of a leaving (or moving) person: a borrowed post first
-- (R4.6); a talent draw returns to its pool; under an expired loan the freed
-- borrowed post returns to its pool; with recall_on_exit an own post is
-- retired (退一收一).  on_date is the date of the event.
CREATE FUNCTION quota.release_seat(s quota.staff, on_date date, moving boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	l record;
	td bigint;
	eff date := LEAST(on_date, CURRENT_DATE);
BEGIN
	UPDATE quota.org_account SET occupied = occupied - 1
	 WHERE org_id = s.org_id AND category = s.category
	RETURNING approved, borrowed, occupied, reserved INTO acc;
	IF s.post IN ('chief', 'deputy') THEN
		PERFORM quota.lead(s.org_id, s.post, -1, false);
	END IF;
	IF s.category = 'filed' THEN
		RETURN;
	END IF;
	DELETE FROM quota.talent_draw WHERE staff_id = s.id RETURNING loan_id INTO td;
	IF td IS NOT NULL THEN
		SELECT lo.loan_id, lo.pool_id, lo.outstanding, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id WHERE lo.loan_id = td;
		IF l.outstanding > 0 THEN
			-- (never dated before the loan itself: a backdated departure returns it on the loan's day)
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('人才编制: return of the draw for %s (staff %s)', s.name, s.id));
		END IF;
		RETURN;
	END IF;
	IF acc.occupied + 1 > acc.approved THEN
		-- the freed post is a borrowed one: an expired loan takes it back
		SELECT lo.loan_id, lo.pool_id, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id
		 WHERE lo.org_id = s.org_id AND lo.category = s.category AND lo.outstanding > 0
		   AND (lo.expired OR lo.expires_on < eff)
		 ORDER BY lo.expires_on, lo.loan_id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('周转编制到期收回: post freed by %s (staff %s)', s.name, s.id));
		END IF;
	ELSIF NOT moving AND acc.approved - acc.occupied - acc.reserved >= 1
		  AND (SELECT recall_on_exit FROM quota.org WHERE id = s.org_id) THEN
		PERFORM quota.internal_movement('retire', s.category, 1, s.org_id, NULL, NULL, NULL, s.entry_doc, eff, NULL,
			NULL, format('退一收一: post of %s (staff %s) retired on leaving', s.name, s.id));
	END IF;
END
$$;
COMMENT ON FUNCTION quota.release_seat(quota.staff, date, boolean) IS 'internal: frees the seat of a leaving or moving person, with the loan and 退一收一 rules';

CREATE FUNCTION quota.staff_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	pass record;
	hc record;
	moving boolean;
	o record;
BEGIN
	IF OLD.left_on IS NOT NULL THEN
		IF NEW.left_on IS NULL OR NEW.org_id <> OLD.org_id OR NEW.category <> OLD.category
		   OR NEW.person_id <> OLD.person_id OR NEW.post <> OLD.post THEN
			RAISE EXCEPTION 'staff % has left; a departed person re-enters with a new roster row', OLD.id
				USING ERRCODE = '55000';
		END IF;
		RETURN NULL;
	END IF;
	IF NEW.left_on IS NOT NULL THEN
		IF NEW.left_on > CURRENT_DATE THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s leaves in the future', OLD.id),
				format('%s: left_on %s is after today; a departure (出编) is recorded when it happens.', OLD.name, NEW.left_on));
		END IF;
		-- 出编: the row records where the person left from, so nothing else changes with it
		IF NEW.org_id <> OLD.org_id OR NEW.category <> OLD.category OR NEW.person_id <> OLD.person_id
		   OR NEW.post <> OLD.post THEN
			RAISE EXCEPTION 'staff %: a departure cannot also change the org, category, post or person', OLD.id
				USING ERRCODE = '55000', HINT = 'Set left_on alone; a move is an UPDATE of org_id or category without left_on.';
		END IF;
		PERFORM quota.release_seat(OLD, NEW.left_on, false);
		DELETE FROM quota.person_post WHERE person_id = upper(OLD.person_id) AND staff_id = OLD.id;
		RETURN NULL;
	END IF;
	moving := NEW.org_id <> OLD.org_id OR NEW.category <> OLD.category;
	IF moving THEN
		SELECT * INTO pass FROM quota.staff_pass WHERE staff_id = NEW.id;
		SELECT id, name, status, kind INTO o FROM quota.org WHERE id = NEW.org_id;
		IF o.status <> 'active' THEN
			PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s is not active', o.id),
				format('%s is %s (不再是有效机构); %s cannot move into it.', o.name, o.status, NEW.name));
		END IF;
		IF NEW.category <> 'filed' AND NOT EXISTS (SELECT 1 FROM quota.category_use WHERE category = NEW.category AND org_kind = o.kind) THEN
			PERFORM quota.raise_rule('quota_category_mismatch', 'staff', format('org %s may not hold %s posts', o.id, NEW.category),
				format('%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).', o.name, o.kind, NEW.name, NEW.category));
		END IF;
		-- both accounts (and leader accounts) in ascending order, so opposite moves cannot deadlock
		PERFORM 1 FROM quota.org_account
		 WHERE (org_id = OLD.org_id AND category = OLD.category) OR (org_id = NEW.org_id AND category = NEW.category)
		 ORDER BY org_id, category FOR NO KEY UPDATE;
		PERFORM 1 FROM quota.leader_account
		 WHERE (org_id = OLD.org_id AND post = OLD.post) OR (org_id = NEW.org_id AND post = NEW.post)
		 ORDER BY org_id, post FOR NO KEY UPDATE;
		PERFORM quota.release_seat(OLD, CURRENT_DATE, true);
		IF pass.staff_id IS NULL AND NEW.talent_level IS NOT NULL AND NEW.category <> 'filed'
		   AND NOT quota.try_occupy(NEW.org_id, NEW.category, 1, 0, quota.expired_borrowed(NEW.org_id, NEW.category)) THEN
			PERFORM quota.talent_draw_for(NEW);
			PERFORM quota.occupy(NEW.org_id, NEW.category, 1, 0, true);
		ELSIF NOT (pass.staff_id IS NULL AND NEW.talent_level IS NOT NULL AND NEW.category <> 'filed') THEN
			PERFORM quota.occupy(NEW.org_id, NEW.category, 1, 0, NEW.category <> 'filed' AND pass.staff_id IS NULL);
		END IF;
		IF NEW.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(NEW.org_id, NEW.post, 1, NOT COALESCE(pass.allow_excess, false));
		END IF;
		IF NEW.category = 'filed' AND (SELECT headcount_cap FROM quota.org WHERE id = NEW.org_id) IS NULL
		   AND NOT COALESCE(pass.allow_excess, false) THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s takes no filed staff', NEW.org_id),
				'备案制 staff only count against a headcount cap (人员总量).');
		END IF;
	ELSIF NEW.post <> OLD.post THEN
		IF OLD.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(OLD.org_id, OLD.post, -1, false);
		END IF;
		IF NEW.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(NEW.org_id, NEW.post, 1, true);
		END IF;
	END IF;
	IF quota.rank_level(NEW.post_rank) > (SELECT quota.rank_level(rank) FROM quota.org WHERE id = NEW.org_id) THEN
		PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
			format('rank %s is above the rank of org %s', NEW.post_rank, NEW.org_id),
			format('%s cannot hold a %s post in a unit of rank %s (机构规格).', NEW.name, NEW.post_rank,
				   (SELECT rank FROM quota.org WHERE id = NEW.org_id)));
	END IF;
	IF upper(NEW.person_id) <> upper(OLD.person_id) THEN
		DELETE FROM quota.person_post WHERE person_id = upper(OLD.person_id) AND staff_id = OLD.id;
		INSERT INTO quota.person_post (person_id, staff_id) VALUES (upper(NEW.person_id), NEW.id) ON CONFLICT DO NOTHING;
		IF NOT FOUND THEN
			PERFORM quota.raise_rule('quota_person_duplicate', 'staff', format('person %s already holds an active post', NEW.person_id),
				'One person holds one post (一编一人).');
		END IF;
	END IF;
	-- (nested: pass is assigned only when moving)
	IF moving THEN
		SELECT og.headcount_cap AS cap, (SELECT sum(a.occupied) FROM quota.org_account a WHERE a.org_id = og.id) AS total
		  INTO hc FROM quota.org og WHERE og.id = NEW.org_id AND og.headcount_cap IS NOT NULL;
		IF hc.total > hc.cap AND NOT COALESCE(pass.allow_excess, false) THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s would exceed its headcount cap', NEW.org_id),
				format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', NEW.org_id, hc.cap, hc.total));
		END IF;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.staff_changes() IS 'row trigger: leaving (出编), moves (a move needs a vacancy at the destination), post changes';
CREATE TRIGGER staff_changes AFTER UPDATE ON quota.staff
	FOR EACH ROW EXECUTE FUNCTION quota.staff_changes();
COMMENT ON TRIGGER staff_changes ON quota.staff IS 'leaving, moves and post changes';

CREATE FUNCTION quota.staff_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' OR OLD.left_on IS NULL THEN
		RAISE EXCEPTION 'active staff are not deleted: set left_on to record a departure (出编)'
			USING ERRCODE = '55000';
	END IF;
	IF OLD.hiring_id IS NOT NULL THEN
		RAISE EXCEPTION 'staff % filled hiring approval % and is kept as its record', OLD.id, OLD.hiring_id
			USING ERRCODE = '55000', DETAIL = '用编核准: the slots an approval used are counted from the roster rows that filled them.';
	END IF;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.staff_no_delete() IS 'the roster keeps its active rows: departures are recorded with left_on';
CREATE TRIGGER staff_no_delete BEFORE DELETE ON quota.staff
	FOR EACH ROW EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_delete ON quota.staff IS 'active rows are not deleted';
CREATE TRIGGER staff_no_truncate BEFORE TRUNCATE ON quota.staff
	FOR EACH STATEMENT EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_truncate ON quota.staff IS 'the roster is not truncated';

-- hiring approvals reserve vacancies when issued
CREATE FUNCTION quota.hiring_issued() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	expired_out integer := quota.expired_borrowed(NEW.org_id, NEW.category);
	o record;
BEGIN
	SELECT id, name, division, status INTO o FROM quota.org WHERE id = NEW.org_id;
	PERFORM quota.authority_check(NEW.doc_no, o.division, 'hiring approval (用编核准)');
	IF o.status <> 'active' THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'hiring', format('org %s is not active', o.id),
			format('%s is %s (不再是有效机构); it hires nobody.', o.name, o.status));
	END IF;
	UPDATE quota.org_account SET reserved = reserved + NEW.slots
	 WHERE org_id = NEW.org_id AND category = NEW.category
	   AND occupied + reserved + NEW.slots <= approved + borrowed - expired_out
	RETURNING * INTO acc;
	IF NOT FOUND THEN
		SELECT * INTO acc FROM quota.org_account WHERE org_id = NEW.org_id AND category = NEW.category;
		PERFORM quota.raise_rule('quota_hiring', 'hiring',
			format('hiring approval for %s slots exceeds the vacancies of org %s', NEW.slots, NEW.org_id),
			format('用编核准: %s approved + %s borrowed posts, %s occupied, %s already reserved; %s requested.',
				   COALESCE(acc.approved, 0), COALESCE(acc.borrowed, 0) - expired_out, COALESCE(acc.occupied, 0),
				   COALESCE(acc.reserved, 0), NEW.slots));
	END IF;
	INSERT INTO quota.hiring_account (hiring_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.hiring_issued() IS 'reserves the vacancies of a new hiring approval';
CREATE FUNCTION quota.hiring_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		RAISE EXCEPTION 'hiring approvals are not edited: issue a new one' USING ERRCODE = '55000';
	END IF;
	NEW.valid_until := COALESCE(NEW.valid_until, NEW.issued_on + quota.policy_value('hiring_approval_valid_days')::integer);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.hiring_defaults() IS 'defaults valid_until from policy; approvals are not edited';
CREATE TRIGGER hiring_defaults BEFORE INSERT OR UPDATE ON quota.hiring
	FOR EACH ROW EXECUTE FUNCTION quota.hiring_defaults();
COMMENT ON TRIGGER hiring_defaults ON quota.hiring IS 'valid_until default; no edits';
CREATE TRIGGER hiring_issued AFTER INSERT ON quota.hiring
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.hiring_issued();
COMMENT ON TRIGGER hiring_issued ON quota.hiring IS 'reserves vacancies';

-- leadership approvals are copied onto the locked leader account
CREATE FUNCTION quota.leadership_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE quota.leader_account SET approved = 0 WHERE org_id = OLD.org_id AND post = OLD.post;
		RETURN NULL;
	END IF;
	INSERT INTO quota.leader_account AS a (org_id, post, approved) VALUES (NEW.org_id, NEW.post, NEW.approved)
	ON CONFLICT (org_id, post) DO UPDATE SET approved = NEW.approved;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.leadership_sync() IS 'copies 领导职数 onto the internal leader account';
CREATE TRIGGER leadership_sync AFTER INSERT OR UPDATE OR DELETE ON quota.leadership
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.leadership_sync();
COMMENT ON TRIGGER leadership_sync ON quota.leadership IS 'keeps the leader accounts';
-- ---------------------------------------------------------------------------
-- Standards (编制标准): terms over org metrics give a post, leader or
-- internal-unit range; enforce, warn or report.  Internal units and duties.
-- The arithmetic lives in the pure C core (src/core/standard.c).
-- ---------------------------------------------------------------------------

CREATE TABLE quota.standard (
	code text PRIMARY KEY,
	name text NOT NULL,
	sector text NOT NULL,
	target text NOT NULL CHECK (target IN ('posts', 'leaders', 'internal_units')),
	category text REFERENCES quota.category (code),
	mode text NOT NULL DEFAULT 'warn' CHECK (mode IN ('enforce', 'warn', 'report')),
	rounding text NOT NULL DEFAULT 'half_up' CHECK (rounding IN ('half_up', 'floor', 'ceil')),
	min_value integer,
	max_value integer,
	doc_no text REFERENCES quota.approval (doc_no),
	CHECK ((target = 'posts') = (category IS NOT NULL)),
	CHECK (min_value <= max_value)
);
CREATE UNIQUE INDEX standard_applies_once ON quota.standard (sector, target, (COALESCE(category, '')));
COMMENT ON TABLE quota.standard IS '编制标准: a standard applies to every org of its sector; at most one per (sector, target, category)';
COMMENT ON COLUMN quota.standard.code IS 'stable code';
COMMENT ON COLUMN quota.standard.name IS 'name, with its source';
COMMENT ON COLUMN quota.standard.sector IS 'sector of the orgs it applies to (org.sector)';
COMMENT ON COLUMN quota.standard.target IS 'posts, leaders or internal_units';
COMMENT ON COLUMN quota.standard.category IS 'category of the posts (target posts only)';
COMMENT ON COLUMN quota.standard.mode IS 'enforce (reject), warn (accept with a WARNING) or report (accept silently)';
COMMENT ON COLUMN quota.standard.rounding IS 'rounding of each end of the sum: half_up, floor or ceil';
COMMENT ON COLUMN quota.standard.min_value IS 'lower clamp of the range';
COMMENT ON COLUMN quota.standard.max_value IS 'upper clamp of the range';
COMMENT ON COLUMN quota.standard.doc_no IS 'the document that sets the standard';

CREATE TABLE quota.standard_term (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	standard text NOT NULL REFERENCES quota.standard (code) ON DELETE CASCADE,
	metric text NOT NULL,
	band_from numeric NOT NULL DEFAULT 0,
	band_to numeric,
	per_post numeric CHECK (per_post > 0),
	low_factor numeric,
	high_factor numeric,
	fixed_low numeric NOT NULL DEFAULT 0,
	fixed_high numeric NOT NULL DEFAULT 0,
	CHECK (band_to > band_from),
	-- a term gives a range, never an inverted one
	CHECK (fixed_low <= fixed_high AND COALESCE(low_factor, 0) <= COALESCE(high_factor, 0))
);
CREATE INDEX standard_term_standard_idx ON quota.standard_term (standard);
COMMENT ON TABLE quota.standard_term IS 'terms of a standard: for the org''s value v of metric, applies when band_from <= v < band_to; contributes [fixed_low + v/per_post, fixed_high + v/per_post] or [fixed_low + v*low_factor, fixed_high + v*high_factor]';
COMMENT ON COLUMN quota.standard_term.id IS 'identity';
COMMENT ON COLUMN quota.standard_term.standard IS 'the standard';
COMMENT ON COLUMN quota.standard_term.metric IS 'metric name (e.g. students_junior, beds) or the derived approved_posts';
COMMENT ON COLUMN quota.standard_term.band_from IS 'lower bound of the band (inclusive)';
COMMENT ON COLUMN quota.standard_term.band_to IS 'upper bound of the band (exclusive), NULL for none';
COMMENT ON COLUMN quota.standard_term.per_post IS 'units of the metric per post (e.g. 13.5 students)';
COMMENT ON COLUMN quota.standard_term.low_factor IS 'posts per unit of the metric, low end';
COMMENT ON COLUMN quota.standard_term.high_factor IS 'posts per unit of the metric, high end';
COMMENT ON COLUMN quota.standard_term.fixed_low IS 'fixed posts, low end';
COMMENT ON COLUMN quota.standard_term.fixed_high IS 'fixed posts, high end';

CREATE TABLE quota.org_metric (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	metric text NOT NULL,
	-- a count or a size: finite and not negative (NaN and Infinity are refused)
	value numeric NOT NULL CHECK (value >= 0 AND value < 1e12),
	as_of date NOT NULL,
	PRIMARY KEY (org_id, metric, as_of)
);
COMMENT ON TABLE quota.org_metric IS 'workload metrics of orgs (students, beds, …); the latest as_of not after today is current';
COMMENT ON COLUMN quota.org_metric.org_id IS 'the org';
COMMENT ON COLUMN quota.org_metric.metric IS 'metric name';
COMMENT ON COLUMN quota.org_metric.value IS 'value';
COMMENT ON COLUMN quota.org_metric.as_of IS 'date of the value';

CREATE TABLE quota.internal_unit (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	name text NOT NULL,
	comprehensive boolean NOT NULL DEFAULT false,
	leader_posts integer NOT NULL DEFAULT 0 CHECK (leader_posts >= 0),
	doc_no text REFERENCES quota.approval (doc_no)
);
CREATE INDEX internal_unit_org_idx ON quota.internal_unit (org_id);
COMMENT ON TABLE quota.internal_unit IS '内设机构: approved internal units of an org';
COMMENT ON COLUMN quota.internal_unit.id IS 'identity';
COMMENT ON COLUMN quota.internal_unit.org_id IS 'the org';
COMMENT ON COLUMN quota.internal_unit.name IS 'name, e.g. 办公室';
COMMENT ON COLUMN quota.internal_unit.comprehensive IS '综合性 unit (office, policy research, …)';
COMMENT ON COLUMN quota.internal_unit.leader_posts IS 'leader posts of the unit';
COMMENT ON COLUMN quota.internal_unit.doc_no IS 'the approval document';

CREATE TABLE quota.duty (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	name text NOT NULL
);
CREATE INDEX duty_org_idx ON quota.duty (org_id);
COMMENT ON TABLE quota.duty IS '职责: duties of an org, moved only by quota.move_duty';
COMMENT ON COLUMN quota.duty.id IS 'identity';
COMMENT ON COLUMN quota.duty.org_id IS 'the org holding the duty';
COMMENT ON COLUMN quota.duty.name IS 'name, e.g. 果品管理';

-- internal: orgs in a reform operation (their moves may create excess)
CREATE TABLE quota.reform_pass (
	org_id bigint PRIMARY KEY
);
COMMENT ON TABLE quota.reform_pass IS 'internal: orgs inside a running quota.merge_orgs or quota.move_duty call';
COMMENT ON COLUMN quota.reform_pass.org_id IS 'the org';
CREATE TABLE quota.reform_excess (
	org_id bigint PRIMARY KEY REFERENCES quota.org (id),
	doc_no text NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE quota.reform_excess IS 'internal: targets of merges, whose excess over establishment or leadership is reform-generated';
COMMENT ON COLUMN quota.reform_excess.org_id IS 'the merge target';
COMMENT ON COLUMN quota.reform_excess.doc_no IS 'the merge document';
COMMENT ON COLUMN quota.reform_excess.recorded_at IS 'when the merge ran';
REVOKE ALL ON quota.reform_pass, quota.reform_excess FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('quota.standard', '');
SELECT pg_catalog.pg_extension_config_dump('quota.standard_term', '');
SELECT pg_catalog.pg_extension_config_dump('quota.standard_term_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_metric', '');
SELECT pg_catalog.pg_extension_config_dump('quota.internal_unit', '');
SELECT pg_catalog.pg_extension_config_dump('quota.internal_unit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.duty', '');
SELECT pg_catalog.pg_extension_config_dump('quota.duty_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.reform_excess', '');

CREATE FUNCTION quota.standard_term_bound(v float8, per_post float8, factor float8, fixed float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'quota_standard_term_bound' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.standard_term_bound(float8, float8, float8, float8) IS
	'internal: one end of an applying term''s contribution, fixed + v/per_post or fixed + v*factor (pure C core); NULL without a term';
CREATE FUNCTION quota.standard_bounds(sum_lo float8, sum_hi float8, rounding text, min_value integer, max_value integer) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'quota_standard_bounds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.standard_bounds(float8, float8, text, integer, integer) IS
	'internal: a summed range rounded once and clamped, {low, high} (pure C core)';

-- the current value of a metric; approved_posts is derived (category NULL: all categories)
CREATE FUNCTION quota.metric_value(o bigint, m text, c text) RETURNS numeric
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (
		SELECT CASE WHEN m = 'approved_posts' THEN
			(SELECT COALESCE(sum(a.approved), 0)::numeric FROM quota.org_account a
			  WHERE a.org_id = o AND (c IS NULL OR a.category = c) AND a.category <> 'filed')
		ELSE
			(SELECT mv.value FROM quota.org_metric mv WHERE mv.org_id = o AND mv.metric = m AND mv.as_of <= CURRENT_DATE
			  ORDER BY mv.as_of DESC LIMIT 1)
		END
	);
END
$$;
COMMENT ON FUNCTION quota.metric_value(bigint, text, text) IS 'the current value of an org''s metric (latest as_of not after today); approved_posts is derived';

CREATE FUNCTION quota.standard_eval(code text, o bigint) RETURNS pg_catalog.int4range
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- the arithmetic of quota.standard_status, for one org: the org's value of each
	-- metric, the terms whose band holds it, both ends summed, finished once
	RETURN (
		SELECT CASE WHEN r IS NULL THEN NULL ELSE int4range(r[1], r[2], '[]') END
		FROM (
			SELECT CASE WHEN bool_or(ov.v IS NULL) THEN NULL ELSE
				   quota.standard_bounds(
					   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.low_factor::float8, t.fixed_low::float8)), 0),
					   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.high_factor::float8, t.fixed_high::float8)), 0),
					   s.rounding, s.min_value, s.max_value) END AS r
			FROM quota.standard s
			JOIN (SELECT DISTINCT st.standard, st.metric FROM quota.standard_term st) sm ON sm.standard = s.code
			CROSS JOIN LATERAL (SELECT quota.metric_value(o, sm.metric, s.category)::float8 AS v) ov
			LEFT JOIN quota.standard_term t ON t.standard = s.code AND t.metric = sm.metric
				 AND ov.v >= t.band_from AND (t.band_to IS NULL OR ov.v < t.band_to)
			WHERE s.code = standard_eval.code
			GROUP BY s.code, s.rounding, s.min_value, s.max_value
		) x
	);
END
$$;
COMMENT ON FUNCTION quota.standard_eval(text, bigint) IS 'the range (inclusive bounds) a standard gives an org, NULL when a metric has no current value';

CREATE FUNCTION quota.standard_posts(org_id bigint, category text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.standard_eval(s.code, o.id) FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector AND s.target = 'posts' AND s.category = standard_posts.category
	WHERE o.id = standard_posts.org_id
$$;
COMMENT ON FUNCTION quota.standard_posts(bigint, text) IS 'the post range (inclusive bounds) the org''s posts standard gives for a category, NULL without one';

CREATE FUNCTION quota.standard_range(org_id bigint, target text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.standard_eval(s.code, o.id) FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector AND s.target = standard_range.target AND s.category IS NULL
	WHERE o.id = standard_range.org_id
$$;
COMMENT ON FUNCTION quota.standard_range(bigint, text) IS 'the range (inclusive bounds) of the org''s leaders or internal_units standard, NULL without one';

-- the org's current figure for a target
CREATE FUNCTION quota.standard_figure(o bigint, tgt text, c text) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (
		SELECT CASE tgt
			WHEN 'posts' THEN (SELECT COALESCE(sum(approved), 0)::integer FROM quota.org_account WHERE org_id = o AND category = c)
			WHEN 'leaders' THEN (SELECT COALESCE(sum(approved), 0)::integer FROM quota.leader_account WHERE org_id = o)
			ELSE (SELECT internal_units_approved FROM quota.org WHERE id = o) END
	);
END
$$;
COMMENT ON FUNCTION quota.standard_figure(bigint, text, text) IS 'approved posts, leadership posts (chief + deputy) or internal units approved of an org';

-- NULL when within the standard (or none applies); the detail of the breach for an
-- enforce standard; warn standards raise a WARNING and return NULL
CREATE FUNCTION quota.standard_check(o bigint, tgt text, c text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st record;
	rng int4range;
	fig integer;
BEGIN
	SELECT s.code, s.name, s.mode INTO st FROM quota.standard s JOIN quota.org org ON org.sector = s.sector
	 WHERE org.id = o AND s.target = tgt AND s.category IS NOT DISTINCT FROM c AND s.mode <> 'report';
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	rng := quota.standard_eval(st.code, o);
	fig := quota.standard_figure(o, tgt, c);
	IF rng IS NULL OR fig IS NULL OR fig <= upper(rng) - 1 THEN
		RETURN NULL;
	END IF;
	IF st.mode = 'warn' THEN
		RAISE WARNING 'org % is above its staffing standard for %', o, COALESCE(c, tgt)
			USING DETAIL = format('编制标准 %s (%s): range %s-%s, approved %s.', st.code, st.name, lower(rng), upper(rng) - 1, fig);
		RETURN NULL;
	END IF;
	RETURN format('编制标准 %s (%s): range %s-%s, approved would be %s.', st.code, st.name, lower(rng), upper(rng) - 1, fig);
END
$$;
COMMENT ON FUNCTION quota.standard_check(bigint, text, text) IS 'checks an org''s figure against its standard: detail of an enforce breach, WARNING for warn';

-- internal units: count within internal_units_approved, comprehensive share
CREATE FUNCTION quota.internal_units_check(o bigint, raising boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer;
	nc integer;
	approved integer;
	share numeric := quota.policy_value('comprehensive_unit_share')::numeric;
	detail text;
BEGIN
	IF EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = o) THEN
		RETURN;
	END IF;
	-- the org row serializes changes to its units (a concurrent one waits, or gets 40001)
	UPDATE quota.org SET internal_units_approved = internal_units_approved WHERE id = o
	RETURNING internal_units_approved INTO approved;
	SELECT count(*), count(*) FILTER (WHERE comprehensive) INTO n, nc FROM quota.internal_unit WHERE org_id = o;
	IF approved IS NOT NULL AND n > approved THEN
		PERFORM quota.raise_rule('quota_internal_units', 'internal_unit', format('org %s would have more internal units than approved', o),
			format('内设机构: %s approved, %s would exist.', approved, n));
	END IF;
	IF nc > GREATEST(1, floor(share * n)) THEN
		PERFORM quota.raise_rule('quota_internal_units', 'internal_unit', format('org %s would have too many comprehensive units', o),
			format('综合性内设机构: %s of %s units; at most greatest(1, floor(%s × %s)) = %s.', nc, n, share, n, GREATEST(1, floor(share * n))));
	END IF;
	-- the standard bounds internal_units_approved: checked only when it rises
	IF raising THEN
		detail := quota.standard_check(o, 'internal_units', NULL);
		IF detail IS NOT NULL THEN
			PERFORM quota.raise_rule('quota_standard_exceeded', 'org', format('org %s would exceed its internal-unit standard', o), detail);
		END IF;
	END IF;
END
$$;
COMMENT ON FUNCTION quota.internal_units_check(bigint, boolean) IS 'internal: internal-unit count and comprehensive share of an org, and its standard when internal_units_approved rises';

CREATE FUNCTION quota.internal_unit_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.org_id <> OLD.org_id AND NOT EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = NEW.org_id) THEN
		RAISE EXCEPTION 'internal units move only with quota.merge_orgs' USING ERRCODE = '55000';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM quota.internal_units_check(NEW.org_id, false);
	ELSE
		-- removing a unit can break the comprehensive share
		PERFORM quota.internal_units_check(OLD.org_id, false);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.internal_unit_changed() IS 'checks internal units after every change';
CREATE TRIGGER internal_unit_changed AFTER INSERT OR UPDATE OR DELETE ON quota.internal_unit
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.internal_unit_changed();
COMMENT ON TRIGGER internal_unit_changed ON quota.internal_unit IS 'internal unit count and share';

CREATE FUNCTION quota.duty_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.org_id <> OLD.org_id AND NOT EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = NEW.org_id) THEN
		RAISE EXCEPTION 'a duty moves only with quota.move_duty or quota.merge_orgs' USING ERRCODE = '55000',
			HINT = '职责划转: posts and people move with the duty (编随事转, 人随编走).';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.duty_fixed() IS 'a duty moves only with its posts and people';
CREATE TRIGGER duty_fixed BEFORE UPDATE ON quota.duty
	FOR EACH ROW EXECUTE FUNCTION quota.duty_fixed();
COMMENT ON TRIGGER duty_fixed ON quota.duty IS 'duties move only by quota.move_duty';

CREATE FUNCTION quota.org_units_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- raising: set, or higher than before (a lifted number leaves nothing to bound)
	PERFORM quota.internal_units_check(NEW.id, COALESCE(NEW.internal_units_approved > COALESCE(OLD.internal_units_approved, -1), false));
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.org_units_changed() IS 'checks internal units when internal_units_approved changes';
CREATE TRIGGER org_units_changed AFTER UPDATE OF internal_units_approved ON quota.org
	FOR EACH ROW WHEN (NEW.internal_units_approved IS DISTINCT FROM OLD.internal_units_approved)
	EXECUTE FUNCTION quota.org_units_changed();
COMMENT ON TRIGGER org_units_changed ON quota.org IS 'internal units within the approved number and the standard';

-- leadership approvals: never below the posts filled (outside a reform), within an enforce standard
CREATE FUNCTION quota.leadership_checked() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	detail text;
	r quota.leadership;
	new_approved integer;
	old_approved integer;
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := OLD;
		new_approved := 0;
	ELSE
		r := NEW;
		new_approved := NEW.approved;
	END IF;
	old_approved := CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.approved END;
	IF EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = r.org_id) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM quota.authority_check(NEW.doc_no, o.division, '领导职数 approval')
		   FROM quota.org o WHERE o.id = NEW.org_id;
	END IF;
	SELECT approved, filled INTO acc FROM quota.leader_account WHERE org_id = r.org_id AND post = r.post FOR NO KEY UPDATE;
	-- a cut may not go below the leaders in post; a raise (absorbing a reform's excess step by step) may
	IF new_approved < old_approved AND acc.filled > acc.approved THEN
		PERFORM quota.raise_rule('quota_leadership_exceeded', 'leadership',
			format('org %s has %s %s posts filled, more than %s approved', r.org_id, acc.filled, r.post, acc.approved),
			format('领导职数: %s %s posts in post; the approval cannot be cut from %s to %s.', acc.filled, r.post, old_approved, new_approved));
	END IF;
	-- the standard bounds the approved leadership posts: checked only when they rise
	IF new_approved > old_approved THEN
		detail := quota.standard_check(r.org_id, 'leaders', NULL);
		IF detail IS NOT NULL THEN
			PERFORM quota.raise_rule('quota_standard_exceeded', 'leadership',
				format('org %s would exceed its leadership standard', r.org_id), detail);
		END IF;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.leadership_checked() IS 'leadership approvals stay above the posts filled and within an enforce standard';
CREATE TRIGGER leadership_zchecked AFTER INSERT OR UPDATE OR DELETE ON quota.leadership
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.leadership_checked();
COMMENT ON TRIGGER leadership_zchecked ON quota.leadership IS 'checks after the sync (triggers fire in name order)';
-- ---------------------------------------------------------------------------
-- Roster functions: 编随事转 with 人随编走, loan settlement, and the counts
-- the views and quota.verify() use.
-- ---------------------------------------------------------------------------


CREATE FUNCTION quota.staff_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.org_id, s.category, count(*) FROM quota.staff s WHERE s.left_on IS NULL GROUP BY 1, 2
$$;
COMMENT ON FUNCTION quota.staff_counts() IS 'active staff per org and category, counted from the roster';

CREATE FUNCTION quota.reserved_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT h.org_id, h.category, sum(h.slots - ha.used)::bigint
	FROM quota.hiring h JOIN quota.hiring_account ha ON ha.hiring_id = h.id
	WHERE NOT ha.released GROUP BY 1, 2
$$;
COMMENT ON FUNCTION quota.reserved_counts() IS 'vacancies reserved by open hiring approvals per org and category';

-- 编随事转 + 人随编走: posts and the named people move together, all or nothing
CREATE FUNCTION quota.move_with_persons(from_org bigint, to_org bigint, category text, amount integer,
										doc_no text, persons bigint[], allow_excess boolean) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
	n integer;
	found_n integer;
	acc record;
	missing bigint;
BEGIN
	-- the document first: people move before the posts (so that the source counts them
	-- as gone), and a refused document must be reported as such (DESIGN.md §8 order)
	PERFORM quota.authority_check(doc_no, o.division, 'transfer (编随事转)')
	   FROM quota.org o WHERE o.id IN (move_with_persons.from_org, move_with_persons.to_org) ORDER BY o.id;
	SELECT count(DISTINCT p) INTO n FROM unnest(persons) p;
	-- lock the named people; each must be active staff of the source in that category
	SELECT count(*) INTO found_n FROM (
		SELECT s.id FROM quota.staff s
		 WHERE s.id = ANY (persons) AND s.org_id = move_with_persons.from_org
		   AND s.category = move_with_persons.category AND s.left_on IS NULL
		 ORDER BY s.id FOR UPDATE) x;
	IF found_n <> n OR n <> cardinality(persons) THEN
		SELECT p INTO missing FROM unnest(persons) p
		 WHERE NOT EXISTS (SELECT 1 FROM quota.staff s WHERE s.id = p AND s.org_id = move_with_persons.from_org
							 AND s.category = move_with_persons.category AND s.left_on IS NULL)
		 LIMIT 1;
		PERFORM quota.raise_rule('quota_movement_shape', 'movement',
			format('person %s is not active %s staff of org %s', COALESCE(missing::text, '(repeated)'), category, from_org),
			'人随编走: every named person must hold an active post of the moving category in the source, once.');
	END IF;
	INSERT INTO quota.staff_pass (staff_id, allow_excess) SELECT p, allow_excess FROM unnest(persons) p;
	UPDATE quota.staff s SET org_id = move_with_persons.to_org WHERE s.id = ANY (persons);
	mid := quota.internal_movement_or_checked('transfer', category, amount, from_org, NULL, to_org, NULL, doc_no, allow_excess);
	DELETE FROM quota.staff_pass WHERE staff_id = ANY (persons);
	IF NOT allow_excess THEN
		SELECT * INTO acc FROM quota.org_account a WHERE a.org_id = to_org AND a.category = move_with_persons.category;
		IF acc.occupied + acc.reserved > acc.approved + acc.borrowed THEN
			PERFORM quota.raise_rule('quota_over_establishment', 'staff',
				format('org %s has no room for the %s people moving with the posts', to_org, n),
				format('人随编走: after the move %s has %s approved + %s borrowed %s posts for %s occupied and %s reserved.',
					   (SELECT name FROM quota.org WHERE id = to_org), acc.approved, acc.borrowed, category, acc.occupied, acc.reserved));
		END IF;
	END IF;
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.move_with_persons(bigint, bigint, text, integer, text, bigint[], boolean) IS
	'internal: posts and named people move together; the source''s free posts count the people as gone; the receiver must hold them unless reform excess is allowed (merges)';
REVOKE ALL ON FUNCTION quota.move_with_persons(bigint, bigint, text, integer, text, bigint[], boolean) FROM PUBLIC;

CREATE FUNCTION quota.transfer_with_persons(from_org bigint, to_org bigint, category text, amount integer,
											doc_no text, persons bigint[]) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.move_with_persons(from_org, to_org, category, amount, doc_no, persons, false)
$$;
COMMENT ON FUNCTION quota.transfer_with_persons(bigint, bigint, text, integer, text, bigint[]) IS
	'编随事转 + 人随编走: quota.transfer with persons, every rule checked';

-- an ordinary (authority-checked) movement, or an internal one for reform operations
CREATE FUNCTION quota.internal_movement_or_checked(kind text, category text, amount integer, from_org bigint, from_pool bigint,
												   to_org bigint, to_pool bigint, doc_no text, internal boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
BEGIN
	IF internal THEN
		RETURN quota.internal_movement(kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no,
									   NULL, NULL, NULL, NULL);
	END IF;
	INSERT INTO quota.movement (kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no)
	VALUES (kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no)
	RETURNING id INTO mid;
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.internal_movement_or_checked(text, text, integer, bigint, bigint, bigint, bigint, text, boolean) IS
	'internal: writes a movement, authority-checked unless internal';
REVOKE ALL ON FUNCTION quota.internal_movement_or_checked(text, text, integer, bigint, bigint, bigint, bigint, text, boolean) FROM PUBLIC;

-- a hiring approval's unused slots stop being reserved (expiry, merge)
CREATE FUNCTION quota.release_hiring(hid bigint) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	WITH released AS (
		UPDATE quota.hiring_account ha SET released = true FROM quota.hiring h
		 WHERE ha.hiring_id = hid AND h.id = ha.hiring_id AND NOT ha.released
		RETURNING h.org_id, h.category, h.slots - ha.used AS n
	)
	UPDATE quota.org_account a SET reserved = a.reserved - r.n
	  FROM released r WHERE a.org_id = r.org_id AND a.category = r.category
$$;
COMMENT ON FUNCTION quota.release_hiring(bigint) IS 'internal: releases the unused slots of a hiring approval';

-- Settle loans that expired before as_of: vacant borrowed posts return now,
-- occupied ones as people leave.  Also releases expired hiring approvals.
CREATE FUNCTION quota.settle_loans(as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (loan_id bigint, returned integer, still_occupied integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	l record;
	acc record;
	vacant integer;
	ret integer;
BEGIN
	IF as_of IS NULL THEN
		RAISE EXCEPTION 'as_of must not be NULL' USING ERRCODE = '22023';
	END IF;
	FOR l IN
		SELECT lo.loan_id, lo.pool_id, lo.org_id, lo.category, lo.outstanding, lo.expires_on, lo.expired, m.doc_no
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id
		 WHERE lo.expires_on < as_of AND lo.outstanding > 0
		 ORDER BY lo.loan_id
		   FOR UPDATE OF lo
	LOOP
		IF NOT l.expired THEN
			UPDATE quota.loan SET expired = true WHERE quota.loan.loan_id = l.loan_id;
		END IF;
		-- lock in the ledger's order: pool, then org account
		PERFORM 1 FROM quota.pool_account WHERE pool_id = l.pool_id FOR NO KEY UPDATE;
		SELECT a.approved, a.borrowed, a.occupied, a.reserved INTO acc FROM quota.org_account a
		 WHERE a.org_id = l.org_id AND a.category = l.category FOR NO KEY UPDATE;
		-- own posts are filled first, and a seat reserved by a hiring approval counts as filled
		vacant := GREATEST(acc.borrowed - GREATEST(acc.occupied + acc.reserved - acc.approved, 0), 0);
		ret := LEAST(l.outstanding, vacant);
		-- a loan settled before comes back only when posts fell vacant since (a reservation lapsed)
		CONTINUE WHEN l.expired AND ret = 0;
		IF ret > 0 THEN
			PERFORM quota.internal_movement('repay', l.category, ret, l.org_id, NULL, NULL, l.pool_id, l.doc_no,
				LEAST(l.expires_on + 1, CURRENT_DATE), NULL, l.loan_id,
				format('周转编制到期收回: loan %s expired on %s', l.loan_id, l.expires_on));
		END IF;
		loan_id := l.loan_id;
		returned := ret;
		still_occupied := l.outstanding - ret;
		RETURN NEXT;
	END LOOP;
	-- hiring approvals that have expired (by today: an approval still valid today
	-- can still be filled, whatever as_of says) release their unused slots
	PERFORM quota.release_hiring(hh.id)
	   FROM quota.hiring hh JOIN quota.hiring_account ha ON ha.hiring_id = hh.id
	  WHERE NOT ha.released AND hh.valid_until < LEAST(as_of, CURRENT_DATE)
	  ORDER BY hh.org_id, hh.category, hh.id;
END
$$;
COMMENT ON FUNCTION quota.settle_loans(date) IS 'settles every loan with expires_on < as_of: vacant borrowed posts return to the pool now, occupied ones as people leave; one row per loan settled';

CREATE VIEW quota.headcount_status AS
SELECT o.id AS org_id, o.headcount_cap,
	   COALESCE(sum(a.occupied) FILTER (WHERE a.category <> 'filed'), 0)::integer AS established_occupied,
	   COALESCE(sum(a.occupied) FILTER (WHERE a.category = 'filed'), 0)::integer AS filed_occupied,
	   (o.headcount_cap - COALESCE(sum(a.occupied), 0))::integer AS headroom
FROM quota.org o
LEFT JOIN quota.org_account a ON a.org_id = o.id
WHERE o.headcount_cap IS NOT NULL
GROUP BY o.id, o.headcount_cap;
COMMENT ON VIEW quota.headcount_status IS '人员总量: units under headcount management, with 编制内 and filed (备案) active staff and the headroom';
-- ---------------------------------------------------------------------------
-- Reform operations: 职责划转 (quota.move_duty) and 机构整合 (quota.merge_orgs),
-- and the national standards library.
-- ---------------------------------------------------------------------------

-- the issuer of doc may approve a reform of an org in division d
CREATE FUNCTION quota.authority_check(doc text, d quota.division, what text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a record;
BEGIN
	SELECT ap.issuer_kind, ap.issuer_division, au.central, au.may_authorize INTO a
	  FROM quota.approval ap JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind WHERE ap.doc_no = doc;
	IF NOT FOUND THEN
		PERFORM quota.raise_rule('quota_authority', 'approval', format('approval %s does not exist', doc),
			format('No approval document %s is registered in quota.approval; every %s names one (文号).', doc, what),
			'Register the approval first.');
	END IF;
	IF NOT a.may_authorize OR NOT (a.central OR a.issuer_division @> d) THEN
		PERFORM quota.raise_rule('quota_authority', 'approval', format('the issuer of %s has no authority over this %s', doc, what),
			format('%s was issued by a %s at %s; the orgs are at %s.', doc, a.issuer_kind, COALESCE(a.issuer_division::text, 'the centre'), d));
	END IF;
END
$$;
COMMENT ON FUNCTION quota.authority_check(text, quota.division, text) IS 'internal: an approval''s issuer may approve a reform in a division';

CREATE FUNCTION quota.move_duty(duty_id bigint, to_org bigint, amounts jsonb, persons bigint[], doc_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d record;
	c record;
	gone record;
	moving bigint[];
	stray bigint;
BEGIN
	SELECT du.id, du.org_id, du.name INTO d FROM quota.duty du WHERE du.id = duty_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'duty % does not exist', duty_id USING ERRCODE = '22023';
	END IF;
	IF to_org IS NULL OR to_org = d.org_id OR NOT EXISTS (SELECT 1 FROM quota.org WHERE id = to_org) THEN
		RAISE EXCEPTION 'to_org must be another existing org' USING ERRCODE = '22023';
	END IF;
	-- the duty itself needs an approval with authority over both orgs, and two active orgs,
	-- also when no post moves with it (R6.1)
	SELECT o.id, o.name, o.status INTO gone FROM quota.org o
	 WHERE o.id IN (d.org_id, to_org) AND o.status <> 'active' ORDER BY o.id LIMIT 1;
	IF FOUND THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'duty', format('org %s is not active', gone.id),
			format('%s is %s; 职责划转 involves active orgs only.', gone.name, gone.status));
	END IF;
	PERFORM quota.authority_check(doc_no, o.division, 'duty transfer (职责划转)')
	   FROM quota.org o WHERE o.id IN (d.org_id, to_org) ORDER BY o.id;
	IF amounts IS NULL OR jsonb_typeof(amounts) <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(amounts) e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric <= 0
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key)) THEN
		RAISE EXCEPTION 'amounts must map categories to positive whole numbers, e.g. {"admin": 3}' USING ERRCODE = '22023';
	END IF;
	persons := COALESCE(persons, '{}');
	-- every named person is active staff of the source in a moving category
	SELECT p INTO stray FROM unnest(persons) p
	 WHERE NOT EXISTS (SELECT 1 FROM quota.staff s WHERE s.id = p AND s.org_id = d.org_id AND s.left_on IS NULL
						 AND amounts ? s.category)
	 LIMIT 1;
	IF stray IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'staff',
			format('person %s is not active staff of org %s in a category that moves', stray, d.org_id),
			'人随编走: the named people hold posts of the categories that move with the duty.');
	END IF;
	FOR c IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount FROM jsonb_each(amounts) e ORDER BY e.key LOOP
		SELECT COALESCE(array_agg(s.id ORDER BY s.id), '{}') INTO moving FROM quota.staff s
		 WHERE s.id = ANY (persons) AND s.category = c.category;
		PERFORM quota.move_with_persons(d.org_id, to_org, c.category, c.amount, doc_no, moving, false);
	END LOOP;
	INSERT INTO quota.reform_pass (org_id) VALUES (to_org) ON CONFLICT DO NOTHING;
	UPDATE quota.duty SET org_id = to_org WHERE id = duty_id;
	DELETE FROM quota.reform_pass WHERE org_id = to_org;
END
$$;
COMMENT ON FUNCTION quota.move_duty(bigint, bigint, jsonb, bigint[], text) IS '职责划转: the duty, its posts per category and the named people move together or not at all; the receiver stays within establishment';

CREATE FUNCTION quota.merge_residue(orgs bigint[]) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_merge_residue' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION quota.merge_residue(bigint[]) IS 'internal: staff, loans, duties, units and posts still referring to the orgs, counted with the latest snapshot';
REVOKE ALL ON FUNCTION quota.merge_residue(bigint[]) FROM PUBLIC;

CREATE FUNCTION quota.merge_orgs(sources bigint[], target bigint, doc_no text, reduction jsonb DEFAULT '{}',
								 reduction_to text DEFAULT 'retire') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t record;
	src bigint;
	acc record;
	moving bigint[];
	before_total bigint;
	after_total bigint;
	cut bigint := 0;
	r record;
	pool bigint;
BEGIN
	-- arguments (22023)
	IF sources IS NULL OR cardinality(sources) = 0 OR target IS NULL THEN
		RAISE EXCEPTION 'merge_orgs needs sources and a target' USING ERRCODE = '22023';
	END IF;
	IF (SELECT count(DISTINCT s) FROM unnest(sources) s) <> cardinality(sources) OR target = ANY (sources)
	   OR EXISTS (SELECT 1 FROM unnest(sources) s WHERE s IS NULL) THEN
		RAISE EXCEPTION 'sources must be distinct and must not include the target' USING ERRCODE = '22023';
	END IF;
	IF reduction_to IS NULL OR reduction_to NOT IN ('retire', 'reserve') THEN
		RAISE EXCEPTION 'reduction_to must be retire or reserve' USING ERRCODE = '22023';
	END IF;
	reduction := COALESCE(reduction, '{}');
	IF jsonb_typeof(reduction) <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(reduction) e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric < 0
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key AND code <> 'filed')) THEN
		RAISE EXCEPTION 'reduction must map categories to non-negative whole numbers' USING ERRCODE = '22023';
	END IF;
	-- lock every org, in id order; all exist, are active and in one jurisdiction
	PERFORM 1 FROM quota.org WHERE id = ANY (sources || target) ORDER BY id FOR UPDATE;
	SELECT id, name, division, status INTO t FROM quota.org WHERE id = target;
	IF NOT FOUND OR (SELECT count(*) FROM quota.org WHERE id = ANY (sources)) <> cardinality(sources) THEN
		RAISE EXCEPTION 'every source and the target must exist' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.org WHERE id = ANY (sources || target) AND (status <> 'active' OR division <> t.division)) THEN
		RAISE EXCEPTION 'sources and target must be active orgs of one jurisdiction' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = ANY (sources) AND outstanding > 0) THEN
		RAISE EXCEPTION 'a source has open loans: repay or settle them first' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM jsonb_each(reduction) e
				WHERE (e.value #>> '{}')::integer > (SELECT COALESCE(sum(a.approved), 0) FROM quota.org_account a
													  WHERE a.org_id = ANY (sources || target) AND a.category = e.key)) THEN
		RAISE EXCEPTION 'a reduction is larger than the posts merged in its category' USING ERRCODE = '22023';
	END IF;
	PERFORM quota.authority_check(doc_no, t.division, 'merger');

	SELECT COALESCE(sum(approved), 0) INTO before_total FROM quota.org_account
	 WHERE org_id = ANY (sources || target) AND category <> 'filed';
	INSERT INTO quota.reform_pass (org_id) VALUES (target) ON CONFLICT DO NOTHING;

	FOREACH src IN ARRAY sources LOOP
		-- the sources' open hiring approvals and leadership approvals lapse
		PERFORM quota.release_hiring(h.id) FROM quota.hiring h WHERE h.org_id = src ORDER BY h.id;
		INSERT INTO quota.reform_pass (org_id) VALUES (src) ON CONFLICT DO NOTHING;
		DELETE FROM quota.leadership WHERE org_id = src;
		-- every post and person moves to the target (reform-generated excess allowed)
		FOR acc IN SELECT category, approved FROM quota.org_account WHERE org_id = src ORDER BY category LOOP
			SELECT COALESCE(array_agg(s.id ORDER BY s.id), '{}') INTO moving FROM quota.staff s
			 WHERE s.org_id = src AND s.category = acc.category AND s.left_on IS NULL;
			IF acc.approved > 0 THEN
				PERFORM quota.move_with_persons(src, target, acc.category, acc.approved, doc_no, moving, true);
			ELSIF cardinality(moving) > 0 THEN
				INSERT INTO quota.staff_pass (staff_id, allow_excess) SELECT p, true FROM unnest(moving) p;
				UPDATE quota.staff SET org_id = target WHERE id = ANY (moving);
				DELETE FROM quota.staff_pass WHERE staff_id = ANY (moving);
			END IF;
		END LOOP;
		-- internal units and duties move too
		UPDATE quota.internal_unit SET org_id = target WHERE org_id = src;
		UPDATE quota.duty SET org_id = target WHERE org_id = src;
		UPDATE quota.org SET status = 'merged', closed_on = CURRENT_DATE WHERE id = src;
		DELETE FROM quota.reform_pass WHERE org_id = src;
	END LOOP;

	-- the reduction leaves the target: retired, or recalled to the reserve pool
	FOR r IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount FROM jsonb_each(reduction) e
			  WHERE (e.value #>> '{}')::integer > 0 ORDER BY e.key LOOP
		IF reduction_to = 'retire' THEN
			PERFORM quota.internal_movement('retire', r.category, r.amount, target, NULL, NULL, NULL, doc_no,
				NULL, NULL, NULL, '机构整合: 精简', true);
		ELSE
			SELECT id INTO pool FROM quota.pool WHERE division = t.division AND kind = 'reserve' AND category = r.category;
			IF pool IS NULL THEN
				INSERT INTO quota.pool (division, kind, category) VALUES (t.division, 'reserve', r.category) RETURNING id INTO pool;
			END IF;
			PERFORM quota.internal_movement('recall', r.category, r.amount, target, NULL, NULL, pool, doc_no,
				NULL, NULL, NULL, '机构整合: 精简收回机动编制', true);
		END IF;
		cut := cut + r.amount;
	END LOOP;
	DELETE FROM quota.reform_pass WHERE org_id = target;
	-- anything that entered a source after this transaction's snapshot is still there
	IF quota.merge_residue(sources) > 0 THEN
		RAISE EXCEPTION 'could not serialize access: a source of the merge changed after this transaction began'
			USING ERRCODE = '40001', HINT = 'The transaction might succeed if retried.';
	END IF;
	INSERT INTO quota.reform_excess (org_id, doc_no) VALUES (target, doc_no)
	ON CONFLICT (org_id) DO UPDATE SET doc_no = EXCLUDED.doc_no, recorded_at = now();

	SELECT COALESCE(sum(approved), 0) INTO after_total FROM quota.org_account WHERE org_id = target AND category <> 'filed';
	RAISE NOTICE '机构整合 %: % posts merged into %, % cut: declared reduction % %%, actual % %%', doc_no, before_total, t.name, cut,
		round(100.0 * cut / NULLIF(before_total, 0), 1), round(100.0 * (before_total - after_total) / NULLIF(before_total, 0), 1);
END
$$;
COMMENT ON FUNCTION quota.merge_orgs(bigint[], bigint, text, jsonb, text) IS '机构整合: all posts and people of the sources to the target, minus the per-category reduction (retired, or to the reserve pool); sources become merged; reform-generated excess is allowed, listed in quota.violations, and blocks new entries until absorbed';

CREATE FUNCTION quota.install_standard_library() RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer := 0;
	added integer;
	sec text;
BEGIN
	-- 中小学: 2014 unified city ratios (中央编办发〔2014〕72号; 国办发〔2001〕74号)
	INSERT INTO quota.standard (code, name, sector, target, category, mode, rounding)
	VALUES ('cn_school_primary', '小学教职工编制标准 1:19 (中央编办发〔2014〕72号)', 'school_primary', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_school_junior', '初中教职工编制标准 1:13.5 (中央编办发〔2014〕72号)', 'school_junior', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_school_senior', '高中教职工编制标准 1:12.5 (中央编办发〔2014〕72号)', 'school_senior', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_hospital_beds', '综合医院组织编制原则: 床位与人员比 1:1.3-1.7 (卫生部1978)', 'hospital', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_vocational', '中等职业学校: 师生比 1:20, 专任教师不少于60 (教职成〔2010〕12号)', 'vocational_school', 'posts', 'institution', 'warn', 'half_up')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS added = ROW_COUNT;
	n := n + added;
	INSERT INTO quota.standard_term (standard, metric, per_post)
	SELECT s, m, p FROM (VALUES ('cn_school_primary', 'students_primary', 19.0), ('cn_school_junior', 'students_junior', 13.5),
								('cn_school_senior', 'students_senior', 12.5), ('cn_vocational', 'students', 20.0)) v (s, m, p)
	WHERE NOT EXISTS (SELECT 1 FROM quota.standard_term t WHERE t.standard = v.s)
	  AND EXISTS (SELECT 1 FROM quota.standard st WHERE st.code = v.s);	-- not where a local standard holds the slot
	UPDATE quota.standard SET min_value = 60 WHERE code = 'cn_vocational' AND min_value IS NULL;
	INSERT INTO quota.standard_term (standard, metric, band_from, band_to, low_factor, high_factor)
	SELECT 'cn_hospital_beds', 'beds', f, t, lo, hi
	-- ≤ 300 beds, 301-500, > 500 (beds are whole numbers; a band holds band_from ≤ v < band_to)
	FROM (VALUES (0, 301, 1.3, 1.4), (301, 501, 1.4, 1.5), (501, NULL, 1.6, 1.7)) v (f, t, lo, hi)
	WHERE NOT EXISTS (SELECT 1 FROM quota.standard_term t WHERE t.standard = 'cn_hospital_beds')
	  AND EXISTS (SELECT 1 FROM quota.standard st WHERE st.code = 'cn_hospital_beds');
	-- 事业单位领导职数 by size (R3.6), for each institution sector
	FOREACH sec IN ARRAY ARRAY['hospital', 'school_primary', 'school_junior', 'school_senior', 'vocational_school',
							   'university', 'research', 'other'] LOOP
		INSERT INTO quota.standard (code, name, sector, target, mode)
		VALUES ('cn_leaders_' || sec, '事业单位领导职数按编制规模核定 (R3.6)', sec, 'leaders', 'warn')
		ON CONFLICT DO NOTHING;
		GET DIAGNOSTICS added = ROW_COUNT;
		IF added > 0 THEN
			n := n + 1;
			INSERT INTO quota.standard_term (standard, metric, band_from, band_to, fixed_low, fixed_high)
			SELECT 'cn_leaders_' || sec, 'approved_posts', f, t, lo, hi
			FROM (VALUES (0, 11, 1, 2), (11, 51, 2, 3), (51, 101, 3, 4), (101, 201, 4, 5), (201, 401, 5, 6),
						 (401, 601, 6, 7), (601, NULL, 7, 8)) v (f, t, lo, hi);
		END IF;
	END LOOP;
	RETURN n;
END
$$;
COMMENT ON FUNCTION quota.install_standard_library() IS 'loads, only when called, the national standards of DOMAIN.md §4 as warn standards (schools, hospitals, vocational schools, leadership by size); returns how many were added';
-- ---------------------------------------------------------------------------
-- Dashboards: status views, continuous supervision (violations) and the
-- auditor's re-verification of every balance from the ledger.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.division_ancestors(d quota.division) RETURNS SETOF quota.division
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1 ROWS 3 SET search_path = pg_catalog, pg_temp AS $$
	SELECT a FROM (VALUES (d), (quota.division_parent(d)),
						  (quota.division_parent(quota.division_parent(d))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(d)))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(d)))))) v (a)
	WHERE a IS NOT NULL
$$;
COMMENT ON FUNCTION quota.division_ancestors(quota.division) IS 'the division and each of its ancestors';

-- Every org measured against every standard of its sector, set-wise, in one
-- pass: every (org, standard, metric) row carries what the result needs, the
-- terms whose band holds the value join in, and one aggregate per
-- (org, standard) sums the two ends of their contributions, then rounds and
-- clamps once (quota.standard_term_bound, quota.standard_bounds: the pure C
-- core), with no join back and no arrays.
CREATE VIEW quota.standard_status AS
WITH cur AS (
	SELECT DISTINCT ON (m.org_id, m.metric) m.org_id, m.metric, m.value
	FROM quota.org_metric m
	WHERE m.as_of <= CURRENT_DATE
	ORDER BY m.org_id, m.metric, m.as_of DESC
), tot AS (
	SELECT a.org_id, sum(a.approved) AS approved FROM quota.org_account a WHERE a.category <> 'filed' GROUP BY a.org_id
), lead AS (
	SELECT la.org_id, sum(la.approved) AS approved FROM quota.leader_account la GROUP BY la.org_id
), ov AS (
	SELECT o.id AS org_id, s.code, s.name, s.mode, s.target, s.category, s.rounding, s.min_value, s.max_value,
		   CASE s.target
			   WHEN 'posts' THEN COALESCE(acc.approved, 0)
			   WHEN 'leaders' THEN COALESCE(lead.approved, 0)::integer
			   ELSE o.internal_units_approved END AS approved,
		   sm.metric,
		   (CASE WHEN sm.metric = 'approved_posts'
				 THEN COALESCE(CASE WHEN s.category IS NULL THEN tot.approved ELSE acc.approved END, 0)
				 ELSE cur.value END)::float8 AS v
	FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector
	JOIN (SELECT DISTINCT standard, metric FROM quota.standard_term) sm ON sm.standard = s.code
	LEFT JOIN quota.org_account acc ON acc.org_id = o.id AND acc.category = s.category
	LEFT JOIN cur ON cur.org_id = o.id AND cur.metric = sm.metric
	LEFT JOIN tot ON tot.org_id = o.id AND sm.metric = 'approved_posts' AND s.category IS NULL
	LEFT JOIN lead ON lead.org_id = o.id AND s.target = 'leaders'
	WHERE o.status = 'active'
)
SELECT x.org_id, x.code AS standard, x.name, x.mode, x.target, x.category, x.r[1] AS low, x.r[2] AS high, x.approved
FROM (
	-- name … max_value are the standard's and the org's own: one value per group
	SELECT ov.org_id, ov.code, min(ov.name) AS name, min(ov.mode) AS mode, min(ov.target) AS target,
		   min(ov.category) AS category, min(ov.approved) AS approved,
		   CASE WHEN bool_or(ov.v IS NULL) THEN NULL ELSE
		   quota.standard_bounds(
			   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.low_factor::float8, t.fixed_low::float8)), 0),
			   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.high_factor::float8, t.fixed_high::float8)), 0),
			   min(ov.rounding), min(ov.min_value), min(ov.max_value)) END AS r
	FROM ov
	LEFT JOIN quota.standard_term t ON t.standard = ov.code AND t.metric = ov.metric
		 AND ov.v >= t.band_from AND (t.band_to IS NULL OR ov.v < t.band_to)
	GROUP BY ov.org_id, ov.code
) x;
COMMENT ON VIEW quota.standard_status IS 'every active org measured against the standards of its sector: range (low, high; NULL without current metric values) and the approved figure';

CREATE VIEW quota.org_status AS
SELECT o.id AS org_id, o.name AS org_name, o.division, a.category,
	   a.approved, a.borrowed, a.occupied, a.reserved,
	   GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0) AS vacancy,
	   GREATEST(a.occupied OPERATOR(pg_catalog.-) a.approved OPERATOR(pg_catalog.-) a.borrowed, 0) AS over,
	   pg_catalog.round(a.occupied::numeric OPERATOR(pg_catalog./) NULLIF(a.approved, 0)::numeric, 4) AS usage_rate,
	   CASE WHEN ss.low IS NOT NULL THEN pg_catalog.int4range(ss.low, ss.high, '[]') END AS standard_posts,
	   ld.leaders_approved, ld.leaders_filled
FROM quota.org_account a
JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
-- set-wise, not a function call per row; a filter on org_id reaches both
LEFT JOIN quota.standard_status ss ON ss.org_id OPERATOR(pg_catalog.=) a.org_id
	 AND ss.target OPERATOR(pg_catalog.=) 'posts' AND ss.category OPERATOR(pg_catalog.=) a.category
LEFT JOIN (SELECT la.org_id, pg_catalog.sum(la.approved)::integer AS leaders_approved,
				  pg_catalog.sum(la.filled)::integer AS leaders_filled
			 FROM quota.leader_account la GROUP BY la.org_id) ld ON ld.org_id OPERATOR(pg_catalog.=) a.org_id
WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
  AND (a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.+) a.occupied OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.>) 0;
COMMENT ON VIEW quota.org_status IS 'one row per org and 编制 category it holds or occupies: approved, borrowed, occupied, reserved, vacancy (空编), over (超编), usage rate (占编率), standard range (active orgs, as quota.standard_status), leadership posts';

CREATE VIEW quota.jurisdiction_status AS
-- per-jurisdiction sums in int4 (sum(int4) is int8; sum(int8) would be numeric)
WITH pools AS (
	SELECT p.division, p.category,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'unallocated' THEN pa.balance ELSE 0 END)::integer AS unallocated,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'reserve' THEN pa.balance ELSE 0 END)::integer AS reserve,
		   pg_catalog.sum(pa.lent)::integer AS lent,
		   0 AS occupied, 0 AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT o.division, a.category, 0, 0, 0,
		   pg_catalog.sum(a.occupied)::integer,
		   pg_catalog.sum(GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0))::integer
	FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
	WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
	GROUP BY o.division, a.category
), rolled AS (
	SELECT anc.a AS division, x.category,
		   pg_catalog.sum(x.unallocated) AS unallocated, pg_catalog.sum(x.reserve) AS reserve,
		   pg_catalog.sum(x.lent) AS lent, pg_catalog.sum(x.occupied) AS occupied,
		   pg_catalog.sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	-- quota.division_ancestors, inline: a SQL function that pins its search_path is
	-- not inlined, and calling it per row cost most of the rollup
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
		(quota.division_parent(quota.division_parent(x.division))),
		(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))),
		(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy,
	   ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division OPERATOR(pg_catalog.=) j.division
LEFT JOIN rolled r ON r.division OPERATOR(pg_catalog.=) j.division AND r.category OPERATOR(pg_catalog.=) ja.category
WHERE ja.subtree_held OPERATOR(pg_catalog.>) 0 OR r.occupied OPERATOR(pg_catalog.>) 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;
COMMENT ON VIEW quota.jurisdiction_status IS 'per jurisdiction and category: posts held at its level and in its subtree, and subtree figures for pools (unallocated, reserve, lent) and orgs (occupied, vacancy), with its ceilings';


CREATE VIEW quota.violations AS
SELECT 'quota_code_mismatch'::text AS rule, 'org'::text AS subject_kind, o.id AS subject_id,
	   NULL::text AS category, quota.org_code_mismatch(o.uscc, o.division, o.kind) AS detail
FROM quota.org o
WHERE o.uscc IS NOT NULL AND quota.org_code_mismatch(o.uscc, o.division, o.kind) IS NOT NULL
UNION ALL
SELECT CASE WHEN EXISTS (SELECT 1 FROM quota.reform_excess re WHERE re.org_id OPERATOR(pg_catalog.=) a.org_id)
			THEN 'quota_reform_over_establishment' ELSE 'quota_over_establishment' END,
	   'org', a.org_id, a.category,
	   pg_catalog.format('超编: %s occupied, %s approved + %s borrowed; new entries are blocked until absorbed (只出不进).',
						 a.occupied, a.approved, a.borrowed)
FROM quota.org_account a
WHERE a.occupied OPERATOR(pg_catalog.>) (a.approved OPERATOR(pg_catalog.+) a.borrowed)
  AND a.category OPERATOR(pg_catalog.<>) 'filed'
UNION ALL
SELECT CASE WHEN EXISTS (SELECT 1 FROM quota.reform_excess re WHERE re.org_id OPERATOR(pg_catalog.=) la.org_id)
			THEN 'quota_reform_over_leadership' ELSE 'quota_leadership_exceeded' END,
	   'org', la.org_id, NULL::text,
	   pg_catalog.format('领导职数 %s: %s filled, %s approved; new appointments are blocked until absorbed.', la.post, la.filled, la.approved)
FROM quota.leader_account la
WHERE la.filled OPERATOR(pg_catalog.>) la.approved
UNION ALL
SELECT 'quota_headcount_cap', 'org', h.org_id, NULL::text,
	   pg_catalog.format('人员总量: %s 编制内 + %s 备案 staff, cap %s.', h.established_occupied, h.filed_occupied, h.headcount_cap)
FROM quota.headcount_status h
WHERE h.headroom OPERATOR(pg_catalog.<) 0
UNION ALL
-- 备案制 staff where no cap exists (e.g. carried into a merge target without one)
SELECT 'quota_headcount_cap', 'org', a.org_id, 'filed',
	   pg_catalog.format('%s 备案 staff at an org without a headcount cap (人员总量); filed staff only count against a cap.', a.occupied)
FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
WHERE a.category OPERATOR(pg_catalog.=) 'filed' AND a.occupied OPERATOR(pg_catalog.>) 0 AND o.headcount_cap IS NULL
UNION ALL
SELECT 'quota_internal_units', 'org', o.id, NULL::text,
	   pg_catalog.format('内设机构: %s units (%s comprehensive), %s approved.', u.n, u.nc, COALESCE(o.internal_units_approved::text, 'no number'))
FROM quota.org o
JOIN (SELECT org_id, pg_catalog.count(*) AS n, pg_catalog.count(*) FILTER (WHERE comprehensive) AS nc
	  FROM quota.internal_unit GROUP BY org_id) u ON u.org_id OPERATOR(pg_catalog.=) o.id
WHERE o.status OPERATOR(pg_catalog.=) 'active'
  AND (u.n OPERATOR(pg_catalog.>) o.internal_units_approved
	   OR u.nc OPERATOR(pg_catalog.>) GREATEST(1, pg_catalog.floor(quota.policy_value('comprehensive_unit_share')::numeric OPERATOR(pg_catalog.*) u.n)))
UNION ALL
SELECT CASE WHEN v.approved OPERATOR(pg_catalog.<) v.low THEN 'quota_standard_below'
			WHEN v.mode OPERATOR(pg_catalog.=) 'enforce' THEN 'quota_standard_exceeded'
			ELSE 'quota_standard_warning' END,
	   'org', v.org_id, v.category,
	   pg_catalog.format('编制标准 %s (%s, %s): range %s-%s, approved %s.', v.standard, v.name, v.target, v.low, v.high, v.approved)
FROM quota.standard_status v
WHERE v.low IS NOT NULL AND v.approved IS NOT NULL
  AND (v.approved OPERATOR(pg_catalog.<) v.low OR v.approved OPERATOR(pg_catalog.>) v.high)
UNION ALL
SELECT 'quota_loan_expired', 'loan', l.loan_id, l.category,
	   pg_catalog.format('Loan of %s posts from pool %s to org %s expired after %s; %s still outstanding (周转编制到期未还).',
						 l.amount, l.pool_id, l.org_id, l.expires_on, l.outstanding)
FROM quota.loan l
WHERE l.outstanding OPERATOR(pg_catalog.>) 0
  AND (l.expired OR l.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE)
UNION ALL
SELECT 'quota_cap_exceeded', 'jurisdiction', NULL::bigint, ja.category,
	   pg_catalog.format('控制数 of %s: %s held at the level (ceiling %s), %s in the subtree (ceiling %s).',
						 ja.division, ja.level_held, ja.level_ceiling, ja.subtree_held, ja.subtree_ceiling)
FROM quota.jurisdiction_account ja
WHERE ja.level_held OPERATOR(pg_catalog.>) ja.level_ceiling OR ja.subtree_held OPERATOR(pg_catalog.>) ja.subtree_ceiling;
COMMENT ON VIEW quota.violations IS 'continuous supervision (常态化监管): every current breach or warning, one row each, named by rule';

CREATE FUNCTION quota.verify()
RETURNS TABLE (check_name text, subject text, expected bigint, actual bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH led AS (
		SELECT m.to_org AS org_id, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN 0 ELSE m.amount END AS approved,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END AS borrowed
		FROM quota.movement m WHERE m.to_org IS NOT NULL
		UNION ALL
		SELECT m.from_org, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN 0 ELSE OPERATOR(pg_catalog.-) m.amount END,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END
		FROM quota.movement m WHERE m.from_org IS NOT NULL
	), org_led AS (
		SELECT org_id, category, pg_catalog.sum(approved)::bigint AS approved, pg_catalog.sum(borrowed)::bigint AS borrowed
		FROM led GROUP BY org_id, category
	), org_cmp AS (
		SELECT COALESCE(l.org_id, a.org_id) AS org_id, COALESCE(l.category, a.category) AS category,
			   COALESCE(l.approved, 0) AS l_approved, COALESCE(a.approved, 0)::bigint AS a_approved,
			   COALESCE(l.borrowed, 0) AS l_borrowed, COALESCE(a.borrowed, 0)::bigint AS a_borrowed
		FROM org_led l FULL JOIN quota.org_account a
		  ON a.org_id OPERATOR(pg_catalog.=) l.org_id AND a.category OPERATOR(pg_catalog.=) l.category
	), pled AS (
		SELECT m.to_pool AS pool_id,
			   m.amount AS balance,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END AS lent
		FROM quota.movement m WHERE m.to_pool IS NOT NULL
		UNION ALL
		SELECT m.from_pool, OPERATOR(pg_catalog.-) m.amount,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END
		FROM quota.movement m WHERE m.from_pool IS NOT NULL
	), pool_cmp AS (
		SELECT pa.pool_id, COALESCE(x.balance, 0) AS l_balance, pa.balance::bigint AS a_balance,
			   COALESCE(x.lent, 0) AS l_lent, pa.lent::bigint AS a_lent
		FROM quota.pool_account pa
		LEFT JOIN (SELECT pool_id, pg_catalog.sum(balance)::bigint AS balance, pg_catalog.sum(lent)::bigint AS lent
				   FROM pled GROUP BY pool_id) x ON x.pool_id OPERATOR(pg_catalog.=) pa.pool_id
	), loan_cmp AS (
		SELECT l.loan_id, (m.amount OPERATOR(pg_catalog.-) COALESCE(r.repaid, 0))::bigint AS l_out, l.outstanding::bigint AS a_out
		FROM quota.loan l
		JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) l.loan_id
		LEFT JOIN (SELECT loan_id, pg_catalog.sum(amount) AS repaid FROM quota.movement
				   WHERE kind OPERATOR(pg_catalog.=) 'repay' GROUP BY loan_id) r ON r.loan_id OPERATOR(pg_catalog.=) l.loan_id
	), held AS (
		SELECT p.division, p.category, (pa.balance OPERATOR(pg_catalog.+) pa.lent)::bigint AS n
		FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
		UNION ALL
		SELECT o.division, a.category, a.approved::bigint
		FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
	), level_cmp AS (
		SELECT ja.division, ja.category, COALESCE(h.n, 0) AS l_level, ja.level_held::bigint AS a_level,
			   COALESCE(s.n, 0) AS l_subtree, ja.subtree_held::bigint AS a_subtree
		FROM quota.jurisdiction_account ja
		LEFT JOIN (SELECT division, category, pg_catalog.sum(n)::bigint AS n FROM held GROUP BY 1, 2) h
		  ON h.division OPERATOR(pg_catalog.=) ja.division AND h.category OPERATOR(pg_catalog.=) ja.category
		LEFT JOIN (SELECT anc.a AS division, held.category, pg_catalog.sum(held.n)::bigint AS n
				   FROM held CROSS JOIN LATERAL quota.division_ancestors(held.division) anc (a)
				   GROUP BY 1, 2) s
		  ON s.division OPERATOR(pg_catalog.=) ja.division AND s.category OPERATOR(pg_catalog.=) ja.category
	)
	SELECT 'org_approved', pg_catalog.format('org %s %s', org_id, category), l_approved, a_approved
	FROM org_cmp WHERE l_approved OPERATOR(pg_catalog.<>) a_approved
	UNION ALL
	SELECT 'org_borrowed', pg_catalog.format('org %s %s', org_id, category), l_borrowed, a_borrowed
	FROM org_cmp WHERE l_borrowed OPERATOR(pg_catalog.<>) a_borrowed
	UNION ALL
	SELECT 'org_occupied', pg_catalog.format('org %s %s', a.org_id, a.category), COALESCE(s.n, 0), a.occupied::bigint
	FROM quota.org_account a
	LEFT JOIN quota.staff_counts() s ON s.org_id OPERATOR(pg_catalog.=) a.org_id AND s.category OPERATOR(pg_catalog.=) a.category
	WHERE COALESCE(s.n, 0) OPERATOR(pg_catalog.<>) a.occupied
	UNION ALL
	SELECT 'org_reserved', pg_catalog.format('org %s %s', a.org_id, a.category), COALESCE(s.n, 0), a.reserved::bigint
	FROM quota.org_account a
	LEFT JOIN quota.reserved_counts() s ON s.org_id OPERATOR(pg_catalog.=) a.org_id AND s.category OPERATOR(pg_catalog.=) a.category
	WHERE COALESCE(s.n, 0) OPERATOR(pg_catalog.<>) a.reserved
	UNION ALL
	SELECT 'pool_balance', pg_catalog.format('pool %s', pool_id), l_balance, a_balance
	FROM pool_cmp WHERE l_balance OPERATOR(pg_catalog.<>) a_balance
	UNION ALL
	SELECT 'pool_lent', pg_catalog.format('pool %s', pool_id), l_lent, a_lent
	FROM pool_cmp WHERE l_lent OPERATOR(pg_catalog.<>) a_lent
	UNION ALL
	SELECT 'loan_outstanding', pg_catalog.format('loan %s', loan_id), l_out, a_out
	FROM loan_cmp WHERE l_out OPERATOR(pg_catalog.<>) a_out
	UNION ALL
	SELECT 'loan_missing', pg_catalog.format('movement %s', m.id), m.amount::bigint, 0::bigint
	FROM quota.movement m
	WHERE m.kind OPERATOR(pg_catalog.=) 'lend'
	  AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.loan_id OPERATOR(pg_catalog.=) m.id)
	UNION ALL
	-- a loan's terms are its lend row's: pool, org, category, amount, expiry (a loan row
	-- that is not a lend at all counts too)
	SELECT 'loan_terms', pg_catalog.format('loan %s', l.loan_id), 1::bigint, 0::bigint
	FROM quota.loan l
	LEFT JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) l.loan_id AND m.kind OPERATOR(pg_catalog.=) 'lend'
	WHERE m.id IS NULL OR l.pool_id IS DISTINCT FROM m.from_pool OR l.org_id IS DISTINCT FROM m.to_org
	   OR l.category IS DISTINCT FROM m.category OR l.amount IS DISTINCT FROM m.amount
	   OR l.expires_on IS DISTINCT FROM m.expires_on
	UNION ALL
	SELECT 'jurisdiction_level_held', pg_catalog.format('%s %s', division, category), l_level, a_level
	FROM level_cmp WHERE l_level OPERATOR(pg_catalog.<>) a_level
	UNION ALL
	SELECT 'jurisdiction_subtree_held', pg_catalog.format('%s %s', division, category), l_subtree, a_subtree
	FROM level_cmp WHERE l_subtree OPERATOR(pg_catalog.<>) a_subtree
	UNION ALL
	SELECT 'conservation', pg_catalog.format('category %s', c.code),
		   COALESCE((SELECT pg_catalog.sum(CASE WHEN m.kind OPERATOR(pg_catalog.=) 'issue' THEN m.amount ELSE OPERATOR(pg_catalog.-) m.amount END)
					 FROM quota.movement m
					 WHERE m.category OPERATOR(pg_catalog.=) c.code AND m.kind OPERATOR(pg_catalog.=) ANY (ARRAY['issue', 'retire'])), 0)::bigint,
		   (COALESCE((SELECT pg_catalog.sum(pa.balance OPERATOR(pg_catalog.+) pa.lent) FROM quota.pool_account pa
					  JOIN quota.pool p ON p.id OPERATOR(pg_catalog.=) pa.pool_id WHERE p.category OPERATOR(pg_catalog.=) c.code), 0)
			OPERATOR(pg_catalog.+)
			COALESCE((SELECT pg_catalog.sum(a.approved) FROM quota.org_account a WHERE a.category OPERATOR(pg_catalog.=) c.code), 0))::bigint
	FROM quota.category c
	WHERE COALESCE((SELECT pg_catalog.sum(CASE WHEN m.kind OPERATOR(pg_catalog.=) 'issue' THEN m.amount ELSE OPERATOR(pg_catalog.-) m.amount END)
					FROM quota.movement m
					WHERE m.category OPERATOR(pg_catalog.=) c.code AND m.kind OPERATOR(pg_catalog.=) ANY (ARRAY['issue', 'retire'])), 0)
		  OPERATOR(pg_catalog.<>)
		  (COALESCE((SELECT pg_catalog.sum(pa.balance OPERATOR(pg_catalog.+) pa.lent) FROM quota.pool_account pa
					JOIN quota.pool p ON p.id OPERATOR(pg_catalog.=) pa.pool_id WHERE p.category OPERATOR(pg_catalog.=) c.code), 0)
		  OPERATOR(pg_catalog.+)
		  COALESCE((SELECT pg_catalog.sum(a.approved) FROM quota.org_account a WHERE a.category OPERATOR(pg_catalog.=) c.code), 0))
	UNION ALL
	SELECT 'leaders_filled', pg_catalog.format('org %s %s', COALESCE(la.org_id, f.org_id), COALESCE(la.post, f.post)),
		   COALESCE(f.n, 0), COALESCE(la.filled, 0)::bigint
	FROM quota.leader_account la
	FULL JOIN (SELECT s.org_id, s.post, pg_catalog.count(*) AS n FROM quota.staff s
			   WHERE s.left_on IS NULL AND s.post OPERATOR(pg_catalog.<>) 'staff' GROUP BY 1, 2) f
	  ON f.org_id OPERATOR(pg_catalog.=) la.org_id AND f.post OPERATOR(pg_catalog.=) la.post
	WHERE COALESCE(f.n, 0) OPERATOR(pg_catalog.<>) COALESCE(la.filled, 0)
	UNION ALL
	SELECT 'one_post_per_person', 'active staff vs person keys',
		   (SELECT pg_catalog.count(*) FROM quota.staff WHERE left_on IS NULL),
		   (SELECT pg_catalog.count(*) FROM quota.person_post p JOIN quota.staff s
			  ON s.id OPERATOR(pg_catalog.=) p.staff_id AND s.left_on IS NULL
			 AND pg_catalog.upper(s.person_id) OPERATOR(pg_catalog.=) p.person_id)
	WHERE (SELECT pg_catalog.count(*) FROM quota.staff WHERE left_on IS NULL) OPERATOR(pg_catalog.<>)
		  (SELECT pg_catalog.count(*) FROM quota.person_post p JOIN quota.staff s
			  ON s.id OPERATOR(pg_catalog.=) p.staff_id AND s.left_on IS NULL
			 AND pg_catalog.upper(s.person_id) OPERATOR(pg_catalog.=) p.person_id)
	UNION ALL
	SELECT 'hiring_used', pg_catalog.format('hiring %s', ha.hiring_id),
		   (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id OPERATOR(pg_catalog.=) ha.hiring_id), ha.used::bigint
	FROM quota.hiring_account ha
	WHERE ha.used OPERATOR(pg_catalog.<>) (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id OPERATOR(pg_catalog.=) ha.hiring_id)
	UNION ALL
	SELECT 'trigger_disabled', pg_catalog.format('%s on %s', t.tgname, t.tgrelid::pg_catalog.regclass), 1::bigint, 0::bigint
	FROM pg_catalog.pg_trigger t
	JOIN pg_catalog.pg_class r ON r.oid OPERATOR(pg_catalog.=) t.tgrelid
	WHERE r.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace AND NOT t.tgisinternal
	  AND t.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::"char"[])
	UNION ALL
	SELECT 'replication_role', 'session_replication_role = replica disables the triggers', 0::bigint, 1::bigint
	WHERE pg_catalog.current_setting('session_replication_role') OPERATOR(pg_catalog.=) 'replica'
	ORDER BY 1, 2
$$;
COMMENT ON FUNCTION quota.verify() IS 'recomputes every balance and counter from the ledger and the roster; returns no rows when the books are consistent';
