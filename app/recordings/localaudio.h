#pragma once
// What the app does itself with a recording only the customer's key opens (the recorder cannot decode it): turns
// the downloaded sealed file into plain Ogg Opus, or decodes it to WAV, on this computer. Plain downloads pass
// through (WAV is then decoded here too, so one path serves every recording of a customer-held vault).
#include "audioexport.h"

#include <QByteArray>
#include <QString>

namespace vv::recordings {

// Rewrites `path` (a downloaded recording, sealed or plain Ogg) as `format`; false with *error, leaving it as it was.
bool convertDownloadedAudio(const QString &path, AudioExport::Format format, const QByteArray &vaultPublicKey,
                            const QByteArray &vaultSecretKey, QString *error);

} // namespace vv::recordings
