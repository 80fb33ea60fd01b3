#include "recordingslogging.h"

Q_LOGGING_CATEGORY(lcRecordings, "vipvault.recordings", QtInfoMsg)
