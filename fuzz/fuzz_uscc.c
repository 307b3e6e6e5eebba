/*
 * fuzz_uscc.c
 *	  libFuzzer target for qc_uscc_parse (src/core/codes.c).
 *
 *	  The input bytes are passed as-is (not NUL-terminated) with their
 *	  length.  Properties checked, __builtin_trap() on violation:
 *	  - on success: the output is 18 characters of the USCC alphabet,
 *	    positions 3-8 are digits, it equals the trimmed, upper-cased input,
 *	    its 18th character is qc_uscc_check_char() of the first 17, and
 *	    re-parsing the output succeeds with the same output;
 *	    qc_orgcode_ok(out + 8) is called (must not crash);
 *	  - on failure: err.kind != QC_OK.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
fz_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		out[QC_USCC_LEN];
	char		out2[QC_USCC_LEN];
	qc_error	err;
	qc_error	err2;
	char	   *copy;
	size_t		start,
				end,
				i;
	volatile int org;

	/* exact-size heap copy so ASan sees any read past size */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);

	memset(out, 0x55, sizeof(out));
	memset(&err, 0x55, sizeof(err));
	if (!qc_uscc_parse(copy, size, out, &err))
	{
		if (err.kind == QC_OK)
			__builtin_trap();
		(void) qc_error_text(&err);
		free(copy);
		return 0;
	}

	if (err.kind != QC_OK)
		__builtin_trap();

	/* 18 characters of the alphabet, positions 3-8 digits */
	for (i = 0; i < QC_USCC_LEN; i++)
	{
		if (out[i] == '\0' || memchr(alphabet, out[i], 31) == NULL)
			__builtin_trap();
		if (qc_uscc_value(out[i]) < 0)
			__builtin_trap();
		if (i >= 2 && i <= 7 && !(out[i] >= '0' && out[i] <= '9'))
			__builtin_trap();
	}

	/* output is the trimmed, upper-cased input */
	start = 0;
	end = size;
	while (start < end && fz_space(data[start]))
		start++;
	while (end > start && fz_space(data[end - 1]))
		end--;
	if (end - start != QC_USCC_LEN)
		__builtin_trap();
	for (i = 0; i < QC_USCC_LEN; i++)
	{
		char		c = (char) data[start + i];

		if (c >= 'a' && c <= 'z')
			c = (char) (c - 'a' + 'A');
		if (c != out[i])
			__builtin_trap();
	}

	/* check character */
	if (qc_uscc_check_char(out) != out[17])
		__builtin_trap();

	/* idempotent */
	memset(out2, 0x55, sizeof(out2));
	if (!qc_uscc_parse(out, QC_USCC_LEN, out2, &err2))
		__builtin_trap();
	if (err2.kind != QC_OK || memcmp(out, out2, QC_USCC_LEN) != 0)
		__builtin_trap();

	/* embedded organization code: must not crash */
	org = qc_orgcode_ok(out + 8);
	(void) org;

	free(copy);
	return 0;
}
