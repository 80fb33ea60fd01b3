#pragma once
// Logging category of the client network code. Messages name the method, path and outcome; they never carry
// tokens, passwords or request bodies.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNet)
