-- src/ledger/lifecycle.sql: the lifecycle of an org: quota.dissolve_org and quota.reactivate_org
-- ---------------------------------------------------------------------------
-- An org leaves `active` only under a document: quota.merge_orgs, or
-- quota.dissolve_org, which recalls its vacant posts first.  A plain UPDATE
-- of quota.org.status is refused (quota.org_guard); the functions below put
-- the org in quota.reform_pass while they set it.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.dissolve_org(org_id bigint, doc_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o record;
	people bigint;
	loans bigint;
	reserved bigint;
	kept bigint;
	acc record;
	v_pool bigint;
BEGIN
	IF org_id IS NULL OR doc_no IS NULL THEN
		RAISE EXCEPTION 'dissolve_org needs an org and a document' USING ERRCODE = '22023',
			HINT = 'Call quota.dissolve_org(org_id, doc_no) with the approval document (文号) of the dissolution.';
	END IF;
	-- the caller's scope first (42501 outside it), then the checks as the owner
	PERFORM quota.scope_require(ARRAY[dissolve_org.org_id], 'quota.dissolve_org');
	-- the org row serializes this with every movement and entry (they hold FOR KEY SHARE on it)
	SELECT g.id, g.name, g.division, g.status INTO o FROM quota.org g WHERE g.id = dissolve_org.org_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'org % does not exist', dissolve_org.org_id USING ERRCODE = '22023',
			HINT = 'quota.org lists the registered orgs and their ids.';
	END IF;
	IF o.status <> 'active' THEN
		PERFORM quota.refuse_edit('org', pg_catalog.format('org %s is already %s', o.id, o.status),
			pg_catalog.format('%s left the books already.', o.name));
	END IF;
	PERFORM quota.authority_check(dissolve_org.doc_no, o.division, 'dissolution (撤销)');
	SELECT pg_catalog.count(*) INTO people FROM quota.staff s WHERE s.org_id = o.id AND s.left_on IS NULL;
	SELECT pg_catalog.count(*) INTO loans FROM quota.loan l WHERE l.org_id = o.id AND l.outstanding > 0;
	SELECT COALESCE(pg_catalog.sum(a.reserved), 0) INTO reserved FROM quota.org_account a WHERE a.org_id = o.id;
	IF people > 0 OR loans > 0 OR reserved > 0 THEN
		PERFORM quota.refuse_edit('org', pg_catalog.format('org %s still has people, loans or hiring reservations', o.id),
			pg_catalog.format('%s: %s people in post, %s open loans, %s seats reserved by hiring approvals; 撤销 needs none.',
							  o.name, people, loans, reserved),
			'Move or release the people, repay the loans and let the hiring approvals lapse first.');
	END IF;
	-- vacant own posts go back to the jurisdiction's unallocated pools under the same document
	FOR acc IN SELECT a.category, a.approved FROM quota.org_account a
				WHERE a.org_id = o.id AND a.approved > 0 ORDER BY a.category LOOP
		INSERT INTO quota.pool (division, kind, category) VALUES (o.division, 'unallocated', acc.category)
		ON CONFLICT (division, kind, category) DO NOTHING;
		SELECT p.id INTO v_pool FROM quota.pool p
		 WHERE p.division = o.division AND p.kind = 'unallocated' AND p.category = acc.category;
		INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, note)
		VALUES ('recall', acc.category, acc.approved, o.id, v_pool, dissolve_org.doc_no,
				pg_catalog.format('撤销: %s', o.name));
	END LOOP;
	-- whatever entered after this transaction's snapshot (REPEATABLE READ) is still there
	SELECT (SELECT pg_catalog.count(*) FROM quota.duty d WHERE d.org_id = o.id)
		 + (SELECT pg_catalog.count(*) FROM quota.internal_unit u WHERE u.org_id = o.id) INTO kept;
	IF quota.merge_residue(ARRAY[o.id]) > kept THEN
		RAISE EXCEPTION 'could not serialize access: org % changed after this transaction began', o.id
			USING ERRCODE = '40001', HINT = 'The transaction might succeed if retried.';
	END IF;
	INSERT INTO quota.reform_pass (org_id) VALUES (o.id) ON CONFLICT DO NOTHING;
	UPDATE quota.org SET status = 'dissolved', closed_on = CURRENT_DATE WHERE id = o.id;
	DELETE FROM quota.reform_pass WHERE reform_pass.org_id = o.id;
END
$$;
COMMENT ON FUNCTION quota.dissolve_org(bigint, text) IS '撤销: recalls an org''s vacant posts to its jurisdiction''s unallocated pools under the document and marks it dissolved; refused (55000) while people, open loans or hiring reservations remain';

CREATE FUNCTION quota.reactivate_org(org_id bigint, doc_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o record;
BEGIN
	IF org_id IS NULL OR doc_no IS NULL THEN
		RAISE EXCEPTION 'reactivate_org needs an org and a document' USING ERRCODE = '22023',
			HINT = 'Call quota.reactivate_org(org_id, doc_no) with the approval document (文号) that restores it.';
	END IF;
	-- the caller's scope first (42501 outside it), then the checks as the owner
	PERFORM quota.scope_require(ARRAY[reactivate_org.org_id], 'quota.reactivate_org');
	SELECT g.id, g.name, g.division, g.status INTO o FROM quota.org g WHERE g.id = reactivate_org.org_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'org % does not exist', reactivate_org.org_id USING ERRCODE = '22023',
			HINT = 'quota.org lists the registered orgs and their ids.';
	END IF;
	IF o.status = 'active' THEN
		PERFORM quota.refuse_edit('org', pg_catalog.format('org %s is already active', o.id),
			pg_catalog.format('%s is active.', o.name));
	END IF;
	PERFORM quota.authority_check(reactivate_org.doc_no, o.division, 'reactivation (恢复)');
	INSERT INTO quota.reform_pass (org_id) VALUES (o.id) ON CONFLICT DO NOTHING;
	UPDATE quota.org SET status = 'active', closed_on = NULL WHERE id = o.id;
	DELETE FROM quota.reform_pass WHERE reform_pass.org_id = o.id;
END
$$;
COMMENT ON FUNCTION quota.reactivate_org(bigint, text) IS 'restores a dissolved or merged org to active under a document with authority over its jurisdiction; it holds nothing until posts are allocated again';
