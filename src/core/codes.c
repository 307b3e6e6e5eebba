/*-------------------------------------------------------------------------
 *
 * codes.c
 *	  Parsers and check characters for USCC, organization codes, division
 *	  codes and resident ids.  Pure C, no PostgreSQL headers, no allocation:
 *	  every function works on caller-provided buffers and never reads past
 *	  the length it is given.
 *
 * IDENTIFICATION
 *	  src/core/codes.c
 *
 *-------------------------------------------------------------------------
 */
#include "codes.h"

#include <stdio.h>

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
static const int orgcode_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
static const int resident_weights[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char resident_check[] = "10X98765432";

/* digits in each level's group of a 12-digit division code */
static const int division_group_width[5] = {2, 2, 2, 3, 3};

static const int64_t pow10_table[13] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
to_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Trim surrounding white space: returns the start, sets *len. */
static const char *
trim(const char *in, size_t *len)
{
	size_t		n = *len;

	while (n > 0 && is_space(*in))
	{
		in++;
		n--;
	}
	while (n > 0 && is_space(in[n - 1]))
		n--;
	*len = n;
	return in;
}

static void
set_error(qc_error *err, qc_errkind kind, int position, int length,
		  char expected, char found)
{
	if (err == NULL)
		return;
	err->kind = kind;
	err->position = position;
	err->length = length;
	err->expected = expected;
	err->found = found;
}

/* Value of a USCC character (0..30), or -1 when outside the alphabet. */
int
qc_uscc_value(char c)
{
	int			i;

	for (i = 0; i < 31; i++)
		if (uscc_alphabet[i] == c)
			return i;
	return -1;
}

/* The check character for the first 17 (valid) characters of a USCC. */
char
qc_uscc_check_char(const char *first17)
{
	int			sum = 0;
	int			i;

	for (i = 0; i < 17; i++)
		sum += qc_uscc_value(first17[i]) * uscc_weights[i];
	return uscc_alphabet[(31 - sum % 31) % 31];
}

/*
 * Parse a USCC: trims surrounding white space, upper-cases, checks length,
 * alphabet, that positions 3-8 are digits and the 18th check character.
 * Returns 1 and fills out[] on success, 0 and fills *err otherwise.
 */
int
qc_uscc_parse(const char *in, size_t len, char out[QC_USCC_LEN], qc_error *err)
{
	char		buf[QC_USCC_LEN];
	char		check;
	int			i;

	set_error(err, QC_OK, 0, 0, 0, 0);
	in = trim(in, &len);
	if (len != QC_USCC_LEN)
	{
		set_error(err, QC_ERR_LENGTH, 0, (int) (len > 1000 ? 1000 : len), 0, 0);
		return 0;
	}
	for (i = 0; i < QC_USCC_LEN; i++)
	{
		char		c = to_upper(in[i]);

		if (qc_uscc_value(c) < 0)
		{
			set_error(err, QC_ERR_CHAR, i + 1, (int) len, 0, in[i]);
			return 0;
		}
		if (i >= 2 && i <= 7 && !is_digit(c))
		{
			set_error(err, QC_ERR_DIGIT, i + 1, (int) len, 0, c);
			return 0;
		}
		buf[i] = c;
	}
	check = qc_uscc_check_char(buf);
	if (buf[17] != check)
	{
		set_error(err, QC_ERR_CHECK, 18, (int) len, check, buf[17]);
		return 0;
	}
	for (i = 0; i < QC_USCC_LEN; i++)
		out[i] = buf[i];
	return 1;
}

/*
 * GB 11714 organization code check: 8 body characters (digits or capital
 * letters, A = 10 ... Z = 35) and a check character, 11 - (sum mod 11),
 * written X for 10 and 0 for 11.
 */
int
qc_orgcode_ok(const char *code9)
{
	int			sum = 0;
	int			c;
	int			i;
	char		expected;

	for (i = 0; i < 8; i++)
	{
		char		ch = code9[i];
		int			v;

		if (is_digit(ch))
			v = ch - '0';
		else if (ch >= 'A' && ch <= 'Z')
			v = ch - 'A' + 10;
		else
			return 0;
		sum += v * orgcode_weights[i];
	}
	c = 11 - sum % 11;
	if (c == 11)
		expected = '0';
	else if (c == 10)
		expected = 'X';
	else
		expected = (char) ('0' + c);
	return code9[8] == expected;
}

/* Value of group g (0..4) of a 12-digit division code. */
static int64_t
division_group(int64_t code, int g)
{
	int			after = 0;
	int			i;

	for (i = g + 1; i < 5; i++)
		after += division_group_width[i];
	return (code / pow10_table[after]) % pow10_table[division_group_width[g]];
}

/* Digits after group g (0-based). */
static int
division_digits_after(int g)
{
	int			after = 0;
	int			i;

	for (i = g + 1; i < 5; i++)
		after += division_group_width[i];
	return after;
}

/*
 * 1..5 for a valid code, 0 otherwise.  Valid: in range, province group
 * non-zero, and no non-zero group below a zero group.
 */
int
qc_division_level(int64_t code)
{
	int			level = 0;
	int			seen_zero = 0;
	int			g;

	if (code <= 0 || code > QC_DIVISION_MAX)
		return 0;
	for (g = 0; g < 5; g++)
	{
		if (division_group(code, g) == 0)
			seen_zero = 1;
		else
		{
			if (seen_zero)
				return 0;
			level = g + 1;
		}
	}
	return level;
}

int
qc_division_valid(int64_t code)
{
	return qc_division_level(code) > 0;
}

/*
 * Parse 2, 4, 6, 9 or 12 digits (surrounding white space trimmed), right-pad
 * with zeros to 12 digits and validate the levels.
 */
int
qc_division_parse(const char *in, size_t len, int64_t *out, qc_error *err)
{
	int64_t		v = 0;
	size_t		i;

	set_error(err, QC_OK, 0, 0, 0, 0);
	in = trim(in, &len);
	if (len != 2 && len != 4 && len != 6 && len != 9 && len != 12)
	{
		set_error(err, QC_ERR_LENGTH, 0, (int) (len > 1000 ? 1000 : len), 0, 0);
		return 0;
	}
	for (i = 0; i < len; i++)
	{
		if (!is_digit(in[i]))
		{
			set_error(err, QC_ERR_DIGIT, (int) i + 1, (int) len, 0, in[i]);
			return 0;
		}
		v = v * 10 + (in[i] - '0');
	}
	v *= pow10_table[QC_DIVISION_DIGITS - len];
	if (qc_division_level(v) == 0)
	{
		int			g;
		int			pos = 1;

		/* report the first position of the first zero group */
		for (g = 0; g < 5; g++)
		{
			if (division_group(v, g) == 0)
				break;
			pos += division_group_width[g];
		}
		set_error(err, QC_ERR_ZERO_PARENT, pos, (int) len, 0, 0);
		return 0;
	}
	*out = v;
	return 1;
}

/* The parent code, or -1 at level 1 (and for invalid codes). */
int64_t
qc_division_parent(int64_t code)
{
	int			level = qc_division_level(code);
	int64_t		unit;

	if (level <= 1)
		return -1;
	unit = pow10_table[division_digits_after(level - 2)];
	return code - code % unit;
}

/* Write 6, 9 or 12 digits with a terminating NUL; returns the length. */
int
qc_division_format(int64_t code, char *buf, size_t buflen)
{
	int			level = qc_division_level(code);
	int			width = level >= 5 ? 12 : (level == 4 ? 9 : 6);
	int64_t		shown = code / pow10_table[QC_DIVISION_DIGITS - width];
	int			i;

	if (level == 0 || buflen < (size_t) width + 1)
		return -1;
	for (i = width - 1; i >= 0; i--)
	{
		buf[i] = (char) ('0' + shown % 10);
		shown /= 10;
	}
	buf[width] = '\0';
	return width;
}

/* The inclusive key range [lo, hi] of the subtree rooted at code. */
void
qc_division_subtree(int64_t code, int64_t *lo, int64_t *hi)
{
	int			level = qc_division_level(code);

	if (level == 0)
		level = 5;
	*lo = code;
	*hi = code + (pow10_table[division_digits_after(level - 1)] - 1);
}

int
qc_division_contains(int64_t ancestor, int64_t descendant)
{
	int64_t		lo,
				hi;

	qc_division_subtree(ancestor, &lo, &hi);
	return descendant >= lo && descendant <= hi;
}

char
qc_resident_id_check_char(const char *first17)
{
	int			sum = 0;
	int			i;

	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * resident_weights[i];
	return resident_check[sum % 11];
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/*
 * Validate an 18-character resident id: 17 digits, a birth date at positions
 * 7-14 that exists (years 1800-2199), and the check character (X or x for
 * 10).  Returns 1 when valid.
 */
int
qc_resident_id_check(const char *in, size_t len, qc_error *err)
{
	int			i;
	int			year,
				month,
				day;
	char		check;
	char		last;

	set_error(err, QC_OK, 0, 0, 0, 0);
	in = trim(in, &len);
	if (len != QC_RESIDENT_ID_LEN)
	{
		set_error(err, QC_ERR_LENGTH, 0, (int) (len > 1000 ? 1000 : len), 0, 0);
		return 0;
	}
	for (i = 0; i < 17; i++)
	{
		if (!is_digit(in[i]))
		{
			set_error(err, QC_ERR_DIGIT, i + 1, (int) len, 0, in[i]);
			return 0;
		}
	}
	year = (in[6] - '0') * 1000 + (in[7] - '0') * 100 + (in[8] - '0') * 10 + (in[9] - '0');
	month = (in[10] - '0') * 10 + (in[11] - '0');
	day = (in[12] - '0') * 10 + (in[13] - '0');
	if (year < 1800 || year > 2199 || month < 1 || month > 12 ||
		day < 1 || day > days_in_month(year, month))
	{
		set_error(err, QC_ERR_DATE, 7, (int) len, 0, 0);
		return 0;
	}
	last = to_upper(in[17]);
	if (!is_digit(last) && last != 'X')
	{
		set_error(err, QC_ERR_CHAR, 18, (int) len, 0, in[17]);
		return 0;
	}
	check = qc_resident_id_check_char(in);
	if (last != check)
	{
		set_error(err, QC_ERR_CHECK, 18, (int) len, check, last);
		return 0;
	}
	return 1;
}

const char *
qc_error_text(const qc_error *err)
{
	switch (err->kind)
	{
		case QC_OK:
			return "no error";
		case QC_ERR_LENGTH:
			return "wrong length";
		case QC_ERR_CHAR:
			return "invalid character";
		case QC_ERR_DIGIT:
			return "digit expected";
		case QC_ERR_CHECK:
			return "wrong check character";
		case QC_ERR_ZERO_PARENT:
			return "a level below a zero level";
		case QC_ERR_DATE:
			return "impossible birth date";
	}
	return "unknown error";
}
