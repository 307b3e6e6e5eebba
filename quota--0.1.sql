\echo Use "CREATE EXTENSION quota" to load this file. \quit

-- quota 0.1: staffing establishment (机构编制) rules enforced by the database.
-- This file is generated from install/*.sql by `make`; edit those, not this.
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
	code text PRIMARY KEY,
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
	doc_no text PRIMARY KEY,
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
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
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
	FOR EACH STATEMENT EXECUTE FUNCTION quota.movement_apply();
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
	FOR EACH ROW EXECUTE FUNCTION quota.pool_opened();
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
	INSERT INTO quota.jurisdiction_account (division, category, subtree_held)
	SELECT NEW.division, c.code,
		   COALESCE((SELECT pg_catalog.sum(ja.level_held)::integer
					 FROM quota.jurisdiction_account ja
					 WHERE ja.division OPERATOR(pg_catalog.<@) NEW.division
					   AND ja.category OPERATOR(pg_catalog.=) c.code), 0)
	FROM quota.category c
	WHERE c.code OPERATOR(pg_catalog.<>) 'filed';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_opened() IS 'opens the internal accounts of a new jurisdiction';
CREATE TRIGGER jurisdiction_opened AFTER INSERT ON quota.jurisdiction
	FOR EACH ROW EXECUTE FUNCTION quota.jurisdiction_opened();
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

-- caps: the ceiling is copied onto the jurisdiction's account row, locked,
-- so a cap and a concurrent movement serialize on that row
CREATE FUNCTION quota.cap_sync() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	r record;
BEGIN
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
	FOR EACH ROW EXECUTE FUNCTION quota.cap_sync();
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
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN quota.uscc_division(u) IS NULL
			THEN pg_catalog.format('统一社会信用代码 %s embeds no valid division code.', u)
		WHEN NOT (d OPERATOR(pg_catalog.<@) quota.uscc_division(u) OR quota.uscc_division(u) OPERATOR(pg_catalog.<@) d)
			THEN pg_catalog.format('统一社会信用代码 %s was registered at %s, outside the org''s jurisdiction %s.', u, quota.uscc_division(u), d)
		WHEN k OPERATOR(pg_catalog.=) 'institution' AND pg_catalog.substr(quota.uscc_type(u), 1, 1) OPERATOR(pg_catalog.<>) '1'
			THEN pg_catalog.format('统一社会信用代码 %s has type %s, not an organ or institution code (1x).', u, quota.uscc_type(u))
		WHEN k OPERATOR(pg_catalog.=) 'institution' AND quota.uscc_type(u) OPERATOR(pg_catalog.<>) '12'
			THEN pg_catalog.format('统一社会信用代码 %s has type %s; a 事业单位 is registered as 12.', u, quota.uscc_type(u))
		WHEN k OPERATOR(pg_catalog.<>) 'institution' AND k OPERATOR(pg_catalog.<>) 'coordination_body'
			 AND pg_catalog.substr(quota.uscc_type(u), 1, 1) OPERATOR(pg_catalog.<>) '1'
			THEN pg_catalog.format('统一社会信用代码 %s has type %s; an organ is registered under 1x.', u, quota.uscc_type(u))
	END
$$;
COMMENT ON FUNCTION quota.org_code_mismatch(quota.uscc, quota.division, text) IS 'why a credit code contradicts an org''s division or kind, or NULL when it does not';

CREATE TRIGGER org_check BEFORE INSERT OR UPDATE ON quota.org
	FOR EACH ROW EXECUTE FUNCTION quota.org_check();
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
-- Standards (编制标准)
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.standard_posts(org_id bigint, category text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::pg_catalog.int4range
$$;
COMMENT ON FUNCTION quota.standard_posts(bigint, text) IS 'the post range (inclusive) the org''s posts standard gives for a category, NULL without one';
-- ---------------------------------------------------------------------------
-- The real-name roster (实名制): staff, hiring approvals, leadership posts
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.leadership_figures(org_id bigint, OUT leaders_approved integer, OUT leaders_filled integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::integer, NULL::integer
$$;
COMMENT ON FUNCTION quota.leadership_figures(bigint) IS 'approved leadership posts (领导职数, chief + deputy) of an org and how many are filled';

CREATE FUNCTION quota.staff_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::bigint, NULL::text, NULL::bigint WHERE false
$$;
COMMENT ON FUNCTION quota.staff_counts() IS 'active staff per org and category, counted from the roster';

CREATE FUNCTION quota.reserved_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::bigint, NULL::text, NULL::bigint WHERE false
$$;
COMMENT ON FUNCTION quota.reserved_counts() IS 'vacancies reserved by open hiring approvals per org and category';
-- ---------------------------------------------------------------------------
-- Dashboards: status views, continuous supervision (violations) and the
-- auditor's re-verification of every balance from the ledger.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.division_ancestors(d quota.division) RETURNS SETOF quota.division
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT a FROM (VALUES (d), (quota.division_parent(d)),
						  (quota.division_parent(quota.division_parent(d))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(d)))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(d)))))) v (a)
	WHERE a IS NOT NULL
$$;
COMMENT ON FUNCTION quota.division_ancestors(quota.division) IS 'the division and each of its ancestors';

CREATE VIEW quota.org_status AS
SELECT o.id AS org_id, o.name AS org_name, o.division, a.category,
	   a.approved, a.borrowed, a.occupied, a.reserved,
	   GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0) AS vacancy,
	   GREATEST(a.occupied OPERATOR(pg_catalog.-) a.approved OPERATOR(pg_catalog.-) a.borrowed, 0) AS over,
	   pg_catalog.round(a.occupied::numeric OPERATOR(pg_catalog./) NULLIF(a.approved, 0)::numeric, 4) AS usage_rate,
	   quota.standard_posts(o.id, a.category) AS standard_posts,
	   ld.leaders_approved, ld.leaders_filled
FROM quota.org_account a
JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
LEFT JOIN LATERAL quota.leadership_figures(o.id) ld ON true
WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
  AND (a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.+) a.occupied OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.>) 0;
COMMENT ON VIEW quota.org_status IS 'one row per org and 编制 category it holds or occupies: approved, borrowed, occupied, reserved, vacancy (空编), over (超编), usage rate (占编率), standard range, leadership posts';

CREATE VIEW quota.jurisdiction_status AS
WITH pools AS (
	SELECT p.division, p.category,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'unallocated' THEN pa.balance ELSE 0 END) AS unallocated,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'reserve' THEN pa.balance ELSE 0 END) AS reserve,
		   pg_catalog.sum(pa.lent) AS lent,
		   0::numeric AS occupied, 0::numeric AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT o.division, a.category, 0::numeric, 0::numeric, 0::numeric,
		   pg_catalog.sum(a.occupied),
		   pg_catalog.sum(GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0))
	FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
	WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
	GROUP BY o.division, a.category
), rolled AS (
	SELECT anc.a AS division, x.category,
		   pg_catalog.sum(x.unallocated) AS unallocated, pg_catalog.sum(x.reserve) AS reserve,
		   pg_catalog.sum(x.lent) AS lent, pg_catalog.sum(x.occupied) AS occupied,
		   pg_catalog.sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	CROSS JOIN LATERAL quota.division_ancestors(x.division) anc (a)
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
SELECT 'quota_over_establishment', 'org', a.org_id, a.category,
	   pg_catalog.format('超编: %s occupied, %s approved + %s borrowed.', a.occupied, a.approved, a.borrowed)
FROM quota.org_account a
WHERE a.occupied OPERATOR(pg_catalog.>) (a.approved OPERATOR(pg_catalog.+) a.borrowed)
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
