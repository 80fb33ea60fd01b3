#include "playerlogging.h"

Q_LOGGING_CATEGORY(lcPlayer, "vipvault.player", QtInfoMsg)
