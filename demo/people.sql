-- Helpers for demo and test people: resident ids with a valid GB 11643
-- check character.  Session-local (pg_temp), never part of the extension.
CREATE FUNCTION pg_temp.rid(body text) RETURNS text LANGUAGE sql AS $$
	SELECT body || substr('10X98765432', (sum(substr(body, i::int, 1)::int * w) % 11)::int + 1, 1)
	FROM unnest(ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]) WITH ORDINALITY AS t(w, i)
$$;
-- person n: born n days after born, registered in 滨城区 (371602)
CREATE FUNCTION pg_temp.pid(n integer, born date DEFAULT '1980-01-01', tail text DEFAULT '001') RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.rid('371602' || to_char(born + n, 'YYYYMMDD') || tail)
$$;
