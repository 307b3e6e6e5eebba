-- quota.division and quota.uscc: input, output, errors, operators, indexes
\set VERBOSITY default

-- division: short forms are padded; output is 6, 9 or 12 digits
SELECT d::quota.division AS code, quota.division_level(d::quota.division) AS level,
       quota.division_parent(d::quota.division) AS parent
FROM (VALUES ('37'), ('3716'), ('371600'), ('371602'), ('371602001'), ('371602001001'), (' 3716 ')) v(d);

-- malformed division codes: 22P02 with a detail
SELECT '370012'::quota.division;
SELECT '371'::quota.division;
SELECT '37a6'::quota.division;
SELECT '00'::quota.division;
SELECT ''::quota.division;
SELECT '3716000000001'::quota.division;

-- tree operators
SELECT '3716'::quota.division @> '371602001'::quota.division AS city_has_township,
       '371602'::quota.division <@ '3716' AS county_in_city,
       '3716'::quota.division <@ '371602' AS city_in_county,
       '3716'::quota.division @> '3716' AS self,
       '3717'::quota.division <@ '3716' AS sibling;

-- ordering is depth-first
SELECT d FROM (VALUES ('3717'::quota.division), ('371602001'), ('3716'), ('37'), ('371603'), ('371602')) v(d) ORDER BY d;

-- hashing agrees with equality
SELECT count(DISTINCT d) FROM (VALUES ('3716'::quota.division), ('371600'), ('371600000'), ('371600000000')) v(d);
SELECT quota.division_hash('3716') = quota.division_hash('371600000000') AS same_hash;

-- subtree queries use a btree index (planner support turns <@ into a range)
CREATE TABLE div_t (d quota.division, name text);
INSERT INTO div_t VALUES ('37', '山东省'), ('3716', '滨州市'), ('371602', '滨城区'),
  ('371603', '沾化区'), ('371621', '惠民县'), ('371622', '阳信县'), ('371623', '无棣县'),
  ('371625', '博兴县'), ('371681', '邹平市'), ('3701', '济南市'), ('3717', '菏泽市');
INSERT INTO div_t SELECT ('3702' || lpad(i::text, 2, '0'))::quota.division, 'x' FROM generate_series(1, 99) i;
CREATE INDEX div_t_d ON div_t (d);
ANALYZE div_t;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT name FROM div_t WHERE d <@ '3716';
EXPLAIN (COSTS OFF) SELECT name FROM div_t WHERE '3716' @> d;
SELECT d, name FROM div_t WHERE d <@ '3716' ORDER BY d;
SELECT d, name FROM div_t WHERE '3716' @> d ORDER BY d;
RESET enable_seqscan;
SELECT count(*) FROM div_t WHERE d <@ '37';
-- an ancestor test on the indexed side cannot be a range: filter, same answer
SELECT d, name FROM div_t WHERE d @> '371602' ORDER BY d;
CREATE INDEX div_t_h ON div_t USING hash (d);
DROP TABLE div_t;

-- uscc: valid, normalised, parts
SELECT '91350100M000100Y43'::quota.uscc AS u, ' 12371600mb2850512m '::quota.uscc AS normalised;
SELECT quota.uscc_type('12371600MB2850512M'), quota.uscc_division('12371600MB2850512M'),
       quota.uscc_org_code_ok('12371600MB2850512M') AS org_code_ok;
SELECT quota.uscc_org_code_ok('12371600MB2850519B') AS org_code_ok,
       quota.uscc_org_code_ok('11371600004358325U') AS numeric_org_code_ok;
SELECT quota.uscc_division('12370012MB2850519C') AS not_a_division;
-- malformed: the detail names the position or the check character
SELECT '91350100M000100Y44'::quota.uscc;
SELECT '91350100M000100Y4'::quota.uscc;
SELECT '91350100I000100Y43'::quota.uscc;
SELECT '9135A100M000100Y43'::quota.uscc;
-- comparisons and hashing
SELECT '91350100M000100Y43'::quota.uscc = '91350100m000100y43' AS eq,
       '12371600MB2850512M'::quota.uscc < '91350100M000100Y43' AS lt,
       '12371600MB2850512M'::quota.uscc <> '91350100M000100Y43' AS ne;
CREATE TABLE u_t (u quota.uscc PRIMARY KEY);
INSERT INTO u_t VALUES ('91350100M000100Y43'), ('12371600MB2850512M');
INSERT INTO u_t VALUES ('91350100m000100y43');
CREATE INDEX u_t_h ON u_t USING hash (u);
SET enable_seqscan = off;
SELECT u FROM u_t WHERE u = '12371600MB2850512M';
RESET enable_seqscan;
SELECT u FROM u_t ORDER BY u;
DROP TABLE u_t;

-- binary round trip
CREATE TABLE bin_t (d quota.division, u quota.uscc);
INSERT INTO bin_t VALUES ('371602001', '12371600MB2850512M');
COPY bin_t TO '/tmp/quota_bin_t.bin' WITH (FORMAT binary);
COPY bin_t FROM '/tmp/quota_bin_t.bin' WITH (FORMAT binary);
SELECT d, u, count(*) FROM bin_t GROUP BY d, u;
DROP TABLE bin_t;

-- operators resolve under an empty search_path (they live in pg_catalog)
SET search_path = '';
SELECT '371602'::quota.division <@ '3716' AS contained, '3716'::quota.division = '371600' AS eq;
RESET search_path;
