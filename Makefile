# wxdesk: build, run, test. `make run` and `make test` are the two commands.
#
# SANITIZE=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer into
# build/asan instead of build.

SANITIZE ?= 0
ifeq ($(SANITIZE),1)
B       := build/asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B       := build
SANFLAGS :=
endif

CC      ?= cc
PKGS    := fcgi libmariadb libxml-2.0 openssl libcurl jansson libqrencode libcmark-gfm
# '=' so pkg-config runs when a recipe needs it, after bin/wxdesk-deps installed it
CPPFLAGS = -I/usr/include/ClearSilver $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
           -D_FORTIFY_SOURCE=2 -fstack-protector-strong $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lneo_cgi -lneo_cs \
           -lneo_utl -lz -lm

SRC     := $(wildcard src/*.c)
OBJ     := $(SRC:src/%.c=$(B)/obj/%.o)
LIB     := $(B)/libwxdesk.a
CGIS    := $(patsubst cgi-bin/%.c,$(B)/cgi-bin/%.fcgi,$(wildcard cgi-bin/*.c))
BINS    := $(patsubst bin/%.c,$(B)/bin/%,$(wildcard bin/*.c))
UNITS   := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
# the WeChat simulator: its own library and programs, never linked into wxdesk's
SIMMAIN := sim/wxsim.c sim/wxdesk-wxsim.c
SIMSRC  := $(filter-out $(SIMMAIN),$(wildcard sim/*.c))
SIMOBJ  := $(SIMSRC:sim/%.c=$(B)/obj/sim/%.o)
SIMLIB  := $(B)/libwxsim.a
# the simulator draws QR codes as PNG (libpng): its own, never wxdesk's
SIMLIBS  = $(shell pkg-config --libs libpng 2>/dev/null)
SIMS    := $(B)/cgi-bin/wxsim.fcgi $(B)/bin/wxdesk-wxsim
BENCHES := $(B)/tests/ok.fcgi $(B)/tests/minhook.fcgi $(B)/tests/burst

.PHONY: all run stop test test-cluster test-install test-upgrade unit e2e browser bench lint fuzz clean deps install uninstall
.DEFAULT_GOAL := all

all: $(CGIS) $(BINS) $(SIMS) $(UNITS) $(BENCHES)

# each object depends on the headers it includes (-MMD -MP writes them down)
DEPFLAGS = -MMD -MP
$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIB): $(OBJ)
	@mkdir -p $(@D)
	@rm -f $@ && ar rcs $@ $^

$(B)/obj/sim/%.o: sim/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(SIMLIB): $(SIMOBJ)
	@mkdir -p $(@D)
	@rm -f $@ && ar rcs $@ $^

$(B)/cgi-bin/wxsim.fcgi: sim/wxsim.c $(SIMLIB) $(LIB)
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/sim-wxsim.d $(LDFLAGS) -o $@ $< $(SIMLIB) $(LIB) $(LDLIBS) $(SIMLIBS)

$(B)/bin/wxdesk-wxsim: sim/wxdesk-wxsim.c $(SIMLIB) $(LIB)
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/sim-wxdesk-wxsim.d $(LDFLAGS) -o $@ $< $(SIMLIB) $(LIB) $(LDLIBS) $(SIMLIBS)

$(B)/cgi-bin/%.fcgi: cgi-bin/%.c $(LIB)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/cgi-$*.d $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(B)/bin/%: bin/%.c $(LIB)
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/bin-$*.d $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/unit-$*.d $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(B)/tests/burst: tests/bench/burst.c
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -D_GNU_SOURCE $(LDFLAGS) -o $@ $< $(LDLIBS)

$(B)/tests/%.fcgi: tests/bench/%.c
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/bench-$*.d $(LDFLAGS) -o $@ $< $(LDLIBS)

-include $(wildcard $(B)/obj/*.d $(B)/obj/sim/*.d)

deps:
	@bin/wxdesk-deps run

# One command: install what is missing, build, start everything, print the sign-ins.
# WXDESK_CLUSTER=1: a 3-node Galera cluster, two web nodes and haproxy instead.
run: deps
	@$(MAKE) --no-print-directory all
	@if [ "$${WXDESK_CLUSTER:-0}" = 1 ]; then bin/wxdesk-deps cluster && bin/wxdesk-cluster run; \
	else bin/wxdesk-ctl run; fi

stop:
	@if [ -d var/cluster/galera ]; then bin/wxdesk-cluster stop; fi
	@bin/wxdesk-ctl stop

# Every test: unit, end-to-end, browser; normal build and the sanitizer build.
test:
	@bin/wxdesk-deps cluster
	@tests/run-all

# wxdesk on a 3-node Galera cluster, two web nodes, haproxy (bin/wxdesk-cluster);
# also part of `make test`
test-cluster: all
	@bin/wxdesk-deps cluster
	@tests/cluster/run

# make install into a DESTDIR, the installed programs started from it
test-install: all
	@tests/install/run

# the previous release's data restored, migrated, checked
test-upgrade: all
	@tests/upgrade/run

unit: all
	@tests/run-unit $(B)

e2e: all
	@WXDESK_BUILD=$(B) tests/e2e/run

browser: all
	@WXDESK_BUILD=$(B) tests/browser/run

bench: deps
	@$(MAKE) --no-print-directory all
	@npm ci --prefix tests/bench/peer --no-audit --no-fund --loglevel=error >/dev/null
	@tests/bench/run

fuzz:
	@tests/fuzz/run

lint:
	@tests/lint

# Installing, in Debian's places (PREFIX and DESTDIR as usual): programs,
# templates, static files, migrations, catalogues, systemd units, a
# logrotate file and an example configuration; state in /var/lib/wxdesk and
# logs in /var/log/wxdesk (made by the units). The configuration in
# /etc/wxdesk is written only when absent, and kept by uninstall.
PREFIX     ?= /usr/local
BINDIR     := $(PREFIX)/bin
LIBDIR     := $(PREFIX)/lib/wxdesk
DATADIR    := $(PREFIX)/share/wxdesk
DOCDIR     := $(PREFIX)/share/doc/wxdesk
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
SYSCONFDIR ?= /etc/wxdesk
STATEDIR   ?= /var/lib/wxdesk
LOGDIR     ?= /var/log/wxdesk
SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	-e 's|@DOCDIR@|$(DOCDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
	-e 's|@LOGDIR@|$(LOGDIR)|g'
UNITS_IN := wxdesk.target wxdesk-migrate.service wxdesk-web.service wxdesk-worker.service
PROGS    := admin console reports webhook api

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/cgi-bin $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)/etc/logrotate.d
	install -d -m 750 $(DESTDIR)$(SYSCONFDIR)
	install -m 755 $(B)/bin/wxdesk-admin $(B)/bin/wxdesk-worker $(B)/bin/wxdesk-wx $(DESTDIR)$(BINDIR)/
	install -m 755 bin/wxdesk-ctl $(DESTDIR)$(BINDIR)/
	for p in $(PROGS); do install -m 755 $(B)/cgi-bin/$$p.fcgi $(DESTDIR)$(LIBDIR)/cgi-bin/; done
	for d in templates static sql sql/routines lang docs docs/en docs/zh-CN docs/shots; do \
		install -d $(DESTDIR)$(DATADIR)/$$d; \
		install -m 644 $$(find $$d -maxdepth 1 -type f) $(DESTDIR)$(DATADIR)/$$d/; done
	install -m 644 lighttpd.conf $(DESTDIR)$(DATADIR)/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/
	for u in $(UNITS_IN); do $(SUBST) dist/$$u.in >$(DESTDIR)$(UNITDIR)/$$u; \
		chmod 644 $(DESTDIR)$(UNITDIR)/$$u; done
	$(SUBST) dist/wxdesk.sysusers.in >$(DESTDIR)$(SYSUSERSDIR)/wxdesk.conf
	$(SUBST) dist/wxdesk.logrotate.in >$(DESTDIR)/etc/logrotate.d/wxdesk
	$(SUBST) dist/wxdesk.hdf.in >$(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf.example
	$(SUBST) dist/wxdesk.env.in >$(DESTDIR)$(SYSCONFDIR)/wxdesk.env.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf ] || install -m 640 \
		$(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf.example $(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf
	[ -e $(DESTDIR)$(SYSCONFDIR)/wxdesk.env ] || install -m 644 \
		$(DESTDIR)$(SYSCONFDIR)/wxdesk.env.example $(DESTDIR)$(SYSCONFDIR)/wxdesk.env
	$(SUBST) dist/owner.hdf.in >$(DESTDIR)$(SYSCONFDIR)/owner.hdf.example
	chmod 600 $(DESTDIR)$(SYSCONFDIR)/owner.hdf.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/owner.hdf ] || install -m 600 \
		$(DESTDIR)$(SYSCONFDIR)/owner.hdf.example $(DESTDIR)$(SYSCONFDIR)/owner.hdf

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,wxdesk-admin wxdesk-worker wxdesk-wx wxdesk-ctl)
	rm -rf $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	rm -f $(addprefix $(DESTDIR)$(UNITDIR)/,$(UNITS_IN)) $(DESTDIR)$(SYSUSERSDIR)/wxdesk.conf
	rm -f $(DESTDIR)/etc/logrotate.d/wxdesk $(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf.example \
		$(DESTDIR)$(SYSCONFDIR)/wxdesk.env.example $(DESTDIR)$(SYSCONFDIR)/owner.hdf.example
	@echo "kept: $(DESTDIR)$(SYSCONFDIR)/wxdesk.hdf, owner.hdf and wxdesk.env (your configuration),"
	@echo "$(STATEDIR) (the data, the secrets key) and $(LOGDIR)"

clean:
	rm -rf build
