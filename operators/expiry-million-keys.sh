#!/usr/bin/env bash
# The event-time expiry test of the information operator with 1,000,000 one-shot keys on the
# heap AND the RocksDB backend (InformationExpiryTest#aMillionOneShotKeys...): a normal build
# runs RocksDB with 100,000 keys to stay fast (a million take about 85 s per test execution).
# Usage: operators/expiry-million-keys.sh [KEYS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
keys="${1:-1000000}"
# Only the default surefire execution (not the two vector-kernel ones): the test has no vector code.
exec mvn -B -q -pl operators test-compile surefire:test@default-test \
    -Dtest='InformationExpiryTest' -Dsurefire.failIfNoSpecifiedTests=false -Dinfoprob.expiry.keys="$keys"
