#include "vault/sortedwalk.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace vv::agent {

SortedFileWalk::SortedFileWalk(const QString &root, const QString &base, const QStringList &nameFilters)
    : m_filters(nameFilters)
{
    QByteArray relative = QDir(base).relativeFilePath(root).toUtf8();
    if (relative == ".")
        relative.clear();
    if (!relative.isEmpty())
        relative += '/';
    push(root, relative);
}

void SortedFileWalk::push(const QString &path, const QByteArray &relative)
{
    Frame frame;
    frame.path = path;
    frame.relative = relative;
    const QDir dir(path);
    if (dir.exists() && !QFileInfo(path).isReadable()) {
        m_failure = path;
        m_stack.clear();
        return;
    }
    // Symbolic links are not followed, as before: a link to elsewhere is not part of the vault.
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Unsorted))
        frame.entries.push_back({name.toUtf8() + '/', name, true});
    for (const QString &name : dir.entryList(m_filters, QDir::Files, QDir::Unsorted))
        frame.entries.push_back({name.toUtf8(), name, false});
    std::sort(frame.entries.begin(), frame.entries.end(), [](const Entry &a, const Entry &b) { return a.key < b.key; });
    m_stack.push_back(std::move(frame));
}

bool SortedFileWalk::next(QByteArray *relative)
{
    while (!m_stack.empty() && m_failure.isEmpty()) {
        Frame &top = m_stack.back();
        if (top.next >= top.entries.size()) {
            m_stack.pop_back();
            continue;
        }
        const Entry &e = top.entries[top.next++];
        if (e.folder) {
            // Copies first: push() may reallocate the stack under `top`.
            const QString path = top.path + QLatin1Char('/') + e.name;
            const QByteArray rel = top.relative + e.key;
            push(path, rel);
            continue;
        }
        *relative = top.relative + e.key;
        return true;
    }
    return false;
}

} // namespace vv::agent
