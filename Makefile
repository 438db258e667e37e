# The C library, built and installed the way C libraries are:
#
#   make                                   # target/release/libbunq.so and libbunq.a (cargo)
#   sudo make install                      # into /usr/local; then `sudo ldconfig`
#   make install PREFIX=$HOME/.local       # or any prefix; DESTDIR=... stages a package
#   make uninstall PREFIX=...              # removes exactly what install put there
#   make csharp                            # the C# binding: target/release/Bunq.dll (mono's mcs)
#   make CRYPTO=aws-lc                     # sign and run TLS with AWS-LC instead of ring
#                                          # (needs a C compiler; docs/performance.md)
#
# What `make install` puts under $(DESTDIR)$(PREFIX):
#   lib/libbunq.so.A.V           the shared library (A: ABI version, V: release), SONAME libbunq.so.A
#   lib/libbunq.so.A             -> libbunq.so.A.V, the name programs record and the loader finds
#   lib/libbunq.so               -> libbunq.so.A, the name `-lbunq` finds when linking
#   lib/libbunq.a                the static library
#   include/bunq.h               the API
#   lib/pkgconfig/bunq.pc        `pkg-config --cflags --libs [--static] bunq`
#
# The library is the C ABI crate, bindings/c (package bunq-capi, whose outputs cargo names
# libbunq_capi.*: `bunq` is the core crate's name); `make` puts them beside themselves as
# libbunq.so and libbunq.a. The ABI version A is bunq_abi_version(), read from
# bindings/c/src/version.rs as bindings/c/build.rs does, so the file names and the SONAME
# always agree.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

CARGO ?= cargo
CARGO_BUILD_FLAGS ?=
INSTALL ?= install
MCS ?= mcs
CARGO_TARGET_DIR ?= target
# The crypto library (docs/performance.md): ring or aws-lc.
CRYPTO ?= ring
CRYPTO_FEATURES_ring :=
CRYPTO_FEATURES_aws-lc := --no-default-features --features aws-lc
CRYPTO_FEATURES := $(CRYPTO_FEATURES_$(CRYPTO))
RELEASE := $(CARGO_TARGET_DIR)/release
CSHARP_OUT ?= $(RELEASE)

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
ABI_VERSION := $(shell sed -n 's/^pub const BUNQ_ABI_VERSION: u32 = \([0-9][0-9]*\);$$/\1/p' bindings/c/src/version.rs)
SONAME := libbunq.so.$(ABI_VERSION)
REAL_NAME := $(SONAME).$(VERSION)

INSTALLED := \
	$(DESTDIR)$(LIBDIR)/$(REAL_NAME) \
	$(DESTDIR)$(LIBDIR)/$(SONAME) \
	$(DESTDIR)$(LIBDIR)/libbunq.so \
	$(DESTDIR)$(LIBDIR)/libbunq.a \
	$(DESTDIR)$(INCLUDEDIR)/bunq.h \
	$(DESTDIR)$(PKGCONFIGDIR)/bunq.pc

# What the library is built from: `make install` rebuilds (through `make all`) only when one
# of these is newer than the build, so that `make && sudo make install` does not run cargo as
# root (whose PATH often lacks it).
SOURCES := Cargo.toml Cargo.lock bindings/c/Cargo.toml bindings/c/build.rs \
	$(shell find src bindings/c/src -name '*.rs')
BUILT := $(RELEASE)/libbunq.so $(RELEASE)/libbunq.a

.PHONY: all debug install uninstall check-versions csharp

# cargo knows what is stale, so it always runs (a no-op when nothing changed). One crate type
# per rustc run: rustc performs no LTO in a run that also makes the rlib (`cargo build` makes
# rlib, cdylib and staticlib at once). The cdylib command is the one setuptools-rust runs for
# the Python wheel, so either build serves the other. The SONAME link beside the build lets
# programs linked with -Ltarget/release run without installing.
all: check-versions
	$(CARGO) rustc --release -p bunq-capi --lib --crate-type cdylib $(CRYPTO_FEATURES)
	$(CARGO) rustc --release -p bunq-capi --lib --crate-type staticlib $(CRYPTO_FEATURES)
	ln -sf libbunq_capi.so $(RELEASE)/libbunq.so
	ln -sf libbunq_capi.a $(RELEASE)/libbunq.a
	ln -sf libbunq.so $(RELEASE)/$(SONAME)

# The debug library the test runners (tests/c/run.sh, bindings/*/run_tests.sh) use:
# target/debug/libbunq.so and libbunq.a, quick to build and full of checks.
debug: check-versions
	$(CARGO) build $(CARGO_BUILD_FLAGS) -p bunq-capi --lib
	ln -sf libbunq_capi.so $(CARGO_TARGET_DIR)/debug/libbunq.so
	ln -sf libbunq_capi.a $(CARGO_TARGET_DIR)/debug/libbunq.a

check-versions:
	@case "$(CRYPTO)" in ring|aws-lc) ;; *) echo "CRYPTO is ring or aws-lc, not $(CRYPTO)" >&2; exit 1;; esac
	@test -n "$(VERSION)" || { echo "no version in Cargo.toml" >&2; exit 1; }
	@test -n "$(ABI_VERSION)" || { echo "no BUNQ_ABI_VERSION in bindings/c/src/version.rs" >&2; exit 1; }

$(BUILT) &: $(SOURCES)
	$(MAKE) --no-print-directory all

install: check-versions $(BUILT)
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(RELEASE)/libbunq.so $(DESTDIR)$(LIBDIR)/$(REAL_NAME)
	ln -sf $(REAL_NAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libbunq.so
	$(INSTALL) -m 644 $(RELEASE)/libbunq.a $(DESTDIR)$(LIBDIR)/libbunq.a
	$(INSTALL) -m 644 include/bunq.h $(DESTDIR)$(INCLUDEDIR)/bunq.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		bunq.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/bunq.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/bunq.pc

# The files only: the directories may hold other packages' files.
uninstall: check-versions
	rm -f $(INSTALLED)

# One assembly, Bunq.dll, with its XML documentation (every public member documented:
# -warnaserror). Built beside the release libbunq.so, where mono's DllImport finds it; copy
# both next to your program (or install libbunq with `make install`).
csharp:
	mkdir -p $(CSHARP_OUT)
	$(MCS) -target:library -warnaserror -doc:$(CSHARP_OUT)/Bunq.xml -out:$(CSHARP_OUT)/Bunq.dll \
		-recurse:'bindings/csharp/src/*.cs'
