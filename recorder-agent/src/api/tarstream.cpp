#include "api/tarstream.h"

#include <QFile>
#include <algorithm>
#include <cstring>

namespace vv::agent {

namespace {

void octal(char *field, int width, qint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), std::size_t(width - 1));
    field[width - 1] = '\0';
}

qint64 padding(qint64 size)
{
    return (512 - size % 512) % 512;
}

} // namespace

QByteArray TarStream::header(const QString &name, qint64 size, qint64 mtimeSeconds)
{
    QByteArray h(512, '\0');
    const QByteArray n = name.toUtf8().left(99); // names here are short and ASCII (built by the export)
    std::memcpy(h.data(), n.constData(), std::size_t(n.size()));
    octal(h.data() + 100, 8, 0644);
    octal(h.data() + 108, 8, 0);
    octal(h.data() + 116, 8, 0);
    octal(h.data() + 124, 12, size);
    octal(h.data() + 136, 12, mtimeSeconds);
    std::memset(h.data() + 148, ' ', 8); // the checksum counts its own field as spaces
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    unsigned sum = 0;
    for (const char c : h)
        sum += static_cast<unsigned char>(c);
    octal(h.data() + 148, 7, sum);
    h[155] = ' ';
    return h;
}

void TarStream::addPart(Part p)
{
    p.start = m_end;
    m_end += p.size;
    m_parts.push_back(std::move(p));
}

void TarStream::addBytes(const QString &name, const QByteArray &data, qint64 mtimeSeconds)
{
    addPart({0, 512, header(name, data.size(), mtimeSeconds), {}});
    addPart({0, data.size(), data, {}});
    if (const qint64 pad = padding(data.size()))
        addPart({0, pad, QByteArray(int(pad), '\0'), {}});
}

void TarStream::addFile(const QString &name, const QString &path, qint64 size, qint64 mtimeSeconds)
{
    addPart({0, 512, header(name, size, mtimeSeconds), {}});
    addPart({0, size, {}, path});
    if (const qint64 pad = padding(size))
        addPart({0, pad, QByteArray(int(pad), '\0'), {}});
}

qint64 TarStream::size() const
{
    return m_end + 1024;
}

QByteArray TarStream::read(qint64 offset, qint64 maxBytes) const
{
    if (offset >= m_end)
        return offset < size() ? QByteArray(int(std::min(maxBytes, size() - offset)), '\0') : QByteArray();
    const auto it =
        std::upper_bound(m_parts.begin(), m_parts.end(), offset, [](qint64 o, const Part &p) { return o < p.start; }) -
        1;
    const qint64 within = offset - it->start;
    const qint64 n = std::min(maxBytes, it->size - within);
    if (it->path.isEmpty())
        return it->bytes.mid(int(within), int(n));
    QFile f(it->path);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(within))
        return {};
    const QByteArray chunk = f.read(n);
    return chunk.size() == n ? chunk : QByteArray(); // a file shorter than announced: stop, never send garbage
}

} // namespace vv::agent
