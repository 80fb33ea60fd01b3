#pragma once
// Inspects an Ogg Opus file page by page (CRC checked) and, if asked, cuts it
// back to the last complete page: what a crash mid-write leaves behind becomes
// a valid file holding every second of audio that reached the disk.
#include "audio/recordingfile.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace vv::agent {

struct OggInspection
{
    bool opened = false;
    bool opusHead = false;         // first page holds an OpusHead
    std::int64_t audioPages = 0;   // pages after the two header pages
    std::int64_t lastGranule = -1; // of the last complete page that has one
    int preSkip = 0;
    std::int64_t goodBytes = 0; // length up to the end of the last good page
    std::int64_t fileBytes = 0;
    bool endOfStream = false;
    bool sealed = false; // an encrypted file: inspected decrypted, or (key unavailable) from its clear chunk times
    QString callId;      // VIPVAULT_CALL_ID comment, if present
    QByteArray rowStamp; // VIPVAULT_ROW comment: the catalogue row as the recorder began it, if present
    std::int64_t durationMs() const { return lastGranule > preSkip ? (lastGranule - preSkip) / 48 : 0; }
};

// A sealed file is decrypted with the key `keys` gives; without one, its length comes from its chunks' media times.
OggInspection inspectOggOpus(const QString &path, const RecordingFile::KeyResolver &keys = {});
OggInspection inspectOggBytes(const QByteArray &data);
// Truncates to goodBytes when the tail is damaged; returns false on I/O error.
bool truncateToGoodPages(const QString &path, const OggInspection &inspection);

} // namespace vv::agent
