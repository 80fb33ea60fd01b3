#pragma once
// The life of one recording: a catalogue row and a reserved place in the vault
// (VaultStore::beginRecording names the file), the audio written to
// "<file>.part" as the call goes on (space reserved before every write), and
// at the end either the rename to the final name and the row marked complete,
// or the partial file removed and the row kept as not recorded with the reason.
#include "audio/callrecorder.h"
#include "rtp/payloadformat.h"
#include "vault/vaultstore.h"

#include <memory>

namespace vv::agent {

struct RecordingSettings
{
    int jitterMs = 120;
    bool encodeSilence = false;
};

class RecordingSession
{
public:
    // Starts recording `row` (answered call of a vault). On refusal returns null with *refusal saying why
    // ("not recorded: ..." or "recording failed: ..."); *failed is true when it was an error, not a policy.
    static std::unique_ptr<RecordingSession> begin(VaultStore &store, const CallRow &row, const QString &codec,
                                                   const RecordingSettings &settings, QString *refusal, bool *failed);

    void addRtp(Party party, PacketTime arrival, const RtpPacket &rtp, const PayloadFormat &format)
    {
        m_recorder->addRtp(party, arrival, rtp, format.name, format.clockRate > 0 ? format.clockRate : 8000);
    }
    void noteDuplicate(Party party) { m_recorder->noteDuplicate(party); }
    bool advance(PacketTime now, QString *error) { return m_recorder->advance(now, error); }

    // Closes the audio at `end` and moves it to its final name. What the call's report needs, whatever happened.
    struct Closed
    {
        bool ok = false;
        QString error;     // when !ok
        QString file;      // absolute, when ok
        qint64 bytes = 0;  // on disk, when ok
        QString codecSeen; // the first codec actually decoded
        QString note;      // "recording stopped after N s: ..." when the vault refused more space
        DirectionStats extension;
        DirectionStats farEnd;
    };
    Closed close(PacketTime end);
    // After close(): the row (with quality) marked complete, or kept as not recorded with `why`.
    void commit(const CallRow &row, qint64 bytes);
    void abandon(const CallRow &row, const QString &why);

    qint64 rowId() const { return m_rowId; }
    const QString &relativeFile() const { return m_relativeFile; }

private:
    RecordingSession(VaultStore &store, qint64 rowId, QString relativeFile, std::unique_ptr<CallRecorder> recorder);

    VaultStore &m_store;
    qint64 m_rowId;
    QString m_relativeFile;
    std::unique_ptr<CallRecorder> m_recorder;
    QString m_partPath;
};

} // namespace vv::agent
