#include "audio/oggrepair.h"

#include <QFile>
#include <QFileInfo>
#include <cstring>
#include <ogg/ogg.h>
#include <vector>

namespace vv::agent {

namespace {

std::uint32_t le32(const unsigned char *p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

// RFC 7845 5.2: "OpusTags", vendor string, then a count of length-prefixed "NAME=value" comments. Every
// length is checked against what is left: the file may be damaged.
void readTags(const unsigned char *body, std::int64_t len, OggInspection *r)
{
    if (len < 16 || std::memcmp(body, "OpusTags", 8) != 0)
        return;
    std::int64_t pos = 8;
    const std::int64_t vendorLen = le32(body + pos);
    pos += 4 + vendorLen;
    if (pos + 4 > len)
        return;
    const std::uint32_t count = le32(body + pos);
    pos += 4;
    for (std::uint32_t i = 0; i < count && pos + 4 <= len; ++i) {
        const std::int64_t n = le32(body + pos);
        pos += 4;
        if (pos + n > len)
            return;
        const QByteArray tag(reinterpret_cast<const char *>(body + pos), static_cast<int>(n));
        pos += n;
        if (tag.startsWith("VIPVAULT_CALL_ID="))
            r->callId = QString::fromUtf8(tag.mid(17));
        else if (tag.startsWith("VIPVAULT_ROW="))
            r->rowStamp = tag.mid(13);
    }
}

} // namespace

OggInspection inspectOggOpus(const QString &path, const RecordingFile::KeyResolver &keys)
{
    OggInspection r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return r;
    if (!vv::crypto::isSealed(f.peek(vv::crypto::kHeaderSize))) {
        r = inspectOggBytes(f.readAll());
        r.opened = true;
        return r;
    }
    f.close();
    r.opened = true;
    r.sealed = true;
    RecordingFile sealed;
    QString error;
    if (!sealed.open(path, keys, &error)) {
        if (!sealed.keyUnavailable())
            return r; // damaged beyond its header: nothing usable
        // Only the customer can decrypt it: what the agent knows is the audio each chunk ended at, in clear.
        const std::int64_t ms = vv::crypto::lastSlotMediaMs(path);
        r.opusHead = ms >= 0;
        r.audioPages = ms > 0 ? 1 : 0;
        r.lastGranule = std::max<std::int64_t>(0, ms) * 48;
        r.fileBytes = r.goodBytes = QFileInfo(path).size();
        return r;
    }
    // Decrypt chunk by chunk up to the first that fails (a write torn by a power cut), and inspect that.
    QByteArray plain;
    QByteArray block(16 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = sealed.read(plain.size(), block.data(), block.size());
        if (n <= 0)
            break;
        plain.append(block.constData(), n);
    }
    const qint64 fileBytes = QFileInfo(path).size();
    r = inspectOggBytes(plain);
    r.opened = true;
    r.sealed = true;
    // A sealed file is never cut back: its chunks end where the writer flushed, on a page boundary.
    r.fileBytes = r.goodBytes = fileBytes;
    return r;
}

OggInspection inspectOggBytes(const QByteArray &data)
{
    OggInspection r;
    r.fileBytes = data.size();
    const auto *d = reinterpret_cast<const unsigned char *>(data.constData());
    std::int64_t pos = 0;
    std::int64_t page = 0;
    std::vector<unsigned char> header;
    while (pos + 27 <= r.fileBytes) {
        if (std::memcmp(d + pos, "OggS", 4) != 0)
            break;
        const int segments = d[pos + 26];
        if (pos + 27 + segments > r.fileBytes)
            break;
        std::int64_t bodyLen = 0;
        for (int i = 0; i < segments; ++i)
            bodyLen += d[pos + 27 + i];
        const std::int64_t headerLen = 27 + segments;
        if (pos + headerLen + bodyLen > r.fileBytes)
            break; // cut mid-page
        // Verify the CRC on a copy with the checksum field zeroed, as libogg does.
        header.assign(d + pos, d + pos + headerLen);
        std::uint32_t stored = 0;
        std::memcpy(&stored, &header[22], 4);
        ogg_page og;
        og.header = header.data();
        og.header_len = static_cast<long>(headerLen);
        og.body = const_cast<unsigned char *>(d + pos + headerLen);
        og.body_len = static_cast<long>(bodyLen);
        ogg_page_checksum_set(&og);
        std::uint32_t computed = 0;
        std::memcpy(&computed, &header[22], 4);
        if (computed != stored)
            break;
        const unsigned char *body = d + pos + headerLen;
        if (page == 0) {
            if (bodyLen >= 19 && std::memcmp(body, "OpusHead", 8) == 0) {
                r.opusHead = true;
                r.preSkip = body[10] | body[11] << 8;
            }
        } else if (page == 1) {
            readTags(body, bodyLen, &r);
        } else {
            ++r.audioPages;
        }
        const std::int64_t granule = ogg_page_granulepos(&og);
        if (granule >= 0 && page >= 2)
            r.lastGranule = granule;
        r.endOfStream = ogg_page_eos(&og) != 0;
        pos += headerLen + bodyLen;
        r.goodBytes = pos;
        ++page;
    }
    return r;
}

bool truncateToGoodPages(const QString &path, const OggInspection &inspection)
{
    if (inspection.goodBytes >= inspection.fileBytes)
        return true;
    QFile f(path);
    return f.resize(inspection.goodBytes);
}

} // namespace vv::agent
