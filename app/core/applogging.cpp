#include "applogging.h"

Q_LOGGING_CATEGORY(lcAppCore, "vipvault.app.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppKeychain, "vipvault.app.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppUi, "vipvault.app.ui", QtInfoMsg)
