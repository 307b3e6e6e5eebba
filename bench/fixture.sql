-- bench/fixture.sql -- the accounts the write workloads (P1-P4, P6) work on,
-- added on top of bench/generate.sql's national data, and the unconstrained
-- baseline tables they are compared with.
--
--   P1/P2/P3/P4: 10,013 institutions (31 provinces x 323; ids 10000001 +
--     323 * province_ordinal + i), spread over every county of their
--     province, each holding 2,000 institution posts and nobody on them yet;
--     one approval per province ('基准编〔2024〕<ordinal>号') that contains both
--     ends of every transfer inside the province.
--   P6: 200 institutions (ids 10100001..10100200) in the counties of 370100,
--     and that prefecture's unallocated institution pool, topped up with
--     5,000,000 posts: the hot pool every allocation draws on.
--
-- All of it goes through the extension: issue -> delegate -> allocate.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, public;

INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title)
SELECT '基准编〔2024〕' || p.ord || '号', p.name || '机构编制委员会', 'committee',
	   (p.code || '0000')::quota.division, date '2024-06-01', '关于事业单位之间编制调剂的通知'
FROM bench.province p
UNION ALL
SELECT '基准编〔2024〕P6号', j.name || '机构编制委员会', 'committee', j.division::quota.division,
	   date '2024-06-01', '关于核定新设事业单位编制的通知'
FROM bench.juris j WHERE j.division = '370100';

-- P1..P4 orgs
CREATE TABLE bench.p1_org AS
SELECT p.ord AS p, i, 10000001 + p.ord * 323 + i AS org_id, c.division
FROM bench.province p
CROSS JOIN generate_series(0, 322) i
CROSS JOIN LATERAL (
	SELECT cc.division FROM (SELECT division, row_number() OVER (ORDER BY division) - 1 AS rn,
									count(*) OVER () AS n
							 FROM bench.juris WHERE level = 3 AND prov = p.code) cc
	WHERE cc.rn = i % cc.n) c;
ALTER TABLE bench.p1_org ADD PRIMARY KEY (org_id);

INSERT INTO quota.org (id, name, division, kind, sector, rank, funding, established_on)
OVERRIDING SYSTEM VALUE
SELECT o.org_id, j.name || '基准事业单位' || o.i, o.division::quota.division, 'institution', 'other', '副科', '全额',
	   date '2024-06-01'
FROM bench.p1_org o JOIN bench.juris j ON j.division = o.division
ORDER BY o.org_id;

-- P6 orgs
CREATE TABLE bench.p6_org AS
SELECT 10100001 + i AS org_id, c.division
FROM generate_series(0, 199) i
CROSS JOIN LATERAL (
	SELECT cc.division FROM (SELECT division, row_number() OVER (ORDER BY division) - 1 AS rn,
									count(*) OVER () AS n
							 FROM bench.juris WHERE level = 3 AND pref = '3701') cc
	WHERE cc.rn = i % cc.n) c;
INSERT INTO quota.org (id, name, division, kind, sector, rank, funding, established_on)
OVERRIDING SYSTEM VALUE
SELECT o.org_id, j.name || '新设事业单位' || (o.org_id - 10100000), o.division::quota.division, 'institution',
	   'other', '副科', '全额', date '2024-06-01'
FROM bench.p6_org o JOIN bench.juris j ON j.division = o.division
ORDER BY o.org_id;

-- posts: central grant to each province (and the hot pool), delegated to the
-- counties, allocated to the P1 orgs
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, note)
SELECT 'issue', 'institution', 323 * 2000, po.pool_id, '中央编办发〔2024〕1号', '基准测试'
FROM bench.province p JOIN bench.pool_of po ON po.division = p.code || '0000' AND po.kind = 'unallocated'
 AND po.category = 'institution'
UNION ALL
SELECT 'issue', 'institution', 5000000, po.pool_id, '中央编办发〔2024〕1号', '基准测试：热点编制池'
FROM bench.pool_of po WHERE po.division = '370100' AND po.kind = 'unallocated' AND po.category = 'institution'
ORDER BY 4;

INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, note)
SELECT 'delegate', 'institution', 2000 * count(*), pf.pool_id, pt.pool_id, '基准编〔2024〕' || o.p || '号', '基准测试'
FROM bench.p1_org o
JOIN bench.province p ON p.ord = o.p
JOIN bench.pool_of pf ON pf.division = p.code || '0000' AND pf.kind = 'unallocated' AND pf.category = 'institution'
JOIN bench.pool_of pt ON pt.division = o.division AND pt.kind = 'unallocated' AND pt.category = 'institution'
GROUP BY o.p, pf.pool_id, pt.pool_id
ORDER BY pt.pool_id;

INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
SELECT 'allocate', 'institution', 2000, pt.pool_id, o.org_id, '基准编〔2024〕' || o.p || '号', '基准测试'
FROM bench.p1_org o
JOIN bench.pool_of pt ON pt.division = o.division AND pt.kind = 'unallocated' AND pt.category = 'institution'
ORDER BY o.org_id;

-- the hot pool of P6
CREATE TABLE bench.p6_pool AS
SELECT pool_id FROM bench.pool_of WHERE division = '370100' AND kind = 'unallocated' AND category = 'institution';

-- ---------------------------------------------------------------------------
-- Baselines: the same row writes with no checks.  Same columns, defaults,
-- identity, primary key and indexes; no CHECK, no foreign key, no trigger.
-- ---------------------------------------------------------------------------

DROP TABLE IF EXISTS bench.movement_plain, bench.counter_plain, bench.staff_plain;
CREATE TABLE bench.movement_plain (LIKE quota.movement INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
-- a plain counter per (org, category), as an application without the extension would keep
CREATE TABLE bench.counter_plain (
	org_id bigint NOT NULL,
	category text NOT NULL,
	approved integer NOT NULL,
	borrowed integer NOT NULL,
	occupied integer NOT NULL,
	reserved integer NOT NULL,
	PRIMARY KEY (org_id, category)
);
INSERT INTO bench.counter_plain
SELECT a.org_id, a.category, a.approved, a.borrowed, a.occupied, a.reserved
FROM quota.org_account a WHERE a.org_id >= 10000001
ORDER BY 1, 2;
CREATE TABLE bench.staff_plain (LIKE quota.staff INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);

VACUUM ANALYZE quota.org, quota.org_account, quota.pool_account, quota.jurisdiction_account, quota.movement,
	bench.p1_org, bench.p6_org, bench.counter_plain, bench.movement_plain, bench.staff_plain;
