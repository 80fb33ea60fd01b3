#pragma once
// One logging category per agent stage, so operators can turn stages up or
// down at run time with QT_LOGGING_RULES (e.g. "vipvault.rtp.debug=true" or
// "vipvault.api.info=false"); docs/architecture.md lists them.
#include <QLoggingCategory>

namespace vv::agent {

Q_DECLARE_LOGGING_CATEGORY(lcCapture)
Q_DECLARE_LOGGING_CATEGORY(lcSip)
Q_DECLARE_LOGGING_CATEGORY(lcCalls)
Q_DECLARE_LOGGING_CATEGORY(lcRtp)
Q_DECLARE_LOGGING_CATEGORY(lcAudio)
Q_DECLARE_LOGGING_CATEGORY(lcVault)
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcService)
Q_DECLARE_LOGGING_CATEGORY(lcAlerts)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcPipeline)

} // namespace vv::agent
