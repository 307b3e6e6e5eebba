-- src/standards/units.sql: internal units (内设机构), duties and leadership (领导职数) checks
-- internal units: count within internal_units_approved, comprehensive share
CREATE FUNCTION quota.internal_units_check(o bigint, raising boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer;
	nc integer;
	approved integer;
	share numeric := quota.policy_value('comprehensive_unit_share')::numeric;
	detail text;
BEGIN
	IF EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = o) THEN
		RETURN;
	END IF;
	-- the org row serializes changes to its units (a concurrent one waits, or gets 40001)
	UPDATE quota.org SET internal_units_approved = internal_units_approved WHERE id = o
	RETURNING internal_units_approved INTO approved;
	SELECT count(*)::integer, (count(*) FILTER (WHERE comprehensive))::integer INTO n, nc FROM quota.internal_unit WHERE org_id = o;
	IF approved IS NOT NULL AND n > approved THEN
		PERFORM quota.raise_rule('quota_internal_units', 'internal_unit', format('%s would have more internal units than approved', quota.org_text(o)),
			format('内设机构: %s approved, %s would exist.', approved, n));
	END IF;
	IF nc > GREATEST(1, floor(share * n)) THEN
		PERFORM quota.raise_rule('quota_internal_units', 'internal_unit', format('%s would have too many comprehensive units', quota.org_text(o)),
			format('综合性内设机构: %s of %s units; at most greatest(1, floor(%s × %s)) = %s.', nc, n, share, n, GREATEST(1, floor(share * n))));
	END IF;
	-- the standard bounds internal_units_approved: checked only when it rises
	IF raising THEN
		detail := quota.standard_check(o, 'internal_units', NULL);
		IF detail IS NOT NULL THEN
			PERFORM quota.raise_rule('quota_standard_exceeded', 'org', format('%s would exceed its internal-unit standard', quota.org_text(o)), detail);
		END IF;
	END IF;
END
$$;
COMMENT ON FUNCTION quota.internal_units_check(bigint, boolean) IS 'internal: internal-unit count and comprehensive share of an org, and its standard when internal_units_approved rises';

CREATE FUNCTION quota.internal_unit_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.org_id <> OLD.org_id AND NOT EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = NEW.org_id) THEN
		RAISE EXCEPTION 'internal units move only with quota.merge_orgs' USING ERRCODE = '55000';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM quota.internal_units_check(NEW.org_id, false);
	ELSE
		-- removing a unit can break the comprehensive share
		PERFORM quota.internal_units_check(OLD.org_id, false);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.internal_unit_changed() IS 'checks internal units after every change';
CREATE TRIGGER internal_unit_changed AFTER INSERT OR UPDATE OR DELETE ON quota.internal_unit
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.internal_unit_changed();
COMMENT ON TRIGGER internal_unit_changed ON quota.internal_unit IS 'internal unit count and share';

CREATE FUNCTION quota.duty_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.org_id <> OLD.org_id AND NOT EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = NEW.org_id) THEN
		RAISE EXCEPTION 'a duty moves only with quota.move_duty or quota.merge_orgs' USING ERRCODE = '55000',
			HINT = '职责划转: posts and people move with the duty (编随事转, 人随编走).';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.duty_fixed() IS 'a duty moves only with its posts and people';
CREATE TRIGGER duty_fixed BEFORE UPDATE ON quota.duty
	FOR EACH ROW EXECUTE FUNCTION quota.duty_fixed();
COMMENT ON TRIGGER duty_fixed ON quota.duty IS 'duties move only by quota.move_duty';

CREATE FUNCTION quota.org_units_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- raising: set, or higher than before (a lifted number leaves nothing to bound)
	PERFORM quota.internal_units_check(NEW.id, COALESCE(NEW.internal_units_approved > COALESCE(OLD.internal_units_approved, -1), false));
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.org_units_changed() IS 'checks internal units when internal_units_approved changes';
CREATE TRIGGER org_units_changed AFTER UPDATE OF internal_units_approved ON quota.org
	FOR EACH ROW WHEN (NEW.internal_units_approved IS DISTINCT FROM OLD.internal_units_approved)
	EXECUTE FUNCTION quota.org_units_changed();
COMMENT ON TRIGGER org_units_changed ON quota.org IS 'internal units within the approved number and the standard';

-- leadership approvals: never below the posts filled (outside a reform), within an enforce standard
CREATE FUNCTION quota.leadership_checked() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	detail text;
	r quota.leadership;
	new_approved integer;
	old_approved integer;
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := OLD;
		new_approved := 0;
	ELSE
		r := NEW;
		new_approved := NEW.approved;
	END IF;
	old_approved := CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.approved END;
	IF EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = r.org_id) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM quota.authority_check(NEW.doc_no, o.division, '领导职数 approval')
		   FROM quota.org o WHERE o.id = NEW.org_id;
	END IF;
	SELECT approved, filled INTO acc FROM quota.leader_account WHERE org_id = r.org_id AND post = r.post FOR NO KEY UPDATE;
	-- a cut may not go below the leaders in post; a raise (absorbing a reform's excess step by step) may
	IF new_approved < old_approved AND acc.filled > acc.approved THEN
		PERFORM quota.raise_rule('quota_leadership_exceeded', 'leadership',
			format('%s has %s %s posts filled, more than %s approved', quota.org_text(r.org_id), acc.filled, r.post, acc.approved),
			format('领导职数: %s %s posts in post; the approval cannot be cut from %s to %s.', acc.filled, r.post, old_approved, new_approved));
	END IF;
	-- the standard bounds the approved leadership posts: checked only when they rise
	IF new_approved > old_approved THEN
		detail := quota.standard_check(r.org_id, 'leaders', NULL);
		IF detail IS NOT NULL THEN
			PERFORM quota.raise_rule('quota_standard_exceeded', 'leadership',
				format('%s would exceed its leadership standard', quota.org_text(r.org_id)), detail);
		END IF;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.leadership_checked() IS 'leadership approvals stay above the posts filled and within an enforce standard';
CREATE TRIGGER leadership_zchecked AFTER INSERT OR UPDATE OR DELETE ON quota.leadership
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.leadership_checked();
COMMENT ON TRIGGER leadership_zchecked ON quota.leadership IS 'checks after the sync (triggers fire in name order)';
