-- src/roster/seats.sql: seat accounting: occupy, leadership fill, talent draws, lapsed reservations (in C, src/roster/seats.c)
-- posts of expired loans still at an org (usable by nobody new)
CREATE FUNCTION quota.expired_borrowed(o bigint, c text) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_expired_borrowed' LANGUAGE C STABLE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.expired_borrowed(bigint, text) IS 'borrowed posts of an org that belong to expired loans';

-- A hiring approval reserves its seats until valid_until only: the
-- reservations of an account that have lapsed are released here, by
-- whichever check first needs the room (entries, moves, hiring, recalls and
-- transfers in the ledger trigger), not only by quota.settle_loans: each
-- lapsed approval in ascending id through quota.release_hiring.  Returns
-- the number of seats released.  (C, src/roster/seats.c; the C checks call
-- it directly.)
CREATE FUNCTION quota.lapse_hiring(o bigint, c text) RETURNS integer
	AS 'MODULE_PATHNAME', 'quota_lapse_hiring' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.lapse_hiring(bigint, text) IS 'internal: releases the reservations of an org account''s hiring approvals past valid_until; returns the seats released';

-- The seat accounting, one implementation each in C (src/roster/seats.c),
-- which the roster triggers call directly; these are its SQL doors for the
-- other writers (quota.seat_arrivals, the reform corrections).  Every account
-- is changed by a conditional UPDATE: when the visible version refuses, the
-- latest is locked (READ COMMITTED: waited for and re-checked; REPEATABLE
-- READ, SERIALIZABLE: 40001) and lapsed hiring reservations are released
-- (quota.lapse_hiring) before the change is refused.

-- Occupy n seats of (org, category), k of them reserved by hiring
-- approvals the entries fill.  Raises quota_loan or quota_over_establishment.
CREATE FUNCTION quota.occupy(o bigint, c text, n integer, k integer, check_capacity boolean) RETURNS void
	AS 'MODULE_PATHNAME', 'quota_occupy' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.occupy(bigint, text, integer, integer, boolean) IS 'internal: occupies seats of an org account with a conditional update (vacancy check under every isolation level; C, src/roster/seats.c)';

-- Fill n leadership posts of an org (n <= 0 or no check: release or force).
CREATE FUNCTION quota.lead(o bigint, p text, n integer, check_capacity boolean) RETURNS void
	AS 'MODULE_PATHNAME', 'quota_lead' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.lead(bigint, text, integer, boolean) IS 'internal: fills leadership posts with a conditional update (C, src/roster/seats.c)';

-- A talent hire (R5.2) takes a seat of its own when the unit has one;
-- otherwise it draws one post from its jurisdiction's talent pool first, a
-- loan tied to the person (quota.talent_draw).  hiring_ok: the entry fills
-- a valid hiring approval (its reserved seat).
CREATE FUNCTION quota.talent_seat(s quota.staff, hiring_ok boolean) RETURNS void
	AS 'MODULE_PATHNAME', 'quota_talent_seat' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.talent_seat(quota.staff, boolean) IS 'internal: seats a talent hire, drawing a talent-pool post when its unit is full (C, src/roster/seats.c)';
