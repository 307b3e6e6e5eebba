-- src/roster/hiring.sql: hiring approvals (用编核准) and leadership accounts
-- hiring approvals reserve vacancies when issued
CREATE FUNCTION quota.hiring_issued() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	expired_out integer := quota.expired_borrowed(NEW.org_id, NEW.category);
	o record;
BEGIN
	SELECT id, name, division, status, kind INTO o FROM quota.org WHERE id = NEW.org_id;
	PERFORM quota.authority_check(NEW.doc_no, o.division, 'hiring approval (用编核准)');
	IF o.status <> 'active' THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'hiring', format('org %s (%s) is not active', o.id, o.name),
			format('%s is %s (不再是有效机构); it hires nobody.', o.name, o.status));
	END IF;
	IF NOT EXISTS (SELECT 1 FROM quota.category_use u WHERE u.category = NEW.category AND u.org_kind = o.kind) THEN
		PERFORM quota.raise_rule('quota_category_mismatch', 'hiring', format('org %s (%s) may not hold %s posts', o.id, o.name, NEW.category),
			format('%s is of kind %s; it has no %s posts to hire into (不得混用、挤占、挪用).', o.name, o.kind, NEW.category));
	END IF;
	IF NEW.valid_until < CURRENT_DATE THEN
		-- recorded already expired: it reserves nothing and is filled by nobody
		INSERT INTO quota.hiring_account (hiring_id, released) VALUES (NEW.id, true);
		RETURN NULL;
	END IF;
	FOR attempt IN 1..2 LOOP
		UPDATE quota.org_account SET reserved = reserved + NEW.slots
		 WHERE org_id = NEW.org_id AND category = NEW.category
		   AND occupied + reserved + NEW.slots <= approved + borrowed - expired_out
		RETURNING * INTO acc;
		-- (the room may be held by reservations that have lapsed)
		-- (then once more: the latest version under READ COMMITTED, 40001 on a stale snapshot)
		EXIT WHEN FOUND OR attempt = 2;
		PERFORM quota.lapse_hiring(NEW.org_id, NEW.category);
	END LOOP;
	IF acc.org_id IS NULL THEN
		SELECT * INTO acc FROM quota.org_account WHERE org_id = NEW.org_id AND category = NEW.category;
		PERFORM quota.raise_rule('quota_hiring', 'hiring',
			format('hiring approval for %s slots exceeds the vacancies of org %s (%s)', NEW.slots, NEW.org_id, o.name),
			format('用编核准: %s approved + %s borrowed posts, %s occupied, %s already reserved; %s requested.',
				   COALESCE(acc.approved, 0), COALESCE(acc.borrowed, 0) - expired_out, COALESCE(acc.occupied, 0),
				   COALESCE(acc.reserved, 0), NEW.slots));
	END IF;
	INSERT INTO quota.hiring_account (hiring_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.hiring_issued() IS 'reserves the vacancies of a new hiring approval';
CREATE FUNCTION quota.hiring_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		RAISE EXCEPTION 'hiring approvals are not edited: issue a new one' USING ERRCODE = '55000';
	END IF;
	NEW.valid_until := COALESCE(NEW.valid_until, NEW.issued_on + quota.policy_value('hiring_approval_valid_days')::integer);
	-- dates mean what they say (DESIGN.md §12)
	IF NEW.issued_on > CURRENT_DATE THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'hiring', 'hiring approval issued in the future',
			format('用编核准 issued_on %s is after today; an approval is recorded once issued.', NEW.issued_on));
	END IF;
	IF NEW.valid_until < NEW.issued_on THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'hiring', 'hiring approval valid until before it was issued',
			format('用编核准 valid_until %s is before issued_on %s.', NEW.valid_until, NEW.issued_on));
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.hiring_defaults() IS 'defaults valid_until from policy; approvals are not edited';
CREATE TRIGGER hiring_defaults BEFORE INSERT OR UPDATE ON quota.hiring
	FOR EACH ROW EXECUTE FUNCTION quota.hiring_defaults();
COMMENT ON TRIGGER hiring_defaults ON quota.hiring IS 'valid_until default; no edits';
-- a hiring approval is a record: it lapses at valid_until, it is not deleted
CREATE FUNCTION quota.hiring_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'hiring approvals are not deleted: an approval lapses at valid_until'
		USING ERRCODE = '55000',
			  DETAIL = '用编核准: the roster rows that filled an approval and the seats it reserved are counted from it.';
END
$$;
COMMENT ON FUNCTION quota.hiring_no_delete() IS 'hiring approvals are kept: DELETE and TRUNCATE are refused';
CREATE TRIGGER hiring_no_delete BEFORE DELETE ON quota.hiring
	FOR EACH ROW EXECUTE FUNCTION quota.hiring_no_delete();
COMMENT ON TRIGGER hiring_no_delete ON quota.hiring IS 'hiring approvals are not deleted';
CREATE TRIGGER hiring_no_truncate BEFORE TRUNCATE ON quota.hiring
	FOR EACH STATEMENT EXECUTE FUNCTION quota.hiring_no_delete();
COMMENT ON TRIGGER hiring_no_truncate ON quota.hiring IS 'hiring approvals are not truncated';
CREATE TRIGGER hiring_issued AFTER INSERT ON quota.hiring
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.hiring_issued();
COMMENT ON TRIGGER hiring_issued ON quota.hiring IS 'reserves vacancies';

-- leadership approvals are copied onto the locked leader account
CREATE FUNCTION quota.leadership_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE quota.leader_account SET approved = 0 WHERE org_id = OLD.org_id AND post = OLD.post;
		RETURN NULL;
	END IF;
	INSERT INTO quota.leader_account AS a (org_id, post, approved) VALUES (NEW.org_id, NEW.post, NEW.approved)
	ON CONFLICT (org_id, post) DO UPDATE SET approved = NEW.approved;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.leadership_sync() IS 'copies 领导职数 onto the internal leader account';
CREATE TRIGGER leadership_sync AFTER INSERT OR UPDATE OR DELETE ON quota.leadership
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.leadership_sync();
COMMENT ON TRIGGER leadership_sync ON quota.leadership IS 'keeps the leader accounts';
