#include "common/logging.h"

namespace vv::agent {

Q_LOGGING_CATEGORY(lcCapture, "vipvault.capture", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSip, "vipvault.sip", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalls, "vipvault.calls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRtp, "vipvault.rtp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudio, "vipvault.audio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVault, "vipvault.vault", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "vipvault.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcService, "vipvault.service", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAlerts, "vipvault.alerts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "vipvault.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPipeline, "vipvault.pipeline", QtInfoMsg)

} // namespace vv::agent
