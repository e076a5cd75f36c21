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
PKGS    := fcgi libmariadb libxml-2.0 openssl libcurl jansson libqrencode
# '=' so pkg-config runs when a recipe needs it, after bin/wxdesk-deps installed it
CPPFLAGS = -I/usr/include/ClearSilver $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
           -D_FORTIFY_SOURCE=2 -fstack-protector-strong $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lneo_cgi -lneo_cs -lneo_utl -lz

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
SIMS    := $(B)/cgi-bin/wxsim.fcgi $(B)/bin/wxdesk-wxsim
BENCHES := $(B)/tests/ok.fcgi $(B)/tests/minhook.fcgi

.PHONY: all run stop test test-cluster unit e2e browser bench lint fuzz clean deps
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
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/sim-wxsim.d $(LDFLAGS) -o $@ $< $(SIMLIB) $(LIB) $(LDLIBS)

$(B)/bin/wxdesk-wxsim: sim/wxdesk-wxsim.c $(SIMLIB) $(LIB)
	@mkdir -p $(@D) $(B)/obj
	@echo "  LINK    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MT $@ -MF $(B)/obj/sim-wxdesk-wxsim.d $(LDFLAGS) -o $@ $< $(SIMLIB) $(LIB) $(LDLIBS)

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

unit: all
	@tests/run-unit $(B)

e2e: all
	@WXDESK_BUILD=$(B) tests/e2e/run

browser: all
	@WXDESK_BUILD=$(B) tests/browser/run

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run

fuzz:
	@tests/fuzz/run

lint:
	@tests/lint

clean:
	rm -rf build
