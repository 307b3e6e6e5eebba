/*
 * fuzz_division.c
 *	  libFuzzer target for qc_division_parse and the division helpers
 *	  (src/core/codes.c).
 *
 *	  The input bytes are passed as-is (not NUL-terminated) with their
 *	  length.  Properties checked, __builtin_trap() on violation:
 *	  - on success: the trimmed input is 2/4/6/9/12 digits and the value is
 *	    those digits right-padded to 12; qc_division_valid; level 1..5;
 *	    format then re-parse gives the same value (and format refuses a
 *	    buffer that is too small without writing); the parent (level > 1)
 *	    is valid, has level - 1 and contains the code, and level 1 has
 *	    parent -1; subtree lo <= code <= hi, lo == code, contains(code,
 *	    code);
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
	int64_t		code = -7;
	int64_t		code2 = -7;
	int64_t		expect;
	int64_t		parent,
				lo,
				hi;
	qc_error	err;
	qc_error	err2;
	char	   *copy;
	char		buf[16];
	char		small[16];
	size_t		start,
				end,
				n,
				i;
	int			level,
				flen;

	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);

	memset(&err, 0x55, sizeof(err));
	if (!qc_division_parse(copy, size, &code, &err))
	{
		if (err.kind == QC_OK)
			__builtin_trap();
		if (code != -7)			/* *out untouched on failure */
			__builtin_trap();
		(void) qc_error_text(&err);
		free(copy);
		return 0;
	}
	if (err.kind != QC_OK)
		__builtin_trap();

	/* independent model of the accepted value */
	start = 0;
	end = size;
	while (start < end && fz_space(data[start]))
		start++;
	while (end > start && fz_space(data[end - 1]))
		end--;
	n = end - start;
	if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12)
		__builtin_trap();
	expect = 0;
	for (i = 0; i < 12; i++)
	{
		int			d = 0;

		if (i < n)
		{
			if (data[start + i] < '0' || data[start + i] > '9')
				__builtin_trap();
			d = data[start + i] - '0';
		}
		expect = expect * 10 + d;
	}
	if (code != expect)
		__builtin_trap();

	/* level */
	if (!qc_division_valid(code))
		__builtin_trap();
	level = qc_division_level(code);
	if (level < 1 || level > 5)
		__builtin_trap();

	/* format -> re-parse */
	memset(buf, 'Z', sizeof(buf));
	flen = qc_division_format(code, buf, sizeof(buf));
	if (flen != 6 && flen != 9 && flen != 12)
		__builtin_trap();
	if (flen != (level == 5 ? 12 : level == 4 ? 9 : 6))
		__builtin_trap();
	if (buf[flen] != '\0' || strlen(buf) != (size_t) flen)
		__builtin_trap();
	if (!qc_division_parse(buf, (size_t) flen, &code2, &err2) ||
		err2.kind != QC_OK || code2 != code)
		__builtin_trap();

	/* format into a too-small buffer: -1, nothing written */
	memset(small, 'Z', sizeof(small));
	if (qc_division_format(code, small, (size_t) flen) != -1)
		__builtin_trap();
	for (i = 0; i < sizeof(small); i++)
		if (small[i] != 'Z')
			__builtin_trap();

	/* parent */
	parent = qc_division_parent(code);
	if (level == 1)
	{
		if (parent != -1)
			__builtin_trap();
	}
	else
	{
		if (!qc_division_valid(parent))
			__builtin_trap();
		if (qc_division_level(parent) != level - 1)
			__builtin_trap();
		if (!qc_division_contains(parent, code))
			__builtin_trap();
		if (qc_division_contains(code, parent))
			__builtin_trap();
	}

	/* subtree */
	qc_division_subtree(code, &lo, &hi);
	if (lo != code || !(lo <= code && code <= hi))
		__builtin_trap();
	if (hi > QC_DIVISION_MAX)
		__builtin_trap();
	if (!qc_division_contains(code, code))
		__builtin_trap();
	if (level < 5 && qc_division_level(hi) != 5)	/* last leaf is deepest */
		__builtin_trap();

	free(copy);
	return 0;
}
