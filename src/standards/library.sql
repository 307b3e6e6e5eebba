-- src/standards/library.sql: the national standards library (quota.install_standard_library)
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
COMMENT ON FUNCTION quota.install_standard_library() IS 'loads, only when called, the national standards as warn standards (中小学 1:19, 1:13.5, 1:12.5; 综合医院 by beds; 中职 1:20, at least 60; 事业单位 leaders by size); returns how many were added';
