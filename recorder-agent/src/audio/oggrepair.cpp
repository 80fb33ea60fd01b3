#include "audio/oggrepair.h"

#include <QFile>
#include <cstring>
#include <ogg/ogg.h>
#include <vector>

namespace vv::agent {

OggInspection inspectOggOpus(const QString &path)
{
    OggInspection r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return r;
    r.opened = true;
    const QByteArray data = f.readAll();
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
            const QByteArray tags(reinterpret_cast<const char *>(body), static_cast<int>(bodyLen));
            const int at = tags.indexOf("VIPVAULT_CALL_ID=");
            if (at >= 0 && at >= 4) {
                std::uint32_t len = 0;
                std::memcpy(&len, tags.constData() + at - 4, 4);
                if (len > 17 && at + len <= static_cast<std::uint32_t>(tags.size()))
                    r.callId = QString::fromUtf8(tags.mid(at + 17, static_cast<int>(len) - 17));
            }
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
