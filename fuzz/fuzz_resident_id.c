/*
 * fuzz_resident_id.c
 *	  libFuzzer target for qc_resident_id_check (src/core/codes.c).
 *
 *	  The input bytes are passed as-is (not NUL-terminated) with their
 *	  length.  Properties checked, __builtin_trap() on violation:
 *	  - on success: err.kind == QC_OK; the trimmed input is 18 characters,
 *	    17 digits then a digit or X/x; the upper-cased 18th character is
 *	    qc_resident_id_check_char() of the first 17; the birth month is
 *	    1..12, the day exists in that month (Gregorian
 *	    leap years), the year is 1800..2199; checking it again
 *	    succeeds;
 *	  - on failure: err.kind != QC_OK.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"

static int
fz_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	qc_error	err;
	qc_error	err2;
	char	   *copy;
	const uint8_t *p;
	size_t		start,
				end,
				i;
	char		last;
	int			year,
				month,
				day;

	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);

	memset(&err, 0x55, sizeof(err));
	if (!qc_resident_id_check(copy, size, &err))
	{
		if (err.kind == QC_OK)
			__builtin_trap();
		(void) qc_error_text(&err);
		free(copy);
		return 0;
	}
	if (err.kind != QC_OK)
		__builtin_trap();

	start = 0;
	end = size;
	while (start < end && fz_space(data[start]))
		start++;
	while (end > start && fz_space(data[end - 1]))
		end--;
	if (end - start != QC_RESIDENT_ID_LEN)
		__builtin_trap();
	p = data + start;
	for (i = 0; i < 17; i++)
		if (p[i] < '0' || p[i] > '9')
			__builtin_trap();
	last = (char) p[17];
	if (last == 'x')
		last = 'X';
	if (!((last >= '0' && last <= '9') || last == 'X'))
		__builtin_trap();
	if (qc_resident_id_check_char((const char *) p) != last)
		__builtin_trap();

	year = (p[6] - '0') * 1000 + (p[7] - '0') * 100 + (p[8] - '0') * 10 +
		(p[9] - '0');
	month = (p[10] - '0') * 10 + (p[11] - '0');
	day = (p[12] - '0') * 10 + (p[13] - '0');
	if (year < 1800 || year > 2199 || month < 1 || month > 12 ||
		day < 1 || day > 31)
		__builtin_trap();
	{
		static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int			leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
		int			dim = mdays[month - 1] + (month == 2 && leap);

		if (day > dim)
			__builtin_trap();
	}

	if (!qc_resident_id_check((const char *) p, QC_RESIDENT_ID_LEN, &err2) ||
		err2.kind != QC_OK)
		__builtin_trap();

	free(copy);
	return 0;
}
