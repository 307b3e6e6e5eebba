-- bench/p5_standards_drop.sql -- removes what bench/p5_standards.sql loaded
SET client_min_messages = warning;
DELETE FROM quota.org_metric;
DELETE FROM quota.standard_term;
DELETE FROM quota.standard;
