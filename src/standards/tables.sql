-- src/standards/tables.sql: standards (编制标准), metrics, internal units, duties and reform bookkeeping tables
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
	-- deferred: quota.document_named reports a missing approval as quota_authority
	doc_no text REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
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
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
	-- finite and of a sane size: NaN and Infinity (NaN sorts above every
	-- number) and values whose arithmetic would overflow a post count
	CONSTRAINT standard_term_finite CHECK (
		band_from > -1e12 AND band_from < 1e12 AND (band_to IS NULL OR band_to < 1e12)
		AND (per_post IS NULL OR (per_post >= 1e-6 AND per_post < 1e12))
		AND (low_factor IS NULL OR (low_factor > -1e6 AND low_factor < 1e6))
		AND (high_factor IS NULL OR (high_factor > -1e6 AND high_factor < 1e6))
		AND fixed_low > -1e6 AND fixed_low < 1e6 AND fixed_high > -1e6 AND fixed_high < 1e6),
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
	-- approved_posts is derived from the ledger, never stored
	metric text NOT NULL CONSTRAINT org_metric_not_derived CHECK (metric <> 'approved_posts'),
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
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	name text NOT NULL,
	comprehensive boolean NOT NULL DEFAULT false,
	leader_posts integer NOT NULL DEFAULT 0 CHECK (leader_posts >= 0),
	-- deferred: quota.document_named reports a missing approval as quota_authority
	doc_no text REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED
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
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

