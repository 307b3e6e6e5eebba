# quota -- staffing establishment (机构编制) rules enforced by PostgreSQL
#
#   make demo    install what is missing, build, install, run the walkthrough
#   make test    install what is missing, build, install, run every test
#   make bench   benchmarks (not part of make test)
#   make fuzz    libFuzzer targets of the pure C core
#
# Warnings are errors only where QUOTA_WERROR=1 (CI sets it): a user's build
# does not fail on a warning a newer compiler adds.

EXTENSION    = quota
EXTVERSION   = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big   = $(EXTENSION)
SRCS         = $(sort $(wildcard src/*.c src/types/*.c src/ledger/*.c src/roster/*.c src/reform/*.c src/ops/*.c)) src/core/codes.c src/core/standard.c
OBJS         = $(SRCS:.c=.o)
PGFILEDESC   = "quota - staffing establishment rules"
# The install script is built from parts, one concern each, in the one order
# dependencies may point (core -> types -> reference -> ledger -> roster ->
# standards -> reform -> views -> security -> ops; the drop guard stays
# last).  Each part opens with a line naming itself.
PARTS        = src/core/schema.sql \
               src/core/rules.sql \
               src/types/division.sql \
               src/types/uscc.sql \
               src/reference/reference.sql \
               src/ledger/tables.sql \
               src/ledger/authority.sql \
               src/ledger/triggers.sql \
               src/ledger/figures.sql \
               src/ledger/functions.sql \
               src/roster/tables.sql \
               src/roster/seats.sql \
               src/roster/entries.sql \
               src/roster/refcache.sql \
               src/roster/changes.sql \
               src/roster/references.sql \
               src/roster/hiring.sql \
               src/roster/history.sql \
               src/standards/tables.sql \
               src/standards/eval.sql \
               src/standards/units.sql \
               src/roster/functions.sql \
               src/reform/renamed.sql \
               src/reform/duty.sql \
               src/reform/merge.sql \
               src/reform/split.sql \
               src/reform/correct.sql \
               src/reform/correct_staff.sql \
               src/reform/evaluation.sql \
               src/standards/library.sql \
               src/ledger/guards.sql \
               src/ledger/references.sql \
               src/ledger/lifecycle.sql \
               src/views/status.sql \
               src/views/verify.sql \
               src/views/dashboards.sql \
               src/views/comments.sql \
               src/security/actor.sql \
               src/security/scopes.sql \
               src/security/roles.sql \
               src/security/guard.sql \
               src/security/hardening.sql \
               src/ops/drop_guard.sql
# Upgrade scripts: from each frozen release script (committed at the top)
# to this version, generated from the parts and two hand-written halves.
UPGRADES     = $(EXTENSION)--0.1--$(EXTVERSION).sql
DATA_built   = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADES)
DATA         = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*.sql))

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION      = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)
ENCODING     = UTF8

PG_CPPFLAGS  = -I$(srcdir)/src
SHLIB_LINK   = -lm
WERROR       = $(if $(filter 1,$(QUOTA_WERROR)),-Werror)
PG_CFLAGS   += -Wall $(WERROR) -Wmissing-prototypes -Wpointer-arith -Wformat-security -DUSE_ASSERT_CHECKING
EXTRA_CLEAN  = output_iso src/core/test_codes build.log

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
# On a fresh machine the server headers (and PGXS) arrive with `make deps`
# (make test and make demo run it first); without them, building stops here
# and says which package to install.
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck installdirs uninstall:
	@echo "quota: the PostgreSQL server headers are missing: '$(PG_CONFIG) --pgxs' gives $(if $(PGXS),$(PGXS) (not there),nothing)." >&2
	@echo "quota: install the Debian package postgresql-server-dev-15 (as root: make deps, or apt-get install postgresql-server-dev-15)," >&2
	@echo "quota: or point PG_CONFIG at the pg_config of a PostgreSQL 13+ with its server headers." >&2
	@exit 1
endif

# PGXS tracks no header dependencies: an object is rebuilt when any of our
# headers changes (a changed enum or struct in a header must never leave
# stale objects behind).
$(OBJS): $(wildcard src/*.h src/*/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(PARTS) Makefile
	{ printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; cat $(PARTS); } > $@

$(EXTENSION)--%--$(EXTVERSION).sql: $(EXTENSION)--%.sql src/upgrade/%--$(EXTVERSION)-before.sql src/upgrade/%--$(EXTVERSION)-after.sql $(PARTS) tools/gen-upgrade.pl
	perl tools/gen-upgrade.pl $(EXTENSION)--$*.sql src/upgrade/$*--$(EXTVERSION)-before.sql src/upgrade/$*--$(EXTVERSION)-after.sql $(PARTS) > $@

# Pure C core unit tests (no server).
src/core/test_codes: src/core/test_codes.c src/core/codes.c src/core/codes.h src/core/standard.c src/core/standard.h
	$(CC) -std=c99 -Wall -Wextra $(WERROR) -O1 -o $@ src/core/test_codes.c src/core/codes.c src/core/standard.c -lm

.PHONY: deps test demo bench fuzz unit prove
deps:
	@sh tools/deps.sh

unit: src/core/test_codes
	./src/core/test_codes

# build and install quietly into build.log (shown when something fails), timed
BUILD = t=$$(date +%s); { $(MAKE) -s --no-print-directory all && $(MAKE) -s --no-print-directory install; } >build.log 2>&1 \
	|| { grep -v '^[[:space:]]*$$' build.log >&2; echo "quota: the build failed (log: build.log)" >&2; exit 1; }

test:
	@t=$$(date +%s); sh tools/deps.sh && echo "== deps: $$(($$(date +%s) - t)) s"
	@$(BUILD); $(MAKE) -s --no-print-directory src/core/test_codes >>build.log 2>&1 \
		|| { grep -v '^[[:space:]]*$$' build.log >&2; exit 1; }; echo "== build and install: $$(($$(date +%s) - t)) s (log: build.log)"
	@sh tools/run-tests.sh

demo: deps
	@$(BUILD); echo "quota: built and installed ($$(($$(date +%s) - t)) s; compiler output in build.log)"
	@sh tools/run-demo.sh

bench: deps
	$(MAKE) all
	$(MAKE) install
	sh bench/run.sh

fuzz:
	$(MAKE) -C fuzz run
