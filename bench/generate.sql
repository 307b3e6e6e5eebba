-- bench/generate.sql -- synthetic national-scale data for the quota benchmarks.
--
--   psql -v scale=0.05 -f bench/generate.sql
--
-- scale 1 is "national scale" (DESIGN.md §11 P5): 31 provinces and about
-- 3,000 jurisdictions (always all of them, whatever the scale), 200,000 orgs
-- of every kind and sector, about 5,000,000 staff, pools at every level,
-- loans from turnover pools and control numbers (caps).  Everything is loaded
-- through the extension -- issue -> delegate -> allocate on quota.movement,
-- entries into quota.staff -- so the triggers run and the books balance, and
-- every load is a set-wise INSERT ... SELECT (one statement per step, or one
-- per province for the large ones).  Deterministic: setseed() below.
--
-- Division codes look real: the 31 real province codes, prefectures PPxx00
-- (xx from 01), counties PPxxyy (districts 02.., counties 21.., one
-- county-level city 81).  Credit codes (GB 32100) and resident ids (GB 11643)
-- carry correct check characters; 0.3% of the credit codes embed a division
-- of another province, so quota.violations has quota_code_mismatch rows, and
-- about a quarter of the loans are expired (quota_loan_expired).

\set ON_ERROR_STOP 1
\if :{?scale}
\else
\set scale 0.05
\endif
SET client_min_messages = error;	-- the deliberate credit-code mismatches warn
SET search_path = pg_catalog, public;
SELECT setseed(0.4242) \g /dev/null

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.param AS
SELECT :'scale'::numeric AS scale,
	   greatest(round(200000 * :'scale'::numeric), 40)::integer AS n_orgs,
	   round(5000000 * :'scale'::numeric)::bigint AS n_staff;

-- ---------------------------------------------------------------------------
-- Code helpers (also used by bench/fixture.sql and the pgbench scripts)
-- ---------------------------------------------------------------------------

-- GB 11643 check character of a 17-digit body (inlinable: one expression)
CREATE FUNCTION bench.rid_check(b text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT substr('10X98765432',
		((substr(b, 1, 1)::int * 7 + substr(b, 2, 1)::int * 9 + substr(b, 3, 1)::int * 10
		  + substr(b, 4, 1)::int * 5 + substr(b, 5, 1)::int * 8 + substr(b, 6, 1)::int * 4
		  + substr(b, 7, 1)::int * 2 + substr(b, 8, 1)::int * 1 + substr(b, 9, 1)::int * 6
		  + substr(b, 10, 1)::int * 3 + substr(b, 11, 1)::int * 7 + substr(b, 12, 1)::int * 9
		  + substr(b, 13, 1)::int * 10 + substr(b, 14, 1)::int * 5 + substr(b, 15, 1)::int * 8
		  + substr(b, 16, 1)::int * 4 + substr(b, 17, 1)::int * 2) % 11) + 1, 1)
$$;

-- resident id number k of a region: born 1960-01-01 + (k mod 14600) days,
-- sequence digits seq0 + k / 14600 -- unique per (region, seq0 band, k)
CREATE FUNCTION bench.rid(region text, k bigint, seq0 integer DEFAULT 0) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT b || bench.rid_check(b)
	FROM (SELECT region || to_char(date '1960-01-01' + (k % 14600)::integer, 'YYYYMMDD')
				 || lpad((seq0 + k / 14600)::text, 3, '0') AS b) x
$$;

-- GB 11714 organization code: 8 digits + check character
CREATE FUNCTION bench.orgcode(n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT d || CASE c WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE c::text END
	FROM (SELECT d, 11 - (substr(d, 1, 1)::int * 3 + substr(d, 2, 1)::int * 7 + substr(d, 3, 1)::int * 9
						  + substr(d, 4, 1)::int * 10 + substr(d, 5, 1)::int * 5 + substr(d, 6, 1)::int * 8
						  + substr(d, 7, 1)::int * 4 + substr(d, 8, 1)::int * 2) % 11 AS c
		  FROM (SELECT lpad((n % 100000000)::text, 8, '0') AS d) x) y
$$;

-- GB 32100 credit code: registration dept '1', type digit, division, org code, check
CREATE FUNCTION bench.uscc(typ text, division text, n bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT b || substr(alpha, ((31 - s % 31) % 31 + 1)::int, 1)
	FROM (SELECT b, alpha,
				 (SELECT sum((strpos(alpha, substr(b, i::int, 1)) - 1) * w)
				  FROM unnest(ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]) WITH ORDINALITY AS t(w, i)) AS s
		  FROM (SELECT '1' || typ || division || bench.orgcode(n) AS b,
					   '0123456789ABCDEFGHJKLMNPQRTUWXY'::text AS alpha) x) y
$$;

-- ---------------------------------------------------------------------------
-- Jurisdictions: 31 provinces, ~300 prefectures, ~2,700 counties
-- ---------------------------------------------------------------------------

CREATE TABLE bench.province (ord int PRIMARY KEY, code text UNIQUE, name text, short text);
INSERT INTO bench.province (ord, code, name, short)
SELECT ord - 1, c, n, s
FROM unnest(
	ARRAY['11','12','13','14','15','21','22','23','31','32','33','34','35','36','37','41',
		  '42','43','44','45','46','50','51','52','53','54','61','62','63','64','65'],
	ARRAY['北京市','天津市','河北省','山西省','内蒙古自治区','辽宁省','吉林省','黑龙江省','上海市',
		  '江苏省','浙江省','安徽省','福建省','江西省','山东省','河南省','湖北省','湖南省','广东省',
		  '广西壮族自治区','海南省','重庆市','四川省','贵州省','云南省','西藏自治区','陕西省','甘肃省',
		  '青海省','宁夏回族自治区','新疆维吾尔自治区'],
	ARRAY['京','津','冀','晋','蒙','辽','吉','黑','沪','苏','浙','皖','闽','赣','鲁','豫',
		  '鄂','湘','粤','桂','琼','渝','川','黔','滇','藏','陕','甘','青','宁','新'])
	WITH ORDINALITY AS t(c, n, s, ord);

CREATE TABLE bench.juris (
	division text PRIMARY KEY,
	level int NOT NULL,
	prov text NOT NULL,
	pref text,
	name text NOT NULL,
	short text NOT NULL,
	doc text NOT NULL
);
-- provinces
INSERT INTO bench.juris
SELECT code || '0000', 1, code, NULL, name, short, short || '编〔2024〕' || code || '0000号' FROM bench.province;
-- prefectures: municipalities have 2 (市辖区, 县), the others 5..17
INSERT INTO bench.juris
SELECT p.code || lpad(j::text, 2, '0') || '00', 2, p.code, p.code || lpad(j::text, 2, '0'),
	   p.short || '第' || j || '市', p.short, p.short || '编〔2024〕' || p.code || lpad(j::text, 2, '0') || '00号'
FROM bench.province p,
	 LATERAL generate_series(1, CASE WHEN p.code IN ('11', '12', '31', '50') THEN 2
								   ELSE 5 + (p.code::int * 7) % 13 END) j;
-- counties: 5..13 per prefecture; districts 02.., counties 21.., one city 81
INSERT INTO bench.juris
SELECT f.pref || lpad(yy::text, 2, '0'), 3, f.prov, f.pref,
	   f.name || CASE WHEN yy < 21 THEN '第' || (yy - 1) || '区' WHEN yy < 81 THEN '第' || (yy - 20) || '县'
					  ELSE '第1市' END,
	   f.short, f.short || '编〔2024〕' || f.pref || lpad(yy::text, 2, '0') || '号'
FROM (SELECT j.*, 5 + (substr(division, 1, 4)::int * 7) % 9 AS n FROM bench.juris j WHERE level = 2) f,
	 LATERAL (SELECT CASE WHEN k <= n / 3 THEN 1 + k WHEN k < n THEN 20 + k - n / 3 ELSE 81 END AS yy
			  FROM generate_series(1, n) k) c;

-- registered through the extension, parents first (jurisdiction_opened)
INSERT INTO quota.jurisdiction (division, name)
SELECT division::quota.division, name FROM bench.juris ORDER BY level, division;

-- approvals: one central document, and one of each jurisdiction's staffing committee
INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title)
VALUES ('中央编办发〔2024〕1号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-05',
		'关于下达2024年各地区机构编制的通知');
INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title)
SELECT doc, name || '机构编制委员会', 'committee', division::quota.division, date '2024-01-05' + level,
	   '关于' || name || '机构编制事项的通知'
FROM bench.juris;

-- ---------------------------------------------------------------------------
-- Pools: unallocated for every category at every level; reserve, turnover
-- and talent pools at provinces and prefectures
-- ---------------------------------------------------------------------------

INSERT INTO quota.pool (division, kind, category)
SELECT j.division::quota.division, 'unallocated', c
FROM bench.juris j, unnest(ARRAY['admin', 'politico_legal', 'admin_worker', 'institution']) c
UNION ALL
SELECT j.division::quota.division, k, c
FROM bench.juris j,
	 (VALUES ('reserve', 'admin'), ('reserve', 'institution'), ('turnover', 'institution'),
			 ('talent', 'institution')) v (k, c)
WHERE j.level <= 2
ORDER BY 1, 2, 3;

-- ---------------------------------------------------------------------------
-- Orgs: a 40-slot template of every kind and sector, spread over the levels
-- (4% province, 21% prefecture, 75% county)
-- ---------------------------------------------------------------------------

CREATE TABLE bench.template (
	slot int PRIMARY KEY, kind text, sector text, suffix text,
	admin int, politico_legal int, admin_worker int, institution int
);
INSERT INTO bench.template VALUES
	(0,  'party_organ',       NULL, '委办公室',            30, 0,   3, 0),
	(1,  'party_organ',       NULL, '委组织部',            25, 0,   2, 0),
	(2,  'government_organ',  NULL, '人民政府办公室',      35, 0,   4, 0),
	(3,  'government_organ',  NULL, '发展和改革局',        30, 0,   2, 0),
	(4,  'government_organ',  NULL, '教育局',              28, 0,   2, 0),
	(5,  'government_organ',  NULL, '财政局',              30, 0,   2, 0),
	(6,  'people_congress',   NULL, '人大常委会办公室',    18, 0,   2, 0),
	(7,  'cppcc',             NULL, '政协办公室',          15, 0,   2, 0),
	(8,  'supervision',       NULL, '监察委员会',          35, 0,   2, 0),
	(9,  'court',             NULL, '人民法院',             6, 80,  4, 0),
	(10, 'procuratorate',     NULL, '人民检察院',           5, 50,  3, 0),
	(11, 'public_security',   NULL, '公安局',               8, 200, 6, 0),
	(12, 'state_security',    NULL, '国家安全局',           2, 30,  1, 0),
	(13, 'justice',           NULL, '司法局',              12, 20,  2, 0),
	(14, 'mass_org',          NULL, '总工会',              10, 0,   1, 0),
	(15, 'mass_org',          NULL, '妇女联合会',           8, 0,   1, 0),
	(16, 'democratic_party',  NULL, '民革委员会',           5, 0,   0, 0),
	(17, 'coordination_body', NULL, '深化改革领导小组办公室', 0, 0, 0, 0),
	(18, 'institution', 'school_primary',    '第一实验小学',     0, 0, 0, 35),
	(19, 'institution', 'school_primary',    '第二小学',         0, 0, 0, 30),
	(20, 'institution', 'school_primary',    '第三小学',         0, 0, 0, 28),
	(21, 'institution', 'school_primary',    '中心小学',         0, 0, 0, 25),
	(22, 'institution', 'school_primary',    '第五小学',         0, 0, 0, 22),
	(23, 'institution', 'school_primary',    '希望小学',         0, 0, 0, 18),
	(24, 'institution', 'school_junior',     '第一初级中学',     0, 0, 0, 55),
	(25, 'institution', 'school_junior',     '第二初级中学',     0, 0, 0, 45),
	(26, 'institution', 'school_junior',     '实验中学',         0, 0, 0, 50),
	(27, 'institution', 'school_senior',     '第一高级中学',     0, 0, 0, 80),
	(28, 'institution', 'school_senior',     '第二高级中学',     0, 0, 0, 65),
	(29, 'institution', 'vocational_school', '职业中等专业学校', 0, 0, 0, 50),
	(30, 'institution', 'hospital',          '人民医院',         0, 0, 0, 110),
	(31, 'institution', 'hospital',          '中医医院',         0, 0, 0, 70),
	(32, 'institution', 'university',        '职业技术学院',     0, 0, 0, 90),
	(33, 'institution', 'research',          '农业科学研究所',   0, 0, 0, 25),
	(34, 'institution', 'other',             '疾病预防控制中心', 0, 0, 0, 30),
	(35, 'institution', 'other',             '档案馆',           0, 0, 0, 10),
	(36, 'institution', 'other',             '融媒体中心',       0, 0, 0, 25),
	(37, 'institution', 'other',             '水利事业服务中心', 0, 0, 0, 15),
	(38, 'institution', 'other',             '农业技术推广中心', 0, 0, 0, 18),
	(39, 'institution', 'other',             '公共资源交易中心', 0, 0, 0, 10);

CREATE TABLE bench.org (
	org_id bigint PRIMARY KEY,
	division text NOT NULL,
	level int NOT NULL,
	prov text NOT NULL,
	slot int NOT NULL
);
WITH lv AS (
	SELECT j.*, count(*) OVER (PARTITION BY level) AS n_level,
		   row_number() OVER (ORDER BY level, division) AS jord
	FROM bench.juris j
), share AS (
	SELECT lv.*, greatest(1, round((SELECT n_orgs FROM bench.param)
								   * CASE level WHEN 1 THEN 0.04 WHEN 2 THEN 0.21 ELSE 0.75 END / n_level))::int AS k
	FROM lv
)
INSERT INTO bench.org (org_id, division, level, prov, slot)
SELECT row_number() OVER (ORDER BY s.prov, s.level, s.division, i), s.division, s.level, s.prov,
	   -- spread the template; a jurisdiction with room for 20 or more orgs
	   -- gets its government and party offices first
	   CASE WHEN s.k >= 20 AND i <= 2 THEN CASE i WHEN 1 THEN 2 ELSE 0 END ELSE (i * 7 + s.jord) % 40 END
FROM share s, generate_series(1, s.k) i;

INSERT INTO quota.org (id, name, division, kind, uscc, sector, rank, funding, parent_id, recall_on_exit,
					   established_on)
OVERRIDING SYSTEM VALUE
SELECT o.org_id,
	   j.name || t.suffix || CASE WHEN o.slot >= 18 THEN '（' || o.org_id || '）' ELSE '' END,
	   o.division::quota.division, t.kind,
	   CASE WHEN o.org_id % 20 = 7 THEN NULL	-- 5% have no credit code on file
			ELSE bench.uscc(CASE WHEN t.kind = 'institution' THEN '2' WHEN t.kind = 'mass_org' THEN '3' ELSE '1' END,
							CASE WHEN o.org_id % 331 = 5	-- 0.3% registered in another province
								 THEN (CASE WHEN o.prov = '65' THEN '11' ELSE '65' END) || substr(rpad(o.division, 6, '0'), 3)
								 ELSE rpad(o.division, 6, '0') END,
							o.org_id)::quota.uscc END,
	   t.sector,
	   CASE o.level WHEN 1 THEN CASE WHEN t.kind = 'institution' THEN '副厅' ELSE '正厅' END
					WHEN 2 THEN CASE WHEN t.kind = 'institution' THEN '副处' ELSE '正处' END
					ELSE CASE WHEN t.kind = 'institution' THEN '副科' ELSE '正科' END END,
	   CASE WHEN t.kind <> 'institution' THEN NULL WHEN t.sector = 'hospital' THEN '差额'
			WHEN t.slot IN (35, 39) THEN '自收自支' ELSE '全额' END,
	   -- institutions belong to their jurisdiction's government office or education bureau
	   CASE WHEN o.slot >= 18 THEN par.org_id END,
	   o.org_id % 50 = 3,
	   date '1980-01-01' + (o.org_id % 12000)::int
FROM bench.org o
JOIN bench.template t ON t.slot = o.slot
JOIN bench.juris j ON j.division = o.division
LEFT JOIN (SELECT division, min(org_id) AS org_id FROM bench.org WHERE slot IN (2, 4) GROUP BY division) par
  ON par.division = o.division
-- parents before the institutions under them: quota.org checks parent_id at
-- the row (quota.reference_known), and a parent may have the higher id
ORDER BY o.slot >= 18, o.org_id;
SELECT setval('quota.org_id_seq', (SELECT max(id) FROM quota.org));

-- ---------------------------------------------------------------------------
-- Posts per org and category (mean ~29 per org), and occupancy (mean ~85%)
-- ---------------------------------------------------------------------------

CREATE TABLE bench.alloc (
	org_id bigint NOT NULL,
	category text NOT NULL,
	division text NOT NULL,
	level int NOT NULL,
	prov text NOT NULL,
	posts int NOT NULL,
	staff int NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, category)
);
INSERT INTO bench.alloc (org_id, category, division, level, prov, posts)
SELECT o.org_id, c.category, o.division, o.level, o.prov,
	   greatest(1, round(c.base * CASE o.level WHEN 1 THEN 2.5 WHEN 2 THEN 1.6 ELSE 1 END * (0.6 + 0.8 * random())))::int
FROM bench.org o
JOIN bench.template t ON t.slot = o.slot
CROSS JOIN LATERAL (VALUES ('admin', t.admin), ('politico_legal', t.politico_legal),
						   ('admin_worker', t.admin_worker), ('institution', t.institution)) c (category, base)
WHERE c.base > 0;
-- calibrate to ~n_staff / 0.85 posts in all
UPDATE bench.alloc a SET posts = greatest(1, round(a.posts * f.f))::int
FROM (SELECT (SELECT n_staff FROM bench.param) / 0.85 / sum(posts) AS f FROM bench.alloc) f;
UPDATE bench.alloc SET staff = floor(posts * (0.70 + 0.30 * random()))::int;

-- headcount caps: hospitals (人员总量) take filed (备案制) staff too
UPDATE quota.org o SET headcount_cap = ceil(a.posts * 1.3)::int
FROM bench.alloc a
WHERE a.org_id = o.id AND a.category = 'institution' AND o.sector = 'hospital';

-- ---------------------------------------------------------------------------
-- The ledger: issue -> delegate -> allocate, then reserves, turnover and
-- talent pools, loans and control numbers
-- ---------------------------------------------------------------------------

CREATE TABLE bench.need AS
SELECT j.division, j.level, j.prov, j.pref, j.doc, c.category,
	   COALESCE(a.own, 0)::bigint AS own, 0::bigint AS deliver
FROM bench.juris j
CROSS JOIN unnest(ARRAY['admin', 'politico_legal', 'admin_worker', 'institution']) c (category)
LEFT JOIN (SELECT division, category, sum(posts) AS own FROM bench.alloc GROUP BY 1, 2) a
  ON a.division = j.division AND a.category = c.category;
CREATE INDEX ON bench.need (level, pref, category);
CREATE INDEX ON bench.need (level, prov, category);
-- what each level's unallocated pool receives: own need + 5% slack, the
-- children's deliveries, and what it passes on to its reserve/turnover/talent pools
CREATE FUNCTION bench.extras(level int, category text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN level = 3 THEN 0
				WHEN category = 'admin' THEN CASE level WHEN 1 THEN 60 ELSE 20 END
				WHEN category = 'institution' THEN CASE level WHEN 1 THEN 60 + 300 + 90 ELSE 20 + 100 + 30 END
				ELSE 0 END::bigint
$$;
UPDATE bench.need SET deliver = ceil(own * 1.05) + 2 WHERE level = 3;
UPDATE bench.need n SET deliver = ceil(n.own * 1.05) + 2 + bench.extras(2, n.category) + COALESCE(c.s, 0)
FROM (SELECT n2.division, n2.category,
			 (SELECT sum(c.deliver) FROM bench.need c WHERE c.level = 3 AND c.pref = substr(n2.division, 1, 4)
			  AND c.category = n2.category) AS s
	  FROM bench.need n2 WHERE n2.level = 2) c
WHERE n.level = 2 AND c.division = n.division AND c.category = n.category;
UPDATE bench.need n SET deliver = ceil(n.own * 1.05) + 2 + bench.extras(1, n.category) + COALESCE(c.s, 0)
FROM (SELECT n2.division, n2.category,
			 (SELECT sum(c.deliver) FROM bench.need c WHERE c.level = 2 AND c.prov || '0000' = n2.division
			  AND c.category = n2.category) AS s
	  FROM bench.need n2 WHERE n2.level = 1) c
WHERE n.level = 1 AND c.division = n.division AND c.category = n.category;

CREATE TABLE bench.pool_of AS
SELECT p.id AS pool_id, p.division::text AS division, p.kind, p.category FROM quota.pool p;
CREATE UNIQUE INDEX ON bench.pool_of (division, kind, category);

-- 核增: the central office grants each province its posts
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
SELECT 'issue', n.category, n.deliver, p.pool_id, '中央编办发〔2024〕1号', date '2024-01-05'
FROM bench.need n JOIN bench.pool_of p ON p.division = n.division AND p.kind = 'unallocated' AND p.category = n.category
WHERE n.level = 1 AND n.deliver > 0
ORDER BY n.division, n.category;

-- 下达: province -> prefecture, prefecture -> county, under the upper
-- committee's document; admin and politico_legal posts cross jurisdictions
-- only under a central approval (R1.4)
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on)
SELECT 'delegate', n.category, n.deliver, pf.pool_id, pt.pool_id,
	   CASE WHEN n.category IN ('admin', 'politico_legal') THEN '中央编办发〔2024〕1号' ELSE up.doc END,
	   date '2024-02-01'
FROM bench.need n
JOIN bench.juris up ON up.division = n.prov || '0000'
JOIN bench.pool_of pf ON pf.division = up.division AND pf.kind = 'unallocated' AND pf.category = n.category
JOIN bench.pool_of pt ON pt.division = n.division AND pt.kind = 'unallocated' AND pt.category = n.category
WHERE n.level = 2 AND n.deliver > 0
ORDER BY n.division, n.category;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on)
SELECT 'delegate', n.category, n.deliver, pf.pool_id, pt.pool_id,
	   CASE WHEN n.category IN ('admin', 'politico_legal') THEN '中央编办发〔2024〕1号' ELSE up.doc END,
	   date '2024-02-15'
FROM bench.need n
JOIN bench.juris up ON up.division = n.pref || '00'
JOIN bench.pool_of pf ON pf.division = up.division AND pf.kind = 'unallocated' AND pf.category = n.category
JOIN bench.pool_of pt ON pt.division = n.division AND pt.kind = 'unallocated' AND pt.category = n.category
WHERE n.level = 3 AND n.deliver > 0
ORDER BY n.division, n.category;

-- 机动编制, 周转池, 人才编制蓄水池 at provinces and prefectures
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on)
SELECT 'delegate', v.category, v.amount * CASE j.level WHEN 1 THEN 3 ELSE 1 END, pf.pool_id, pt.pool_id, j.doc, date '2024-02-20'
FROM bench.juris j
CROSS JOIN (VALUES ('reserve', 'admin', 20), ('reserve', 'institution', 20), ('turnover', 'institution', 100),
				   ('talent', 'institution', 30)) v (kind, category, amount)
JOIN bench.pool_of pf ON pf.division = j.division AND pf.kind = 'unallocated' AND pf.category = v.category
JOIN bench.pool_of pt ON pt.division = j.division AND pt.kind = v.kind AND pt.category = v.category
WHERE j.level <= 2
ORDER BY j.division, v.kind, v.category;

-- 核定: each jurisdiction's pool to its own orgs, one statement per province
SELECT format($q$
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
SELECT 'allocate', a.category, a.posts, p.pool_id, a.org_id, j.doc, date '2024-03-01'
FROM bench.alloc a
JOIN bench.juris j ON j.division = a.division
JOIN bench.pool_of p ON p.division = a.division AND p.kind = 'unallocated' AND p.category = a.category
WHERE a.prov = %L
ORDER BY a.org_id, a.category$q$, code) FROM bench.province ORDER BY code
\gexec

-- 周转编制: 1% of the county institutions borrow 2-5 posts from their
-- prefecture's turnover pool, after their approvals were issued (a movement
-- takes effect under an approval already issued): three-year loans, and a
-- quarter of one-year loans, long expired
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on, note)
SELECT 'lend', 'institution', 2 + a.org_id % 4, p.pool_id, a.org_id, pj.doc,
	   date '2024-04-01' + ((a.org_id * 37) % 200)::int,
	   date '2024-04-01' + ((a.org_id * 37) % 200)::int + CASE WHEN a.org_id % 400 = 11 THEN 365 ELSE 1095 END, '周转编制'
FROM bench.alloc a
JOIN bench.juris cj ON cj.division = a.division
JOIN bench.juris pj ON pj.division = cj.pref || '00'
JOIN bench.pool_of p ON p.division = pj.division AND p.kind = 'turnover' AND p.category = 'institution'
WHERE a.level = 3 AND a.category = 'institution' AND a.org_id % 100 = 11
ORDER BY a.org_id;

-- 控制数: admin ceilings, 3% above what is held, on every province's subtree
-- and 10 posts above on every prefecture's own level
INSERT INTO quota.cap (division, category, scope, ceiling, doc_no)
SELECT s.division, 'admin', 'subtree', ceil(s.subtree_held * 1.03)::int, '中央编办发〔2024〕1号'
FROM quota.jurisdiction_status s JOIN bench.juris j ON j.division = s.division::text
WHERE j.level = 1 AND s.category = 'admin'
UNION ALL
SELECT ja.division, 'admin', 'level', ja.level_held + 10, p.doc
FROM quota.jurisdiction_account ja JOIN bench.juris j ON j.division = ja.division::text
JOIN bench.juris p ON p.division = j.prov || '0000'
WHERE j.level = 2 AND ja.category = 'admin';

-- 领导职数 of the organs: one chief, three deputies
INSERT INTO quota.leadership (org_id, post, approved, doc_no)
SELECT o.org_id, v.post, v.n, j.doc
FROM bench.org o JOIN bench.template t ON t.slot = o.slot JOIN bench.juris j ON j.division = o.division
CROSS JOIN (VALUES ('chief', 1), ('deputy', 3)) v (post, n)
WHERE t.kind NOT IN ('institution', 'coordination_body') AND t.admin > 0
ORDER BY o.org_id, v.post;

-- ---------------------------------------------------------------------------
-- The roster: staff per org and category, one statement per province; the
-- organs' first admin staff are their chief and two deputies; hospitals under
-- a headcount cap also take filed (备案制) staff
-- ---------------------------------------------------------------------------

CREATE TABLE bench.roster_plan AS
SELECT a.org_id, a.category, a.division, a.prov, a.staff AS n,
	   (t.kind NOT IN ('institution', 'coordination_body') AND a.category = 'admin') AS leads
FROM bench.alloc a JOIN bench.org o ON o.org_id = a.org_id JOIN bench.template t ON t.slot = o.slot
WHERE a.staff > 0
UNION ALL
SELECT a.org_id, 'filed', a.division, a.prov, floor(a.posts * 0.15)::int, false
FROM bench.alloc a JOIN quota.org o ON o.id = a.org_id
WHERE o.headcount_cap IS NOT NULL AND a.category = 'institution' AND floor(a.posts * 0.15) > 0;

SELECT format($q$
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
SELECT bench.rid(rpad(r.division, 6, '0'), r.k), r.name, r.org_id, r.category,
	   CASE WHEN r.leads AND r.g = 1 THEN 'chief' WHEN r.leads AND r.g IN (2, 3) THEN 'deputy' ELSE 'staff' END,
	   least(date '1960-01-01' + (r.k %% 14600)::int + 8036 + (r.k %% 97)::int, current_date - 1),
	   j.doc
FROM (SELECT p.*, g,
			 row_number() OVER (PARTITION BY p.division ORDER BY p.org_id, p.category, g) - 1 AS k,
			 (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭'])[1 + (p.org_id + g) %% 16]
			 || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (g * 7 + p.org_id) %% 20]
			 || (ARRAY['','华','英','林','文','海','玉','建','国','红'])[1 + (g * 3) %% 10] AS name
	  FROM bench.roster_plan p, generate_series(1, p.n) g
	  WHERE p.prov = %L) r
JOIN bench.juris j ON j.division = r.division
ORDER BY r.org_id, r.category, r.g$q$, code) FROM bench.province ORDER BY code
\gexec

ANALYZE;
