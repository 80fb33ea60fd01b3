#pragma once
// Logging categories of the desktop app: QT_LOGGING_RULES="vipvault.app.*.debug=true".
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAppCore)
Q_DECLARE_LOGGING_CATEGORY(lcAppKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcAppUi)
