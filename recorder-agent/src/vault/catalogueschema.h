#pragma once
// The catalogue's schema as ordered migrations: index i upgrades version i to
// i + 1 (vault/catalogue.cpp runs them, each in one transaction).
#include <cstddef>

namespace vv::agent {

extern const char *const kCatalogueMigrations[10];

} // namespace vv::agent
