/*-------------------------------------------------------------------------
 *
 * test_codes.c
 *	  Unit tests of the pure C core (no server needed).  Prints TAP.
 *
 * IDENTIFICATION
 *	  src/core/test_codes.c
 *
 *-------------------------------------------------------------------------
 */
#include "codes.h"
#include "standard.h"

#include <stdio.h>
#include <string.h>

static int	ntests = 0;
static int	nfailed = 0;

static void
ok(int cond, const char *what)
{
	ntests++;
	if (!cond)
		nfailed++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntests, what);
}

static int
uscc_ok(const char *s)
{
	char		out[QC_USCC_LEN];
	qc_error	err;

	return qc_uscc_parse(s, strlen(s), out, &err);
}

static qc_error
uscc_err(const char *s)
{
	char		out[QC_USCC_LEN];
	qc_error	err;

	(void) qc_uscc_parse(s, strlen(s), out, &err);
	return err;
}

static int64_t
div_parse(const char *s)
{
	int64_t		v = -1;
	qc_error	err;

	if (!qc_division_parse(s, strlen(s), &v, &err))
		return -1;
	return v;
}

static int
div_fmt_is(const char *in, const char *want)
{
	char		buf[16];
	int64_t		v = div_parse(in);

	if (v < 0)
		return 0;
	qc_division_format(v, buf, sizeof(buf));
	return strcmp(buf, want) == 0;
}

static int
rid_ok(const char *s)
{
	qc_error	err;

	return qc_resident_id_check(s, strlen(s), &err);
}

int
main(void)
{
	qc_error	e;
	char		out[QC_USCC_LEN];
	int64_t		lo,
				hi;

	/* USCC */
	ok(uscc_ok("91350100M000100Y43"), "uscc: published example is valid");
	ok(uscc_ok("12371600MB2850512M"), "uscc: institution code is valid");
	ok(uscc_ok("  91350100m000100y43 "), "uscc: trims and upper-cases");
	ok(qc_uscc_parse(" 91350100m000100y43", 19, out, &e) &&
	   memcmp(out, "91350100M000100Y43", 18) == 0, "uscc: normalised output");
	e = uscc_err("91350100M000100Y44");
	ok(e.kind == QC_ERR_CHECK && e.position == 18 && e.expected == '3',
	   "uscc: wrong check char names the expected one");
	e = uscc_err("91350100M000100Y4");
	ok(e.kind == QC_ERR_LENGTH && e.length == 17, "uscc: 17 characters is a length error");
	e = uscc_err("91350100I000100Y43");
	ok(e.kind == QC_ERR_CHAR && e.position == 9, "uscc: I is outside the alphabet");
	e = uscc_err("9135A100M000100Y43");
	ok(e.kind == QC_ERR_DIGIT && e.position == 5, "uscc: positions 3-8 must be digits");
	ok(!uscc_ok(""), "uscc: empty is invalid");
	ok(qc_uscc_check_char("12100000400000624") == 'D', "uscc: check char computed");
	ok(qc_orgcode_ok("MB2850519"), "orgcode: valid GB 11714 code");
	ok(!qc_orgcode_ok("MB2850518"), "orgcode: wrong check digit");
	ok(qc_orgcode_ok("004358325"), "orgcode: numeric code");
	ok(!qc_orgcode_ok("00435832-"), "orgcode: bad check character");
	ok(!qc_orgcode_ok("0043583a5"), "orgcode: lower case body is invalid");

	/* divisions */
	ok(div_parse("37") == 370000000000LL, "division: 2 digits pad to 12");
	ok(div_parse("3716") == 371600000000LL, "division: 4 digits");
	ok(div_parse("371602") == 371602000000LL, "division: 6 digits");
	ok(div_parse("371602001") == 371602001000LL, "division: 9 digits");
	ok(div_parse("371602001001") == 371602001001LL, "division: 12 digits");
	ok(div_parse(" 3716 ") == 371600000000LL, "division: trims white space");
	ok(div_parse("370012") < 0, "division: zero prefecture under a county is invalid");
	ok(div_parse("00") < 0, "division: province 00 is invalid");
	ok(div_parse("371") < 0, "division: 3 digits is invalid");
	ok(div_parse("37a6") < 0, "division: non-digit is invalid");
	ok(div_parse("3716000000001") < 0, "division: 13 digits is invalid");
	qc_division_parse("370012", 6, &lo, &e);
	ok(e.kind == QC_ERR_ZERO_PARENT && e.position == 3, "division: error names the zero level");
	ok(qc_division_level(div_parse("37")) == 1, "division: level 1");
	ok(qc_division_level(div_parse("3716")) == 2, "division: level 2");
	ok(qc_division_level(div_parse("371602")) == 3, "division: level 3");
	ok(qc_division_level(div_parse("371602001")) == 4, "division: level 4");
	ok(qc_division_level(div_parse("371602001001")) == 5, "division: level 5");
	ok(qc_division_level(0) == 0 && qc_division_level(-5) == 0 &&
	   qc_division_level(1000000000000LL) == 0, "division: out of range is level 0");
	ok(div_fmt_is("37", "370000"), "division: level 1 prints 6 digits");
	ok(div_fmt_is("3716", "371600"), "division: level 2 prints 6 digits");
	ok(div_fmt_is("371602001", "371602001"), "division: level 4 prints 9 digits");
	ok(div_fmt_is("371602001001", "371602001001"), "division: level 5 prints 12 digits");
	ok(qc_division_parent(div_parse("371602001001")) == div_parse("371602001"), "division: parent of village");
	ok(qc_division_parent(div_parse("371602")) == div_parse("3716"), "division: parent of county");
	ok(qc_division_parent(div_parse("3716")) == div_parse("37"), "division: parent of city");
	ok(qc_division_parent(div_parse("37")) == -1, "division: province has no parent");
	qc_division_subtree(div_parse("3716"), &lo, &hi);
	ok(lo == 371600000000LL && hi == 371699999999LL, "division: subtree range of a city");
	qc_division_subtree(div_parse("371602001001"), &lo, &hi);
	ok(lo == hi, "division: a village is its own subtree");
	ok(qc_division_contains(div_parse("3716"), div_parse("371602001")), "division: city contains township");
	ok(qc_division_contains(div_parse("3716"), div_parse("3716")), "division: contains itself");
	ok(!qc_division_contains(div_parse("371602"), div_parse("3716")), "division: child does not contain parent");
	ok(!qc_division_contains(div_parse("3716"), div_parse("3717")), "division: sibling not contained");
	ok(div_parse("3716") < div_parse("371602") && div_parse("371602") < div_parse("371603") &&
	   div_parse("371699001") < div_parse("3717"), "division: order is depth-first");

	/* resident ids */
	ok(rid_ok("11010519491231002X"), "resident id: published example is valid");
	ok(rid_ok("11010519491231002x"), "resident id: lower-case x accepted");
	ok(!rid_ok("110105194912310021"), "resident id: wrong check char");
	ok(!rid_ok("11010519491331002X"), "resident id: month 13 rejected");
	ok(!rid_ok("11010519490229002X"), "resident id: 29 Feb 1949 rejected");
	ok(!rid_ok("1101051949123100"), "resident id: short is rejected");
	ok(!rid_ok("1101051949123100AX"), "resident id: letter in body rejected");
	qc_resident_id_check("110105194912310021", 18, &e);
	ok(e.kind == QC_ERR_CHECK && e.expected == 'X', "resident id: names the expected check char");
	ok(qc_resident_id_check_char("37160219900101123") == 'X', "resident id: check char computed");

	/* standards (编制标准) */
	{
		qc_term		t;
		qc_term		h[3];
		qc_term		lead[7];
		long		l,
					u;
		int			i;
		static const double lb[7] = {0, 11, 51, 101, 201, 401, 601};
		static const double ub[7] = {11, 51, 101, 201, 401, 601, 0};

		ok(qc_round(2.5, QC_ROUND_HALF_UP) == 3 && qc_round(2.4999, QC_ROUND_HALF_UP) == 2,
		   "rounding: half up at the half");
		ok(qc_round(40.0, QC_ROUND_FLOOR) == 40 && qc_round(39.99, QC_ROUND_FLOOR) == 39,
		   "rounding: floor keeps exact integers");
		ok(qc_round(40.0, QC_ROUND_CEIL) == 40 && qc_round(40.01, QC_ROUND_CEIL) == 41,
		   "rounding: ceil keeps exact integers");
		ok(qc_round(0.1 + 0.2, QC_ROUND_CEIL) == 1 && qc_round(3 * 0.1 * 10, QC_ROUND_FLOOR) == 3,
		   "rounding: binary noise does not cross an integer");
		{
			qc_rounding r = QC_ROUND_HALF_UP;
			int			named = qc_rounding_parse("floor", &r) && r == QC_ROUND_FLOOR &&
				qc_rounding_parse("ceil", &r) && r == QC_ROUND_CEIL &&
				qc_rounding_parse("half_up", &r) && r == QC_ROUND_HALF_UP;

			ok(named && !qc_rounding_parse("round", &r) && !qc_rounding_parse("", &r),
			   "rounding: the three names, and no other");
		}

		/* 初中 1:13.5, 540 students -> 40; 600 students -> 44.44 -> 44 */
		memset(&t, 0, sizeof(t));
		t.has_per_post = 1;
		t.per_post = 13.5;
		t.value = 540;
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 40 && u == 40,
		   "standard: junior school 540 students at 1:13.5 is 40");
		t.value = 600;
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 44 && u == 44,
		   "standard: junior school 600 students at 1:13.5 is 44");
		t.value = 60.75;			/* 4.5 exactly */
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 5,
		   "standard: an exact half rounds up");
		ok(qc_standard_range(&t, 1, QC_ROUND_FLOOR, 0, 0, 0, 0, &l, &u) && l == 4,
		   "standard: floor rounding");
		t.per_post = 0;
		ok(!qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u),
		   "standard: per_post 0 is unusable");

		/* 综合医院 bed bands as the library loads them: <= 300 1.3-1.4, 301-500 1.4-1.5, > 500 1.6-1.7 */
		memset(h, 0, sizeof(h));
		for (i = 0; i < 3; i++)
			h[i].value = 450;
		h[0].band_from = 0;
		h[0].has_band_to = 1;
		h[0].band_to = 301;
		h[0].low_factor = 1.3;
		h[0].high_factor = 1.4;
		h[1].band_from = 301;
		h[1].has_band_to = 1;
		h[1].band_to = 501;
		h[1].low_factor = 1.4;
		h[1].high_factor = 1.5;
		h[2].band_from = 501;
		h[2].low_factor = 1.6;
		h[2].high_factor = 1.7;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 630 && u == 675,
		   "standard: hospital of 450 beds is [630, 675]");
		for (i = 0; i < 3; i++)
			h[i].value = 300;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 390 && u == 420,
		   "standard: 300 beds is still the lowest band (<= 300): [390, 420]");
		for (i = 0; i < 3; i++)
			h[i].value = 301;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 421 && u == 452,
		   "standard: band edge 301 belongs to the middle band (421.4, 451.5)");
		for (i = 0; i < 3; i++)
			h[i].value = 299;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 389 && u == 419,
		   "standard: 299 beds in the lowest band (388.7, 418.6)");
		for (i = 0; i < 3; i++)
			h[i].value = 500;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 700 && u == 750,
		   "standard: 500 beds is still the middle band (300-500): [700, 750]");
		for (i = 0; i < 3; i++)
			h[i].value = 501;
		ok(qc_standard_range(h, 3, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 802 && u == 852,
		   "standard: 501 beds in the open top band (801.6, 851.7)");

		/* 中职 1:20 with at least 60 */
		memset(&t, 0, sizeof(t));
		t.has_per_post = 1;
		t.per_post = 20;
		t.value = 800;
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 1, 60, 0, 0, &l, &u) && l == 60 && u == 60,
		   "standard: vocational school of 800 students is clamped up to 60");
		t.value = 2000;
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 1, 60, 0, 0, &l, &u) && l == 100 && u == 100,
		   "standard: vocational school of 2000 students is 100");
		ok(qc_standard_range(&t, 1, QC_ROUND_HALF_UP, 1, 60, 1, 90, &l, &u) && l == 90 && u == 90,
		   "standard: max clamps both ends");

		/* 事业单位 leaders by size: fixed ranges per band of approved_posts */
		memset(lead, 0, sizeof(lead));
		for (i = 0; i < 7; i++)
		{
			lead[i].band_from = lb[i];
			lead[i].has_band_to = (i < 6);
			lead[i].band_to = ub[i];
			lead[i].fixed_low = i + 1;
			lead[i].fixed_high = i + 2;
			lead[i].value = 10;
		}
		ok(qc_standard_range(lead, 7, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 1 && u == 2,
		   "standard: 10 posts -> 1-2 leaders");
		for (i = 0; i < 7; i++)
			lead[i].value = 11;
		ok(qc_standard_range(lead, 7, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 2 && u == 3,
		   "standard: 11 posts -> 2-3 leaders");
		for (i = 0; i < 7; i++)
			lead[i].value = 1350;
		ok(qc_standard_range(lead, 7, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 7 && u == 8,
		   "standard: 1350 posts -> 7-8 leaders");
		/* sum of terms, one rounding of the sum: 0.4 + 0.4 -> 1, not 0 + 0 */
		memset(h, 0, sizeof(h));
		h[0].has_per_post = h[1].has_per_post = 1;
		h[0].per_post = h[1].per_post = 10;
		h[0].value = h[1].value = 4;
		ok(qc_standard_range(h, 2, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u) && l == 1 && u == 1,
		   "standard: the sum is rounded once");
		ok(qc_round(1e30, QC_ROUND_HALF_UP) == 1000000000000000L && qc_round(-1e30, QC_ROUND_CEIL) == -1000000000000000L
		   && qc_round(0.0 / 0.0, QC_ROUND_FLOOR) == 0,
		   "rounding: huge values saturate, NaN is 0 (the conversion stays defined)");

		/* the set-wise halves: term bounds summed by the caller, then finished */
		{
			double		tl,
						th,
						sl = 0,
						sh = 0;

			for (i = 0; i < 2; i++)
			{
				ok(qc_term_bounds(&h[i], &tl, &th) && tl == 0.4 && th == 0.4,
				   "term bounds: 4 at 1:10 contributes 0.4");
				sl += tl;
				sh += th;
			}
			qc_standard_finish(sl, sh, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u);
			ok(l == 1 && u == 1, "finish: the summed terms are rounded once");
			memset(&t, 0, sizeof(t));
			t.value = 450;
			t.low_factor = 1.4;
			t.high_factor = 1.5;
			ok(qc_term_bounds(&t, &tl, &th), "term bounds: factors");
			qc_standard_finish(tl, th, QC_ROUND_HALF_UP, 0, 0, 0, 0, &l, &u);
			ok(l == 630 && u == 675, "finish: hospital of 450 beds is [630, 675] as in qc_standard_range");
			qc_standard_finish(40.0, 44.44, QC_ROUND_CEIL, 1, 60, 1, 90, &l, &u);
			ok(l == 60 && u == 60, "finish: rounding, then the min clamp");
			qc_standard_finish(95.2, 120.0, QC_ROUND_FLOOR, 1, 60, 1, 100, &l, &u);
			ok(l == 95 && u == 100, "finish: floor, then the max clamp");
			t.has_per_post = 1;
			t.per_post = -1;
			ok(!qc_term_bounds(&t, &tl, &th), "term bounds: per_post <= 0 is unusable");
		}
	}

	printf("1..%d\n", ntests);
	printf("%d passed, %d failed\n", ntests - nfailed, nfailed);
	return nfailed == 0 ? 0 : 1;
}
