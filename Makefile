# sanctiond: build, test, benchmark, fuzz, install.
#
# Every library comes from pkg-config.  Objects go to $(O); the default build
# leaves ./sanctiond and ./sanctionctl at the top of the tree.  "make check"
# builds and runs every test, then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer in build/asan and runs them all again.

# The version lives in common/common.h alone; "make version" prints it.
VERSION		:= $(shell sed -n 's/^\#define SANCTIOND_VERSION[^"]*"\(.*\)"/\1/p' \
		   common/common.h)

PREFIX		?= /usr/local
DESTDIR		?=
BINDIR_I	 = $(PREFIX)/bin
LIBEXECDIR	?= $(PREFIX)/libexec/sanctiond
SBINDIR_I	 = $(PREFIX)/sbin
DATADIR		?= $(PREFIX)/share/sanctiond
SYSCONFDIR	?= /etc
UNITDIR		?= /lib/systemd/system
MANDIR		?= $(PREFIX)/share/man
BASHCOMPDIR	?= $(PREFIX)/share/bash-completion/completions

PKGS		 = libxml-2.0 libcurl libevent libzmq sqlite3 libsystemd \
		   jansson inih libhs zlib libxxhash libcrypto libpq
O		?= build
CC		?= cc
CFLAGS		?= -O2 -g
XCFLAGS		?=
XLDFLAGS	?=
SAN_FLAGS	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
# ThreadSanitizer, for the tests of what runs on threads of its own (the
# store's WAL checkpoints, libcurl's resolver, ZeroMQ's I/O threads).
TSAN_FLAGS	 = -fsanitize=thread -fno-omit-frame-pointer

# SAN=1: AddressSanitizer + UndefinedBehaviorSanitizer (use with O=...).
ifeq ($(SAN),1)
XCFLAGS		+= $(SAN_FLAGS)
XLDFLAGS	+= $(SAN_FLAGS)
endif

WARNINGS	 = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
		   -Wstrict-prototypes -Wcast-qual -Wpointer-arith
PKG_CFLAGS	:= $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS	 = -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) \
		   $(XCFLAGS) $(PKG_CFLAGS) -DDATADIR='"$(DATADIR)"' \
		   -DLIBEXECDIR='"$(LIBEXECDIR)"'
# --as-needed: a program records only the libraries it calls, so
# sanctionctl loads no libpq or libsystemd (and their dependencies) at start.
LIBS		 = -Wl,--as-needed $(PKG_LIBS) -lm

# The default build puts the programs at the top; others keep them in $(O).
ifeq ($(O),build)
BIN		 = .
else
BIN		 = $(O)
endif

MAINS		 = daemon/sanctiond.c ctl/sanctionctl.c
LIB_SRCS	 = $(wildcard common/*.c parsers/*.c fetchers/*.c) \
		   $(filter-out $(MAINS),$(wildcard daemon/*.c ctl/*.c))
LIB_OBJS	 = $(LIB_SRCS:%.c=$(O)/%.o)
LIB		 = $(O)/libsanction.a
HDRS		 = $(wildcard */*.h)

UNIT_SRCS	 = $(wildcard tests/unit/test_*.c)
UNIT_BINS	 = $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/%)
# Support programs for integration tests (the evhttp test server, ...).
TOOL_SRCS	 = $(wildcard tests/*.c)
TOOL_BINS	 = $(TOOL_SRCS:tests/%.c=$(O)/tests/%)
BENCH_SRCS	 = $(wildcard bench/*.c)
BENCH_BINS	 = $(BENCH_SRCS:bench/%.c=$(O)/bench/%)
FUZZ_SRCS	 = $(wildcard fuzz/fuzz_*.c)
HSDB		 = parsers/data/lexicon.hsdb
MODELBIN	 = parsers/data/model.bin

.PHONY: all deps check check-build tests demo bench eval train conformance \
	fuzz fuzz-build install uninstall clean valgrind soak version deb

all: $(BIN)/sanctiond $(BIN)/sanctionctl $(BIN)/sanctionctl-full $(HSDB) \
    $(MODELBIN)

# The classifier's compiled lexicon, cached next to its data (a build
# product for this machine's Vectorscan and CPU; programs that find it
# stale compile in memory and never write it).
$(HSDB): $(wildcard parsers/data/*.txt) parsers/classify_lexicon.c \
    | $(O)/tests/hsdb_build
	$(O)/tests/hsdb_build parsers/data

# The loaded model, likewise (parsing model.txt was half of a start);
# programs that find it stale parse model.txt and never write it.
$(MODELBIN): parsers/data/model.txt parsers/classify_model.c common/digits.c \
    | $(O)/tests/model_build
	$(O)/tests/model_build parsers/data

# What a target needs (mk/deps.sh): make deps installs what make check needs.
deps:
	@sh mk/deps.sh check

$(O)/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(BIN)/sanctiond: $(O)/daemon/sanctiond.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $^ $(LIBS)

# sanctionctl runs parse and article and execs sanctionctl-full for the
# rest: with --as-needed it loads only what those two call (ctl/sanctionctl.c).
$(O)/ctl/sanctionctl_front.o: ctl/sanctionctl.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DCTL_FRONT -c -o $@ $<

$(BIN)/sanctionctl: $(O)/ctl/sanctionctl_front.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $^ $(LIBS)

$(BIN)/sanctionctl-full: $(O)/ctl/sanctionctl.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $^ $(LIBS)

$(O)/tests/%: tests/unit/%.c tests/test.h $(LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(O)/tests/%: tests/%.c $(LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(O)/bench/%: bench/%.c $(LIB) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(XLDFLAGS) -o $@ $< $(LIB) $(LIBS)

tests: all $(UNIT_BINS) $(TOOL_BINS)

# Build both test trees, then run both; the last line counts them all.
check:
	@sh mk/deps.sh check
	@$(MAKE) --no-print-directory check-build
	@sh tests/run.sh

check-build:
	$(MAKE) --no-print-directory tests
	$(MAKE) --no-print-directory O=build/asan XCFLAGS="$(SAN_FLAGS)" \
	    XLDFLAGS="$(SAN_FLAGS)" tests
	@if echo 'int main(void) { return 0; }' | $(CC) $(TSAN_FLAGS) -x c - \
	    -o build/tsan-probe 2>/dev/null; then \
		rm -f build/tsan-probe; \
		$(MAKE) --no-print-directory O=build/tsan \
		    XCFLAGS="$(TSAN_FLAGS)" XLDFLAGS="$(TSAN_FLAGS)" tests; \
	else echo "check-build: $(CC) cannot build with -fsanitize=thread" \
	    "(libtsan missing): the ThreadSanitizer tests are skipped"; fi
	@if command -v clang >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory fuzz-build; fi

demo:
	@sh mk/deps.sh demo
	@$(MAKE) --no-print-directory tests
	@sh examples/demo.sh

# Speed targets live here, as ratios against floors measured in the same run.
bench:
	@sh mk/deps.sh bench
	@$(MAKE) --no-print-directory tests $(BENCH_BINS)
	@sh bench/run.sh

eval:
	@sh mk/deps.sh eval
	@$(MAKE) --no-print-directory tests
	@sh tests/eval/run.sh

# feedparser's well-formed cases and gofeed's expected results, where a
# snapshot is given (README).
conformance: all
	@test -n "$(FEEDPARSER)$(GOFEED)" || { echo "usage: make conformance FEEDPARSER=DIR [GOFEED=DIR]"; exit 1; }
	@test -z "$(FEEDPARSER)" || /usr/bin/python3 tests/conformance.py ./sanctionctl "$(FEEDPARSER)"
	@test -z "$(GOFEED)" || /usr/bin/python3 tests/gofeedcmp.py ./sanctionctl "$(GOFEED)"

# The classifier's weights (parsers/data/model.txt) from the labelled sets
# of tests/eval/sets.txt that are present (tests/eval/README.md).
train:
	@sh mk/deps.sh train
	@$(MAKE) --no-print-directory tests
	@/usr/bin/python3 tests/eval/train.py --report

# libFuzzer targets: clang, with the library rebuilt for coverage.
FUZZ_O		 = build/fuzz
FUZZ_FLAGS	 = -fsanitize=fuzzer-no-link,address,undefined -g -O1

fuzz-build:
	@$(MAKE) --no-print-directory CC=clang O=$(FUZZ_O) \
	    CFLAGS="$(FUZZ_FLAGS)" $(FUZZ_O)/libsanction.a
	@mkdir -p $(FUZZ_O)/fuzz
	@for f in $(FUZZ_SRCS); do \
		n=$$(basename $$f .c); \
		if [ ! -e $(FUZZ_O)/fuzz/$$n ] || \
		    [ $$f -nt $(FUZZ_O)/fuzz/$$n ] || \
		    [ $(FUZZ_O)/libsanction.a -nt $(FUZZ_O)/fuzz/$$n ]; then \
			echo "clang $$f"; \
			clang -std=c11 -D_GNU_SOURCE $(WARNINGS) \
			    $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
			    -g -O1 -o $(FUZZ_O)/fuzz/$$n $$f \
			    $(FUZZ_O)/libsanction.a $(LIBS) || exit 1; \
		fi; \
	done

# Tests that need minutes (tests/soak/*.sh), after the check builds.
soak:
	@sh mk/deps.sh soak
	@$(MAKE) --no-print-directory check-build
	@sh tests/soak.sh

FUZZ_SECONDS	?= 60
fuzz:
	@sh mk/deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@sh fuzz/run.sh $(FUZZ_SECONDS)

# The integration tests with sanctiond and sanctionctl under valgrind
# (memcheck): any error or definite/indirect leak fails.  A plain -O1 -g
# tree of its own; VG_TESTS picks scripts (default: all of them).
VG_O		 = build/vg
VG_TESTS	?=
valgrind:
	@sh mk/deps.sh valgrind
	@$(MAKE) --no-print-directory O=$(VG_O) CFLAGS="-O1 -g" tests
	@sh tests/valgrind.sh $(VG_O) $(VG_TESTS)

install: all
	install -d $(DESTDIR)$(BINDIR_I) $(DESTDIR)$(SBINDIR_I) \
	    $(DESTDIR)$(DATADIR) $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/sanctiond $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(LIBEXECDIR)
	install -m 755 $(BIN)/sanctiond $(DESTDIR)$(SBINDIR_I)/sanctiond
	install -m 755 $(BIN)/sanctionctl $(DESTDIR)$(BINDIR_I)/sanctionctl
	install -m 755 $(BIN)/sanctionctl-full \
	    $(DESTDIR)$(LIBEXECDIR)/sanctionctl-full
	install -m 644 parsers/data/*.txt $(HSDB) $(MODELBIN) \
	    $(DESTDIR)$(DATADIR)/
	install -m 644 doc/sanctionctl.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 doc/sanctiond.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 doc/sanctiond.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 doc/sanctionctl.bash-completion \
	    $(DESTDIR)$(BASHCOMPDIR)/sanctionctl
	if [ -f systemd/sanctiond.service ]; then \
		sed -e 's,@SBINDIR@,$(SBINDIR_I),g' \
		    -e 's,/usr/local/sbin/,$(SBINDIR_I)/,g' \
		    systemd/sanctiond.service \
		    > $(DESTDIR)$(UNITDIR)/sanctiond.service; \
		chmod 644 $(DESTDIR)$(UNITDIR)/sanctiond.service; fi
	if [ -f systemd/sanctiond.conf ] && \
	    [ ! -e $(DESTDIR)$(SYSCONFDIR)/sanctiond/sanctiond.conf ]; then \
		install -m 644 systemd/sanctiond.conf \
		    $(DESTDIR)$(SYSCONFDIR)/sanctiond/sanctiond.conf; fi

uninstall:
	rm -f $(DESTDIR)$(SBINDIR_I)/sanctiond $(DESTDIR)$(BINDIR_I)/sanctionctl
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBEXECDIR)
	rm -f $(DESTDIR)$(UNITDIR)/sanctiond.service
	rm -f $(DESTDIR)$(MANDIR)/man1/sanctionctl.1 \
	    $(DESTDIR)$(MANDIR)/man5/sanctiond.conf.5 \
	    $(DESTDIR)$(MANDIR)/man8/sanctiond.8 \
	    $(DESTDIR)$(BASHCOMPDIR)/sanctionctl

version:
	@echo $(VERSION)

# The Debian package, built by dpkg-buildpackage in a copy of the tree
# (the files git knows, or all but build/): $(DEB_OUT)/sanctiond_V_ARCH.deb.
DEB_TMP		?= build/deb
DEB_OUT		?= .
deb:
	@sh mk/deps.sh deb
	@test "$$(dpkg-parsechangelog -S Version)" = "$(VERSION)" || \
	    { echo "deb: debian/changelog is not at $(VERSION)" >&2; exit 1; }
	rm -rf $(DEB_TMP) && mkdir -p $(DEB_TMP)/sanctiond-$(VERSION)
	if git rev-parse --git-dir >/dev/null 2>&1; then \
		git ls-files -co --exclude-standard -z | \
		    tar cf - --no-recursion --null -T -; \
	else tar cf - --exclude=./build --exclude=./sanctiond \
	    --exclude=./sanctionctl --exclude=./sanctionctl-full .; fi | \
	    tar xf - -C $(DEB_TMP)/sanctiond-$(VERSION)
	cd $(DEB_TMP)/sanctiond-$(VERSION) && dpkg-buildpackage -us -uc -b
	cp $(DEB_TMP)/sanctiond_$(VERSION)_*.deb $(DEB_OUT)/

clean:
	rm -rf build sanctiond sanctionctl sanctionctl-full $(HSDB) $(MODELBIN)
