-- 人随编走: the people who move with posts (quota.transfer with persons) take their seats at
-- the receiver through the entry path's checks (quota.seat_arrivals, C): the vacancy, the
-- leader posts (领导职数), the rank of a post (机构规格), the headcount cap (人员总量); a
-- refused transfer writes nothing.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(s::text, ',' ORDER BY s.id) FROM quota.staff s),
		(SELECT string_agg(a::text, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a),
		(SELECT string_agg(a::text, ',' ORDER BY a.org_id, a.post) FROM quota.leader_account a),
		(SELECT count(*)::text FROM quota.staff_event),
		(SELECT count(*)::text FROM quota.movement)))
$$;
CREATE FUNCTION pg_temp.seats() RETURNS TABLE (org_id bigint, approved int, occupied int) LANGUAGE sql AS $$
	SELECT a.org_id, a.approved, a.occupied FROM quota.org_account a
	 WHERE a.category = 'institution' AND a.org_id IN (24, 25, 26) ORDER BY 1
$$;

-- the door is C now
SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = 'quota.seat_arrivals()'::regprocedure;

-- 农技推广中心 (24, 正科) holds 3 people under a headcount cap of 3; 水文服务中心 (26) and
-- 广播电视台 (25, 正处) send people with their posts
INSERT INTO quota.leadership VALUES (25, 'deputy', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, post, post_rank, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(241, pg_temp.pid(241), '农技甲', 24, 'institution', 'staff', NULL, '2024-09-01', '滨编〔2024〕12号'),
	(242, pg_temp.pid(242), '农技乙', 24, 'institution', 'staff', NULL, '2024-09-01', '滨编〔2024〕12号'),
	(243, pg_temp.pid(243), '农技丙', 24, 'institution', 'staff', NULL, '2024-09-01', '滨编〔2024〕12号'),
	(261, pg_temp.pid(261), '水文甲', 26, 'institution', 'staff', NULL, '2024-09-01', '滨编〔2024〕12号'),
	(251, pg_temp.pid(251), '编辑甲', 25, 'institution', 'staff', '副处', '2024-09-01', '滨编〔2024〕12号'),
	(252, pg_temp.pid(252), '编辑乙', 25, 'institution', 'deputy', NULL, '2024-09-01', '滨编〔2024〕12号');
UPDATE quota.org SET headcount_cap = 3 WHERE id = 24;
SELECT * FROM pg_temp.seats();

-- the cap: 4 people would work at 24 (quota_headcount_cap); nothing written
SELECT pg_temp.books() AS before \gset
SELECT split_part(pg_temp.try($$SELECT quota.transfer(26, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[261])$$), ':', 1) AS over_cap;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- the rank: a 副处 post cannot sit in a 正科 unit (quota_leadership_exceeded); nothing written
UPDATE quota.org SET headcount_cap = 10 WHERE id = 24;
SELECT pg_temp.books() AS before \gset
SELECT split_part(pg_temp.try($$SELECT quota.transfer(25, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[251])$$), ':', 1) AS rank_above;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- a deputy into an org without a deputy post (quota_leadership_exceeded); nothing written
SELECT split_part(pg_temp.try($$SELECT quota.transfer(25, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[252])$$), ':', 1) AS no_deputy_post;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- with a deputy post approved (领导职数) and room under the cap, both arrive with their posts
INSERT INTO quota.leadership VALUES (24, 'deputy', 1, '滨编〔2024〕12号');
SELECT quota.transfer(26, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[261]) > 0 AS moved;
SELECT quota.transfer(25, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[252]) > 0 AS moved;
SELECT * FROM pg_temp.seats();
SELECT id, org_id, post FROM quota.staff WHERE id IN (252, 261) ORDER BY id;
SELECT org_id, post, approved, filled FROM quota.leader_account WHERE org_id IN (24, 25) ORDER BY 1, 2;
SELECT * FROM quota.verify();
