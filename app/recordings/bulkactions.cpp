#include "bulkactions.h"

#include "agentclient.h"

#include <QDir>
#include <QFileInfo>

namespace vv::recordings {

BulkCalls::BulkCalls(QList<qint64> ids, Call call, QObject *parent)
    : QObject(parent)
    , m_ids(std::move(ids))
    , m_call(std::move(call))
{}

void BulkCalls::start()
{
    Q_EMIT progress(0, int(m_ids.size()));
    next();
}

void BulkCalls::next()
{
    if (m_cancelled || m_done >= m_ids.size()) {
        Q_EMIT finished(m_succeeded, m_failures);
        return;
    }
    const qint64 id = m_ids.at(m_done);
    net::ApiCall *call = m_call(id, this, [this, id](const net::ApiResult &r) {
        if (r.ok())
            ++m_succeeded;
        else
            m_failures << tr("#%1: %2").arg(id).arg(r.errorString);
        ++m_done;
        Q_EMIT progress(m_done, int(m_ids.size()));
        next();
    });
    if (!call) { // no client any more (signed out): the rest cannot be done either
        for (int i = m_done; i < m_ids.size(); ++i)
            m_failures << tr("#%1: not signed in").arg(m_ids.at(i));
        m_done = int(m_ids.size());
        Q_EMIT finished(m_succeeded, m_failures);
    }
}

BulkExport::BulkExport(net::AgentClient *client, QList<Item> items, QString folder, AudioExport::Format format,
                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_items(std::move(items))
    , m_folder(std::move(folder))
    , m_format(format)
{}

QString BulkExport::freePath(const QString &folder, const QString &name)
{
    const QDir dir(folder);
    QString path = dir.filePath(name);
    const QFileInfo info(name);
    const QString base = info.completeBaseName();
    const QString suffix = info.suffix().isEmpty() ? QString() : u'.' + info.suffix();
    for (int n = 2; QFileInfo::exists(path) || QFileInfo::exists(path + QStringLiteral(".part")); ++n)
        path = dir.filePath(QStringLiteral("%1 (%2)%3").arg(base).arg(n).arg(suffix));
    return path;
}

void BulkExport::start()
{
    Q_EMIT progress(0, int(m_items.size()));
    next();
}

void BulkExport::cancel()
{
    m_cancelled = true;
    if (m_current)
        m_current->cancel(); // its .part is removed; nothing half-written is left
}

void BulkExport::next()
{
    if (m_cancelled || m_done >= m_items.size()) {
        Q_EMIT finished(m_saved, m_failures, m_cancelled);
        return;
    }
    const Item item = m_items.at(m_done);
    auto *exporter = new AudioExport(this);
    exporter->setVaultKey(m_vaultPublic, m_vaultSecret);
    m_current = exporter;
    const QString path = freePath(m_folder, AudioExport::withExtension(item.name, m_format));
    connect(exporter, &AudioExport::finished, this, [this, exporter, item](bool ok, const QString &message) {
        exporter->deleteLater();
        if (ok)
            ++m_saved;
        else if (!m_cancelled)
            m_failures << tr("#%1: %2").arg(item.id).arg(message);
        ++m_done;
        Q_EMIT progress(m_done, int(m_items.size()));
        next();
    });
    if (!m_client || !exporter->start(m_client, item.id, m_format, path)) {
        m_failures << tr("#%1: %2").arg(item.id).arg(m_client ? exporter->error() : tr("not signed in"));
        exporter->deleteLater();
        ++m_done;
        Q_EMIT progress(m_done, int(m_items.size()));
        next();
    }
}

} // namespace vv::recordings
