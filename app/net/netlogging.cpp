#include "netlogging.h"

Q_LOGGING_CATEGORY(lcNet, "vipvault.net", QtInfoMsg)
