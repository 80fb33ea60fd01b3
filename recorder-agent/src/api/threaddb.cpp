#include "api/threaddb.h"

#include "common/logging.h"
#include "vault/catalogue.h"

#include <QHash>
#include <functional>
#include <memory>
#include <thread>

namespace vv::agent {

Catalogue *threadCatalogue(const QString &path)
{
    // One catalogue connection per (thread, file); opening runs the (idempotent) migrations.
    thread_local QHash<QString, std::shared_ptr<Catalogue>> catalogues;
    auto it = catalogues.find(path);
    if (it != catalogues.end())
        return it->get();
    const QString name = QStringLiteral("api-%1-%2")
                             .arg(qHash(path))
                             .arg(static_cast<qulonglong>(std::hash<std::thread::id>()(std::this_thread::get_id())));
    auto cat = std::make_shared<Catalogue>(name);
    QString error;
    if (!cat->open(path, &error))
        qCCritical(lcApi).noquote() << "API thread cannot open the catalogue:" << error;
    catalogues.insert(path, cat);
    return cat.get();
}

QSqlDatabase threadDatabase(const QString &path)
{
    return threadCatalogue(path)->database();
}

} // namespace vv::agent
