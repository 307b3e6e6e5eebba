-- bench/p5_standards.sql -- P5 with standards evaluated for every org: the
-- national library (quota.install_standard_library(): schools, hospitals,
-- vocational schools, leaders by size for every institution sector) and a
-- current workload metric for every school, vocational school and hospital,
-- drawn around what its approved posts would need (about a third below, a
-- third inside, a third above its range), so quota.violations evaluates a
-- standard for every institution and lists a realistic share of breaches.
-- bench/run.sh loads it after the plain P5 figures, times quota.violations
-- again, and then removes it (bench/p5_standards_drop.sql) so that the write
-- workloads measure the same books as before.
SET client_min_messages = warning;
SELECT quota.install_standard_library();
INSERT INTO quota.org_metric (org_id, metric, value, as_of)
SELECT o.id,
	   CASE o.sector WHEN 'school_primary' THEN 'students_primary' WHEN 'school_junior' THEN 'students_junior'
					 WHEN 'school_senior' THEN 'students_senior' WHEN 'vocational_school' THEN 'students'
					 ELSE 'beds' END,
	   greatest(1, round(a.approved * CASE o.sector WHEN 'school_primary' THEN 19 WHEN 'school_junior' THEN 13.5
										WHEN 'school_senior' THEN 12.5 WHEN 'vocational_school' THEN 20 ELSE 1 / 1.5 END
						 * (0.85 + (o.id % 3) * 0.15))),
	   current_date - 30
  FROM quota.org o
  JOIN quota.org_account a ON a.org_id = o.id AND a.category = 'institution'
 WHERE o.sector IN ('school_primary', 'school_junior', 'school_senior', 'vocational_school', 'hospital');
ANALYZE quota.org_metric;
SELECT count(*) AS metrics FROM quota.org_metric;
