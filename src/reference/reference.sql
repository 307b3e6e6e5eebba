-- src/reference/reference.sql: reference data: categories, org kinds, category use, policy, issuer authority, the rank ladder
-- ---------------------------------------------------------------------------
-- Reference data: categories, org kinds, which kind may use which category,
-- policy parameters and the issuer-authority matrix.
-- ---------------------------------------------------------------------------

CREATE TABLE quota.category (
	code text PRIMARY KEY CHECK (pg_catalog.octet_length(code) < 64),	-- a short code (also a C hash key)
	name text NOT NULL,
	description text,
	central_across boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.category IS '编制类别: the closed set of establishment categories (R1.1); posts never change category (R1.5)';
COMMENT ON COLUMN quota.category.code IS 'stable code, e.g. admin, politico_legal, admin_worker, institution, filed';
COMMENT ON COLUMN quota.category.name IS 'Chinese name, e.g. 行政编制';
COMMENT ON COLUMN quota.category.description IS 'what the category is for';
COMMENT ON COLUMN quota.category.central_across IS '跨地区须中央审批: posts of this category move between jurisdictions only under a central issuer (R1.4)';

INSERT INTO quota.category (code, name, description, central_across) VALUES
	('admin', '行政编制', 'administrative posts of party and state organs', true),
	('politico_legal', '政法专项编制', 'ring-fenced posts of courts, procuratorates, public security, state security and justice (R1.3)', true);
INSERT INTO quota.category (code, name, description) VALUES
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

CREATE TABLE quota.rank (
	code text PRIMARY KEY,
	level integer NOT NULL UNIQUE CHECK (level > 0),
	name text NOT NULL
);
COMMENT ON TABLE quota.rank IS 'the rank ladder (机构规格 of an org, 职级 of a leader post): a higher level is a higher rank';
COMMENT ON COLUMN quota.rank.code IS 'the rank as written in quota.org.rank and quota.staff.post_rank, e.g. 正处';
COMMENT ON COLUMN quota.rank.level IS 'order on the ladder: 正部 9 … 股 1';
COMMENT ON COLUMN quota.rank.name IS 'English name';

INSERT INTO quota.rank (code, level, name) VALUES
	('正部', 9, 'full ministerial'),
	('副部', 8, 'vice-ministerial'),
	('正厅', 7, 'full bureau (department)'),
	('副厅', 6, 'deputy bureau (department)'),
	('正处', 5, 'full division'),
	('副处', 4, 'deputy division'),
	('正科', 3, 'full section'),
	('副科', 2, 'deputy section'),
	('股', 1, 'unit');

-- PL/pgSQL rather than SQL: a SQL function that cannot be inlined (it sets
-- its search_path) is parsed and planned again at every call.
CREATE FUNCTION quota.rank_level(rank text) RETURNS integer
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT r.level FROM quota.rank r WHERE r.code OPERATOR(pg_catalog.=) rank_level.rank);
END
$$;
COMMENT ON FUNCTION quota.rank_level(text) IS 'the level of a rank on the ladder quota.rank (正部 9 … 股 1), NULL for no rank';

-- Reference rows added or changed at run time are data: every reference table
-- is dumped whole.  At a restore, CREATE EXTENSION seeds the shipped rows
-- first; the dumped rows then arrive through quota.reference_restored, which
-- turns a row whose key is already seeded into an update of that row (a
-- changed policy value, a renamed category) instead of a duplicate key.  One
-- function for every reference table: the table's primary key names the
-- seeded row, every other column takes the dumped value (a column added
-- later needs no change here).
CREATE FUNCTION quota.reference_restored() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	keyed text[];
	rest text[];
	n bigint;
BEGIN
	SELECT pg_catalog.array_agg(pg_catalog.format('%I = ($1).%I', a.attname, a.attname) ORDER BY a.attnum)
			   FILTER (WHERE k.indrelid IS NOT NULL),
		   pg_catalog.array_agg(pg_catalog.format('%I = ($1).%I', a.attname, a.attname) ORDER BY a.attnum)
			   FILTER (WHERE k.indrelid IS NULL)
	  INTO keyed, rest
	  FROM pg_catalog.pg_attribute a
	  LEFT JOIN pg_catalog.pg_index k ON k.indrelid = a.attrelid AND k.indisprimary AND a.attnum = ANY (k.indkey)
	 WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped;
	IF rest IS NULL THEN
		-- every column is the key: a seeded row is skipped
		EXECUTE pg_catalog.format('SELECT 1 FROM %I.%I WHERE %s', TG_TABLE_SCHEMA, TG_TABLE_NAME,
								  pg_catalog.array_to_string(keyed, ' AND ')) USING NEW;
	ELSE
		EXECUTE pg_catalog.format('UPDATE %I.%I SET %s WHERE %s', TG_TABLE_SCHEMA, TG_TABLE_NAME,
								  pg_catalog.array_to_string(rest, ', '), pg_catalog.array_to_string(keyed, ' AND ')) USING NEW;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		RETURN NULL;	-- a seeded row, now as it was dumped
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.reference_restored() IS 'while a dump is restored: a reference row whose key the install script seeded updates that row instead of duplicating it';
CREATE TRIGGER category_restored BEFORE INSERT ON quota.category
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER category_restored ON quota.category IS 'a restored row updates the seeded row of the same key';
CREATE TRIGGER org_kind_restored BEFORE INSERT ON quota.org_kind
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER org_kind_restored ON quota.org_kind IS 'a restored row updates the seeded row of the same key';
CREATE TRIGGER category_use_restored BEFORE INSERT ON quota.category_use
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER category_use_restored ON quota.category_use IS 'a restored row updates the seeded row of the same key';
CREATE TRIGGER policy_restored BEFORE INSERT ON quota.policy
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER policy_restored ON quota.policy IS 'a restored row updates the seeded row of the same key';
CREATE TRIGGER authority_restored BEFORE INSERT ON quota.authority
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER authority_restored ON quota.authority IS 'a restored row updates the seeded row of the same key';
CREATE TRIGGER rank_restored BEFORE INSERT ON quota.rank
	FOR EACH ROW WHEN (quota.restoring()) EXECUTE FUNCTION quota.reference_restored();
COMMENT ON TRIGGER rank_restored ON quota.rank IS 'a restored row updates the seeded row of the same key';

SELECT pg_catalog.pg_extension_config_dump('quota.category', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_kind', '');
SELECT pg_catalog.pg_extension_config_dump('quota.category_use', '');
SELECT pg_catalog.pg_extension_config_dump('quota.policy', '');
SELECT pg_catalog.pg_extension_config_dump('quota.authority', '');
SELECT pg_catalog.pg_extension_config_dump('quota.rank', '');

-- quota.org.rank and quota.staff.post_rank name a rank of the ladder twice over:
-- a CHECK through quota.rank_level refuses an unknown rank as a column's own
-- check (23514, org_rank_check / staff_post_rank_check, before any row is
-- written), and a foreign key keeps a rank in use from being deleted.
