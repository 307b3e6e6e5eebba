-- pgTAP: nothing of quota resolves to look-alike objects planted in public or pg_temp
-- (tables, functions, operators), for every role, whatever search_path the session sets;
-- and a non-owner cannot plant a cast on quota's types
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(13);
SET LOCAL client_min_messages = warning;
SELECT quota.setup_roles();

-- the planted objects record that they ran (as whoever ran them) instead of failing loudly,
-- so a use anywhere (even in a swallowed path) shows up in public.planted_log
CREATE TABLE public.planted_log (what text, who name DEFAULT current_user);
GRANT INSERT, SELECT ON public.planted_log TO PUBLIC;
CREATE FUNCTION public.planted_eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('operator = (bigint, bigint)') RETURNING $1 OPERATOR(pg_catalog.=) $2 $$;
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.planted_eq);
CREATE FUNCTION public.planted_text_eq(text, text) RETURNS boolean LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('operator = (text, text)') RETURNING $1 OPERATOR(pg_catalog.=) $2 $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.planted_text_eq);
CREATE FUNCTION public.planted_contained(quota.division, quota.division) RETURNS boolean LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('operator <@ (division, division)') RETURNING $1 OPERATOR(pg_catalog.<@) $2 $$;
CREATE OPERATOR public.<@ (LEFTARG = quota.division, RIGHTARG = quota.division, FUNCTION = public.planted_contained);
CREATE FUNCTION public.planted_add(integer, integer) RETURNS integer LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('operator + (integer, integer)') RETURNING $1 OPERATOR(pg_catalog.+) $2 $$;
CREATE OPERATOR public.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.planted_add);
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('function now()') RETURNING pg_catalog.now() $$;
CREATE FUNCTION public.count(anyelement) RETURNS bigint LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('function count()') RETURNING 0::bigint $$;
CREATE FUNCTION public.format(text, text) RETURNS text LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('function format(text, text)') RETURNING 'planted' $$;
CREATE FUNCTION public.format(text, bigint) RETURNS text LANGUAGE sql AS
	$$ INSERT INTO public.planted_log (what) VALUES ('function format(text, bigint)') RETURNING 'planted' $$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;
-- look-alike tables in public and pg_temp
CREATE TABLE public.org (id bigint, name text, division quota.division, status text);
CREATE TABLE public.staff (id bigint, org_id bigint);
CREATE TABLE public.org_account (org_id bigint, category text, approved int, borrowed int, occupied int, reserved int);
CREATE TABLE public.movement (id bigint);
CREATE TEMP TABLE org (id bigint, name text, division quota.division, status text);
CREATE TEMP TABLE org_account (org_id bigint, category text, approved int, borrowed int, occupied int, reserved int);
CREATE TEMP TABLE scope (role name, division quota.division);
GRANT ALL ON public.org, public.staff, public.org_account, public.movement TO PUBLIC;

-- pg_temp.hostile(stmt): runs stmt (its first value, as text) under the hostile search_path
-- and restores the clean one, so that only quota's code meets the planted objects (pgTAP's
-- own functions do not pin a search_path); an error is returned as 'ERROR <sqlstate>'
CREATE FUNCTION pg_temp.hostile(stmt text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	v text;
BEGIN
	IF pg_catalog.starts_with(pg_catalog.ltrim(stmt), 'SELECT') THEN
		PERFORM pg_catalog.set_config('search_path', 'pg_temp, public, pg_catalog', true);
		EXECUTE stmt INTO v;
	ELSE
		PERFORM pg_catalog.set_config('search_path', 'pg_temp, public, pg_catalog', true);
		EXECUTE stmt;
	END IF;
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, public', true);
	RETURN COALESCE(v, 'ok');
EXCEPTION WHEN OTHERS THEN
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, public', true);
	RAISE NOTICE '%: %', SQLSTATE, SQLERRM;
	RETURN 'ERROR ' OPERATOR(pg_catalog.||) SQLSTATE;
END
$f$;
-- pg_temp.doc(): the document clause a roster change names, where the roster asks for one
CREATE FUNCTION pg_temp.doc() RETURNS text LANGUAGE sql AS $f$
	SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
							  WHERE a.attrelid OPERATOR(pg_catalog.=) 'quota.staff'::pg_catalog.regclass
								AND a.attname OPERATOR(pg_catalog.=) 'change_doc' AND NOT a.attisdropped)
		   THEN ', change_doc = ''滨编〔2024〕1号''' ELSE '' END
$f$;
SET LOCAL search_path = pg_catalog, public;

-- data, written by the owner under the hostile search_path
SET LOCAL search_path = pg_temp, public, pg_catalog;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕1号', '中央编办', 'central_office', NULL, '2024-01-05', '核增'),
	('滨编〔2024〕1号', '滨州市编委', 'committee', '3716', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (901, '3716', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (901, '滨州市第一中学', '3716', 'institution'),
	(902, '滨州市实验学校', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'institution', 100, 901, '中央编办发〔2024〕1号');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT quota.enable_scopes();
SET LOCAL search_path = pg_catalog, public;
CREATE ROLE tap_sp_admin LOGIN IN ROLE quota_admin;
CREATE ROLE tap_sp_clerk LOGIN IN ROLE quota_clerk;
CREATE ROLE tap_sp_reader LOGIN IN ROLE quota_reader;
INSERT INTO quota.scope VALUES ('tap_sp_admin', '3716'), ('tap_sp_clerk', '3716'), ('tap_sp_reader', '37');

SELECT is(pg_temp.hostile($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 5, 901, 901, '滨编〔2024〕1号')$$), 'ok', 'owner: an allocation under a hostile search_path');

SET LOCAL ROLE tap_sp_admin;
SELECT is(pg_temp.hostile($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 5, 901, 902, '滨编〔2024〕1号')$$), 'ok', 'admin: an allocation under a hostile search_path');
SELECT is(pg_temp.hostile($$SELECT (quota.transfer(901, 902, 'institution', 1, '滨编〔2024〕1号') IS NOT NULL)::text$$), 'true', 'admin: a transfer');
SELECT is(pg_temp.hostile($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1000, 901, 902, '滨编〔2024〕1号')$$), 'ERROR 23514', 'admin: a rule error is still a rule error');
SELECT is(pg_temp.hostile('SELECT count(*)::text FROM quota.verify()'), '0', 'admin: verify() under a hostile search_path');
RESET ROLE;

SET LOCAL ROLE tap_sp_clerk;
SELECT is(pg_temp.hostile($$INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
	VALUES (901, '371602198102040078', '甲', 901, 'institution', '2024-09-01', '滨编〔2024〕1号')$$), 'ok', 'clerk: a hire');
SELECT is(pg_temp.hostile(pg_catalog.format($$UPDATE quota.staff SET org_id = 902%s WHERE id = 901$$, pg_temp.doc())), 'ok', 'clerk: a move');
SELECT is(pg_temp.hostile(pg_catalog.format($$UPDATE quota.staff SET left_on = current_date%s WHERE id = 901$$, pg_temp.doc())), 'ok', 'clerk: a departure');
RESET ROLE;

SET LOCAL ROLE tap_sp_reader;
SELECT is(pg_temp.hostile('SELECT sum(approved)::text FROM quota.org_status'), '10', 'reader: the dashboards read the real accounts');
SELECT is(pg_temp.hostile('SELECT count(*)::text FROM quota.violations'), '0', 'reader: violations');
SELECT is(pg_temp.hostile('SELECT count(*)::text FROM quota.jurisdiction_status WHERE subtree_held > 0'), '2', 'reader: jurisdiction_status');
RESET ROLE;

SELECT is_empty('SELECT what, who FROM public.planted_log', 'no planted function or operator ran, for any role');

-- a cast on quota's types is the owner's: nobody else can plant one
CREATE FUNCTION public.planted_cast(quota.division) RETURNS text LANGUAGE sql AS $$ SELECT 'planted' $$;
GRANT EXECUTE ON FUNCTION public.planted_cast(quota.division) TO PUBLIC;
SET LOCAL ROLE tap_sp_admin;
SELECT throws_ok('CREATE CAST (quota.division AS text) WITH FUNCTION public.planted_cast(quota.division)', '42501', NULL,
	'a non-owner cannot create a cast from quota.division');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
